// TransformationModel: 256 images of 500 KB decoded at 2 GB/s against a 50 ms accelerator step.
#include <cstdio>

#include "mlsysim/data/transformation.hpp"

int main() {
  using namespace mlsysim;
  using namespace mlsysim::units;
  for (const double cpu_gbs : {2.0, 4.0}) {
    const data::TransformationResult r = data::transformation({.batch_size = 256,
                                                               .sample_size_bytes = 500.0 * KB,
                                                               .cpu_throughput = cpu_gbs * GB_per_s,
                                                               .accelerator_step_time = 50.0 * ms});
    std::printf("CPU at %.0f GB/s: transform %.2f ms vs step %.2f ms -> %s\n", cpu_gbs,
                r.transform_time.in(ms), r.accelerator_step_time.in(ms),
                r.is_bottleneck ? "CPU-bound" : "accelerator-bound");
    std::printf("  accelerator utilization %.5f, slowdown %.4fx\n", r.accelerator_utilization,
                r.slowdown_factor);
  }
}
