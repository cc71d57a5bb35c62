// PlacementOptimizer: where to run the 8192-GPU Frontier_8K cluster for 30 days, with carbon
// priced at 100 USD per metric ton, among the US average grid, Quebec and Iowa.
#include <cstdio>

#include "mlsysim/optimize/placement.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const optimize::PlacementResult r =
      optimize::placement({.fleet = zoo->fleet("Frontier_8K"), .duration_days = 30.0});
  std::printf("best region: %s (TCO + carbon tax %.2f USD)\n", r.best_region.c_str(),
              r.objective_value);
  std::printf("%-8s %14s %12s %6s %14s\n", "region", "TCO (USD)", "carbon (t)", "PUE", "objective");
  for (const auto& c : r.top_candidates) {
    std::printf("%-8s %14.2f %12.2f %6.2f %14.2f\n", c.region.c_str(), c.tco, c.carbon, c.pue,
                c.objective);
  }
}
