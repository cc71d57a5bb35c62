// DSE: the reference's own sweep (Llama-3-8B, 15 devices x 16 batch sizes x 6 precisions x 3
// efficiencies = 4,320 Engine points, the most throughput under a 50 ms step), then a Pareto
// front of latency against energy per step for ResNet-50 from a USB accelerator to a B200.
#include <cstdio>
#include <string>

#include "mlsysim/optimize/dse.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

void print_candidate(const mlsysim::dse::Result& r, const mlsysim::dse::Candidate& c) {
  for (std::size_t p = 0; p < r.param_names.size(); ++p) {
    std::printf("%s=%s ", r.param_names[p].c_str(), c.params[p].c_str());
  }
  for (double v : c.objectives) std::printf(" %.6g", v);
  std::printf("\n");
}

}  // namespace

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const dse::Result sweep = dse::search_json(R"({
      "space": {
        "hardware": ["V100", "T4", "A100", "H100", "H200", "B200", "MI250X", "MI300X", "TPUv4",
                     "TPUv5p", "TPUv6", "Gaudi2", "Gaudi3", "Trainium2", "Cerebras_CS3"],
        "batch_size": [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
                       32768],
        "precision": ["fp32", "tf32", "bf16", "fp16", "fp8", "int8"],
        "efficiency": [0.3, 0.5, 0.7]},
      "objective": "maximize: throughput",
      "constraints": ["latency < 50"],
      "evaluator": {"resolver": "Engine", "fixed": {"model": "Llama3_8B"}}})",
                                             *zoo);
  std::printf("%zu points, %zu under 50 ms; top 5 by throughput (1/s):\n", sweep.points,
              sweep.survivors);
  for (const auto& c : sweep.top) print_candidate(sweep, c);

  const dse::Result pareto = dse::search_json(R"({
      "space": {"hardware": ["Coral", "JetsonOrinNX", "T4", "A100", "H100", "B200", "MI300X"],
                "batch_size": [1, 8, 32], "precision": ["fp16", "int8"]},
      "objective": ["minimize: latency", "minimize: energy"],
      "constraints": ["feasible == 1"],
      "evaluator": {"resolver": "Engine",
                    "fixed": {"model": "ResNet50", "efficiency": 0.5}}})",
                                              *zoo);
  std::printf("\nPareto front, latency (ms) and energy (J) per step:\n");
  for (const auto& c : pareto.pareto_front) print_candidate(pareto, c);
}
