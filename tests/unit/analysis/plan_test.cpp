#include "mlsysim/analysis/plan.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/ops/economics.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::analysis {
namespace {

using namespace units;

const Registry& zoo() { return *Registry::builtin(); }

ResolvedPlan parse(const std::string& yaml, const std::filesystem::path& dir = ".") {
  return parse_plan(yaml, "plan.yaml", dir, zoo());
}

/// Expects a RegistryError pointing at plan.yaml:line:col whose message contains `fragment`.
template <class Call>
void expect_plan_error(Call&& call, int line, int column, std::string_view fragment) {
  try {
    call();
    ADD_FAILURE() << "expected an error at " << line << ":" << column;
  } catch (const RegistryError& e) {
    EXPECT_EQ(e.file(), "plan.yaml") << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

constexpr const char* kSingle = R"(version: "1"
name: single
workload:
  name: Llama3_8B
  batch_size: 4
hardware:
  name: H100
)";

constexpr const char* kFleet = R"(version: "1"
name: fleet
workload:
  name: Llama3_70B
  batch_size: 64
hardware:
  name: H100
  nodes: 16
  accelerators_per_node: 8
  fabric_bandwidth: 400 Gbps
ops:
  duration_days: 30
constraints:
  assert:
    - metric: performance.step_latency
      max: 1.0e9
    - metric: m_tco_usd
      min: 1
)";

TEST(Plan, DefaultsOfTheReference) {
  const ResolvedPlan p = parse(kSingle);
  EXPECT_EQ(p.plan.version, "1");
  EXPECT_EQ(p.plan.name, "single");
  EXPECT_EQ(p.plan.workload.batch_size, 4);
  EXPECT_EQ(p.plan.workload.seq_len, 2048);
  EXPECT_EQ(p.plan.hardware.nodes, 1);
  EXPECT_FALSE(p.plan.hardware.accelerators_per_node.has_value());
  EXPECT_DOUBLE_EQ(p.plan.hardware.fabric_bandwidth.in(GB_per_s), 50.0);
  EXPECT_EQ(p.plan.hardware.precision, "fp16");
  EXPECT_DOUBLE_EQ(p.plan.hardware.efficiency, 0.5);
  EXPECT_FALSE(p.plan.ops.has_value());
  EXPECT_FALSE(p.plan.constraints.has_value());
  EXPECT_EQ(p.model->info.path, "Models.Language.Llama3_8B");
  EXPECT_EQ(p.hardware->info.path, "Hardware.Cloud.H100");
  EXPECT_EQ(p.fleet, nullptr);
}

TEST(Plan, PrecisionIsNormalized) {
  const ResolvedPlan p = parse(std::string(kSingle) + "  precision: INT8\n  efficiency: 0.25\n");
  EXPECT_EQ(p.plan.hardware.precision, "int8");
  EXPECT_DOUBLE_EQ(p.plan.hardware.efficiency, 0.25);
  EXPECT_EQ(*evaluator_inputs(p).precision, "int8");
}

TEST(Plan, SingleNodeEvaluationIsTheEngine) {
  const ResolvedPlan p = parse(kSingle);
  const SystemEvaluation e = evaluate(evaluator_inputs(p));
  const node::PerformanceProfile ref = node::solve({.model = p.model,
                                                    .hardware = p.hardware,
                                                    .batch_size = 4,
                                                    .precision = "fp16",
                                                    .efficiency = 0.5,
                                                    .raise_errors = false});
  EXPECT_EQ(e.scenario_name, "single");
  EXPECT_EQ(e.feasibility.status, "PASS");
  EXPECT_EQ(e.macro.status, "SKIPPED");
  const auto m = plan_metrics(e);
  ASSERT_EQ(m.size(), 6U);
  EXPECT_EQ(m[0].first, "feasibility.memory_used_gb");
  EXPECT_EQ(m[3].first, "performance.latency");
  EXPECT_DOUBLE_EQ(m[3].second, ref.latency.in(ms));
  EXPECT_DOUBLE_EQ(m[5].second, ref.mfu);
  EXPECT_TRUE(check_assertions(p.plan, e).empty());
}

TEST(Plan, NodesBuildTheFleet) {
  const ResolvedPlan p = parse(kFleet);
  ASSERT_NE(p.fleet, nullptr);
  EXPECT_EQ(p.fleet->count, 2);
  EXPECT_EQ(p.fleet->node->accelerators_per_node, 8);
  EXPECT_EQ(p.fleet->total_accelerators(), 16);
  EXPECT_EQ(p.fleet->name(), "H100 Fleet");
  EXPECT_EQ(p.fleet->node->name(), "H100 Node");
  // No intra_node_bw: the device's host link (PCIe Gen5, 64 GB/s).
  EXPECT_DOUBLE_EQ(p.fleet->node->intra_node_bw.q.in(GB_per_s), 64.0);
  EXPECT_DOUBLE_EQ(p.fleet->fabric->bandwidth.q.in(GB_per_s), 50.0);  // 400 Gbps
  EXPECT_EQ(p.fleet->region, nullptr);
}

TEST(Plan, FleetEvaluationIsDistributedPlusEconomics) {
  const ResolvedPlan p = parse(kFleet);
  const SystemEvaluation e = evaluate(evaluator_inputs(p));
  const fleet::DistributedResult d = fleet::distributed({.model = p.model,
                                                         .fleet = p.fleet,
                                                         .batch_size = 64,
                                                         .precision = "fp16",
                                                         .efficiency = 0.5,
                                                         .tp_size = 1,
                                                         .pp_size = 1});
  const ops::EconomicsResult m =
      ops::economics({.fleet = p.fleet, .duration_days = 30.0, .mfu = 1.0});
  EXPECT_EQ(e.performance.level_name, "Fleet Performance");
  EXPECT_EQ(e.macro.status, "PASS");
  const auto metrics = plan_metrics(e);
  auto get = [&](std::string_view name) {
    for (const auto& [k, v] : metrics) {
      if (k == name) return v;
    }
    ADD_FAILURE() << name;
    return 0.0;
  };
  EXPECT_DOUBLE_EQ(get("performance.step_latency"), d.step_latency_total.in(ms));
  EXPECT_DOUBLE_EQ(get("performance.fleet_throughput"), d.effective_throughput.in(per_s));
  EXPECT_DOUBLE_EQ(get("macro.tco_usd"), m.tco_usd);
  EXPECT_GT(get("macro.tco_usd"), 0.0);
  EXPECT_TRUE(check_assertions(p.plan, e).empty());  // both assertions hold; m_ is macro.
}

TEST(Plan, IntraNodeBandwidthFallsBackToTheFabric) {
  // A device without a host link: intra_node_bw falls back to fabric_bandwidth.
  const std::string yaml = R"(version: "1"
name: tpu
workload: {name: Llama3_8B}
hardware: {name: TPUv5p, nodes: 4, fabric_bandwidth: 25 GB/s}
)";
  const ResolvedPlan p = parse(yaml);
  ASSERT_NE(p.fleet, nullptr);
  EXPECT_EQ(p.fleet->count, 4);
  if (!p.hardware->interconnect) {
    EXPECT_DOUBLE_EQ(p.fleet->node->intra_node_bw.q.in(GB_per_s), 25.0);
  }
  const ResolvedPlan q = parse(R"(version: "1"
name: x
workload: {name: Llama3_8B}
hardware: {name: H100, nodes: 2, intra_node_bw: 900 GB/s}
)");
  EXPECT_DOUBLE_EQ(q.fleet->node->intra_node_bw.q.in(GB_per_s), 900.0);
}

