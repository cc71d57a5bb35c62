// Per-call cost of the data-domain resolvers (target: at most 2 µs each), on their docs examples.
#include <benchmark/benchmark.h>

#include "mlsysim/core/quiet.hpp"
#include "mlsysim/data/data_model.hpp"
#include "mlsysim/data/topology.hpp"
#include "mlsysim/data/transformation.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_DataModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const data::DataInputs in{.workload_data_rate = 5.0 * units::GB_per_s,
                            .hardware = zoo->hardware("H100")};
  for (auto _ : state) {
    auto r = data::data_model(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DataModel);

void BM_TransformationModel(benchmark::State& state) {
  const data::TransformationInputs in{.batch_size = 256,
                                      .sample_size_bytes = 500.0 * units::KB,
                                      .cpu_throughput = 2.0 * units::GB_per_s,
                                      .accelerator_step_time = 50.0 * units::ms};
  for (auto _ : state) {
    auto r = data::transformation(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_TransformationModel);

void BM_TopologyModel(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const data::TopologyInputs in{
      .fabric = zoo->fabric("InfiniBand_NDR"), .topology = "torus_3d", .num_nodes = 64};
  for (auto _ : state) {
    auto r = data::topology(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_TopologyModel);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_TopologyModelQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_TopologyModel(state);
}
BENCHMARK(BM_TopologyModelQuiet);

}  // namespace
