// The single-accelerator roofline: Llama-3.1-8B decoding on an H100, at batch 1 and batch 32.
#include <cstdio>

#include "mlsysim/node/engine.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using namespace mlsysim::units;
  const auto zoo = Registry::builtin();
  for (int batch : {1, 32}) {
    const node::PerformanceProfile p = node::solve(
        {.model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100"), .batch_size = batch});
    std::printf("batch %2d: %.4f ms per step (%s-bound), %.1f samples/s, MFU %.2f %%\n", batch,
                p.latency.in(ms), p.bottleneck.c_str(), p.throughput.in(per_s), 100.0 * p.mfu);
  }
  // Llama-3.1-70B does not fit in 80 GiB: the result says so instead of throwing.
  const node::PerformanceProfile big =
      node::solve({.model = zoo->model("Llama3_70B"), .hardware = zoo->hardware("H100")});
  std::printf("70B: feasible=%s, %.1f GB spill over %.0f GB/s -> %.1f ms per step\n",
              big.feasible ? "true" : "false", big.offload_spill_bytes->in(GB),
              big.offload_effective_bw->in(GB_per_s), big.latency.in(ms));
}
