// Money is its own dimension: comparing dollars with joules must not compile.
// expect-error: no match for .*operator<|invalid operands
#include "mlsysim/units/units.hpp"

int main() {
  using namespace mlsysim::units;
  const Usd cost = 30000.0 * USD;
  const Joules energy = 1.0 * kWh;
#ifdef MLSYSIM_COMPILE_FAIL
  const bool b = cost < energy;
  (void)b;
#endif
  return cost.in(USD) > 0 && energy.in(J) > 0 ? 0 : 1;
}
