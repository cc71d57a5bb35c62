#include "mlsysim/fleet/reliability.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "mlsysim/core/collectives.hpp"

namespace mlsysim::fleet {

using namespace units;

ReliabilityResult reliability(const ReliabilityInputs& in) {
  check_required(in);
  check_bounds(in);
  const Fleet& fleet = *in.fleet;
  const Node& node = *fleet.node;
  ReliabilityResult r;

  // Every node fails when any of its parts does; the fleet when any node does.
  const Seconds node_mtbf =
      collectives::node_mtbf({collectives::kGpuMtbf, 1.0 * node.accelerators_per_node},
                             {collectives::kNicMtbf, 1.0 * node.nics_per_node},
                             {collectives::kPsuMtbf, 1.0 * node.psus_per_node});
  r.fleet_mtbf = collectives::cluster_mtbf(node_mtbf, fleet.count);

  const Seconds job = *in.job_duration_hours * hour;
  if (job < Seconds{}) {
    detail::note(
        r.warnings,
        "job_duration_hours is negative ({}); the failure probability and expected failures "
        "are negative, as in the reference",
        *in.job_duration_hours);
  }
  r.failure_probability = collectives::failure_probability(r.fleet_mtbf, job);
  r.expected_failures = (job / r.fleet_mtbf).value();

  const Seconds checkpoint = in.checkpoint_time_s * s;
  r.optimal_checkpoint_interval = collectives::young_daly_interval(checkpoint, r.fleet_mtbf);
  if (r.optimal_checkpoint_interval > Seconds{}) {
    const double lost = (checkpoint / r.optimal_checkpoint_interval).value() +
                        (in.avg_recovery_time_s * s / r.fleet_mtbf).value();
    r.goodput_ratio = std::max(0.0, 1.0 - lost);
  } else {
    r.goodput_ratio = 0.0;
    detail::note(r.warnings,
                 "checkpoint_time_s is 0, so the optimal checkpoint interval is 0 and the goodput "
                 "is reported as 0, as in the reference");
  }
  return r;
}

}  // namespace mlsysim::fleet