TEST(Plan, AssertionsReportEachViolation) {
  const ResolvedPlan p = parse(R"(version: "1"
name: sla
workload: {name: Llama3_8B}
hardware: {name: H100}
constraints:
  assert:
    - {metric: performance.latency, max: 1}
    - {metric: p_throughput, min: 1000000}
    - {metric: performance.mfu, min: 0, max: 1}
    - {metric: performance.tokens_per_second, max: 5}
)");
  const SystemEvaluation e = evaluate(evaluator_inputs(p));
  const auto v = check_assertions(p.plan, e);
  ASSERT_EQ(v.size(), 3U);
  EXPECT_EQ(v[0].metric, "performance.latency");
  EXPECT_NE(v[0].message.find("exceeds max (1)"), std::string::npos) << v[0].message;
  EXPECT_NEAR(*v[0].value, 5.60343, 1e-4);
  EXPECT_NE(v[1].message.find("is below min (1000000)"), std::string::npos) << v[1].message;
  EXPECT_FALSE(v[2].value.has_value());
  EXPECT_NE(v[2].message.find("performance.tokens_per_second is not available"), std::string::npos);
  EXPECT_NE(v[2].message.find("performance.latency"), std::string::npos);  // lists the names
}

TEST(Plan, UnknownKeyPointsAtTheLine) {
  expect_plan_error(
      [] {
        (void)parse(
            "version: \"1\"\nname: x\nworkload: {name: Llama3_8B}\n"
            "hardware:\n  name: H100\n  nodez: 2\n");
      },
      6, 3, "hardware.nodez: unknown key; did you mean 'hardware.nodes'?");
  expect_plan_error([] { (void)parse(std::string(kSingle) + "opts:\n  duration_days: 3\n"); }, 8, 1,
                    "opts: unknown key; did you mean 'ops'?");
}

