// DataModel: can storage feed a training job that reads 5 GB/s, or one that reads 19 TB per hour?
#include <cstdio>

#include "mlsysim/data/data_model.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::GB_per_s;
  auto zoo = Registry::builtin();
  const auto show = [&](const char* label, units::Bandwidth rate, const char* device) {
    const data::DataResult r =
        data::data_model({.workload_data_rate = rate, .hardware = zoo->hardware(device)});
    std::printf("%s on %s\n", label, zoo->hardware(device)->name().c_str());
    std::printf("  demand %.4f GB/s, supply %.4f GB/s, utilization %.6f, stalled: %s\n",
                r.demand_bw.in(GB_per_s), r.supply_bw.in(GB_per_s), r.utilization,
                r.is_stalled ? "yes" : "no");
    std::printf("  bottleneck %s, margin %.4f GB/s\n", r.bottleneck.c_str(), r.margin.in(GB_per_s));
    for (const auto& w : r.warnings) std::printf("  warning: %s\n", w.c_str());
  };
  show("5 GB/s", 5.0 * GB_per_s, "H100");
  show("19 TB/hour", 19.0 * units::TB / (1.0 * units::hour), "H100");
  show("5 GB/s", 5.0 * GB_per_s, "A100");
}
