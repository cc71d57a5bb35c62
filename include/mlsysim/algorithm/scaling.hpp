// ScalingModel — Chinchilla compute-optimal model and data size for a compute budget (Wall 11
// Complexity).
//
//   auto r = algorithm::scaling({.compute_budget = ScalingBudget{1e23, units::FLOP}});
//   r.optimal_parameters;    // 2.88675e10: parameters
//   r.optimal_tokens;        // 5.77350e11: training tokens (20 per parameter)
//   algorithm::scaling({.compute_budget = ScalingBudget{1000.0, units::day}});  // H100-GPU-days
//
// C = 6·P·D with D = 20·P, so P* = √(C/120) and D* = 20·P*; with a target size P, D* = C/(6·P).
// A time budget means H100-GPU-days: C = seconds × 989 TFLOP/s × 40 % utilization.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/units/any_quantity.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::algorithm {

/// A compute budget: a FLOP count, or a time read as H100-GPU-days (GPU-time).
using ScalingBudget = units::AnyQuantityOf<units::kCompute, units::kTime>;

struct ScalingInputs {
  std::optional<ScalingBudget> compute_budget{};  ///< required
  std::optional<double> target_model_size{};      ///< parameters; none (or 0) = compute-optimal
};

/// The reference's ScalingResult.
struct ScalingResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  double optimal_parameters = 0.0;
  double optimal_tokens = 0.0;
  units::Flops compute_budget_flops;
  double tokens_per_parameter = 0.0;
  std::vector<std::string> warnings;
};

/// ScalingModel.solve. Throws InputError for a missing, negative or non-finite budget, a budget of
/// another dimension than compute or time, and a negative target size.
[[nodiscard]] ScalingResult scaling(const ScalingInputs& in);

}  // namespace mlsysim::algorithm

namespace mlsysim {

template <>
struct Describe<algorithm::ScalingInputs> {
  static constexpr auto fields() {
    using I = algorithm::ScalingInputs;
    return std::tuple{
        field("compute_budget", &I::compute_budget,
              "training compute: a FLOP count ('1e23 flop', '5 ZFLOP'), or a time read as "
              "H100-GPU-days at 40 % of 989 TFLOP/s ('1000 day')",
              {.min = 0.0, .required = true}),
        field("target_model_size", &I::target_model_size,
              "fixed parameter count: solve for the tokens instead (0 means none, as in the "
              "reference)",
              {.min = 0.0}),
    };
  }
};

template <>
struct Describe<algorithm::ScalingResult> {
  static constexpr auto fields() {
    using R = algorithm::ScalingResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("optimal_parameters", &R::optimal_parameters,
              "parameters: √(C/120), or the target size"),
        field("optimal_tokens", &R::optimal_tokens,
              "training tokens: 20 per parameter, or C/(6·P) for a target size"),
        field("compute_budget_flops", &R::compute_budget_flops, FLOP,
              "the budget C in FLOP (time budgets converted at 989 TFLOP/s x 0.40)"),
        field("tokens_per_parameter", &R::tokens_per_parameter,
              "optimal_tokens / optimal_parameters (0 when there are no parameters)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
