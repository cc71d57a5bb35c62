#include "mlsysim/ops/sustainability.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/text.hpp"
#include "mlsysim/core/formulas.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::ops {

using namespace units;

namespace {
constexpr double kFallbackTdpW = 700.0;    // H100_TDP: accelerators that list no TDP
constexpr double kFleetDefaultPue = 1.12;  // PUE_BEST_AIR: a fleet with no site

/// The reference's US-average grid, used when neither the inputs nor the fleet name a site.
const Grid& us_average_grid() {
  static const std::shared_ptr<const Grid> grid = Registry::builtin()->grid("Infra.Grids.US_Avg");
  return *grid;
}
}  // namespace

SustainabilityResult sustainability(const SustainabilityInputs& in) {
  check_required(in);
  check_bounds(in);
  const Fleet& fleet = *in.fleet;
  const double days = *in.duration_days;
  SustainabilityResult r;
  if (days < 0.0) {
    detail::note(
        r.warnings,
        "duration_days is negative ({}): energy, carbon and water come out negative, as in the "
        "reference",
        days);
  }

  // The site: the datacenter given (or a grid standing in for one), else the fleet's datacenter;
  // without one, the fleet's region (else the US average grid) and the fleet's PUE.
  const Datacenter* dc = in.datacenter ? in.datacenter.get() : fleet.datacenter.get();
  const Grid& region = dc ? *dc->grid : fleet.region ? *fleet.region : us_average_grid();
  r.pue = dc ? dc->pue() : fleet.region ? fleet.region->pue : kFleetDefaultPue;
  r.region_name = region.name();

  const Hardware& hw = *fleet.node->accelerator;
  Watts tdp = hw.tdp ? hw.tdp->q : Watts{};
  if (!(tdp > Watts{})) {
    tdp = kFallbackTdpW * W;
    detail::note(r.warnings, "'{}' lists no TDP: assumed {} W per accelerator", hw.name(),
                 kFallbackTdpW);
  }
  const auto accelerators = static_cast<double>(fleet.total_accelerators());
  r.it_energy_kwh = formulas::average_power(tdp, in.mfu) * accelerators * (24.0 * days * hour.size);
  r.total_energy_kwh = r.it_energy_kwh * r.pue;
  // Only absurd inputs overflow; an infinite energy would turn a zero carbon intensity, WUE or
  // price into NaN, so it is an input error.
  if (!std::isfinite(r.total_energy_kwh.in(kWh))) {
    throw InputError("input.out_of_range", "duration_days",
                     fmt::format("duration_days: the energy of {} days x {} accelerators x {} W "
                                 "(PUE {}) overflows; give a shorter period or a smaller fleet",
                                 days, accelerators, tdp.in(W), r.pue));
  }

  r.embodied_carbon_kg = in.embodied_carbon_per_device * accelerators;
  if (!std::isfinite(r.embodied_carbon_kg)) {
    throw InputError("input.out_of_range", "embodied_carbon_per_device",
                     fmt::format("embodied_carbon_per_device: {} kg x {} accelerators overflows",
                                 in.embodied_carbon_per_device, accelerators));
  }
  r.carbon_footprint_kg =
      (r.total_energy_kwh * region.carbon_intensity_g_kwh.q).in(kg) + r.embodied_carbon_kg;
  r.water_usage_liters = (r.total_energy_kwh * region.wue.q).in(L);
  if (!std::isfinite(r.carbon_footprint_kg) || !std::isfinite(r.water_usage_liters)) {
    throw InputError(
        "input.out_of_range", "datacenter",
        fmt::format("datacenter: the carbon or water of {} kWh on '{}' overflows "
                    "(carbon intensity {} {}, WUE {} {})",
                    r.total_energy_kwh.in(kWh), region.name(),
                    region.carbon_intensity_g_kwh.magnitude, region.carbon_intensity_g_kwh.unit,
                    region.wue.magnitude, region.wue.unit));
  }
  return r;
}

}  // namespace mlsysim::ops
