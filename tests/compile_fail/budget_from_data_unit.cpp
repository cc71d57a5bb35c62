// A compute-or-time quantity built from a compile-time data unit must not compile: bytes are
// neither compute nor time, so the constructor's constraint rejects GB.
// expect-error: no matching function for call to .*AnyQuantityOf
#include "mlsysim/units/any_quantity.hpp"
#include "mlsysim/units/units.hpp"

int main() {
  using namespace mlsysim::units;
  const AnyQuantityOf<kCompute, kTime> budget{1000.0, day};
#ifdef MLSYSIM_COMPILE_FAIL
  const AnyQuantityOf<kCompute, kTime> nonsense{5.0, GB};
  (void)nonsense;
#endif
  return budget.is<kTime>() ? 0 : 1;
}
