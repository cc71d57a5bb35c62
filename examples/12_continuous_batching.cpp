// ContinuousBatchingModel: Llama-3.1-8B on an H100 with PagedAttention, 2048-token requests and a
// scheduler that runs at most 64 at once.
#include <cstdio>

#include "mlsysim/node/continuous_batching.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const node::ContinuousBatchingResult r =
      node::continuous_batching({.model = zoo->model("Llama3_8B"),
                                 .hardware = zoo->hardware("H100"),
                                 .seq_len = 2048,
                                 .max_batch_size = 64});
  std::printf("active requests:    %d\n", r.max_active_requests);
  std::printf("paged KV cache:     %.4f GB\n", r.paged_kv_cache_size.in(units::GB));
  std::printf("fragmentation:      %.4f (fraction)\n", r.memory_fragmentation_pct);
  std::printf("decode step (ITL):  %.4f ms\n", r.itl.in(units::ms));
  std::printf("throughput:         %.1f tokens/s\n", r.throughput_tokens_per_sec);
  std::printf("vs static batching: %.3fx\n", r.speedup_vs_static);
  std::printf("prefill (TTFT):     %.1f ms\n", r.ttft.in(units::ms));
  for (const auto& line : r.constraint_trace) std::printf("%s\n", line.c_str());
}
