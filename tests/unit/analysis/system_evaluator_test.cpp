#include "mlsysim/analysis/system_evaluator.hpp"

#include <gtest/gtest.h>

#include <string>

#include "expect_input_error.hpp"
#include "mlsysim/analysis/pipeline.hpp"
#include "mlsysim/core/quiet.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::analysis {
namespace {

using testing::expect_input_error;

const Registry& zoo() {
  static auto r = Registry::builtin();
  return *r;
}

SystemEvaluatorInputs golden(std::string_view model = "Llama3_70B", std::string_view hw = "B200") {
  return {.scenario_name = "golden",
          .model_obj = zoo().model(model),
          .hardware_obj = zoo().hardware(hw),
          .batch_size = 1,
          .precision = "fp16",
          .efficiency = 0.5};
}

double metric(const EvaluationLevel& l, std::string_view name) {
  for (const auto& [k, v] : l.metrics) {
    if (k == name) return v;
  }
  ADD_FAILURE() << "no metric " << name;
  return 0.0;
}

// Conformance case DSE-ab46d72000's best result (errata E2, E3).
TEST(SystemEvaluator, SingleNodeGolden) {
  const SystemEvaluation e = evaluate(golden());
  EXPECT_EQ(e.scenario_name, "golden");
  EXPECT_EQ(e.feasibility.level_name, "Memory Feasibility");
  EXPECT_EQ(e.feasibility.status, "PASS");
  EXPECT_EQ(e.feasibility.summary, "141.2 GB / 206.2 GB used");
  EXPECT_NEAR(metric(e.feasibility, "memory_used_gb"), 141.2, 1e-9);
  EXPECT_NEAR(metric(e.feasibility, "memory_capacity_gb"), 206.15843020800003, 1e-9);
  EXPECT_NEAR(metric(e.feasibility, "memory_utilization"), 0.6849101434151331, 1e-12);
  EXPECT_EQ(e.performance.level_name, "Single Node Performance");
  EXPECT_EQ(e.performance.summary, "Memory Bound");
  EXPECT_NEAR(metric(e.performance, "latency"), 20.223000000000003, 1e-9);
  EXPECT_NEAR(metric(e.performance, "throughput"), 49.4486475794887, 1e-9);
  EXPECT_NEAR(metric(e.performance, "mfu"), 0.0031031773503216904, 1e-15);
  EXPECT_EQ(e.macro.level_name, "Macro");
  EXPECT_EQ(e.macro.status, "SKIPPED");
  EXPECT_EQ(e.macro.summary, "No Ops config provided");
  EXPECT_TRUE(e.macro.metrics.empty());
  EXPECT_TRUE(e.passed_all);
}

TEST(SystemEvaluator, DoesNotFit) {
  const SystemEvaluation e = evaluate(golden("Llama3_70B", "H100"));
  EXPECT_EQ(e.feasibility.status, "FAIL");
  EXPECT_EQ(e.performance.status, "FAIL");
  EXPECT_EQ(e.performance.summary, "Memory Bound (infeasible)");
  EXPECT_FALSE(e.passed_all);
}

// Errata E6: Economics gets the single node's MFU through the Pipeline rule: $247,351.
TEST(SystemEvaluator, EconomicsUsesTheNodeMfu) {
  SystemEvaluatorInputs in = golden("Llama3_8B", "H100");
  in.batch_size = 8;
  in.fleet_obj = zoo().fleet("Research_256");
  in.duration_days = 30.0;
  const SystemEvaluation e = evaluate(in);
  EXPECT_EQ(e.macro.level_name, "Economics & Sustainability");
  EXPECT_EQ(e.macro.status, "PASS");
  EXPECT_EQ(e.macro.summary, "TCO: $247,351");
  EXPECT_NEAR(metric(e.macro, "tco_usd"), 247350.8595555337, 1e-6);
  // The same number through a Pipeline of the two resolvers.
  const Pipeline p({"SingleNodeModel", "EconomicsModel"});
  const std::string out = p.run(
      R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": 8,
          "fleet": "Research_256", "duration_days": 30})",
      zoo());
  EXPECT_NE(out.find("\"tco_usd\":247350.8595555337"), std::string::npos) << out;
  // 0 days: the macro level is skipped.
  in.duration_days = 0.0;
  EXPECT_EQ(evaluate(in).macro.status, "SKIPPED");
}

// Errata E5: the distributed path.
TEST(SystemEvaluator, DistributedLevels) {
  SystemEvaluatorInputs in = golden("Llama3_8B", "H100");
  in.batch_size = 256;
  in.fleet_obj = zoo().fleet("Research_256");
  in.nodes = 2;
  const SystemEvaluation e = evaluate(in);
  EXPECT_EQ(e.feasibility.level_name, "Feasibility");
  EXPECT_EQ(e.feasibility.summary, "Distributed Model Check Passed");
  EXPECT_TRUE(e.feasibility.metrics.empty());
  EXPECT_EQ(e.performance.level_name, "Fleet Performance");
  EXPECT_EQ(e.performance.summary.rfind("Scaling Efficiency: ", 0), 0U);
  EXPECT_GT(metric(e.performance, "fleet_throughput"), 0.0);
  EXPECT_GT(metric(e.performance, "step_latency"), 0.0);
}

