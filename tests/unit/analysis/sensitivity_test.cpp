#include "mlsysim/analysis/sensitivity.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::analysis {
namespace {

using namespace units;
using testing::expect_input_error;

SensitivityInputs inputs(std::string_view model, std::string_view hw, double pct = 10.0) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model), .hardware = zoo->hardware(hw), .perturbation_pct = pct};
}

// Goldens of spec §12.1.
TEST(SensitivitySolver, Llama8BOnH100IsBandwidthBound) {
  const SensitivityResult r = sensitivity(inputs("Llama3_8B", "H100"));
  EXPECT_NEAR(r.baseline_latency.in(ms), 5.603432835820896, 1e-12);
  ASSERT_EQ(r.sensitivities.size(), 3u);
  EXPECT_EQ(r.sensitivities[0].first, "peak_flops");
  EXPECT_EQ(r.sensitivities[1].first, "memory_bandwidth");
  EXPECT_EQ(r.sensitivities[2].first, "memory_capacity");
  EXPECT_DOUBLE_EQ(r.sensitivities[0].second, 0.0);
  EXPECT_NEAR(r.sensitivities[1].second, -0.08555523000293008, 1e-12);
  EXPECT_DOUBLE_EQ(r.sensitivities[2].second, 0.0);
  EXPECT_EQ(r.binding_constraint, "memory_bandwidth");
  EXPECT_DOUBLE_EQ(r.bw_sensitivity, r.sensitivities[1].second);
  EXPECT_DOUBLE_EQ(r.flops_sensitivity, 0.0);
  EXPECT_DOUBLE_EQ(r.capacity_sensitivity, 0.0);
  EXPECT_DOUBLE_EQ(r.perturbation_pct, 10.0);
}

// The seed passes perturbation_pct=0.10: a 0.1 % step, printed as -0.001.
TEST(SensitivitySolver, SeedStepIsInPercent) {
  const SensitivityResult r = sensitivity(inputs("Llama3_8B", "H100", 0.10));
  EXPECT_NEAR(r.bw_sensitivity, -0.000940, 5e-7);
  EXPECT_EQ(r.binding_constraint, "memory_bandwidth");
}

TEST(SensitivitySolver, ComputeBoundTinyDevice) {
  const SensitivityResult r = sensitivity(inputs("ResNet50", "ESP32_S3"));
  EXPECT_NEAR(r.flops_sensitivity, -0.09090077681365058, 1e-12);
  EXPECT_EQ(r.binding_constraint, "peak_flops");
}

// A model that does not fit streams over the host link: no knob helps, the tie goes to the first.
TEST(SensitivitySolver, OffloadedModelTiesToPeakFlops) {
  const SensitivityResult r = sensitivity(inputs("Llama3_70B", "JetsonOrinNX"));
  for (const auto& [knob, s] : r.sensitivities) EXPECT_DOUBLE_EQ(s, 0.0) << knob;
  EXPECT_EQ(r.binding_constraint, "peak_flops");
}

TEST(SensitivitySolver, NegativeStepSlowsDown) {
  SensitivityInputs in = inputs("ResNet50", "A100", -50.0);
  const SensitivityResult r = sensitivity(in);
  EXPECT_NEAR(r.bw_sensitivity, 0.0509036022071485, 1e-12);
  EXPECT_EQ(r.binding_constraint, "memory_bandwidth");
}

TEST(SensitivitySolver, BatchSizeIsForwardedToTheEngine) {
  SensitivityInputs in = inputs("Llama3_8B", "H100");
  in.batch_size = 64;
  const SensitivityResult r = sensitivity(in);
  EXPECT_GT(r.baseline_latency.in(ms), 5.603432835820896);
  EXPECT_LT(r.bw_sensitivity, 0.0);
}

TEST(SensitivitySolver, BadInputs) {
  expect_input_error([] { (void)sensitivity(inputs("Llama3_8B", "H100", -100.0)); },
                     "perturbation_pct", "> -100");
  SensitivityInputs in = inputs("Llama3_8B", "H100");
  in.efficiency = 0.0;
  expect_input_error([&] { (void)sensitivity(in); }, "efficiency");
  in = inputs("Llama3_8B", "H100");
  in.batch_size = 0;
  expect_input_error([&] { (void)sensitivity(in); }, "batch_size", ">= 1");
}

}  // namespace
}  // namespace mlsysim::analysis
