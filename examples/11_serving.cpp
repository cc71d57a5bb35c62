// ServingModel: Llama-3.1-70B served on one H100 at a 2048-token context, 4 requests per batch.
#include <cstdio>

#include "mlsysim/node/serving.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::GB;
  using units::ms;
  auto zoo = Registry::builtin();
  const node::ServingResult r = node::serving({.model = zoo->model("Llama3_70B"),
                                               .hardware = zoo->hardware("H100"),
                                               .seq_len = 2048,
                                               .batch_size = 4});
  std::printf("TTFT:          %.4f ms\n", r.ttft.in(ms));
  std::printf("ITL:           %.4f ms/token\n", r.itl.in(ms));
  std::printf("KV cache:      %.4f GB\n", r.kv_cache_size.in(GB));
  std::printf("weights:       %.4f GB\n", r.model_weights_size.in(GB));
  std::printf("total memory:  %.4f GB (%.1f%% of the device)\n", r.total_memory_required.in(GB),
              100.0 * r.memory_utilization);
  std::printf("feasible:      %s\n", r.feasible ? "yes" : "no");
  for (const auto& line : r.constraint_trace) std::printf("%s\n", line.c_str());
}
