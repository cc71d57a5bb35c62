// EfficiencyModel: how much of an H100's peak attention kernels reach, with and without
// FlashAttention, at the default base efficiency of 0.5.
#include <cstdio>

#include "mlsysim/node/efficiency.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  for (bool flash : {false, true}) {
    const node::EfficiencyResult r = node::efficiency({.model = zoo->model("Llama3_8B"),
                                                       .hardware = zoo->hardware("H100"),
                                                       .workload_type = "attention",
                                                       .use_flash_attention = flash});
    std::printf("attention, FlashAttention %s\n", flash ? "on" : "off");
    std::printf("  MFU:             %.2f\n", r.mfu);
    std::printf("  achievable:      %.2f of %.0f TFLOP/s\n",
                r.achievable_flops.in(units::TFLOP_per_s), r.peak_flops.in(units::TFLOP_per_s));
    for (const auto& [name, fraction] : r.overhead_breakdown) {
      std::printf("  %-16s %.2f\n", (name + ":").c_str(), fraction);
    }
  }
}
