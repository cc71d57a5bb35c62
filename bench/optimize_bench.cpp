// Per-call cost of the legacy optimizers on the realistic cases of their docs pages. Each is a
// search over another resolver: ParallelismOptimizer runs DistributedModel once per split (27
// here), BatchingOptimizer runs ServingModel + TailLatencyModel per batch tried, and
// PlacementOptimizer runs EconomicsModel once per region.
#include <benchmark/benchmark.h>

#include "mlsysim/core/quiet.hpp"
#include "mlsysim/optimize/batching.hpp"
#include "mlsysim/optimize/parallelism.hpp"
#include "mlsysim/optimize/placement.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_ParallelismOptimizer(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const optimize::ParallelismInputs in{
      .model = zoo->model("Llama3_70B"), .fleet = zoo->fleet("Research_256"), .batch_size = 256};
  for (auto _ : state) {
    auto r = optimize::parallelism(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ParallelismOptimizer);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_ParallelismOptimizerQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_ParallelismOptimizer(state);
}
BENCHMARK(BM_ParallelismOptimizerQuiet);

// The SLA holds at the top of the grid: one evaluation.
void BM_BatchingOptimizer(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const optimize::BatchingInputs in{.model = zoo->model("Llama3_8B"),
                                    .hardware = zoo->hardware("H100"),
                                    .seq_len = 128,
                                    .sla_latency_ms = 10000.0,
                                    .arrival_rate_qps = 20.0};
  for (auto _ : state) {
    auto r = optimize::batching(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_BatchingOptimizer);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_BatchingOptimizerQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_BatchingOptimizer(state);
}
BENCHMARK(BM_BatchingOptimizerQuiet);

// No batch meets the SLA: all 256 batches are evaluated (the worst case).
void BM_BatchingOptimizerInfeasible(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const optimize::BatchingInputs in{.model = zoo->model("Llama3_8B"),
                                    .hardware = zoo->hardware("H100"),
                                    .seq_len = 128,
                                    .sla_latency_ms = 5000.0,
                                    .arrival_rate_qps = 20.0};
  for (auto _ : state) {
    auto r = optimize::batching(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_BatchingOptimizerInfeasible);

void BM_PlacementOptimizer(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const optimize::PlacementInputs in{.fleet = zoo->fleet("Frontier_8K"), .duration_days = 30.0};
  for (auto _ : state) {
    auto r = optimize::placement(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_PlacementOptimizer);

}  // namespace