TEST(Plan, MissingKeys) {
  expect_plan_error(
      [] { (void)parse("name: x\nworkload: {name: Llama3_8B}\nhardware: {name: H100}\n"); }, 1, 1,
      "version: required key is missing");
  expect_plan_error(
      [] {
        (void)parse(
            "version: 1\nname: x\nworkload: {batch_size: 2}\n"
            "hardware: {name: H100}\n");
      },
      3, 11, "workload.name: required key is missing");
}

TEST(Plan, BadValues) {
  auto with_hw = [](const std::string& hw) {
    return "version: \"1\"\nname: x\nworkload: {name: Llama3_8B}\nhardware: " + hw + "\n";
  };
  expect_plan_error([&] { (void)parse(with_hw("{name: H100, nodes: 0}")); }, 4, 31,
                    "hardware.nodes must be in [1, 1000000000], got 0");
  expect_plan_error([&] { (void)parse(with_hw("{name: H100, efficiency: 1.5}")); }, 4, 36,
                    "hardware.efficiency must be in (0, 1], got 1.5");
  expect_plan_error([&] { (void)parse(with_hw("{name: H100, fabric_bandwidth: 50 GB}")); }, 4, 42,
                    "hardware.fabric_bandwidth: expected a bandwidth");
  expect_plan_error([&] { (void)parse(with_hw("{name: H100, precision: fp64}")); }, 4, 35,
                    "hardware.precision: 'fp64' is not one of");
  expect_plan_error(
      [&] { (void)parse(with_hw("{name: H100, nodes: 12, accelerators_per_node: 8}")); }, 4, 31,
      "must be divisible by hardware.accelerators_per_node (got 12 and 8)");
  expect_plan_error([&] { (void)parse(with_hw("{name: H10}")); }, 4, 18,
                    "did you mean 'Hardware.Cloud.H100'");
  expect_plan_error(
      [&] {
        (void)parse(
            "version: 1\nname: x\nworkload: {name: Llama3_8}\n"
            "hardware: {name: H100}\n");
      },
      3, 18, "did you mean 'Models.Language.Llama3_8B'");
  expect_plan_error([&] { (void)parse(std::string(kSingle) + "ops: {region: Quebek}\n"); }, 8, 15,
                    "did you mean");
  expect_plan_error([&] { (void)parse(std::string(kSingle) + "ops: {duration_days: 0}\n"); }, 8, 22,
                    "ops.duration_days must be in (0, 10000000], got 0");
  expect_plan_error(
      [&] { (void)parse(std::string(kSingle) + "constraints:\n  assert:\n    - {metric: x}\n"); },
      10, 7, "gives neither max nor min");
  expect_plan_error(
      [&] {
        (void)parse(std::string(kSingle) +
                    "constraints:\n  assert:\n    - {metric: x, min: 2, max: 1}\n");
      },
      10, 7, "min (2) is above max (1)");
  expect_plan_error([&] { (void)parse(std::string(kSingle) + "constraints: {assert: 3}\n"); }, 8,
                    23, "constraints.assert: expected a list");
}

TEST(Plan, MalformedYaml) {
  try {
    (void)parse("version: \"1\"\nname: [x\n");
    ADD_FAILURE() << "expected a syntax error";
  } catch (const RegistryError& e) {
    EXPECT_EQ(e.file(), "plan.yaml");
  }
  expect_plan_error([] { (void)parse("- 1\n- 2\n"); }, 1, 1, "plan: expected a mapping");
}

