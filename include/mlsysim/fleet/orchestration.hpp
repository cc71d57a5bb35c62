// OrchestrationModel — queueing on a shared cluster that runs one job at a time (M/D/1, Wall 16
// Multi-tenant).
//
//   auto zoo = Registry::builtin();
//   auto r = fleet::orchestration({.fleet = zoo->fleet("Research_256"),
//                                  .arrival_rate_jobs_per_day = 0.4,
//                                  .avg_job_duration_days = 2.0});
//   r.cluster_utilization;                 // 0.8
//   r.avg_wait_time_days.in(units::day);   // 4.0
//
// μ = 1/duration, ρ = λ/μ; when ρ < 1: W = ρ / (2μ(1 - ρ)), L_q = ρ² / (2(1 - ρ)); otherwise the
// queue grows without bound (W = L_q = ∞).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::fleet {

struct OrchestrationInputs {
  std::shared_ptr<const Fleet> fleet = nullptr;  ///< required, but unused (as in the reference)
  std::optional<double> arrival_rate_jobs_per_day = std::nullopt;  ///< required: λ
  std::optional<double> avg_job_duration_days = std::nullopt;      ///< required: 1/μ
};

/// The reference's OrchestrationResult.
struct OrchestrationResult {
  std::vector<std::string> constraint_trace;
  double cluster_utilization = 0.0;
  units::Seconds avg_wait_time_days;
  double avg_queue_length = 0.0;
  bool is_stable = true;
  std::vector<std::string> warnings;
};

/// OrchestrationModel.solve. Throws InputError for a zero job duration; an overloaded cluster
/// (ρ >= 1) is a result with is_stable = false and infinite waits.
[[nodiscard]] OrchestrationResult orchestration(const OrchestrationInputs& in);

}  // namespace mlsysim::fleet

namespace mlsysim {

template <>
struct Describe<fleet::OrchestrationInputs> {
  static constexpr auto fields() {
    using I = fleet::OrchestrationInputs;
    return std::tuple{
        field("fleet", &I::fleet,
              "the shared cluster (required, but the queue does not depend on it, as in the "
              "reference)",
              {.required = true}),
        field("arrival_rate_jobs_per_day", &I::arrival_rate_jobs_per_day,
              "jobs submitted per day (λ)", {.required = true}),
        field("avg_job_duration_days", &I::avg_job_duration_days,
              "days one job holds the whole cluster (1/μ); must not be 0", {.required = true}),
    };
  }
};

template <>
struct Describe<fleet::OrchestrationResult> {
  static constexpr auto fields() {
    using R = fleet::OrchestrationResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "empty: this model has no constraint"),
        field("cluster_utilization", &R::cluster_utilization,
              "ρ = λ · duration (may exceed 1: overloaded)"),
        field("avg_wait_time_days", &R::avg_wait_time_days, day,
              "mean wait in the queue: ρ / (2μ(1 - ρ)), ∞ when ρ >= 1"),
        field("avg_queue_length", &R::avg_queue_length,
              "mean jobs waiting: ρ² / (2(1 - ρ)), ∞ when ρ >= 1"),
        field("is_stable", &R::is_stable, "ρ < 1: the queue stays bounded"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
