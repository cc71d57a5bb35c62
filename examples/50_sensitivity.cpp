// SensitivitySolver: which hardware parameter binds — an LLM on a GPU, a CNN on a microcontroller?
#include <cstdio>

#include "mlsysim/analysis/sensitivity.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const char* cases[][2] = {{"Llama3_8B", "H100"}, {"ResNet50", "ESP32_S3"}};
  for (const auto& [model, device] : cases) {
    const analysis::SensitivityResult r =
        analysis::sensitivity({.model = zoo->model(model), .hardware = zoo->hardware(device)});
    std::printf("%s on %s (baseline %.4f ms, +10%% each):\n", zoo->model(model)->name().c_str(),
                zoo->hardware(device)->name().c_str(), r.baseline_latency.in(units::ms));
    for (const auto& [knob, s] : r.sensitivities) std::printf("  %-17s %+.6f\n", knob.c_str(), s);
    std::printf("  binding: %s\n", r.binding_constraint.c_str());
  }
}
