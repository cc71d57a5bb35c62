// Engine.solve per call (target: at most 1 µs), and `mlsysim solve Engine --jsonl` throughput
// (target: at least 100,000 lines/s), measured on the conformance inputs.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/quiet.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

void BM_EngineSolve(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::EngineInputs in{
      .model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100"), .batch_size = 32};
  for (auto _ : state) {
    auto r = node::solve(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EngineSolve);

// The same with text off (core/quiet.hpp), as a design-space sweep evaluates it.
void BM_EngineSolveQuiet(benchmark::State& state) {
  const QuietScope quiet;
  BM_EngineSolve(state);
}
BENCHMARK(BM_EngineSolveQuiet);

void BM_EngineSolveInfeasible(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::EngineInputs in{.model = zoo->model("Llama3_70B"), .hardware = zoo->hardware("H100")};
  for (auto _ : state) {
    auto r = node::solve(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EngineSolveInfeasible);

// One JSON line in, one JSON line out, in process (parse + lookup + solve + write).
void BM_EngineJsonLine(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const Resolver& engine = find_resolver("Engine");
  const std::string line =
      R"({"model": "Models.Language.Llama3_8B", "hardware": "Hardware.Cloud.H100", )"
      R"("batch_size": 32, "precision": "fp16", "efficiency": 0.5})";
  for (auto _ : state) {
    auto out = engine.solve_json(line, *zoo);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineJsonLine);

// The whole CLI: 100,000 lines through `mlsysim solve Engine --jsonl`, lines/s as items/s.
void BM_CliJsonlThroughput(benchmark::State& state) {
  const std::string input = "/tmp/mlsysim_bench_engine.jsonl";
  constexpr int kLines = 100000;
  {
    std::ofstream f(input);
    const char* models[] = {"Models.Language.Llama3_8B", "Models.Language.Llama3_70B",
                            "Models.Vision.ResNet50", "Models.Language.GPT2"};
    const char* devices[] = {"Hardware.Cloud.H100", "Hardware.Cloud.A100", "Hardware.Cloud.B200",
                             "Hardware.Edge.JetsonOrinNX"};
    for (int i = 0; i < kLines; ++i) {
      f << R"({"model": ")" << models[i % 4] << R"(", "hardware": ")" << devices[(i / 4) % 4]
        << R"(", "batch_size": )" << 1 + i % 64 << R"(, "precision": "fp16"})" << '\n';
    }
  }
  const std::string cmd =
      std::string(MLSYSIM_CLI_PATH) + " solve Engine --jsonl < " + input + " > /dev/null";
  for (auto _ : state) {
    const int rc = std::system(cmd.c_str());
    if (rc != 0) state.SkipWithError("mlsysim solve --jsonl failed");
  }
  state.SetItemsProcessed(state.iterations() * kLines);
}
BENCHMARK(BM_CliJsonlThroughput)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
