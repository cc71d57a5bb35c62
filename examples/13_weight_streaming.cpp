// WeightStreamingModel: Llama-3.1-70B decoding on a Cerebras CS-3, 2048-token context, one
// sequence: each layer's weights stream in over the 1.2 TB/s MemoryX link.
#include <cstdio>

#include "mlsysim/node/weight_streaming.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const node::WeightStreamingResult r =
      node::weight_streaming({.model = zoo->model("Llama3_70B"),
                              .hardware = zoo->hardware("Cerebras_CS3"),
                              .seq_len = 2048});
  std::printf("bottleneck:          %s\n", r.bottleneck.c_str());
  std::printf("layer injection:     %.6f ms\n", r.layer_injection_time.in(units::ms));
  std::printf("layer compute:       %.6f ms\n", r.layer_compute_time.in(units::ms));
  std::printf("throughput:          %.4f tokens/s\n", r.throughput_tokens_per_sec);
  std::printf("balanced batch size: %lld\n", r.optimal_batch_size);
  std::printf("SRAM utilization:    %.6f\n", r.wafer_memory_utilization);
  for (const auto& line : r.constraint_trace) std::printf("%s\n", line.c_str());
}
