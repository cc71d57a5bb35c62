// SustainabilityModel: the same month of Frontier_8K (8192 H100 at full load) on the US average
// grid and in Quebec (hydro power, liquid cooling).
#include <cstdio>

#include "mlsysim/ops/sustainability.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  for (const char* grid : {"Infra.Grids.US_Avg", "Infra.Grids.Quebec"}) {
    const ops::SustainabilityResult r =
        ops::sustainability({.fleet = zoo->fleet("Frontier_8K"),
                             .duration_days = 30.0,
                             .datacenter = datacenter_on(zoo->grid(grid))});
    std::printf("%s (PUE %.2f)\n", r.region_name.c_str(), r.pue);
    std::printf("  IT energy:       %14.2f kWh\n", r.it_energy_kwh.in(units::kWh));
    std::printf("  facility energy: %14.2f kWh\n", r.total_energy_kwh.in(units::kWh));
    std::printf("  carbon:          %14.2f kg CO2e\n", r.carbon_footprint_kg);
    std::printf("  water:           %14.2f L\n", r.water_usage_liters);
  }
}
