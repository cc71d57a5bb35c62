#include "mlsysim/optimize/dse.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::dse {
namespace {

using testing::expect_input_error;
using Json = nlohmann::ordered_json;

const Registry& zoo() {
  static auto r = Registry::builtin();
  return *r;
}

Result run(const Json& spec, unsigned threads = 0) {
  Options o;
  o.threads = threads;
  return search_json(spec.dump(), zoo(), o);
}

Json engine_spec(Json space, Json objective, Json constraints = Json::array()) {
  return {{"space", std::move(space)},
          {"objective", std::move(objective)},
          {"constraints", std::move(constraints)},
          {"evaluator", {{"resolver", "Engine"}, {"fixed", {{"model", "Llama3_8B"}}}}}};
}

const Json kDevices = {"H100", "A100", "B200", "MI300X", "T4", "JetsonOrinNX"};

// ----------------------------------------------------------------- objective parsing ---------

TEST(DseObjective, ColonForm) {
  const Objective o = parse_objective("  Minimize : macro.metrics.tco_usd ");
  EXPECT_EQ(o.direction, Direction::kMinimize);
  EXPECT_EQ(o.metric, "macro.metrics.tco_usd");
}

TEST(DseObjective, CallAndSpaceForms) {
  EXPECT_EQ(parse_objective("maximize(mfu)").metric, "mfu");
  EXPECT_EQ(parse_objective("maximize(mfu)").direction, Direction::kMaximize);
  EXPECT_EQ(parse_objective("maximize mfu").metric, "mfu");
  EXPECT_EQ(parse_objective("minimize(latency)").direction, Direction::kMinimize);
}

TEST(DseObjective, RemovalIsCaseSensitiveAsInTheReference) {
  const Objective o = parse_objective("Minimize(x)");
  EXPECT_EQ(o.direction, Direction::kMinimize);
  EXPECT_EQ(o.metric, "Minimize(x");
}

TEST(DseObjective, RejectsNoDirectionAndShortDirections) {
  expect_input_error([] { (void)parse_objective("latency"); }, "objective",
                     "Invalid objective format: 'latency'.");
  expect_input_error([] { (void)parse_objective("min: x"); }, "objective", "'min'");
}

// ----------------------------------------------------------------- constraints ---------------

TEST(DseConstraint, Kinds) {
  const Constraint c = parse_constraint("latency  <=\t50");
  EXPECT_EQ(c.kind, Constraint::Kind::kCheck);
  EXPECT_EQ(c.path, "latency");
  EXPECT_EQ(c.op, Op::kLessEqual);
  EXPECT_EQ(c.threshold, 50.0);
  EXPECT_EQ(parse_constraint("latency is small").kind, Constraint::Kind::kBadThreshold);
  EXPECT_EQ(parse_constraint("latency != 5").kind, Constraint::Kind::kUnknownOp);
  EXPECT_EQ(parse_constraint("latency<5").kind, Constraint::Kind::kMalformed);
  EXPECT_EQ(parse_constraint("a < 5 ms").kind, Constraint::Kind::kMalformed);
}

TEST(DseConstraint, PythonFloat) {
  EXPECT_EQ(parse_python_float("1_000"), 1000.0);
  EXPECT_EQ(parse_python_float("-2.5e3"), -2500.0);
  EXPECT_EQ(parse_python_float(".5"), 0.5);
  EXPECT_EQ(parse_python_float("INF"), HUGE_VAL);
  EXPECT_EQ(parse_python_float("-Infinity"), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(*parse_python_float("nan")));
  EXPECT_FALSE(parse_python_float("0x10"));
  EXPECT_FALSE(parse_python_float("1__0"));
  EXPECT_FALSE(parse_python_float("_1"));
  EXPECT_FALSE(parse_python_float("+-1"));
  EXPECT_FALSE(parse_python_float("small"));
  EXPECT_FALSE(holds(Op::kLess, 1.0, std::nan("")));
  EXPECT_TRUE(holds(Op::kUnknown, 1.0, 0.0));
}

// ----------------------------------------------------------------- search --------------------

// Conformance case DSE-4390dd8ac8: the most throughput over 6 devices x 4 batch sizes.
TEST(DseSearch, MaximizeThroughputGolden) {
  const Result r = run(engine_spec({{"hardware", kDevices}, {"batch_size", {1, 8, 64, 256}}},
                                   "maximize: throughput"));
  ASSERT_FALSE(r.top.empty());
  EXPECT_EQ(r.top[0].params[0], "\"B200\"");
  EXPECT_EQ(r.top[0].params[1], "256");
  EXPECT_NEAR(r.top[0].objectives[0], 4764.785258945605, 1e-9);
  EXPECT_EQ(r.top.size(), 5U);
  EXPECT_EQ(r.points, 24U);
  for (std::size_t i = 1; i < r.top.size(); ++i) {
    EXPECT_GE(r.top[i - 1].objectives[0], r.top[i].objectives[0]);
  }
}

// E8: peak_bw_actual is compared in the registry unit, so A100's 2039 GB/s beats B200's 8 TB/s.
TEST(DseSearch, StoredUnitsDecideMagnitudes) {
  const Result r =
      run(engine_spec({{"hardware", {"H100", "A100", "B200"}}}, "maximize: peak_bw_actual"));
  EXPECT_EQ(r.top[0].params[0], "\"A100\"");
  EXPECT_NEAR(r.top[0].objectives[0], 2039.0, 1e-9);
  // memory_footprint is in bytes for inference.
  const Result f = run(engine_spec({{"hardware", {"H100"}}}, "minimize: memory_footprint"));
  EXPECT_NEAR(f.top[0].objectives[0], 16.06e9, 1.0);
  // .magnitude of a quantity is the same number; energy_per_inference is energy.
  const Result m = run(engine_spec({{"hardware", {"H100"}}}, "minimize: latency.magnitude"));
  EXPECT_NEAR(m.top[0].objectives[0], 5.603432835820896, 1e-12);
  const Result e = run(engine_spec({{"hardware", {"H100"}}}, "minimize: energy_per_inference"));
  EXPECT_NEAR(e.top[0].objectives[0], 1.1846778217104568, 1e-12);
}

// E8: a DistributedModel collective's latency is in seconds when it ran.
TEST(DseSearch, DistributedCollectivesInSecondsWhenTheyRan) {
  const Json spec = {
      {"space", {{"tp_size", {1, 8}}}},
      {"objective", "maximize: tp_communication_latency"},
      {"evaluator",
       {{"resolver", "DistributedModel"},
        {"fixed", {{"model", "Llama3_70B"}, {"fleet", "Research_256"}, {"batch_size", 1024}}}}}};
  const Result r = run(spec);
  ASSERT_EQ(r.top.size(), 2U);
  EXPECT_EQ(r.top[0].params[0], "8");
  const auto tree = Json::parse(r.best_result_json);
  const double ms = tree["tp_communication_latency"]["value"].get<double>();
  ASSERT_EQ(tree["tp_communication_latency"]["unit"], "ms");
  EXPECT_NEAR(r.top[0].objectives[0], ms / 1000.0, 1e-12 * ms);
  EXPECT_EQ(r.top[1].objectives[0], 0.0);
}

TEST(DseSearch, UnknownMetricScoresWorstAndSaysSo) {
  const Result r = run(engine_spec({{"hardware", kDevices}}, "minimize: no_such_metric"));
  EXPECT_EQ(r.top[0].params[0], "\"H100\"");  // all +inf: enumeration order
  EXPECT_TRUE(std::isinf(r.top[0].objectives[0]));
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_NE(r.diagnostics[0].find("no_such_metric"), std::string::npos);
}

TEST(DseSearch, TiesKeepEnumerationOrderForBothDirections) {
  // Every candidate has the same objective (a fixed feasible flag): ranks follow the product.
  for (const char* obj : {"minimize: feasible", "maximize: feasible"}) {
    const Result r =
        run(engine_spec({{"hardware", {"H100", "B200"}}, {"batch_size", {1, 2, 4}}}, obj));
    ASSERT_EQ(r.top.size(), 5U);
    for (std::size_t i = 0; i < r.top.size(); ++i) EXPECT_EQ(r.top[i].index, i) << obj;
  }
}

// Conformance case DSE-f24d0b39b6: the feasible flag as a number; the 70B model fits MI300X only.
TEST(DseSearch, ConstraintsFilter) {
  Json spec = engine_spec({{"hardware", kDevices}, {"batch_size", {1, 16}}}, "maximize mfu",
                          {"feasible == 1"});
  spec["evaluator"]["fixed"]["model"] = "Llama3_70B";
  const Result r = run(spec);
  EXPECT_EQ(r.top[0].params[0], "\"MI300X\"");
  EXPECT_EQ(r.top[0].params[1], "16");
  EXPECT_NEAR(r.top[0].objectives[0], 0.02466524685545932, 1e-12);
  EXPECT_EQ(r.survivors + r.filtered + r.failed, r.points);
}

TEST(DseSearch, NoSurvivorIsAResult) {
  try {
    (void)run(engine_spec({{"hardware", kDevices}}, "minimize: latency", {"latency < 0.0001"}));
    FAIL() << "expected NoValidConfiguration";
  } catch (const NoValidConfiguration& e) {
    EXPECT_STREQ(e.what(), "No valid configurations found in the search space.");
  }
  // A constraint without three parts rejects every candidate, as in the reference.
  EXPECT_THROW((void)run(engine_spec({{"hardware", kDevices}}, "minimize: latency", {"a<5"})),
               NoValidConfiguration);
}

TEST(DseSearch, IgnoredConstraintsAreDiagnosed) {
  const Result r = run(engine_spec({{"hardware", kDevices}}, "minimize: latency",
                                   {"latency is small", "latency != 3"}));
  EXPECT_EQ(r.top[0].params[0], "\"B200\"");
  EXPECT_NEAR(r.top[0].objectives[0], 2.53625, 1e-12);
  ASSERT_EQ(r.diagnostics.size(), 2U);
  EXPECT_NE(r.diagnostics[0].find("ignored"), std::string::npos);
  EXPECT_NE(r.diagnostics[1].find("never rejects"), std::string::npos);
}

TEST(DseSearch, BadSpecsAreInputErrors) {
  expect_input_error([] { (void)run(engine_spec(Json::object(), "minimize: latency")); }, "space");
  expect_input_error(
      [] {
        (void)run(engine_spec({{"hardware", "H100"}}, "minimize: latency"));
      },
      "space.hardware", "list");
  expect_input_error(
      [] {
        (void)run(engine_spec({{"hardware", Json::array()}}, "minimize: latency"));
      },
      "space.hardware", "empty");
  expect_input_error(
      [] {
        (void)run(engine_spec({{"hardwre", {"H100"}}}, "minimize: latency"));
      },
      "space.hardwre", "did you mean 'hardware'");
  expect_input_error(
      [] {
        (void)run(engine_spec({{"hardware", {"H100"}}}, "latency"));
      },
      "objective", "Invalid objective format");
  Json s = engine_spec({{"hardware", {"H100"}}}, "minimize: latency");
  s["evaluator"]["resolver"] = "NoSuchModel";
  expect_input_error([&] { (void)run(s); }, "evaluator.resolver");
  s = engine_spec({{"hardware", {"H100"}}}, "minimize: latency");
  s["evaluator"]["fixed"]["modle"] = "Llama3_8B";
  expect_input_error([&] { (void)run(s); }, "evaluator.fixed.modle");
  s = engine_spec({{"hardware", {"H100"}}}, "minimize: latency");
  s["sapce"] = 1;
  expect_input_error([&] { (void)run(s); }, "sapce", "unknown key");
  expect_input_error(
      [] {
        (void)run(engine_spec({{"hardware", {"NoSuchChip"}}}, "minimize: latency"));
      },
      "space.hardware[0]");
}

// Every point the threads see, in the single-threaded answer's order.
TEST(DseSearch, ThreadsGiveTheSingleThreadedAnswer) {
  Json bs = Json::array();
  for (int b = 1; b <= 64; ++b) bs.push_back(b);
  const Json spec = engine_spec({{"hardware", kDevices},
                                 {"batch_size", bs},
                                 {"precision", {"fp16", "fp8", "int8"}},
                                 {"efficiency", {0.25, 0.5, 0.75}}},
                                {"minimize: latency", "maximize: throughput"}, {"latency < 80"});
  Json s1 = spec;
  s1["top"] = 40;
  const Result one = run(s1, 1);
  for (unsigned t : {2U, 3U, 8U}) {
    const Result many = run(s1, t);
    EXPECT_EQ(many.to_json(), one.to_json()) << t << " threads";
  }
}

TEST(DseSearch, ParetoFrontIsExactlyTheNonDominatedSet) {
  Json spec = engine_spec(
      {{"hardware", {"Coral", "JetsonOrinNX", "T4", "A100", "H100", "B200", "MI300X", "Gaudi3"}},
       {"batch_size", {1, 2, 8, 32}},
       {"precision", {"fp16", "int8"}}},
      {"minimize: latency", "minimize: energy"});
  spec["evaluator"]["fixed"]["model"] = "ResNet50";
  spec["top"] = 1000;  // every survivor, to check the front against
  const Result r = run(spec);
  ASSERT_GE(r.pareto_front.size(), 2U);
  auto dominates = [](const Candidate& a, const Candidate& b) {
    return a.objectives[0] <= b.objectives[0] && a.objectives[1] <= b.objectives[1] &&
           (a.objectives[0] < b.objectives[0] || a.objectives[1] < b.objectives[1]);
  };
  auto same = [](const Candidate& a, const Candidate& b) { return a.objectives == b.objectives; };
  // No front point is dominated by any candidate.
  for (const auto& f : r.pareto_front) {
    for (const auto& c : r.top) EXPECT_FALSE(dominates(c, f)) << f.index << " by " << c.index;
  }
  // Every other candidate is dominated by (or equal to, and later than) a front point.
  for (const auto& c : r.top) {
    bool on_front = false;
    bool covered = false;
    for (const auto& f : r.pareto_front) {
      on_front |= f.index == c.index;
      covered |= dominates(f, c) || (same(f, c) && f.index < c.index);
    }
    EXPECT_TRUE(on_front || covered) << c.index;
  }
  // Ordered by the first objective, then the second.
  for (std::size_t i = 1; i < r.pareto_front.size(); ++i) {
    EXPECT_LE(r.pareto_front[i - 1].objectives[0], r.pareto_front[i].objectives[0]);
  }
}

TEST(DseSearch, SystemEvaluatorMetricPathsAndFeasibilityFilter) {
  const Json spec = {{"space", {{"hardware_obj", kDevices}, {"batch_size", {1, 64}}}},
                     {"objective", "minimize: performance.metrics.latency"},
                     {"evaluator",
                      {{"resolver", "SystemEvaluator"},
                       {"fixed",
                        {{"scenario_name", "golden"},
                         {"model_obj", "Llama3_70B"},
                         {"precision", "fp16"},
                         {"efficiency", 0.5}}}}}};
  const Result r = run(spec);
  EXPECT_EQ(r.top[0].params[0], "\"B200\"");
  EXPECT_NEAR(r.top[0].objectives[0], 20.223000000000003, 1e-12);
  EXPECT_GT(r.filtered, 0U);  // the devices the 70B model does not fit are skipped
  EXPECT_NE(r.best_result_json.find("141.2 GB / 206.2 GB used"), std::string::npos);
}

TEST(DseSearch, PipelineEvaluator) {
  const Json spec = {
      {"space", {{"hardware", {"H100", "B200"}}}},
      {"objective", "minimize: EconomicsModel.tco_usd"},
      {"evaluator",
       {{"pipeline", {"SingleNodeModel", "EconomicsModel"}},
        {"fixed", {{"model", "Llama3_8B"}, {"fleet", "Research_256"}, {"duration_days", 30}}}}}};
  const Result r = run(spec);
  EXPECT_EQ(r.top.size(), 2U);
  EXPECT_NE(r.best_result_json.find("\"EconomicsModel\""), std::string::npos);
}

}  // namespace
}  // namespace mlsysim::dse

