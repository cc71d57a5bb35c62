// SynthesisSolver: what must a device offer to serve Llama-3.1 at 50 ms per token?
#include <cstdio>

#include "mlsysim/analysis/synthesis.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using namespace mlsysim::units;
  auto zoo = Registry::builtin();
  for (const char* model : {"Llama3_8B", "Llama3_70B"}) {
    const analysis::SynthesisResult r =
        analysis::synthesis({.model = zoo->model(model), .target_latency = 50.0 * ms});
    std::printf("%s within 50 ms:\n", zoo->model(model)->name().c_str());
    std::printf("  memory bandwidth  %.4f TB/s\n", r.required_bw.in(TB_per_s));
    std::printf("  peak compute      %.4f TFLOP/s\n", r.required_flops.in(TFLOP_per_s));
    std::printf("  memory            %.2f GB\n", r.required_memory.in(GB));
    std::printf("  ridge point       %.1f flop/B\n", r.compute_memory_ratio.in(FLOP_per_B));
  }
}
