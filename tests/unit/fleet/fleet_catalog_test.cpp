// The fleet resolvers through the catalog: JSON lines with ad-hoc fleets, table rows of the nested
// node profile, and errors as JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/walls.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {
namespace {

using nlohmann::json;

json solve(std::string_view resolver, std::string_view line) {
  return json::parse(find_resolver(resolver).solve_json(line, *Registry::builtin()));
}

TEST(FleetCatalog, RegistersTheThreeResolversInOrderAfterTheNodeDomain) {
  std::vector<std::string> names;
  for (const auto& r : resolvers()) names.emplace_back(r.info.name);
  auto at = [&](std::string_view n) { return std::find(names.begin(), names.end(), n); };
  ASSERT_NE(at("DistributedModel"), names.end());
  EXPECT_LT(at("TailLatencyModel"), at("DistributedModel"));
  EXPECT_EQ(at("DistributedModel") + 1, at("ReliabilityModel"));
  EXPECT_EQ(at("ReliabilityModel") + 1, at("OrchestrationModel"));
  EXPECT_EQ(walls_for_resolver("DistributedModel").front()->number, 14);
  EXPECT_EQ(walls_for_resolver("ReliabilityModel").front()->number, 15);
  EXPECT_EQ(walls_for_resolver("OrchestrationModel").front()->number, 16);
  const Resolver& d = find_resolver("DistributedModel");
  EXPECT_EQ(d.info.produces, "DistributedResult");
  ASSERT_EQ(d.info.requires_.size(), 2u);
  EXPECT_EQ(d.info.requires_[0], "workload");
  EXPECT_EQ(d.info.requires_[1], "fleet");
}

// Errata F14: an ad-hoc node without a name inside an ad-hoc fleet.
TEST(FleetCatalog, AcceptsAnAdHocFleetWithANamelessNode) {
  json out = solve("ReliabilityModel", R"({"fleet": {"fleet": {"node": {"node": {
      "accelerator": "Hardware.Cloud.MI250X", "accelerators_per_node": 4,
      "intra_node_bw": {"value": 400, "unit": "GB/s"}, "nics_per_node": 2}},
      "count": 8, "fabric": "Systems.Fabrics.Ethernet_100G", "name": "8x4-MI250X"}},
      "job_duration_hours": 720})");
  ASSERT_TRUE(out.contains("outputs")) << out.dump();
  // 1/MTBF = 4/50 000 + 2/150 000 + 2/100 000 per hour, over 8 nodes.
  const double node_h = 1.0 / (4.0 / 50000 + 2.0 / 150000 + 2.0 / 100000);
  EXPECT_EQ(out["outputs"]["fleet_mtbf"]["unit"], "h");
  EXPECT_NEAR(out["outputs"]["fleet_mtbf"]["value"].get<double>(), node_h / 8.0, 1e-9);
}

TEST(FleetCatalog, WritesNestedProfilesAndInfiniteWaits) {
  json d = solve("DistributedModel", R"({"model": "Llama3_8B", "fleet": "Research_256",
      "batch_size": 256})");
  ASSERT_TRUE(d.contains("outputs")) << d.dump();
  EXPECT_EQ(d["outputs"]["parallelism"]["dp"], 256);
  EXPECT_EQ(d["outputs"]["node_profile"]["latency"]["unit"], "ms");
  EXPECT_NEAR(d["outputs"]["node_profile"]["latency"]["value"].get<double>(), 277.00125, 1e-9);

  json o = solve("OrchestrationModel", R"({"fleet": "Research_256",
      "arrival_rate_jobs_per_day": 1.0, "avg_job_duration_days": 2.0})");
  ASSERT_TRUE(o.contains("outputs")) << o.dump();
  EXPECT_EQ(o["outputs"]["avg_wait_time_days"]["value"], "inf");
  EXPECT_EQ(o["outputs"]["is_stable"], false);
}

TEST(FleetCatalog, ReportsAnOversizedSplitAsAnInputError) {
  json e = solve("DistributedModel", R"({"model": "Llama3_70B", "fleet": {"fleet": {
      "node": "Systems.Nodes.DGX_H100", "count": 2, "fabric": "Systems.Fabrics.InfiniBand_NDR",
      "name": "2xDGX"}}, "tp_size": 8, "pp_size": 4})");
  ASSERT_TRUE(e.contains("error")) << e.dump();
  EXPECT_EQ(e["error"]["code"], "input.invalid");
  EXPECT_EQ(e["error"]["field"], "tp_size");
  EXPECT_NE(e["error"]["message"].get<std::string>().find(
                "Infeasible 4D Parallelism: TP(8) * PP(4) * EP(1) > Total(16)"),
            std::string::npos);
  json z = solve("OrchestrationModel", R"({"fleet": "Research_256",
      "arrival_rate_jobs_per_day": 1.0, "avg_job_duration_days": 0})");
  EXPECT_EQ(z["error"]["field"], "avg_job_duration_days");
}

// The table shows a nested result one field per row, without its own trace and warnings.
TEST(FleetCatalog, TableRowsFlattenTheNodeProfile) {
  const Evaluation ev = find_resolver("DistributedModel")
                            .evaluate({{"model", "Llama3_70B"},
                                       {"fleet", "Frontier_8K"},
                                       {"batch_size", "2048"},
                                       {"tp_size", "8"},
                                       {"pp_size", "4"},
                                       {"microbatch_count", "16"}},
                                      *Registry::builtin());
  auto row = [&](std::string_view name) -> const OutputValue* {
    for (const auto& o : ev.outputs) {
      if (o.name == name) return &o;
    }
    return nullptr;
  };
  ASSERT_NE(row("node_profile.latency"), nullptr);
  EXPECT_EQ(row("node_profile.latency")->text, "3973.66 ms");
  ASSERT_NE(row("parallelism.dp"), nullptr);
  EXPECT_EQ(row("parallelism.dp")->text, "256");
  EXPECT_EQ(row("scaling_efficiency")->text, "0.821071");
  EXPECT_EQ(row("node_profile"), nullptr);
  EXPECT_EQ(row("node_profile.warnings"), nullptr);
  EXPECT_EQ(row("node_profile.constraint_trace"), nullptr);
  ASSERT_NE(row("constraint_trace"), nullptr);
  EXPECT_NE(row("constraint_trace")->text.find("Memory Wall: FAILED"), std::string::npos);
  EXPECT_FALSE(ev.feasible.has_value());  // no top-level `feasible`: exit 0
  EXPECT_NE(ev.json.find("\"node_profile\":{"), std::string::npos);
}

}  // namespace
}  // namespace mlsysim
