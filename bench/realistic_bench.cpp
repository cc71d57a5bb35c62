// The realistic Engine.solve against the faithful one on the same inputs (target: within 2×),
// and one realistic prediction of a measured serving scenario.
#include <benchmark/benchmark.h>

#include "mlsysim/node/engine.hpp"
#include "mlsysim/realistic/predict.hpp"
#include "mlsysim/realistic/resolvers.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

node::EngineInputs engine_inputs() {
  auto zoo = Registry::builtin();
  return {.model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100"), .batch_size = 32};
}

void BM_FaithfulEngineSolve(benchmark::State& state) {
  const auto in = engine_inputs();
  for (auto _ : state) {
    auto r = node::solve(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_FaithfulEngineSolve);

void BM_RealisticEngineSolve(benchmark::State& state) {
  const auto in = engine_inputs();
  (void)realistic::Calibration::active();  // parse the embedded calibration once, outside
  for (auto _ : state) {
    auto r = realistic::engine(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_RealisticEngineSolve);

void BM_RealisticServingPrediction(benchmark::State& state) {
  realistic::Scenario s;
  s.model = realistic::arch_from(*Registry::builtin()->model("Llama3_8B"));
  s.model->kv_heads = 8;
  s.hardware = realistic::accelerator_from(*Registry::builtin()->hardware("H100"));
  s.precision = "fp8";
  s.input_tokens.mean = 1000.0;
  s.output_tokens.mean = 1000.0;
  s.layout_stated = true;
  const auto& c = realistic::Calibration::active();
  for (auto _ : state) {
    auto p = realistic::predict(s, "throughput_tokens_per_s", c);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_RealisticServingPrediction);

}  // namespace
