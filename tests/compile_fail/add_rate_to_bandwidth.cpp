// Adding a compute rate to a bandwidth must not compile: FLOP and bytes are different dimensions.
// expect-error: no match for .*operator\+
#include "mlsysim/units/units.hpp"

int main() {
  using namespace mlsysim::units;
  const FlopRate peak = 989.0 * TFLOP_per_s;
  const Bandwidth bw = 3.35 * TB_per_s;
#ifdef MLSYSIM_COMPILE_FAIL
  auto nonsense = peak + bw;
  (void)nonsense;
#endif
  return peak.in(TFLOP_per_s) > 0 && bw.in(TB_per_s) > 0 ? 0 : 1;
}
