// The optimizers through the catalog: their order, the CLI's feasibility flag and table rows.
#include "mlsysim/core/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim {
namespace {

const OutputValue& row(const Evaluation& ev, std::string_view name) {
  const auto it = std::find_if(ev.outputs.begin(), ev.outputs.end(),
                               [&](const OutputValue& o) { return o.name == name; });
  if (it == ev.outputs.end()) throw std::runtime_error("no row " + std::string(name));
  return *it;
}

TEST(OptimizeCatalog, RegisteredAfterTheAnalysisDomain) {
  std::vector<std::string_view> names;
  for (const auto& r : resolvers()) names.push_back(r.info.name);
  const auto at = std::find(names.begin(), names.end(), "ParallelismOptimizer");
  ASSERT_NE(at, names.end());
  ASSERT_GE(names.end() - at, 4);
  EXPECT_EQ(at[-1], "SynthesisSolver");
  EXPECT_EQ(at[1], "BatchingOptimizer");
  EXPECT_EQ(at[2], "PlacementOptimizer");
  EXPECT_EQ(at[3], "NetworkRooflineModel");
  EXPECT_EQ(find_resolver("placementoptimizer").info.type, "optimizer");
}

// `is_feasible` sets the evaluation's feasibility (CLI exit 2 when false).
TEST(OptimizeCatalog, BatchingFeasibilityReachesTheCli) {
  auto zoo = Registry::builtin();
  std::vector<Setting> s = {{"model", "Llama3_8B"},
                            {"hardware", "H100"},
                            {"seq_len", "128"},
                            {"sla_latency_ms", "10000"},
                            {"arrival_rate_qps", "20"}};
  const Evaluation ok = find_resolver("BatchingOptimizer").evaluate(s, *zoo);
  ASSERT_TRUE(ok.feasible.has_value());
  EXPECT_TRUE(*ok.feasible);
  EXPECT_EQ(row(ok, "best_config.max_batch_size").text, "256");
  s[3].second = "5000";
  const Evaluation no = find_resolver("BatchingOptimizer").evaluate(s, *zoo);
  ASSERT_TRUE(no.feasible.has_value());
  EXPECT_FALSE(*no.feasible);
}

// A list of candidates prints one "name=value" line per candidate; the JSON keeps the objects.
TEST(OptimizeCatalog, CandidatesInTables) {
  auto zoo = Registry::builtin();
  const Evaluation ev =
      find_resolver("ParallelismOptimizer")
          .evaluate({{"model", "Llama3_70B"}, {"fleet", "Research_256"}, {"batch_size", "256"}},
                    *zoo);
  EXPECT_FALSE(ev.feasible.has_value());
  const OutputValue& top = row(ev, "top_candidates");
  EXPECT_EQ(top.text.substr(0, top.text.find('\n')),
            "config=(tp=8, pp=1, dp=32), mfu=0.483674, throughput=498.565 1/s, "
            "step_time=4107.79 ms");
  EXPECT_EQ(top.json.rfind("[{\"config\":{\"tp\":8,\"pp\":1,\"dp\":32},\"mfu\":0.48367", 0), 0u);
  EXPECT_EQ(std::count(top.text.begin(), top.text.end(), '\n'), 4);
}

}  // namespace
}  // namespace mlsysim
