// Cost of a plan: reading it (YAML, names, the fleet) and evaluating it (SystemEvaluator plus the
// assertions), on the passing example plan. Reading is dominated by the YAML parser; evaluating
// is one DistributedModel and one EconomicsModel solve.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "mlsysim/analysis/plan.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

using namespace mlsysim;

const std::filesystem::path kPlan = std::filesystem::path(MLSYSIM_CONFORMANCE_DIR) / ".." / ".." /
                                    "examples" / "plans" / "llama70b_h100x16.yaml";

std::string plan_text() {
  std::ifstream in(kPlan);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_PlanParse(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const std::string text = plan_text();
  for (auto _ : state) {
    auto p = analysis::parse_plan(text, "plan.yaml", kPlan.parent_path(), *zoo);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_PlanParse);

void BM_PlanEvaluate(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const auto plan = analysis::load_plan(kPlan, *zoo);
  const analysis::SystemEvaluatorInputs in = analysis::evaluator_inputs(plan);
  for (auto _ : state) {
    auto e = analysis::evaluate(in);
    auto v = analysis::check_assertions(plan.plan, e);
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_PlanEvaluate);

}  // namespace
