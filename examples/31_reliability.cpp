// ReliabilityModel: a 30-day (720 h) training job on Frontier_8K (1024 DGX-H100 nodes) and on
// Research_256 (32 nodes), with 60 s checkpoints and 300 s recoveries.
#include <cstdio>

#include "mlsysim/fleet/reliability.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::hour;
  using units::s;
  auto zoo = Registry::builtin();
  for (const char* name : {"Frontier_8K", "Research_256"}) {
    const fleet::ReliabilityResult r =
        fleet::reliability({.fleet = zoo->fleet(name), .job_duration_hours = 720.0});
    std::printf("%s, 720 h job\n", name);
    std::printf("  fleet MTBF:          %.6f h\n", r.fleet_mtbf.in(hour));
    std::printf("  P(failure):          %.6f\n", r.failure_probability);
    std::printf("  expected failures:   %.3f\n", r.expected_failures);
    std::printf("  checkpoint interval: %.3f s (Young-Daly)\n",
                r.optimal_checkpoint_interval.in(s));
    std::printf("  goodput:             %.6f\n", r.goodput_ratio);
  }
}
