// The lab's server time per lever change (target: well under 50 ms): lab::handle_api on the
// requests the page sends when a lever moves — ServingModel, Engine, DistributedModel,
// EconomicsModel, SustainabilityModel, the 27-point Pareto picture and the roofline picture — one
// by one and all together, plus the page's first load (zoo, schema, page).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "lab/api.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

struct Request {
  const char* method;
  const char* path;
  std::string body;
};

const std::string kNode =
    R"({"model":"Llama3_8B","hardware":"H100","seq_len":2048,"batch_size":8,"precision":"fp16","efficiency":0.5})";

std::vector<Request> lever_change() {
  return {
      {"POST", "/api/solve/ServingModel", kNode},
      {"POST", "/api/solve/Engine", kNode},
      {"POST", "/api/solve/DistributedModel",
       R"({"model":"Llama3_8B","fleet":"Research_256","batch_size":8,"precision":"fp16","efficiency":0.5,"tp_size":8,"pp_size":1,"microbatch_count":1,"seq_len":2048})"},
      {"POST", "/api/solve/EconomicsModel",
       R"({"fleet":"Research_256","duration_days":30,"grid":"US_Avg"})"},
      {"POST", "/api/solve/SustainabilityModel",
       R"j({"fleet":"Research_256","duration_days":30,"datacenter":{"datacenter":{"name":"lab (US_Avg)","grid":"US_Avg"}}})j"},
      {"POST", "/api/plot/pareto",
       R"({"spec":"{\"space\":{\"batch_size\":[1,2,4,8,16,32,64,128,256],\"precision\":[\"fp16\",\"fp8\",\"int8\"]},\"objective\":[\"minimize: latency\",\"maximize: throughput\"],\"evaluator\":{\"resolver\":\"Engine\",\"fixed\":{\"model\":\"Llama3_8B\",\"hardware\":\"H100\",\"efficiency\":0.5,\"seq_len\":2048}},\"top\":27}"})"},
      {"POST", "/api/plot/roofline",
       R"({"hardware":"H100","workloads":["Llama3_8B"],"precision":"fp16","batch_size":8,"seq_len":2048,"efficiency":0.5})"},
  };
}

void run(benchmark::State& state, const std::vector<Request>& requests) {
  const auto zoo = Registry::builtin();
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& r : requests) {
      auto answer = lab::handle_api(r.method, r.path, r.body, *zoo);
      if (answer.status != 200) state.SkipWithError(answer.body.c_str());
      bytes += answer.body.size();
      benchmark::DoNotOptimize(answer);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_LabLeverChange(benchmark::State& state) { run(state, lever_change()); }
BENCHMARK(BM_LabLeverChange)->Unit(benchmark::kMillisecond);

void BM_LabRequest(benchmark::State& state) {
  const auto all = lever_change();
  const Request& r = all[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(r.path);
  run(state, {r});
}
BENCHMARK(BM_LabRequest)->DenseRange(0, 6)->Unit(benchmark::kMicrosecond);

void BM_LabFirstLoad(benchmark::State& state) {
  run(state, {{"GET", "/", ""},
              {"GET", "/app.js", ""},
              {"GET", "/app.css", ""},
              {"GET", "/api/zoo", ""},
              {"GET", "/api/schema", ""}});
}
BENCHMARK(BM_LabFirstLoad)->Unit(benchmark::kMillisecond);

}  // namespace
