#include "mlsysim/algorithm/scaling.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/text.hpp"
#include "mlsysim/core/error.hpp"

namespace mlsysim::algorithm {

using namespace units;

namespace {
// A time budget is H100-GPU-time: its dense FP16 peak at the utilization the reference assumes.
constexpr double kGpuPeakFlopPerS = 989e12;
constexpr double kGpuUtilization = 0.40;
// Chinchilla (Hoffmann et al., 2022): training costs C = 6·P·D, and the optimum is D = 20·P.
constexpr double kFlopsPerParamToken = 6.0;
constexpr double kTokensPerParam = 20.0;
}  // namespace

ScalingResult scaling(const ScalingInputs& in) {
  check_required(in);
  check_bounds(in);
  const ScalingBudget& budget = *in.compute_budget;
  ScalingResult r;
  if (budget.is<kTime>()) {
    r.compute_budget_flops = budget.si() * kGpuPeakFlopPerS * kGpuUtilization * FLOP;
  } else if (budget.is<kCompute>()) {
    r.compute_budget_flops = budget.si() * FLOP;
    if (budget.unit_factor() != 1.0 && !quiet()) {  // budget.str() builds text
      r.warnings.push_back(fmt::format(
          "compute_budget '{}' is converted to {} flop; the reference reads the magnitude in the "
          "unit given ({} flop)",
          budget.str(), r.compute_budget_flops.in(FLOP), budget.magnitude()));
    }
  } else {
    throw UnitError("compute_budget", ScalingBudget::what_expected("compute_budget") + ", got '" +
                                          budget.str() + "' (" + dimension_name(budget.dim()) +
                                          ")");
  }
  const double c = r.compute_budget_flops.in(FLOP);
  if (!std::isfinite(c)) {
    throw InputError::out_of_range("compute_budget", "a finite number of flop", budget.str());
  }
  if (c < 0.0) {
    throw InputError("input.out_of_range", "compute_budget",
                     fmt::format("compute_budget must be >= 0, got '{}' ({} flop): the "
                                 "compute-optimal size is its square root",
                                 budget.str(), c));
  }

  // The reference tests the target for truthiness: a zero target means "no target".
  const double target = in.target_model_size.value_or(0.0);
  if (in.target_model_size && target == 0.0) {
    detail::note(
        r.warnings,
        "target_model_size 0 counts as no target (as in the reference): compute-optimal sizing");
  }
  if (target > 0.0) {
    r.optimal_parameters = target;
    r.optimal_tokens = c / (kFlopsPerParamToken * target);
  } else {
    r.optimal_parameters = std::sqrt(c / (kFlopsPerParamToken * kTokensPerParam));
    r.optimal_tokens = kTokensPerParam * r.optimal_parameters;
  }
  r.tokens_per_parameter =
      r.optimal_parameters > 0.0 ? r.optimal_tokens / r.optimal_parameters : 0.0;
  return r;
}

}  // namespace mlsysim::algorithm
