#include "mlsysim/node/tail_latency.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "mlsysim/core/formulas.hpp"

namespace mlsysim::node {

using namespace units;

namespace {
constexpr double kSloMultiple = 5.0;  // the SLO threshold, in multiples of the service latency
constexpr double kMsPerS = 1000.0;    // ms in one second
}  // namespace

TailLatencyResult tail_latency(const TailLatencyInputs& in) {
  check_required(in);
  check_bounds(in);
  const double arrival_rate = *in.arrival_rate_qps;
  const double service_ms = *in.service_latency_ms;
  const double cv = in.service_time_cv;
  TailLatencyResult r;
  if (in.num_replicas < 1) {
    detail::note(r.warnings,
                 "num_replicas {} is below 1; computed with 1 replica, as the reference does",
                 in.num_replicas);
  }

  const double service_rate = service_ms > 0.0 ? kMsPerS / service_ms : 0.0;
  const formulas::QueueWaits q = formulas::mmc_queue(arrival_rate, service_rate, in.num_replicas);
  Seconds p50_wait = q.p50_wait;
  Seconds p99_wait = q.p99_wait;
  // Kingman's correction approximates M/G/c from M/M/c: waits scale with (cv² + 1) / 2.
  if (cv != 1.0) {
    const double kingman = (cv * cv + 1.0) / 2.0;
    p50_wait *= kingman;
    p99_wait *= kingman;
  }

  r.is_stable = q.utilization < 1.0;
  const double threshold_ms = service_ms * kSloMultiple;
  const double p99_wait_ms = p99_wait.in(ms);
  double headroom = 1.0;
  if (r.is_stable) headroom = threshold_ms > 0.0 ? p99_wait_ms / threshold_ms : 0.0;
  headroom = std::max(0.0, headroom);

  r.p50_latency = (p50_wait.in(ms) + service_ms) * ms;
  r.p99_latency = (p99_wait_ms + service_ms) * ms;
  r.queue_utilization = q.utilization;
  r.slo_headroom_ratio = headroom;
  r.slo_violation_probability = headroom;
  return r;
}

}  // namespace mlsysim::node
