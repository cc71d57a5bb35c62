// DistributedModel: one training step of Llama-3.1-70B on Frontier_8K (1024 DGX-H100 nodes,
// InfiniBand NDR), global batch 2048, tensor parallel 8, pipeline parallel 4 with 16
// micro-batches; then the same step with the data-parallel all-reduce overlapped, and
// Llama-3.1-8B with pure data parallelism on Research_256 (100 GbE).
#include <cstdio>

#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {
void print(const char* title, const mlsysim::fleet::DistributedResult& r) {
  using mlsysim::units::ms;
  using mlsysim::units::per_s;
  std::printf("%s\n", title);
  std::printf("  split:              dp %lld x tp %d x pp %d x ep %d\n", r.parallelism.dp,
              r.parallelism.tp, r.parallelism.pp, r.parallelism.ep);
  std::printf("  node step:          %.3f ms (%s)\n", r.node_profile.latency.in(ms),
              r.node_profile.feasible ? "fits" : "does not fit: offloaded");
  std::printf("  DP all-reduce:      %.3f ms\n", r.dp_communication_latency.in(ms));
  std::printf("  TP all-reduces:     %.3f ms\n", r.tp_communication_latency.in(ms));
  std::printf("  pipeline bubble:    %.6f (%.3f ms)\n", r.bubble_fraction,
              r.pipeline_bubble_latency.in(ms));
  std::printf("  step:               %.3f ms\n", r.step_latency_total.in(ms));
  std::printf("  scaling efficiency: %.6f\n", r.scaling_efficiency);
  std::printf("  throughput:         %.1f samples/s\n", r.effective_throughput.in(per_s));
}
}  // namespace

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  fleet::DistributedInputs in{.model = zoo->model("Llama3_70B"),
                              .fleet = zoo->fleet("Frontier_8K"),
                              .batch_size = 2048,
                              .tp_size = 8,
                              .pp_size = 4,
                              .microbatch_count = 16};
  print("Llama-3.1-70B on Frontier_8K", fleet::distributed(in));
  in.overlap_comm = true;
  print("... with overlap_comm (85% of the DP all-reduce hidden)", fleet::distributed(in));
  print("Llama-3.1-8B on Research_256, batch 256",
        fleet::distributed({.model = zoo->model("Llama3_8B"),
                            .fleet = zoo->fleet("Research_256"),
                            .batch_size = 256}));
}
