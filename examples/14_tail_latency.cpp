// TailLatencyModel: 300 requests/s spread over 4 replicas that each serve a request in 10 ms on
// average (an M/M/4 queue at 75 % load).
#include <cstdio>

#include "mlsysim/node/tail_latency.hpp"

int main() {
  using namespace mlsysim;
  const node::TailLatencyResult r = node::tail_latency(
      {.arrival_rate_qps = 300.0, .service_latency_ms = 10.0, .num_replicas = 4});
  std::printf("utilization:  %.2f (%s)\n", r.queue_utilization,
              r.is_stable ? "stable" : "unstable");
  std::printf("P50 latency:  %.4f ms\n", r.p50_latency.in(units::ms));
  std::printf("P99 latency:  %.4f ms\n", r.p99_latency.in(units::ms));
  std::printf("SLO headroom: %.4f (P99 wait / 50 ms; above 1 violates the SLO)\n",
              r.slo_headroom_ratio);
}
