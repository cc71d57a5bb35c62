// Per-call cost of the fleet resolvers (targets: 5 µs for DistributedModel, which runs the Engine
// once, and 2 µs for the others), on the realistic cases of their docs pages.
#include <benchmark/benchmark.h>

#include "mlsysim/core/quiet.hpp"
#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/fleet/orchestration.hpp"
#include "mlsysim/fleet/reliability.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_DistributedModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const fleet::DistributedInputs in{.model = zoo->model("Llama3_70B"),
                                    .fleet = zoo->fleet("Frontier_8K"),
                                    .batch_size = 2048,
                                    .tp_size = 8,
                                    .pp_size = 4,
                                    .microbatch_count = 16};
  for (auto _ : state) {
    auto r = fleet::distributed(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DistributedModel);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_DistributedModelQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_DistributedModel(state);
}
BENCHMARK(BM_DistributedModelQuiet);

void BM_ReliabilityModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const fleet::ReliabilityInputs in{.fleet = zoo->fleet("Frontier_8K"),
                                    .job_duration_hours = 720.0};
  for (auto _ : state) {
    auto r = fleet::reliability(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ReliabilityModel);

void BM_OrchestrationModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const fleet::OrchestrationInputs in{.fleet = zoo->fleet("Research_256"),
                                      .arrival_rate_jobs_per_day = 0.4,
                                      .avg_job_duration_days = 2.0};
  for (auto _ : state) {
    auto r = fleet::orchestration(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_OrchestrationModel);

}  // namespace
