// Per-call cost of the ops resolvers (target: at most 2 µs each), on the realistic cases of their
// docs pages.
#include <benchmark/benchmark.h>

#include "mlsysim/core/quiet.hpp"
#include "mlsysim/ops/checkpoint.hpp"
#include "mlsysim/ops/economics.hpp"
#include "mlsysim/ops/responsible_engineering.hpp"
#include "mlsysim/ops/sustainability.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_EconomicsModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const ops::EconomicsInputs in{.fleet = zoo->fleet("Frontier_8K"), .duration_days = 30.0};
  for (auto _ : state) {
    auto r = ops::economics(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EconomicsModel);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_EconomicsModelQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_EconomicsModel(state);
}
BENCHMARK(BM_EconomicsModelQuiet);

// A grid as the site: EconomicsModel wraps it in a datacenter for SustainabilityModel.
void BM_EconomicsModelGrid(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const ops::EconomicsInputs in{.fleet = zoo->fleet("Frontier_8K"),
                                .duration_days = 30.0,
                                .grid = zoo->grid("Infra.Grids.Quebec")};
  for (auto _ : state) {
    auto r = ops::economics(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EconomicsModelGrid);

void BM_SustainabilityModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const ops::SustainabilityInputs in{.fleet = zoo->fleet("Frontier_8K"),
                                     .duration_days = 30.0,
                                     .datacenter = datacenter_on(zoo->grid("Infra.Grids.Quebec"))};
  for (auto _ : state) {
    auto r = ops::sustainability(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SustainabilityModel);

void BM_CheckpointModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const ops::CheckpointInputs in{.model = zoo->model("Llama3_70B"),
                                 .hardware = zoo->hardware("H100")};
  for (auto _ : state) {
    auto r = ops::checkpoint(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CheckpointModel);

void BM_ResponsibleEngineeringModel(benchmark::State& state) {
  const ops::ResponsibleEngineeringInputs in{
      .base_training_time = units::Stated<units::kTime>::of(100.0, units::hour), .epsilon = 1.0};
  for (auto _ : state) {
    auto r = ops::responsible_engineering(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ResponsibleEngineeringModel);

}  // namespace
