#include "mlsysim/ops/responsible_engineering.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace mlsysim::ops {

namespace {
constexpr double kDpSgdSlowdownCoefficient = 2.0;  // DP_SGD_SLOWDOWN_COEFFICIENT
constexpr double kMinEpsilon = 0.01;               // smaller budgets count as this
constexpr double kMinPrevalence = 1e-6;            // smaller prevalences count as this
}  // namespace

ResponsibleEngineeringResult responsible_engineering(const ResponsibleEngineeringInputs& in) {
  check_required(in);
  check_bounds(in);
  const units::Stated<units::kTime>& base = *in.base_training_time;
  ResponsibleEngineeringResult r;
  if (base.q < units::Seconds{}) {
    detail::note(
        r.warnings,
        "base_training_time is negative ({} {}): the effective time comes out negative, as in the "
        "reference",
        base.magnitude, base.unit);
  }
  if (in.epsilon < kMinEpsilon) {
    detail::note(
        r.warnings,
        "epsilon {} is below {}: the slowdown is computed at epsilon = {}, as in the reference",
        in.epsilon, kMinEpsilon, kMinEpsilon);
  }
  if (in.min_subgroup_prevalence < kMinPrevalence) {
    detail::note(
        r.warnings,
        "min_subgroup_prevalence {} is below {}: the data factor is computed at {}, as in the "
        "reference",
        in.min_subgroup_prevalence, kMinPrevalence, kMinPrevalence);
  }

  r.dp_slowdown_factor = 1.0 + kDpSgdSlowdownCoefficient / std::max(in.epsilon, kMinEpsilon);
  r.effective_training_time = {base.q * r.dp_slowdown_factor, base.magnitude * r.dp_slowdown_factor,
                               base.unit_factor, base.unit};
  r.additional_data_requirement = 1.0 / std::max(in.min_subgroup_prevalence, kMinPrevalence);
  r.epsilon = in.epsilon;
  r.delta = in.delta;
  r.min_subgroup_prevalence = in.min_subgroup_prevalence;
  r.privacy_cost_ratio = r.dp_slowdown_factor;
  r.fairness_data_ratio = r.additional_data_requirement;
  return r;
}

}  // namespace mlsysim::ops
