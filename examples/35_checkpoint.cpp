// CheckpointModel: saving Llama-3.1-70B with its Adam state from one H100 (7 GB/s local NVMe)
// every 4 hours.
#include <cstdio>

#include "mlsysim/ops/checkpoint.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const ops::CheckpointResult r =
      ops::checkpoint({.model = zoo->model("Llama3_70B"), .hardware = zoo->hardware("H100")});
  std::printf("checkpoint size: %.1f GB (14 bytes per parameter)\n",
              r.checkpoint_size.in(units::GB));
  std::printf("write time:      %.1f s at %.0f GB/s%s\n", r.write_time_seconds.in(units::s),
              r.max_bandwidth_required.in(units::GB_per_s),
              r.storage_bottleneck ? " (storage bottleneck: over 60 s)" : "");
  std::printf("MFU penalty:     %.6f of each 4-hour interval\n", r.mfu_penalty_pct);
}
