#include "mlsysim/optimize/placement.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/ops/economics.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::optimize {
namespace {

using testing::expect_input_error;

PlacementInputs frontier(double days) {
  return {.fleet = Registry::builtin()->fleet("Frontier_8K"), .duration_days = days};
}

const PlacementCandidate* find(const PlacementResult& r, std::string_view region) {
  for (const auto& c : r.top_candidates) {
    if (c.region == region) return &c;
  }
  return nullptr;
}

// Golden G31 of spec §13.3.
TEST(PlacementOptimizer, Frontier30Days) {
  const PlacementResult r = placement(frontier(30.0));
  EXPECT_EQ(r.best_region, "Quebec");
  EXPECT_EQ(r.best_config.region, "Quebec");
  EXPECT_NEAR(r.objective_value, 8277055.57, 1e-2);
  EXPECT_EQ(r.total_searched, 3);
  ASSERT_EQ(r.top_candidates.size(), 3u);
  EXPECT_EQ(r.top_candidates[0].region, "Quebec");
  EXPECT_EQ(r.top_candidates[1].region, "US_Avg");
  EXPECT_EQ(r.top_candidates[2].region, "Iowa");
  EXPECT_NEAR(r.top_candidates[1].objective, 8496408.75, 1e-2);
  EXPECT_NEAR(r.top_candidates[2].objective, 8612476.68, 1e-2);
  EXPECT_DOUBLE_EQ(r.lowest_tco, r.top_candidates[0].tco);
  EXPECT_DOUBLE_EQ(r.carbon_footprint, r.top_candidates[0].carbon);
  EXPECT_DOUBLE_EQ(r.pue, r.top_candidates[0].pue);
  EXPECT_TRUE(r.warnings.empty());
}

// The objective is EconomicsModel's TCO plus the carbon tax.
TEST(PlacementOptimizer, ObjectiveIsTcoPlusCarbonTax) {
  PlacementInputs in = frontier(30.0);
  in.carbon_tax_per_ton = 250.0;
  const PlacementResult r = placement(in);
  for (const auto& c : r.top_candidates) {
    const ops::EconomicsResult e =
        ops::economics({.fleet = in.fleet,
                        .duration_days = 30.0,
                        .grid = Registry::builtin()->grid("Infra.Grids." + c.region)});
    EXPECT_DOUBLE_EQ(c.tco, e.tco_usd);
    EXPECT_DOUBLE_EQ(c.carbon, e.carbon_footprint_kg / 1000.0);
    EXPECT_DOUBLE_EQ(c.objective, e.tco_usd + c.carbon * 250.0);
    EXPECT_DOUBLE_EQ(c.pue, e.pue);
  }
}

// Conformance case PlacementOptimizer-ee8d17c28f: "Mars" is skipped, with a warning.
TEST(PlacementOptimizer, UnknownRegionsAreSkipped) {
  PlacementInputs in = frontier(90.0);
  in.carbon_tax_per_ton = 1000.0;
  in.regions = {"US_Avg", "Quebec", "Iowa", "Poland", "Norway", "Mars"};
  const PlacementResult r = placement(in);
  EXPECT_EQ(r.best_region, "Norway");
  EXPECT_EQ(r.total_searched, 5);
  EXPECT_NEAR(r.objective_value, 24936202.5542137, 1e-6);
  EXPECT_NEAR(r.lowest_tco, 24804907.7318137, 1e-6);
  EXPECT_NEAR(r.carbon_footprint, 131.29482240000002, 1e-9);
  EXPECT_DOUBLE_EQ(r.pue, 1.06);
  EXPECT_EQ(find(r, "Mars"), nullptr);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("'Mars'"), std::string::npos);
}

// Names match the Infra.Grids attribute exactly; display names, other cases and full paths do not.
TEST(PlacementOptimizer, NamesMatchExactly) {
  PlacementInputs in = frontier(30.0);
  in.regions = {"quebec", "Infra.Grids.Quebec", "US Average", "Iowa"};
  const PlacementResult r = placement(in);
  EXPECT_EQ(r.total_searched, 1);
  EXPECT_EQ(r.best_region, "Iowa");
}

// Ties keep the input order (Quebec and Norway share a PUE, so with no tax they tie); duplicates
// are evaluated and listed twice.
TEST(PlacementOptimizer, TiesAndDuplicates) {
  PlacementInputs in = frontier(30.0);
  in.carbon_tax_per_ton = 0.0;
  in.regions = {"Norway", "Quebec"};
  EXPECT_EQ(placement(in).best_region, "Norway");
  in.regions = {"Quebec", "Norway"};
  EXPECT_EQ(placement(in).best_region, "Quebec");
  in.regions = {"Iowa", "Iowa"};
  const PlacementResult r = placement(in);
  EXPECT_EQ(r.total_searched, 2);
  ASSERT_EQ(r.top_candidates.size(), 2u);
  EXPECT_DOUBLE_EQ(r.top_candidates[0].objective, r.top_candidates[1].objective);
}

TEST(PlacementOptimizer, BadInputs) {
  PlacementInputs in = frontier(30.0);
  in.regions = {"Mars", "Venus"};
  expect_input_error([&] { (void)placement(in); }, "regions",
                     "No valid regions found for optimization.");
  in.regions = {};
  expect_input_error([&] { (void)placement(in); }, "regions", "empty");
  in = frontier(30.0);
  in.mfu = 1.5;
  expect_input_error([&] { (void)placement(in); }, "mfu");
  in = frontier(30.0);
  in.carbon_tax_per_ton = -1.0;
  expect_input_error([&] { (void)placement(in); }, "carbon_tax_per_ton", ">= 0");
  in = frontier(-1.0);
  expect_input_error([&] { (void)placement(in); }, "duration_days", ">= 0");
  in = frontier(30.0);
  in.duration_days.reset();
  expect_input_error([&] { (void)placement(in); }, "duration_days", "missing");
  in = frontier(30.0);
  in.fleet = nullptr;
  expect_input_error([&] { (void)placement(in); }, "fleet", "missing");
}

}  // namespace
}  // namespace mlsysim::optimize
