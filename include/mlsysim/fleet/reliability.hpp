// ReliabilityModel — how often a fleet fails during a job, the optimal checkpoint interval and the
// goodput that is left (Wall 15 Fragility).
//
//   auto zoo = Registry::builtin();
//   auto r = fleet::reliability({.fleet = zoo->fleet("Frontier_8K"), .job_duration_hours = 720});
//   r.fleet_mtbf.in(units::hour);               // 4.185268: one failure every ~4 hours
//   r.optimal_checkpoint_interval.in(units::s);  // 1344.632 (Young-Daly)
//   r.goodput_ratio;                             // 0.935467
//
// 1/MTBF_node = GPUs/50 000 h + NICs/150 000 h + PSUs/100 000 h; MTBF_fleet = MTBF_node / nodes;
// P(fail) = 1 - exp(-T/MTBF_fleet); τ* = √(2·δ·MTBF_fleet);
// goodput = max(0, 1 - δ/τ* - recovery/MTBF_fleet).
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

struct ReliabilityInputs {
  std::shared_ptr<const Fleet> fleet = nullptr;
  std::optional<double> job_duration_hours = std::nullopt;  ///< required
  double checkpoint_time_s = 60.0;
  double avg_recovery_time_s = 300.0;
};

/// The reference's ReliabilityResult.
struct ReliabilityResult {
  std::vector<std::string> constraint_trace;
  units::Seconds fleet_mtbf;
  double failure_probability = 0.0;
  units::Seconds optimal_checkpoint_interval;
  double expected_failures = 0.0;
  double goodput_ratio = 1.0;
  std::vector<std::string> warnings;
};

/// ReliabilityModel.solve. Throws InputError for bad inputs (a negative checkpoint or recovery
/// time); a negative job duration is accepted as in the reference, with a warning.
[[nodiscard]] ReliabilityResult reliability(const ReliabilityInputs& in);

}  // namespace mlsysim::fleet

namespace mlsysim {

template <>
struct Describe<fleet::ReliabilityInputs> {
  static constexpr auto fields() {
    using I = fleet::ReliabilityInputs;
    return std::tuple{
        field("fleet", &I::fleet,
              "the cluster: a registry name (Systems.Clusters.*) or an ad-hoc fleet object",
              {.required = true}),
        field("job_duration_hours", &I::job_duration_hours,
              "length of the job in hours (negative values are accepted, as in the reference)",
              {.required = true}),
        field("checkpoint_time_s", &I::checkpoint_time_s,
              "seconds to write one checkpoint (δ); 0 gives goodput 0", {.min = 0.0}),
        field("avg_recovery_time_s", &I::avg_recovery_time_s, "seconds to restart after a failure",
              {.min = 0.0}),
    };
  }
};

template <>
struct Describe<fleet::ReliabilityResult> {
  static constexpr auto fields() {
    using R = fleet::ReliabilityResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "empty: this model has no constraint"),
        field("fleet_mtbf", &R::fleet_mtbf, hour,
              "mean time between failures of the whole fleet: node MTBF / nodes"),
        field("failure_probability", &R::failure_probability,
              "probability of at least one failure during the job: 1 - exp(-T/MTBF)"),
        field("optimal_checkpoint_interval", &R::optimal_checkpoint_interval, s,
              "Young-Daly interval √(2 · checkpoint time · MTBF)"),
        field("expected_failures", &R::expected_failures, "failures expected during the job"),
        field("goodput_ratio", &R::goodput_ratio,
              "useful fraction: 1 - δ/τ* - recovery/MTBF, at least 0 (0 when τ* = 0)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
