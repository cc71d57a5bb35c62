// EconomicsModel — total cost of ownership of a fleet over a period (Wall 17 Capital).
//
//   auto zoo = Registry::builtin();
//   auto r = ops::economics({.fleet = zoo->fleet("Frontier_8K"), .duration_days = 30.0});
//   r.capex_usd;            // 6 733 150.68: 8192 x 30 000 USD over 3 years, 30 days of it
//   r.opex_energy_usd;      //   554 906.42: 4 624 220.16 kWh at 0.12 USD/kWh
//   r.tco_usd;              // 8 298 029.71 with 1 009 972.60 of maintenance
//
// CapEx = unit cost · accelerators · infrastructure multiplier; TCO = CapEx / amortization
// years · days/365 + energy (SustainabilityModel's facility kWh · price) + 5 %/year of CapEx
// maintenance.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::ops {

struct EconomicsInputs {
  std::shared_ptr<const Fleet> fleet = nullptr;
  std::optional<double> duration_days = std::nullopt;  ///< required
  std::optional<double> kwh_price = std::nullopt;      ///< USD/kWh; none: 0.12
  std::shared_ptr<const Datacenter> datacenter = nullptr;
  std::shared_ptr<const Grid> grid = nullptr;  ///< used when no datacenter is given
  double mfu = 1.0;
  double amortization_years = 3.0;
  double infrastructure_multiplier = 1.0;
};

/// The reference's EconomicsResult: the costs plus a copy of the sustainability figures.
struct EconomicsResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  double capex_usd = 0.0;
  double opex_energy_usd = 0.0;
  double opex_maintenance_usd = 0.0;
  double total_opex_usd = 0.0;
  double tco_usd = 0.0;
  units::Joules it_energy_kwh;
  units::Joules total_energy_kwh;
  double carbon_footprint_kg = 0.0;
  double water_usage_liters = 0.0;
  double pue = 0.0;
  std::string region_name;
  std::vector<std::string> warnings;
};

/// EconomicsModel.solve (runs SustainabilityModel for the energy). Throws InputError for bad
/// inputs.
[[nodiscard]] EconomicsResult economics(const EconomicsInputs& in);

}  // namespace mlsysim::ops

namespace mlsysim {

template <>
struct Describe<ops::EconomicsInputs> {
  static constexpr auto fields() {
    using I = ops::EconomicsInputs;
    return std::tuple{
        field("fleet", &I::fleet,
              "the cluster: a Fleet (accelerator unit cost, TDP and count set the costs)",
              {.required = true}),
        field("duration_days", &I::duration_days, "length of the period in days",
              {.min = 0.0, .required = true}),
        field("kwh_price", &I::kwh_price, "electricity price in USD/kWh (default 0.12)",
              {.min = 0.0}),
        field("datacenter", &I::datacenter,
              "the site: a Datacenter or a GridProfile (default: grid, else the fleet's site)"),
        field("grid", &I::grid, "the grid, used when no datacenter is given"),
        field("mfu", &I::mfu, "model FLOPs utilization setting the dynamic power share",
              {.min = 0.0, .max = 1.0}),
        field("amortization_years", &I::amortization_years,
              "years over which the hardware is depreciated", {.min = 0.0, .min_open = true}),
        field("infrastructure_multiplier", &I::infrastructure_multiplier,
              "CapEx multiplier for facility, network and storage on top of the accelerators",
              {.min = 0.0}),
    };
  }
};

template <>
struct Describe<ops::EconomicsResult> {
  static constexpr auto fields() {
    using R = ops::EconomicsResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("capex_usd", &R::capex_usd,
              "CapEx of the period: total CapEx / amortization_years x days / 365, USD"),
        field("opex_energy_usd", &R::opex_energy_usd, "facility energy x kWh price, USD"),
        field("opex_maintenance_usd", &R::opex_maintenance_usd,
              "maintenance: 5 % of total CapEx per year x days / 365, USD"),
        field("total_opex_usd", &R::total_opex_usd, "energy + maintenance OpEx, USD"),
        field("tco_usd", &R::tco_usd, "total cost of ownership: CapEx of the period + OpEx, USD"),
        field("it_energy_kwh", &R::it_energy_kwh, kWh, "accelerator energy (SustainabilityModel)"),
        field("total_energy_kwh", &R::total_energy_kwh, kWh, "facility energy: IT energy x PUE"),
        field("carbon_footprint_kg", &R::carbon_footprint_kg, "operational carbon, kg CO2e"),
        field("water_usage_liters", &R::water_usage_liters, "cooling water, liters"),
        field("pue", &R::pue, "power usage effectiveness of the site"),
        field("region_name", &R::region_name, "the grid whose carbon intensity applies"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
