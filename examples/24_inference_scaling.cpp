// InferenceScalingModel: what does thinking cost? Llama-3.1-8B on one H100 reasons for 8 steps of
// 50 tokens each after a 2048-token prompt.
#include <cstdio>

#include "mlsysim/algorithm/inference_scaling.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::J;
  using units::ms;
  auto zoo = Registry::builtin();
  const algorithm::InferenceScalingResult r =
      algorithm::inference_scaling({.model = zoo->model("Llama3_8B"),
                                    .hardware = zoo->hardware("H100"),
                                    .reasoning_steps = 8,
                                    .context_length = 2048});
  std::printf("TTFT:             %.4f ms\n", r.ttft.in(ms));
  std::printf("ITL:              %.5f ms/token\n", r.itl.in(ms));
  std::printf("time per step:    %.3f ms (50 tokens)\n", r.time_per_step.in(ms));
  std::printf("tokens generated: %lld in %d steps\n", r.tokens_generated, r.reasoning_steps);
  std::printf("total time:       %.3f ms\n", r.total_reasoning_time.in(ms));
  std::printf("energy per query: %.2f J\n", r.energy_per_query.in(J));
  std::printf("feasible:         %s\n", r.feasible ? "yes" : "no");
  for (const auto& line : r.constraint_trace) std::printf("%s\n", line.c_str());
}
