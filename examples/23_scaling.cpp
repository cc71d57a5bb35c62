// ScalingModel: how big a model, trained on how many tokens, for a compute budget? Chinchilla
// sizing for 1e23 FLOP, for 1000 H100-GPU-days, and for a fixed 70B model.
#include <cstdio>

#include "mlsysim/algorithm/scaling.hpp"

int main() {
  using namespace mlsysim;
  using algorithm::ScalingBudget;
  using units::day;
  using units::FLOP;
  const auto show = [](const char* label, const algorithm::ScalingResult& r) {
    std::printf("%s\n", label);
    std::printf("  budget:      %.6e flop\n", r.compute_budget_flops.in(FLOP));
    std::printf("  parameters:  %.6e\n", r.optimal_parameters);
    std::printf("  tokens:      %.6e (%.4f per parameter)\n", r.optimal_tokens,
                r.tokens_per_parameter);
  };
  show("1e23 FLOP, compute-optimal:",
       algorithm::scaling({.compute_budget = ScalingBudget{1e23, FLOP}}));
  show("1000 H100-GPU-days, compute-optimal:",
       algorithm::scaling({.compute_budget = ScalingBudget{1000.0, day}}));
  show(
      "1e23 FLOP, 70B parameters fixed:",
      algorithm::scaling({.compute_budget = ScalingBudget{1e23, FLOP}, .target_model_size = 70e9}));
}
