// Design-space search speed. Targets (2-core machine): the reference's own sweep (Llama-3-8B,
// 15 devices x 16 batch sizes x 6 precisions x 3 efficiencies = 4,320 Engine points,
// maximize throughput with latency < 50) in at most 5 ms, and at least 10 M Engine points per
// second on large spaces (items_per_second; 230,400 and 1,382,400 points). Also a SystemEvaluator
// sweep and one Engine solve with text on and off.
#include <benchmark/benchmark.h>

#include <string>

#include "mlsysim/analysis/system_evaluator.hpp"
#include "mlsysim/core/quiet.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/optimize/dse.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

constexpr const char* kDevices =
    R"(["V100", "T4", "A100", "H100", "H200", "B200", "MI250X", "MI300X", "TPUv4", "TPUv5p",
        "TPUv6", "Gaudi2", "Gaudi3", "Trainium2", "Cerebras_CS3"])";

std::string list(int from, int to, double scale = 1.0) {
  std::string s = "[";
  for (int i = from; i <= to; ++i) {
    s += (i > from ? ", " : "") + (scale == 1.0 ? std::to_string(i) : std::to_string(i * scale));
  }
  return s + "]";
}

std::string engine_spec(const std::string& batch, const std::string& efficiency) {
  return std::string(R"({"space": {"hardware": )") + kDevices + R"(, "batch_size": )" + batch +
         R"(, "precision": ["fp32", "tf32", "bf16", "fp16", "fp8", "int8"], "efficiency": )" +
         efficiency +
         R"(}, "objective": "maximize: throughput", "constraints": ["latency < 50"],
             "evaluator": {"resolver": "Engine", "fixed": {"model": "Llama3_8B"}}})";
}

void run_search(benchmark::State& state, const std::string& spec, unsigned threads) {
  auto zoo = Registry::builtin();
  dse::Options o;
  o.threads = threads;
  std::size_t points = 0;
  for (auto _ : state) {
    dse::Result r = dse::search_json(spec, *zoo, o);
    points = r.points;
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * points));
}

// The reference's sweep: 4,320 points (powers of two 1..32768; 0.3, 0.5, 0.7).
void BM_DSE_ReferenceSweep4320(benchmark::State& state) {
  run_search(state,
             engine_spec("[1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, "
                         "32768]",
                         "[0.3, 0.5, 0.7]"),
             static_cast<unsigned>(state.range(0)));
}
BENCHMARK(BM_DSE_ReferenceSweep4320)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// 230,400 points: 256 batch sizes x 10 efficiencies.
void BM_DSE_Engine230k(benchmark::State& state) {
  run_search(state, engine_spec(list(1, 256), list(1, 10, 0.1)),
             static_cast<unsigned>(state.range(0)));
}
BENCHMARK(BM_DSE_Engine230k)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// 1,382,400 points: 1536 batch sizes x 10 efficiencies.
void BM_DSE_Engine1M(benchmark::State& state) {
  run_search(state, engine_spec(list(1, 1536), list(1, 10, 0.1)), 0);
}
BENCHMARK(BM_DSE_Engine1M)->Unit(benchmark::kMillisecond)->UseRealTime();

// SystemEvaluator over 15 devices x 256 batch sizes (3,840 points).
void BM_DSE_SystemEvaluator3840(benchmark::State& state) {
  const std::string spec = std::string(R"({"space": {"hardware_obj": )") + kDevices +
                           R"(, "batch_size": )" + list(1, 256) +
                           R"(}, "objective": "minimize: performance.metrics.latency",
      "evaluator": {"resolver": "SystemEvaluator", "fixed": {"scenario_name": "bench",
      "model_obj": "Llama3_8B", "precision": "fp16", "efficiency": 0.5}}})";
  run_search(state, spec, 0);
}
BENCHMARK(BM_DSE_SystemEvaluator3840)->Unit(benchmark::kMicrosecond)->UseRealTime();

// One Engine solve with and without text (the constraint trace and warnings).
void BM_Engine_Text(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::EngineInputs in{.model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100")};
  for (auto _ : state) {
    auto r = node::solve(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Engine_Text);

void BM_Engine_Quiet(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const node::EngineInputs in{.model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100")};
  QuietScope quiet;
  for (auto _ : state) {
    auto r = node::solve(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Engine_Quiet);

// SystemEvaluator on the docs example (Llama-3-70B on B200), text on.
void BM_SystemEvaluator(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const analysis::SystemEvaluatorInputs in{.scenario_name = "golden",
                                           .model_obj = zoo->model("Llama3_70B"),
                                           .hardware_obj = zoo->hardware("B200"),
                                           .batch_size = 1,
                                           .precision = "fp16",
                                           .efficiency = 0.5};
  for (auto _ : state) {
    auto r = analysis::evaluate(in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SystemEvaluator);

}  // namespace
