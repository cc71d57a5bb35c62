#include "mlsysim/core/catalog.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mlsysim/core/error.hpp"
#include "mlsysim/core/walls.hpp"

namespace mlsysim {
namespace {

using nlohmann::json;

json solve(std::string_view resolver, std::string_view line) {
  return json::parse(find_resolver(resolver).solve_json(line, *Registry::builtin()));
}

TEST(Catalog, AnswersAJsonLine) {
  json out = solve("Engine", R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": 32})");
  ASSERT_TRUE(out.contains("outputs")) << out.dump();
  EXPECT_EQ(out["outputs"]["bottleneck"], "Memory");
  EXPECT_EQ(out["outputs"]["latency"]["unit"], "ms");
  EXPECT_NEAR(out["outputs"]["latency"]["value"].get<double>(), 20.464925, 1e-6);
  EXPECT_TRUE(out["outputs"]["offload_spill_bytes"].is_null());
}

TEST(Catalog, AcceptsQuantitiesAsStringsOrObjects) {
  const std::string adhoc = R"({"model": {"workload": {"type": "TransformerWorkload",
      "name": "Tiny-1B", "parameters": "1 Bparam", "layers": 16,
      "inference_flops": {"value": 2, "unit": "GFLOP"}}}, "hardware": "H100"})";
  json out = solve("Engine", adhoc);
  ASSERT_TRUE(out.contains("outputs")) << out.dump();
  EXPECT_DOUBLE_EQ(out["outputs"]["memory_footprint"]["value"].get<double>(), 2.0);
}

TEST(Catalog, AcceptsAdHocHardware) {
  json out = solve("Engine", R"({"model": "Llama3_8B", "hardware": {"hardware": {
      "name": "Half H100", "compute": {"peak_flops": "494.5 TFLOP/s"},
      "memory": {"capacity": "40 GiB", "bandwidth": "1.675 TB/s"}}}})");
  ASSERT_TRUE(out.contains("outputs")) << out.dump();
  EXPECT_NEAR(out["outputs"]["latency_memory"]["value"].get<double>(), 2 * 5.273433, 1e-5);
}

struct BadLine {
  const char* line;
  const char* code;
  const char* field;
  const char* needle;
};

class CatalogErrors : public ::testing::TestWithParam<BadLine> {};

TEST_P(CatalogErrors, ReportsTheFieldAndWhatWasExpected) {
  const BadLine& c = GetParam();
  json out = solve("Engine", c.line);
  ASSERT_TRUE(out.contains("error")) << out.dump();
  EXPECT_EQ(out["error"]["code"], c.code) << out.dump();
  if (*c.field != '\0') {
    EXPECT_EQ(out["error"]["field"], c.field) << out.dump();
  }
  EXPECT_NE(out["error"]["message"].get<std::string>().find(c.needle), std::string::npos)
      << out.dump();
}

INSTANTIATE_TEST_SUITE_P(
    Engine, CatalogErrors,
    ::testing::Values(BadLine{R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": 0})",
                              "input.out_of_range", "batch_size", "must be >= 1, got 0"},
                      BadLine{R"({"model": "Llama3_8B", "hardware": "H100", "efficiency": 1.5})",
                              "input.out_of_range", "efficiency", "1.5"},
                      BadLine{R"({"model": "Llama3_8B", "hardware": "H10"})", "input.unknown_entry",
                              "hardware", "did you mean 'Hardware.Cloud.H100'"},
                      BadLine{R"({"model": "Llama3_8B", "hardware": "H100", "batch_sise": 2})",
                              "input.unknown_field", "batch_sise", "did you mean 'batch_size'"},
                      BadLine{R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": 2.5})",
                              "input.type", "batch_size", "integer"},
                      BadLine{R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": "many"})",
                              "input.type", "batch_size", "expected a number"},
                      BadLine{R"({"model": "Llama3_8B"})", "input.missing", "hardware", "required"},
                      BadLine{R"({"model": "Llama3_8B", "hardware": "H100")", "input.malformed", "",
                              "malformed JSON"},
                      BadLine{R"([1, 2])", "input.type", "", "JSON object"},
                      BadLine{R"({"model": "Llama3_8B", "hardware": {"hardware": {"name": "X",
                  "compute": {"peak_flops": "1 TB/s"}, "memory": {"capacity": "1 GB",
                  "bandwidth": "1 GB/s"}}}})",
                              "input.unit", "hardware.compute.peak_flops", "compute rate"}));

TEST(Catalog, FindsResolversWithSuggestions) {
  EXPECT_EQ(find_resolver("Engine").info.name, "Engine");
  EXPECT_EQ(find_resolver("singlenodemodel").info.name, "SingleNodeModel");
  try {
    (void)find_resolver("SingleNodeModle");
    FAIL();
  } catch (const UnknownEntry& e) {
    ASSERT_FALSE(e.suggestions().empty());
    EXPECT_EQ(e.suggestions().front(), "SingleNodeModel");
  }
}

TEST(Catalog, SchemaListsEveryInputWithDefaultsAndRanges) {
  const json s = json::parse(schema_json(find_resolver("Engine")));
  EXPECT_EQ(s["resolver"], "Engine");
  ASSERT_EQ(s["walls"].size(), 2u);
  EXPECT_EQ(s["walls"][0]["name"], "Compute");
  bool saw_batch = false;
  for (const auto& f : s["inputs"]) {
    if (f["name"] == "batch_size") {
      saw_batch = true;
      EXPECT_EQ(f["default"], 1);
      EXPECT_EQ(f["minimum"], 1);
      EXPECT_EQ(f["type"], "int");
    }
    if (f["name"] == "efficiency") {
      EXPECT_EQ(f["maximum"], 1.0);
    }
  }
  EXPECT_TRUE(saw_batch);
  EXPECT_GE(s["outputs"].size(), 17u);
}

TEST(Walls, TheTaxonomyHas22WallsEachWithAResolver) {
  ASSERT_EQ(all_walls().size(), 22u);
  for (int n = 1; n <= 22; ++n) EXPECT_EQ(wall(n).number, n);
  EXPECT_THROW((void)wall(23), InputError);
  EXPECT_EQ(walls_for_resolver("SingleNodeModel").size(), 2u);
  EXPECT_EQ(walls_for_resolver("ServingModel").front()->number, 4);
  EXPECT_TRUE(walls_for_resolver("BatchingOptimizer").empty());
}

}  // namespace
}  // namespace mlsysim
