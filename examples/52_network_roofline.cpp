// NetworkRooflineModel: is data-parallel training of Llama-3.1-70B on Frontier_8K network-bound?
#include <cstdio>

#include "mlsysim/analysis/network_roofline.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using namespace mlsysim::units;
  auto zoo = Registry::builtin();
  const node::PerformanceProfile p = analysis::network_roofline(
      {.model = zoo->model("Llama3_70B"), .fleet = zoo->fleet("Frontier_8K")});
  std::printf("compute time   %.6f ms\n", p.latency_compute.in(ms));
  std::printf("network time   %.1f ms (%.1f GB synchronized at %.1f GB/s)\n",
              p.latency_memory.in(ms), p.memory_footprint.in(GB), p.peak_bw_actual.in(GB_per_s));
  std::printf("intensity      %.2f flop/B\n", p.arithmetic_intensity.in(FLOP_per_B));
  std::printf("bottleneck     %s\n", p.bottleneck.c_str());
  std::printf("%s\n", p.constraint_trace.front().c_str());
}
