// ResponsibleEngineeringModel — what differential privacy and subgroup fairness cost in training
// time and data (Wall 20 Safety).
//
//   auto r = ops::responsible_engineering(
//       {.base_training_time = units::Stated<units::kTime>::of(100.0, units::hour),
//        .epsilon = 1.0});
//   r.dp_slowdown_factor;                 // 3.0: DP-SGD at privacy budget ε = 1
//   r.effective_training_time.magnitude;  // 300 (in the input's unit, h)
//   r.additional_data_requirement;        // 100: data multiple to see a 1 % subgroup
//
// slowdown = 1 + 2 / max(ε, 0.01); effective time = base time · slowdown;
// data factor = 1 / max(min_subgroup_prevalence, 1e-6).
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/units/stated.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::ops {

struct ResponsibleEngineeringInputs {
  std::optional<units::Stated<units::kTime>> base_training_time =
      std::nullopt;  ///< required, any time unit
  double epsilon = 1.0;
  double delta = 1e-5;
  double min_subgroup_prevalence = 0.01;
};

/// The reference's ResponsibleEngineeringResult.
struct ResponsibleEngineeringResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  double dp_slowdown_factor = 1.0;
  units::Stated<units::kTime> effective_training_time;  ///< in the unit the base time was given
  double additional_data_requirement = 1.0;
  double epsilon = 0.0;
  double delta = 0.0;
  double min_subgroup_prevalence = 0.0;
  double privacy_cost_ratio = 1.0;
  double fairness_data_ratio = 1.0;
  std::vector<std::string> warnings;
};

/// ResponsibleEngineeringModel.solve. Throws InputError for bad inputs.
[[nodiscard]] ResponsibleEngineeringResult responsible_engineering(
    const ResponsibleEngineeringInputs& in);

}  // namespace mlsysim::ops

namespace mlsysim {

template <>
struct Describe<ops::ResponsibleEngineeringInputs> {
  static constexpr auto fields() {
    using I = ops::ResponsibleEngineeringInputs;
    using namespace units;
    return std::tuple{
        field("base_training_time", &I::base_training_time, hour,
              "training time without privacy, in any time unit (the result keeps that unit)",
              {.required = true}),
        field("epsilon", &I::epsilon,
              "differential-privacy budget ε (values below 0.01 count as 0.01, with a warning)"),
        field("delta", &I::delta, "differential-privacy δ (echoed only)", {.min = 0.0, .max = 1.0}),
        field("min_subgroup_prevalence", &I::min_subgroup_prevalence,
              "share of the rarest subgroup that must be represented (values below 1e-6 count as "
              "1e-6)",
              {.min = 0.0, .max = 1.0}),
    };
  }
};

template <>
struct Describe<ops::ResponsibleEngineeringResult> {
  static constexpr auto fields() {
    using R = ops::ResponsibleEngineeringResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("dp_slowdown_factor", &R::dp_slowdown_factor,
              "DP-SGD training slowdown: 1 + 2 / max(ε, 0.01)"),
        field("effective_training_time", &R::effective_training_time, hour,
              "base_training_time x slowdown, in the unit base_training_time was given in"),
        field("additional_data_requirement", &R::additional_data_requirement,
              "data multiple to represent the rarest subgroup: 1 / max(prevalence, 1e-6)"),
        field("epsilon", &R::epsilon, "the privacy budget, echoed"),
        field("delta", &R::delta, "δ, echoed"),
        field("min_subgroup_prevalence", &R::min_subgroup_prevalence, "the prevalence, echoed"),
        field("privacy_cost_ratio", &R::privacy_cost_ratio, "the slowdown factor again"),
        field("fairness_data_ratio", &R::fairness_data_ratio, "the data multiple again"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
