// Per-call cost of the algorithm resolvers (target: at most 2 µs each), on the realistic cases of
// their docs pages. InferenceScalingModel includes the ServingModel it runs.
#include <benchmark/benchmark.h>

#include "mlsysim/algorithm/compression.hpp"
#include "mlsysim/algorithm/inference_scaling.hpp"
#include "mlsysim/algorithm/scaling.hpp"
#include "mlsysim/core/quiet.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_ScalingModel(benchmark::State& state) {
  const algorithm::ScalingInputs in{.compute_budget = algorithm::ScalingBudget{1000.0, units::day}};
  for (auto _ : state) {
    auto r = algorithm::scaling(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ScalingModel);

void BM_InferenceScalingModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const algorithm::InferenceScalingInputs in{.model = zoo->model("Llama3_8B"),
                                             .hardware = zoo->hardware("H100"),
                                             .reasoning_steps = 8,
                                             .context_length = 2048};
  for (auto _ : state) {
    auto r = algorithm::inference_scaling(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_InferenceScalingModel);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_InferenceScalingModelQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_InferenceScalingModel(state);
}
BENCHMARK(BM_InferenceScalingModelQuiet);

void BM_CompressionModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const algorithm::CompressionInputs in{
      .model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100"), .target_bitwidth = 4};
  for (auto _ : state) {
    auto r = algorithm::compression(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CompressionModel);

}  // namespace
