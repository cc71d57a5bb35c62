#include "mlsysim/ops/sustainability.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "expect_input_error.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::ops {
namespace {

using namespace units;
using testing::expect_input_error;

std::shared_ptr<const Fleet> frontier() { return Registry::builtin()->fleet("Frontier_8K"); }
std::shared_ptr<const Grid> grid(std::string_view name) {
  return Registry::builtin()->grid(std::string("Infra.Grids.") + std::string(name));
}

// Golden G22 (spec §11.1): 8192 H100 at 700 W for 30 days, MFU 1, US average grid.
TEST(SustainabilityModel, FrontierOnTheUsAverageGrid) {
  const SustainabilityResult r = sustainability({.fleet = frontier(), .duration_days = 30.0});
  EXPECT_NEAR(r.it_energy_kwh.in(kWh), 4128768.0, 1e-6);
  EXPECT_NEAR(r.total_energy_kwh.in(kWh), 4624220.16, 1e-6);
  EXPECT_NEAR(r.carbon_footprint_kg, 1983790.44864, 1e-6);
  EXPECT_NEAR(r.water_usage_liters, 8323596.288, 1e-6);
  EXPECT_DOUBLE_EQ(r.pue, 1.12);
  EXPECT_EQ(r.region_name, "US Average");
  EXPECT_DOUBLE_EQ(r.embodied_carbon_kg, 0.0);
  EXPECT_TRUE(r.constraint_trace.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(SustainabilityModel, AGridStandsInForADatacenter) {
  const SustainabilityResult r = sustainability(
      {.fleet = frontier(), .duration_days = 30.0, .datacenter = datacenter_on(grid("Quebec"))});
  EXPECT_NEAR(r.total_energy_kwh.in(kWh), 4376494.08, 1e-6);
  EXPECT_NEAR(r.carbon_footprint_kg, 87529.8816, 1e-6);
  EXPECT_DOUBLE_EQ(r.water_usage_liters, 0.0);
  EXPECT_DOUBLE_EQ(r.pue, 1.06);
  EXPECT_EQ(r.region_name, "Quebec (Hydro)");
}

TEST(SustainabilityModel, DatacenterPueOverrideAndItsZeroFallback) {
  Datacenter dc;
  dc.info.name = "DC-Quebec";
  dc.grid = grid("Quebec");
  dc.pue_override = 1.3;
  auto with = std::make_shared<const Datacenter>(dc);
  const SustainabilityResult r =
      sustainability({.fleet = frontier(), .duration_days = 30.0, .datacenter = with});
  EXPECT_DOUBLE_EQ(r.pue, 1.3);
  EXPECT_NEAR(r.total_energy_kwh.in(kWh), 4128768.0 * 1.3, 1e-6);
  EXPECT_DOUBLE_EQ(r.water_usage_liters, 0.0);  // Quebec's WUE is 0

  dc.pue_override = 0.0;  // the reference's `pue_override or grid.pue`
  const SustainabilityResult zero =
      sustainability({.fleet = frontier(),
                      .duration_days = 30.0,
                      .datacenter = std::make_shared<const Datacenter>(dc)});
  EXPECT_DOUBLE_EQ(zero.pue, 1.06);
}

TEST(SustainabilityModel, FleetRegionAndFleetDatacenter) {
  Fleet f = *frontier();
  f.region = grid("Poland");
  const SustainabilityResult r =
      sustainability({.fleet = std::make_shared<const Fleet>(f), .duration_days = 1.0});
  EXPECT_DOUBLE_EQ(r.pue, 1.58);
  EXPECT_EQ(r.region_name, grid("Poland")->name());
  EXPECT_NEAR(r.carbon_footprint_kg, 4128768.0 / 30.0 * 1.58 * 0.82, 1e-6);

  // An explicit site wins over the fleet's region.
  const SustainabilityResult norway = sustainability({.fleet = std::make_shared<const Fleet>(f),
                                                      .duration_days = 1.0,
                                                      .datacenter = datacenter_on(grid("Norway"))});
  EXPECT_DOUBLE_EQ(norway.pue, 1.06);
  EXPECT_NEAR(norway.carbon_footprint_kg, 4128768.0 / 30.0 * 1.06 * 0.01, 1e-6);
}

TEST(SustainabilityModel, MfuEmbodiedCarbonAndZeroDays) {
  const SustainabilityResult idle =
      sustainability({.fleet = frontier(), .duration_days = 1.0, .mfu = 0.0});
  EXPECT_NEAR(idle.it_energy_kwh.in(kWh), 0.3 * 700.0 * 8192 * 24 / 1000.0, 1e-6);

  const SustainabilityResult r = sustainability({.fleet = frontier(),
                                                 .duration_days = 7.5,
                                                 .mfu = 0.33,
                                                 .embodied_carbon_per_device = 1200.0});
  EXPECT_DOUBLE_EQ(r.embodied_carbon_kg, 1200.0 * 8192);
  const double it_kwh = (0.3 + 0.7 * 0.33) * 700.0 * 8192 * 24 * 7.5 / 1000.0;
  EXPECT_NEAR(r.it_energy_kwh.in(kWh), it_kwh, 1e-6);
  EXPECT_NEAR(r.carbon_footprint_kg, it_kwh * 1.12 * 0.429 + 1200.0 * 8192, 1e-5);

  const SustainabilityResult none = sustainability({.fleet = frontier(), .duration_days = 0.0});
  EXPECT_DOUBLE_EQ(none.total_energy_kwh.in(kWh), 0.0);
}

TEST(SustainabilityModel, AcceleratorWithoutTdpAssumes700W) {
  Hardware hw = *Registry::builtin()->hardware("H100");
  hw.tdp.reset();
  Node node = *frontier()->node;
  node.accelerator = std::make_shared<const Hardware>(hw);
  Fleet f = *frontier();
  f.node = std::make_shared<const Node>(node);
  const SustainabilityResult r =
      sustainability({.fleet = std::make_shared<const Fleet>(f), .duration_days = 30.0});
  EXPECT_NEAR(r.it_energy_kwh.in(kWh), 4128768.0, 1e-6);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("700 W"), std::string::npos);
}

TEST(SustainabilityModel, NegativeDurationIsAcceptedWithAWarning) {
  // Pinned by the reference's conformance cases: it answers with negative energy.
  const SustainabilityResult r = sustainability({.fleet = frontier(), .duration_days = -1.0});
  EXPECT_LT(r.total_energy_kwh.in(kWh), 0.0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("negative"), std::string::npos);
}

TEST(SustainabilityModel, RejectsBadInputs) {
  expect_input_error(
      [] { (void)sustainability({.fleet = frontier(), .duration_days = 1.0, .mfu = -0.1}); }, "mfu",
      "[0, 1]");
  expect_input_error(
      [] { (void)sustainability({.fleet = frontier(), .duration_days = 1.0, .mfu = 1.5}); }, "mfu");
  expect_input_error(
      [] {
        (void)sustainability(
            {.fleet = frontier(), .duration_days = 1.0, .embodied_carbon_per_device = -1.0});
      },
      "embodied_carbon_per_device", ">= 0");
  expect_input_error([] { (void)sustainability({.duration_days = 1.0}); }, "fleet", "missing");
  expect_input_error([] { (void)sustainability({.fleet = frontier()}); }, "duration_days",
                     "missing");
  expect_input_error(
      [] {
        (void)sustainability(
            {.fleet = frontier(), .duration_days = std::numeric_limits<double>::infinity()});
      },
      "duration_days", "finite");
}

TEST(SustainabilityModel, OverflowingInputsAreRejectedNotNaN) {
  // 1e305 days overflow the energy; with a zero-carbon grid the carbon would be inf x 0 = NaN.
  expect_input_error([] { (void)sustainability({.fleet = frontier(), .duration_days = 1e305}); },
                     "duration_days", "overflows");
  expect_input_error(
      [] {
        (void)sustainability(
            {.fleet = frontier(), .duration_days = 1.0, .embodied_carbon_per_device = 1e306});
      },
      "embodied_carbon_per_device", "overflows");
}

TEST(SustainabilityModel, JsonTakesAGridOrADatacenterAsTheSite) {
  using nlohmann::json;
  const Resolver& res = find_resolver("SustainabilityModel");
  const Registry& zoo = *Registry::builtin();
  json grid_site = json::parse(res.solve_json(
      R"({"fleet": "Frontier_8K", "duration_days": 30, "datacenter": "Infra.Grids.Quebec"})", zoo));
  EXPECT_DOUBLE_EQ(grid_site["outputs"]["pue"].get<double>(), 1.06);
  json adhoc = json::parse(res.solve_json(
      R"({"fleet": "Frontier_8K", "duration_days": 30,
          "datacenter": {"datacenter": {"name": "DC", "grid": "Infra.Grids.Quebec",
                                        "pue_override": 1.3}}})",
      zoo));
  EXPECT_DOUBLE_EQ(adhoc["outputs"]["pue"].get<double>(), 1.3);
  json unknown = json::parse(res.solve_json(
      R"({"fleet": "Frontier_8K", "duration_days": 30, "datacenter": "Mars"})", zoo));
  ASSERT_TRUE(unknown.contains("error"));
  EXPECT_EQ(unknown["error"]["field"], "datacenter");
}

}  // namespace
}  // namespace mlsysim::ops
