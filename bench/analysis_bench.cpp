// Per-call cost of the analysis solvers, on their docs examples. SensitivitySolver runs the
// Engine four times (baseline + three perturbed devices), so its target is about 4 Engine solves.
#include <benchmark/benchmark.h>

#include "mlsysim/analysis/network_roofline.hpp"
#include "mlsysim/analysis/sensitivity.hpp"
#include "mlsysim/analysis/synthesis.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_SensitivitySolver(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const analysis::SensitivityInputs in{.model = zoo->model("Llama3_8B"),
                                       .hardware = zoo->hardware("H100")};
  for (auto _ : state) {
    auto r = analysis::sensitivity(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SensitivitySolver);

void BM_SynthesisSolver(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const analysis::SynthesisInputs in{.model = zoo->model("Llama3_8B"),
                                     .target_latency = 50.0 * units::ms};
  for (auto _ : state) {
    auto r = analysis::synthesis(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SynthesisSolver);

void BM_NetworkRooflineModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const analysis::NetworkRooflineInputs in{.model = zoo->model("Llama3_70B"),
                                           .fleet = zoo->fleet("Frontier_8K")};
  for (auto _ : state) {
    auto r = analysis::network_roofline(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_NetworkRooflineModel);

}  // namespace
