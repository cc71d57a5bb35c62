#include "mlsysim/ops/economics.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/ops/sustainability.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::ops {
namespace {

using namespace units;
using testing::expect_input_error;

std::shared_ptr<const Fleet> frontier() { return Registry::builtin()->fleet("Frontier_8K"); }

/// Frontier_8K with its H100s' unit cost replaced (or removed).
std::shared_ptr<const Fleet> frontier_costing(std::optional<double> usd) {
  Hardware hw = *Registry::builtin()->hardware("H100");
  hw.unit_cost.reset();
  if (usd) hw.unit_cost = Stated<kMoney>::of(*usd, USD);
  Node node = *frontier()->node;
  node.accelerator = std::make_shared<const Hardware>(hw);
  Fleet f = *frontier();
  f.node = std::make_shared<const Node>(node);
  return std::make_shared<const Fleet>(f);
}

// Golden G23 (spec §11.2): Frontier_8K for 30 days on the US average grid.
TEST(EconomicsModel, FrontierThirtyDays) {
  const EconomicsResult r = economics({.fleet = frontier(), .duration_days = 30.0});
  EXPECT_NEAR(r.capex_usd, 6733150.684931506, 1e-6);
  EXPECT_NEAR(r.opex_energy_usd, 554906.4192, 1e-6);
  EXPECT_NEAR(r.opex_maintenance_usd, 1009972.602739726, 1e-6);
  EXPECT_NEAR(r.total_opex_usd, 1564879.021939726, 1e-6);
  EXPECT_NEAR(r.tco_usd, 8298029.706871233, 1e-6);
  EXPECT_NEAR(r.total_energy_kwh.in(kWh), 4624220.16, 1e-6);
  EXPECT_NEAR(r.carbon_footprint_kg, 1983790.44864, 1e-6);
  EXPECT_DOUBLE_EQ(r.pue, 1.12);
  EXPECT_EQ(r.region_name, "US Average");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(EconomicsModel, EmbedsTheSustainabilityResult) {
  const auto quebec = Registry::builtin()->grid("Infra.Grids.Quebec");
  const EconomicsResult r = economics({.fleet = frontier(), .duration_days = 90.0, .grid = quebec});
  const SustainabilityResult s = sustainability(
      {.fleet = frontier(), .duration_days = 90.0, .datacenter = datacenter_on(quebec)});
  EXPECT_DOUBLE_EQ(r.total_energy_kwh.in(kWh), s.total_energy_kwh.in(kWh));
  EXPECT_DOUBLE_EQ(r.water_usage_liters, s.water_usage_liters);
  EXPECT_DOUBLE_EQ(r.pue, 1.06);
  EXPECT_EQ(r.region_name, s.region_name);
  EXPECT_NEAR(r.opex_energy_usd, s.total_energy_kwh.in(kWh)*0.12, 1e-6);

  // A datacenter given as well wins over the grid.
  const EconomicsResult dc =
      economics({.fleet = frontier(),
                 .duration_days = 90.0,
                 .datacenter = datacenter_on(Registry::builtin()->grid("Infra.Grids.Poland")),
                 .grid = quebec});
  EXPECT_DOUBLE_EQ(dc.pue, 1.58);
}

TEST(EconomicsModel, PriceAmortizationAndInfrastructure) {
  const EconomicsResult base = economics({.fleet = frontier(), .duration_days = 90.0});
  const EconomicsResult cheap =
      economics({.fleet = frontier(), .duration_days = 90.0, .kwh_price = 0.05});
  EXPECT_NEAR(cheap.opex_energy_usd, base.opex_energy_usd * 0.05 / 0.12, 1e-6);
  const EconomicsResult free_power =
      economics({.fleet = frontier(), .duration_days = 90.0, .kwh_price = 0.0});
  EXPECT_DOUBLE_EQ(free_power.opex_energy_usd, 0.0);  // 0 is honoured; only none falls back

  const EconomicsResult five =
      economics({.fleet = frontier(), .duration_days = 90.0, .amortization_years = 5.0});
  EXPECT_NEAR(five.capex_usd, base.capex_usd * 3.0 / 5.0, 1e-6);
  EXPECT_DOUBLE_EQ(five.opex_maintenance_usd, base.opex_maintenance_usd);

  const EconomicsResult infra =
      economics({.fleet = frontier(), .duration_days = 90.0, .infrastructure_multiplier = 2.5});
  EXPECT_NEAR(infra.capex_usd, base.capex_usd * 2.5, 1e-6);
  EXPECT_NEAR(infra.opex_maintenance_usd, base.opex_maintenance_usd * 2.5, 1e-6);
  EXPECT_DOUBLE_EQ(infra.opex_energy_usd, base.opex_energy_usd);
}

TEST(EconomicsModel, UnitCostFallbackOnlyWhenAbsent) {
  const EconomicsResult zero =
      economics({.fleet = frontier_costing(0.0), .duration_days = 30.0});  // erratum E14
  EXPECT_DOUBLE_EQ(zero.capex_usd, 0.0);
  EXPECT_DOUBLE_EQ(zero.opex_maintenance_usd, 0.0);
  EXPECT_TRUE(zero.warnings.empty());

  const EconomicsResult absent =
      economics({.fleet = frontier_costing(std::nullopt), .duration_days = 30.0});
  EXPECT_NEAR(absent.capex_usd, 30000.0 * 8192 / 3.0 * 30.0 / 365.0, 1e-6);
  ASSERT_EQ(absent.warnings.size(), 1u);
  EXPECT_NE(absent.warnings[0].find("30000 USD"), std::string::npos);
}

TEST(EconomicsModel, RejectsBadInputs) {
  expect_input_error(
      [] {
        (void)economics({.fleet = frontier(), .duration_days = 30.0, .amortization_years = 0.0});
      },
      "amortization_years", "> 0");
  expect_input_error(
      [] {
        (void)economics({.fleet = frontier(), .duration_days = 30.0, .amortization_years = -3.0});
      },
      "amortization_years");
  expect_input_error([] { (void)economics({.fleet = frontier(), .duration_days = -1.0}); },
                     "duration_days", ">= 0");
  expect_input_error(
      [] { (void)economics({.fleet = frontier(), .duration_days = 30.0, .kwh_price = -0.1}); },
      "kwh_price");
  expect_input_error(
      [] {
        (void)economics(
            {.fleet = frontier(), .duration_days = 30.0, .infrastructure_multiplier = -1.0});
      },
      "infrastructure_multiplier");
  expect_input_error(
      [] { (void)economics({.fleet = frontier(), .duration_days = 30.0, .mfu = 2.0}); }, "mfu");
  expect_input_error(
      [] {
        (void)economics(
            {.fleet = frontier(), .duration_days = 0.0, .infrastructure_multiplier = 1e305});
      },
      "infrastructure_multiplier", "overflows");  // inf x 0 days would be NaN
  expect_input_error([] { (void)economics({.duration_days = 30.0}); }, "fleet", "missing");
  expect_input_error([] { (void)economics({.fleet = frontier()}); }, "duration_days", "missing");
}

}  // namespace
}  // namespace mlsysim::ops
