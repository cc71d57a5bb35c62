// ParallelismOptimizer: the best (TP, PP, DP) split for training Llama-3.1-70B on the 256-GPU
// Research_256 cluster at a global batch of 256, and the five best splits it found.
#include <cstdio>

#include "mlsysim/optimize/parallelism.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::ms;
  using units::per_s;
  auto zoo = Registry::builtin();
  const optimize::ParallelismResult r = optimize::parallelism(
      {.model = zoo->model("Llama3_70B"), .fleet = zoo->fleet("Research_256"), .batch_size = 256});
  std::printf("splits evaluated: %d\n", r.total_searched);
  std::printf("best split:       tp %d x pp %d x dp %lld\n", r.best_config.tp, r.best_config.pp,
              r.best_config.dp);
  std::printf("MFU proxy:        %.6f\n", r.best_mfu);
  std::printf("step time:        %.2f ms\n", r.best_step_time.in(ms));
  std::printf("throughput:       %.2f samples/s\n", r.best_throughput.in(per_s));
  std::printf("top splits:\n");
  for (const auto& c : r.top_candidates) {
    std::printf("  tp %d x pp %d x dp %3lld   MFU %.6f   step %10.2f ms\n", c.config.tp,
                c.config.pp, c.config.dp, c.mfu, c.step_time.in(ms));
  }
  for (const auto& w : r.warnings) std::printf("warning: %s\n", w.c_str());
}
