// Passing a bandwidth where a time is expected must not compile.
// expect-error: conversion from .*Quantity.* to non-scalar type .*Quantity.* requested|could not
// convert
#include "mlsysim/units/units.hpp"

namespace {
double in_ms(mlsysim::units::Seconds t) { return t.in(mlsysim::units::ms); }
}  // namespace

int main() {
  using namespace mlsysim::units;
  const Seconds latency = 5.0 * ms;
#ifdef MLSYSIM_COMPILE_FAIL
  const Seconds wrong = 3.35 * TB_per_s;
  (void)wrong;
#endif
  return in_ms(latency) > 0 ? 0 : 1;
}
