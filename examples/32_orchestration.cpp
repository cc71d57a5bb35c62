// OrchestrationModel: a shared research cluster that runs one job at a time; 0.4 jobs arrive per
// day and each runs for 2 days. Then the arrival rate at which the queue stops being stable.
#include <cstdio>

#include "mlsysim/fleet/orchestration.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::day;
  auto zoo = Registry::builtin();
  for (double lambda : {0.4, 0.5}) {
    const fleet::OrchestrationResult r = fleet::orchestration({.fleet = zoo->fleet("Research_256"),
                                                               .arrival_rate_jobs_per_day = lambda,
                                                               .avg_job_duration_days = 2.0});
    std::printf("%.1f jobs/day, 2-day jobs\n", lambda);
    std::printf("  utilization:  %.3f\n", r.cluster_utilization);
    std::printf("  mean wait:    %.3f days\n", r.avg_wait_time_days.in(day));
    std::printf("  queue length: %.3f jobs\n", r.avg_queue_length);
    std::printf("  stable:       %s\n", r.is_stable ? "yes" : "no");
  }
}