// ----------------------------------------------------------------- every point (pictures) -----

namespace mlsysim::dse {
namespace {

TEST(DseKeepPoints, EveryPointInOrderWithItsStatusAndExtraMetrics) {
  const Json spec = engine_spec({{"hardware", {"H100", "T4"}}, {"batch_size", {1, 64}}},
                                "minimize: latency", Json::array({"latency < 10"}));
  Options o;
  o.keep_points = true;
  o.extra_metrics = {"throughput", "no_such_metric"};
  o.threads = 2;
  const Result r = search_json(spec.dump(), zoo(), o);
  ASSERT_EQ(r.evaluated.size(), 4U);
  EXPECT_EQ(r.metric_paths,
            (std::vector<std::string>{"latency", "latency", "throughput", "no_such_metric"}));
  std::size_t kept = 0;
  for (std::size_t i = 0; i < r.evaluated.size(); ++i) {
    const Point& p = r.evaluated[i];
    EXPECT_EQ(p.index, i);
    ASSERT_EQ(p.metrics.size(), 4U);
    EXPECT_EQ(p.status == Point::Status::kKept, p.metrics[0] < 10) << p.metrics[0];
    kept += p.status == Point::Status::kKept ? 1 : 0;
    // throughput = batch / latency (latency in ms).
    const double batch = std::stod(p.params[1]);
    EXPECT_NEAR(p.metrics[2], batch / (p.metrics[0] / 1000.0), 1e-9 * p.metrics[2]);
    EXPECT_TRUE(std::isnan(p.metrics[3]));
  }
  EXPECT_EQ(kept, r.survivors);
  EXPECT_EQ(r.evaluated[0].params, (std::vector<std::string>{"\"H100\"", "1"}));
  // The ranking is the same as without keeping points.
  const Result plain = run(spec);
  ASSERT_EQ(plain.top.size(), r.top.size());
  for (std::size_t i = 0; i < r.top.size(); ++i) EXPECT_EQ(plain.top[i].index, r.top[i].index);
  EXPECT_TRUE(plain.evaluated.empty());
}

}  // namespace
}  // namespace mlsysim::dse
