// SystemEvaluator: Llama-3-70B on one B200 (fits: 141.2 of 206.2 GB), then the same model on the
// Research_256 cluster for 30 days, with the economics level.
#include <cstdio>

#include "mlsysim/analysis/system_evaluator.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const analysis::SystemEvaluation single =
      analysis::evaluate({.scenario_name = "golden",
                          .model_obj = zoo->model("Llama3_70B"),
                          .hardware_obj = zoo->hardware("B200"),
                          .batch_size = 1,
                          .precision = "fp16",
                          .efficiency = 0.5});
  std::printf("%s", single.scorecard().c_str());
  std::printf("passed_all: %s\n\n", single.passed_all ? "true" : "false");

  const analysis::SystemEvaluation month =
      analysis::evaluate({.scenario_name = "8B on Research_256, 30 days",
                          .model_obj = zoo->model("Llama3_8B"),
                          .hardware_obj = zoo->hardware("H100"),
                          .batch_size = 8,
                          .precision = "fp16",
                          .efficiency = 0.5,
                          .fleet_obj = zoo->fleet("Research_256"),
                          .duration_days = 30.0});
  std::printf("%s", month.scorecard().c_str());
  for (const auto& [k, v] : month.to_dict()) std::printf("  %-24s %s\n", k.c_str(), v.c_str());
}