TEST(SystemEvaluator, QuietKeepsNumbersAndDropsText) {
  const SystemEvaluation loud = evaluate(golden());
  SystemEvaluation quiet_eval;
  {
    QuietScope q;
    quiet_eval = evaluate(golden());
  }
  EXPECT_TRUE(quiet_eval.feasibility.summary.empty());
  EXPECT_EQ(quiet_eval.feasibility.status, loud.feasibility.status);
  EXPECT_EQ(quiet_eval.performance.metrics, loud.performance.metrics);
  EXPECT_EQ(quiet_eval.passed_all, loud.passed_all);
  // The Engine too: same numbers, no trace, no warnings.
  const node::EngineInputs in{
      .model = zoo().model("Llama3_70B"), .hardware = zoo().hardware("H100"), .precision = "fp4"};
  const node::PerformanceProfile a = node::solve(in);
  node::PerformanceProfile b;
  {
    QuietScope q;
    b = node::solve(in);
  }
  EXPECT_FALSE(a.constraint_trace.empty());
  EXPECT_FALSE(a.warnings.empty());
  EXPECT_TRUE(b.constraint_trace.empty());
  EXPECT_TRUE(b.warnings.empty());
  EXPECT_EQ(a.latency.in(units::ms), b.latency.in(units::ms));
  EXPECT_EQ(a.energy.in(units::J), b.energy.in(units::J));
  EXPECT_EQ(a.feasible, b.feasible);
  EXPECT_FALSE(quiet());
}

TEST(SystemEvaluator, ScorecardAndDict) {
  const SystemEvaluation e = evaluate(golden());
  const std::string card = e.scorecard();
  EXPECT_EQ(card.rfind("╔", 0), 0U);
  EXPECT_NE(card.find("[PASS] Memory Feasibility: 141.2 GB / 206.2 GB used"), std::string::npos);
  EXPECT_NE(card.find("[SKIPPED] Macro: No Ops config provided"), std::string::npos);
  const auto d = e.to_dict();
  ASSERT_GE(d.size(), 4U);
  EXPECT_EQ(d[0].first, "scenario");
  EXPECT_EQ(d[1].first, "f_status");
  EXPECT_EQ(d[1].second, "PASS");
}

// Errata E1: batch_size, precision and efficiency have no defaults.
TEST(SystemEvaluator, BadInputs) {
  SystemEvaluatorInputs in = golden();
  in.batch_size.reset();
  expect_input_error([&] { (void)evaluate(in); }, "batch_size", "missing");
  in = golden();
  in.precision.reset();
  expect_input_error([&] { (void)evaluate(in); }, "precision", "missing");
  in = golden();
  in.efficiency = 0.0;
  expect_input_error([&] { (void)evaluate(in); }, "efficiency");
  in = golden();
  in.batch_size = 0;
  expect_input_error([&] { (void)evaluate(in); }, "batch_size");
  in = golden();
  in.model_obj = nullptr;
  expect_input_error([&] { (void)evaluate(in); }, "model_obj", "missing");
}

TEST(Pipeline, ExplainAndErrors) {
  const Pipeline p({"SingleNodeModel", "EconomicsModel"});
  EXPECT_EQ(p.size(), 2U);
  EXPECT_EQ(p.repr(), "Pipeline(SingleNodeModel → EconomicsModel)");
  const std::string text = p.explain();
  EXPECT_NE(text.find("fed by earlier stages: mfu"), std::string::npos) << text;
  EXPECT_NE(text.find("Flow: SingleNodeModel → EconomicsModel"), std::string::npos);
  EXPECT_NE(text.find("Domains: node, operations"), std::string::npos);
  expect_input_error([] { Pipeline empty({}); }, "pipeline", "at least one resolver");
  expect_input_error([] { Pipeline bad({"NoSuchModel"}); }, "resolver");
  // A stage's input error names the stage.
  try {
    (void)p.run(R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": 0})", zoo());
    ADD_FAILURE() << "expected an input error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("SingleNodeModel"), std::string::npos) << e.what();
    EXPECT_EQ(e.field(), "batch_size");
  }
}

TEST(Pipeline, CallbackSeesEveryStage) {
  const Pipeline p({"SingleNodeModel", "EconomicsModel"});
  std::vector<std::string> seen;
  (void)p.run(R"({"model": "Llama3_8B", "hardware": "H100", "fleet": "Research_256",
                 "duration_days": 1})",
              zoo(), [&](std::string_view stage, std::string_view) { seen.emplace_back(stage); });
  EXPECT_EQ(seen, (std::vector<std::string>{"SingleNodeModel", "EconomicsModel"}));
}

}  // namespace
}  // namespace mlsysim::analysis