TEST(Plan, ModelAndHardwareFiles) {
  const auto dir = std::filesystem::temp_directory_path() / "mlsysim_plan_test";
  std::filesystem::create_directories(dir / "zoo");
  {
    std::ofstream(dir / "zoo" / "tiny.yaml") << "path: Models.Mine.Tiny\n"
                                                "aliases: [Models.Tiny]\n"
                                                "type: TransformerWorkload\n"
                                                "name: Tiny LM\n"
                                                "parameters: 1e9\n"
                                                "layers: 16\n"
                                                "hidden_dim: 2048\n"
                                                "heads: 16\n"
                                                "inference_flops: 2e9 FLOP\n";
    std::ofstream(dir / "zoo" / "chip.yaml") << "type: HardwareNode\n"
                                                "name: My Chip\n"
                                                "compute: {peak_flops: 100 TFLOP/s}\n"
                                                "memory: {capacity: 16 GB, bandwidth: 1 TB/s}\n";
    std::ofstream(dir / "zoo" / "bad.yaml") << "type: HardwareNode\n"
                                               "name: Bad\n"
                                               "compute: {peak_flops: 100 TFLOP/s}\n"
                                               "memory: {capacity: 16 GB, bandwith: 1 TB/s}\n";
  }
  const ResolvedPlan p = parse(R"(version: "1"
name: files
workload: {name: zoo/tiny.yaml}
hardware: {name: zoo/chip.yaml}
)",
                               dir);
  EXPECT_EQ(p.model->name(), "Tiny LM");
  EXPECT_EQ(p.hardware->name(), "My Chip");
  EXPECT_DOUBLE_EQ(p.hardware->memory.capacity.q.in(GB), 16.0);
  const SystemEvaluation e = evaluate(evaluator_inputs(p));
  EXPECT_EQ(e.feasibility.status, "PASS");

  // A file's own errors name the file, its line and the key.
  try {
    (void)parse(
        "version: 1\nname: x\nworkload: {name: Llama3_8B}\nhardware: {name: zoo/bad.yaml}\n", dir);
    ADD_FAILURE() << "expected an error in bad.yaml";
  } catch (const RegistryError& err) {
    EXPECT_NE(err.file().find("bad.yaml"), std::string::npos) << err.what();
    EXPECT_EQ(err.line(), 4);
    EXPECT_NE(std::string(err.what()).find("bandwith"), std::string::npos) << err.what();
  }
  // A missing file is reported at the plan's line.
  expect_plan_error(
      [&] {
        (void)parse("version: 1\nname: x\nworkload: {name: nope.yaml}\nhardware: {name: H100}\n",
                    dir);
      },
      3, 18, "not found");
  std::filesystem::remove_all(dir);
}

TEST(Plan, LoadPlanFromFile) {
  const auto plan = load_plan(std::filesystem::path(MLSYSIM_TEST_DIR) / ".." / "examples" /
                                  "plans" / "llama70b_h100x16.yaml",
                              zoo());
  EXPECT_EQ(plan.plan.name, "Llama3 70B on 16 x H100");
  ASSERT_NE(plan.fleet, nullptr);
  EXPECT_EQ(plan.fleet->count, 2);
  try {
    (void)load_plan("/nonexistent/plan.yaml", zoo());
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "plan");
    EXPECT_NE(std::string(e.what()).find("not found"), std::string::npos);
  }
}

TEST(Plan, JsonSchemaIsGeneratedFromTheDescription) {
  const auto s = nlohmann::json::parse(plan_json_schema());
  EXPECT_EQ(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(s["type"], "object");
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_EQ(s["required"], nlohmann::json({"version", "name", "workload", "hardware"}));
  const auto& hw = s["properties"]["hardware"];
  EXPECT_EQ(hw["required"], nlohmann::json({"name"}));
  EXPECT_EQ(hw["properties"].size(), field_count<PlanHardware>());
  EXPECT_EQ(hw["properties"]["nodes"]["type"], "integer");
  EXPECT_EQ(hw["properties"]["nodes"]["minimum"], 1);
  EXPECT_EQ(hw["properties"]["nodes"]["default"], 1);
  EXPECT_EQ(hw["properties"]["efficiency"]["exclusiveMinimum"], 0);
  EXPECT_EQ(hw["properties"]["fabric_bandwidth"]["default"], "50 GB/s");
  EXPECT_EQ(s["properties"]["workload"]["properties"]["seq_len"]["default"], 2048);
  const auto& item = s["properties"]["constraints"]["properties"]["assert"]["items"];
  EXPECT_EQ(item["required"], nlohmann::json({"metric"}));
  EXPECT_EQ(item["properties"]["max"]["type"], "number");
  EXPECT_EQ(s["properties"]["ops"]["properties"]["region"]["default"], "US_Avg");
}

}  // namespace
}  // namespace mlsysim::analysis
