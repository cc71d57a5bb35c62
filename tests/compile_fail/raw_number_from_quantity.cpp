// A dimensioned value never silently becomes a raw number: only q.in(unit) reads it.
// expect-error: cannot convert|no matching function|constraints not satisfied
#include "mlsysim/units/units.hpp"

int main() {
  using namespace mlsysim::units;
  const Bytes weights = 16.06 * GB;
#ifdef MLSYSIM_COMPILE_FAIL
  const double raw = weights.value();  // value() exists only for dimensionless quantities
  (void)raw;
#endif
  return weights.in(GB) > 0 ? 0 : 1;
}
