// BatchingOptimizer: the largest batch of Llama-3.1-8B on one H100 (128-token requests, 20
// requests/s) whose P99 latency stays under 10 s; then the same with a 5 s SLA, which no batch
// meets.
#include <cstdio>

#include "mlsysim/optimize/batching.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {
void print(const char* title, const mlsysim::optimize::BatchingResult& r) {
  std::printf("%s\n", title);
  std::printf("  feasible:          %s\n", r.is_feasible ? "yes" : "no");
  std::printf("  best batch:        %d (of 1..%d)\n", r.best_batch_size, r.total_searched);
  std::printf("  P99 latency:       %.2f ms\n", r.p99_latency.in(mlsysim::units::ms));
  std::printf("  P99 wait / SLO:    %.5f\n", r.slo_violation_probability);
  std::printf("  max throughput:    %.0f tokens/s\n", r.max_throughput);
  for (const auto& w : r.warnings) std::printf("  warning: %s\n", w.c_str());
}
}  // namespace

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  optimize::BatchingInputs in{.model = zoo->model("Llama3_8B"),
                              .hardware = zoo->hardware("H100"),
                              .seq_len = 128,
                              .sla_latency_ms = 10000.0,
                              .arrival_rate_qps = 20.0};
  print("SLA 10 s:", optimize::batching(in));
  in.sla_latency_ms = 5000.0;
  print("SLA 5 s:", optimize::batching(in));
}
