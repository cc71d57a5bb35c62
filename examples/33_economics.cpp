// EconomicsModel: what a month of the 8192-GPU Frontier_8K cluster costs on the US average grid,
// with the hardware depreciated over 3 years.
#include <cstdio>

#include "mlsysim/ops/economics.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const ops::EconomicsResult r =
      ops::economics({.fleet = zoo->fleet("Frontier_8K"), .duration_days = 30.0});
  std::printf("CapEx (30 days of 3 years): %14.2f USD\n", r.capex_usd);
  std::printf("energy OpEx:                %14.2f USD  (%.2f kWh at 0.12 USD/kWh)\n",
              r.opex_energy_usd, r.total_energy_kwh.in(units::kWh));
  std::printf("maintenance OpEx:           %14.2f USD\n", r.opex_maintenance_usd);
  std::printf("TCO:                        %14.2f USD\n", r.tco_usd);
  std::printf("carbon:                     %14.2f kg CO2e (%s, PUE %.2f)\n", r.carbon_footprint_kg,
              r.region_name.c_str(), r.pue);
}
