// SustainabilityModel — energy, carbon and water of a fleet over a period (Wall 18
// Sustainability).
//
//   auto zoo = Registry::builtin();
//   auto r = ops::sustainability({.fleet = zoo->fleet("Frontier_8K"), .duration_days = 30.0});
//   r.total_energy_kwh.in(units::kWh);  // 4 624 220.16: IT energy x PUE 1.12 (US average grid)
//   r.carbon_footprint_kg;              // 1 983 790.45 kg CO2e at 429 g/kWh
//   r.water_usage_liters;               // 8 323 596.29 L at 1.8 L/kWh
//
// E_IT = TDP·(0.3 + 0.7·MFU) · accelerators · 24 h · days; E = E_IT · PUE; carbon = E · CI
// (+ embodied carbon per device); water = E · WUE. The site is the datacenter (or grid) given,
// else the fleet's datacenter, else its region, else the US average grid.
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

struct SustainabilityInputs {
  std::shared_ptr<const Fleet> fleet = nullptr;
  std::optional<double> duration_days = std::nullopt;  ///< required
  /// The site: a datacenter, or a grid (a registry grid name reads as a datacenter on it).
  std::shared_ptr<const Datacenter> datacenter = nullptr;
  double mfu = 1.0;
  double embodied_carbon_per_device = 0.0;  ///< kg CO2e per accelerator
};

/// The reference's SustainabilityResult.
struct SustainabilityResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  units::Joules it_energy_kwh;
  units::Joules total_energy_kwh;
  double carbon_footprint_kg = 0.0;
  double water_usage_liters = 0.0;
  double pue = 0.0;
  std::string region_name;
  double embodied_carbon_kg = 0.0;
  std::vector<std::string> warnings;
};

/// SustainabilityModel.solve. Throws InputError for bad inputs.
[[nodiscard]] SustainabilityResult sustainability(const SustainabilityInputs& in);

}  // namespace mlsysim::ops

namespace mlsysim {

template <>
struct Describe<ops::SustainabilityInputs> {
  static constexpr auto fields() {
    using I = ops::SustainabilityInputs;
    return std::tuple{
        field("fleet", &I::fleet, "the cluster: a Fleet (its accelerators' TDP sets the power)",
              {.required = true}),
        field("duration_days", &I::duration_days,
              "length of the period in days (a negative period is accepted with a warning, as in "
              "the reference)",
              {.required = true}),
        field("datacenter", &I::datacenter,
              "the site: a Datacenter or a GridProfile (default: the fleet's datacenter, else its "
              "region, else the US average grid)"),
        field("mfu", &I::mfu, "model FLOPs utilization setting the dynamic power share",
              {.min = 0.0, .max = 1.0}),
        field("embodied_carbon_per_device", &I::embodied_carbon_per_device,
              "manufacturing carbon per accelerator, kg CO2e", {.min = 0.0}),
    };
  }
};

template <>
struct Describe<ops::SustainabilityResult> {
  static constexpr auto fields() {
    using R = ops::SustainabilityResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("it_energy_kwh", &R::it_energy_kwh, kWh,
              "accelerator energy: TDP x (0.3 + 0.7 MFU) x accelerators x hours"),
        field("total_energy_kwh", &R::total_energy_kwh, kWh, "facility energy: IT energy x PUE"),
        field("carbon_footprint_kg", &R::carbon_footprint_kg,
              "operational carbon (facility energy x carbon intensity) + embodied carbon, kg "
              "CO2e"),
        field("water_usage_liters", &R::water_usage_liters,
              "cooling water: facility energy x WUE, liters"),
        field("pue", &R::pue, "power usage effectiveness of the site"),
        field("region_name", &R::region_name, "the grid whose carbon intensity applies"),
        field("embodied_carbon_kg", &R::embodied_carbon_kg,
              "embodied carbon: embodied_carbon_per_device x accelerators, kg CO2e"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
