#include "mlsysim/ops/economics.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/text.hpp"
#include "mlsysim/ops/sustainability.hpp"

namespace mlsysim::ops {

using namespace units;

namespace {
constexpr double kDefaultKwhPriceUsd = 0.12;      // CLOUD_ELECTRICITY_PER_KWH
constexpr double kFallbackUnitCostUsd = 30000.0;  // GPU_UNIT_COST_H100: no unit cost listed
constexpr double kAnnualMaintenanceRatio = 0.05;  // ANNUAL_MAINTENANCE_RATIO
constexpr double kDaysPerYear = 365.0;
}  // namespace

EconomicsResult economics(const EconomicsInputs& in) {
  check_required(in);
  check_bounds(in);
  const Fleet& fleet = *in.fleet;
  const double days = *in.duration_days;

  // Energy, carbon and water come from SustainabilityModel at the same site. A grid given
  // without a datacenter is a datacenter on that grid.
  SustainabilityInputs site{.fleet = in.fleet, .duration_days = days, .mfu = in.mfu};
  site.datacenter = in.datacenter ? in.datacenter : in.grid ? datacenter_on(in.grid) : nullptr;
  SustainabilityResult s = sustainability(site);

  EconomicsResult r;
  r.warnings = std::move(s.warnings);
  // No grid or datacenter carries an electricity price, so only kwh_price overrides the default.
  const double price = in.kwh_price.value_or(kDefaultKwhPriceUsd);
  r.opex_energy_usd = s.total_energy_kwh.in(kWh)*price;

  const Hardware& hw = *fleet.node->accelerator;
  double unit_cost = kFallbackUnitCostUsd;
  if (hw.unit_cost) {
    unit_cost = hw.unit_cost->q.in(USD);  // an explicit 0 USD is kept
  } else {
    detail::note(r.warnings, "'{}' lists no unit cost: assumed {} USD per accelerator", hw.name(),
                 kFallbackUnitCostUsd);
  }
  const double capex_total =
      unit_cost * static_cast<double>(fleet.total_accelerators()) * in.infrastructure_multiplier;
  if (!std::isfinite(capex_total)) {
    throw InputError(
        "input.out_of_range", "infrastructure_multiplier",
        fmt::format("infrastructure_multiplier: the CapEx of {} USD x {} accelerators "
                    "x {} overflows",
                    unit_cost, fleet.total_accelerators(), in.infrastructure_multiplier));
  }
  const double period = days / kDaysPerYear;
  r.capex_usd = capex_total / in.amortization_years * period;
  r.opex_maintenance_usd = capex_total * kAnnualMaintenanceRatio * period;
  r.total_opex_usd = r.opex_energy_usd + r.opex_maintenance_usd;
  r.tco_usd = r.capex_usd + r.total_opex_usd;

  r.it_energy_kwh = s.it_energy_kwh;
  r.total_energy_kwh = s.total_energy_kwh;
  r.carbon_footprint_kg = s.carbon_footprint_kg;
  r.water_usage_liters = s.water_usage_liters;
  r.pue = s.pue;
  r.region_name = std::move(s.region_name);
  return r;
}

}  // namespace mlsysim::ops
