// Per-call cost of the node resolvers beyond the Engine (target: about 1 µs each), on the
// realistic cases of their docs pages.
#include <benchmark/benchmark.h>

#include "mlsysim/core/quiet.hpp"
#include "mlsysim/node/continuous_batching.hpp"
#include "mlsysim/node/efficiency.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/node/tail_latency.hpp"
#include "mlsysim/node/weight_streaming.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_EfficiencyModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::EfficiencyInputs in{.model = zoo->model("Llama3_8B"),
                                  .hardware = zoo->hardware("H100"),
                                  .workload_type = "attention",
                                  .use_flash_attention = true};
  for (auto _ : state) {
    auto r = node::efficiency(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EfficiencyModel);

void BM_ServingModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::ServingInputs in{.model = zoo->model("Llama3_70B"),
                               .hardware = zoo->hardware("H100"),
                               .seq_len = 2048,
                               .batch_size = 4};
  for (auto _ : state) {
    auto r = node::serving(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ServingModel);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_ServingModelQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_ServingModel(state);
}
BENCHMARK(BM_ServingModelQuiet);

// Disaggregated prefill/decode plus a speculative draft model: every option on.
void BM_ServingModelSpeculative(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::ServingInputs in{.model = zoo->model("Llama3_70B"),
                               .hardware = zoo->hardware("H100"),
                               .seq_len = 2048,
                               .decode_hardware = zoo->hardware("H200"),
                               .draft_model = zoo->model("Llama3_8B"),
                               .cached_prefix_len = 1024};
  for (auto _ : state) {
    auto r = node::serving(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ServingModelSpeculative);

void BM_ContinuousBatchingModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::ContinuousBatchingInputs in{.model = zoo->model("Llama3_8B"),
                                          .hardware = zoo->hardware("H100"),
                                          .seq_len = 2048,
                                          .max_batch_size = 64};
  for (auto _ : state) {
    auto r = node::continuous_batching(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ContinuousBatchingModel);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_ContinuousBatchingModelQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_ContinuousBatchingModel(state);
}
BENCHMARK(BM_ContinuousBatchingModelQuiet);

void BM_WeightStreamingModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::WeightStreamingInputs in{.model = zoo->model("Llama3_70B"),
                                       .hardware = zoo->hardware("Cerebras_CS3"),
                                       .seq_len = 2048};
  for (auto _ : state) {
    auto r = node::weight_streaming(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_WeightStreamingModel);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_WeightStreamingModelQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_WeightStreamingModel(state);
}
BENCHMARK(BM_WeightStreamingModelQuiet);

void BM_TailLatencyModel(benchmark::State& state) {
  const node::TailLatencyInputs in{
      .arrival_rate_qps = 300.0, .service_latency_ms = 10.0, .num_replicas = 4};
  for (auto _ : state) {
    auto r = node::tail_latency(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_TailLatencyModel);

// A large pool: the Erlang-C sum runs over every replica.
void BM_TailLatencyModel256Replicas(benchmark::State& state) {
  const node::TailLatencyInputs in{
      .arrival_rate_qps = 20000.0, .service_latency_ms = 10.0, .num_replicas = 256};
  for (auto _ : state) {
    auto r = node::tail_latency(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_TailLatencyModel256Replicas);

}  // namespace
