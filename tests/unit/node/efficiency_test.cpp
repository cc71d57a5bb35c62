#include "mlsysim/node/efficiency.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::node {
namespace {

using namespace units;
using testing::expect_input_error;

EfficiencyInputs inputs(std::string_view type, bool flash = false, double efficiency = 0.5) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model("Llama3_8B"),
          .hardware = zoo->hardware("H100"),
          .workload_type = std::string(type),
          .use_flash_attention = flash,
          .efficiency = efficiency};
}

double breakdown(const EfficiencyResult& r, std::string_view key) {
  for (const auto& [k, v] : r.overhead_breakdown) {
    if (k == key) return v;
  }
  ADD_FAILURE() << "no " << key << " in overhead_breakdown";
  return -1.0;
}

// Golden values of spec §7.2 (H100, η = 0.5 unless stated).
TEST(EfficiencyModel, FfnReachesHalfOfPeak) {
  const EfficiencyResult r = efficiency(inputs("ffn"));
  EXPECT_DOUBLE_EQ(r.mfu, 0.5);
  EXPECT_DOUBLE_EQ(r.achievable_flops.in(TFLOP_per_s), 494.5);
  EXPECT_DOUBLE_EQ(r.peak_flops.in(TFLOP_per_s), 989.0);
  EXPECT_NEAR(breakdown(r, "occupancy_loss"), 0.45, 1e-12);
  EXPECT_NEAR(breakdown(r, "memory_stall"), 0.05, 1e-12);
  EXPECT_EQ(r.workload_type, "ffn");
  EXPECT_TRUE(r.constraint_trace.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(EfficiencyModel, KernelTypes) {
  const EfficiencyResult attention = efficiency(inputs("attention"));
  EXPECT_DOUBLE_EQ(attention.mfu, 0.30);
  EXPECT_NEAR(attention.achievable_flops.in(TFLOP_per_s), 296.7, 1e-9);
  EXPECT_NEAR(breakdown(attention, "memory_stall"), 0.25, 1e-12);

  const EfficiencyResult flash = efficiency(inputs("attention", true));
  EXPECT_DOUBLE_EQ(flash.mfu, 0.75);
  EXPECT_NEAR(flash.achievable_flops.in(TFLOP_per_s), 741.75, 1e-9);
  EXPECT_DOUBLE_EQ(breakdown(flash, "memory_stall"), 0.0);
  EXPECT_TRUE(flash.use_flash_attention);

  const EfficiencyResult conv = efficiency(inputs("conv"));
  EXPECT_DOUBLE_EQ(conv.mfu, 0.40);
  EXPECT_NEAR(conv.achievable_flops.in(TFLOP_per_s), 395.6, 1e-9);
  EXPECT_NEAR(breakdown(conv, "memory_stall"), 0.15, 1e-12);

  // FlashAttention only changes attention kernels.
  EXPECT_DOUBLE_EQ(efficiency(inputs("ffn", true)).mfu, 0.5);
}

TEST(EfficiencyModel, CapsAndClamps) {
  const EfficiencyResult r = efficiency(inputs("ffn", false, 0.7));
  EXPECT_DOUBLE_EQ(r.mfu, 0.6);  // 0.5 x 1.4 = 0.7, capped at 0.60
  EXPECT_NEAR(breakdown(r, "occupancy_loss"), 0.23, 1e-12);
  EXPECT_NEAR(breakdown(r, "memory_stall"), 0.17, 1e-12);

  // Plain attention has no cap, but the MFU is clamped to 1; efficiency above 1 is accepted.
  const EfficiencyResult hot = efficiency(inputs("attention", false, 5.0));
  EXPECT_DOUBLE_EQ(hot.mfu, 1.0);
  EXPECT_DOUBLE_EQ(breakdown(hot, "occupancy_loss"), 0.0);
  EXPECT_DOUBLE_EQ(breakdown(hot, "memory_stall"), 0.0);

  const EfficiencyResult idle = efficiency(inputs("ffn", false, 0.0));
  EXPECT_DOUBLE_EQ(idle.mfu, 0.0);
  EXPECT_DOUBLE_EQ(idle.achievable_flops.in(TFLOP_per_s), 0.0);
  EXPECT_DOUBLE_EQ(breakdown(idle, "occupancy_loss"), 1.0);
}

TEST(EfficiencyModel, OtherKernelTypesUseTheDefaultAndWarn) {
  const EfficiencyResult r = efficiency(inputs("embedding"));
  EXPECT_DOUBLE_EQ(r.mfu, 0.30);
  EXPECT_EQ(r.workload_type, "embedding");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("embedding"), std::string::npos);
}

TEST(EfficiencyModel, PrecisionSelectsThePeak) {
  EfficiencyInputs in = inputs("ffn");
  in.precision = "int8";
  EXPECT_DOUBLE_EQ(efficiency(in).achievable_flops.in(TFLOP_per_s), 1979.0 * 0.5);
  in.precision = "fp32";  // not listed on the H100: the default peak, with a warning
  const EfficiencyResult r = efficiency(in);
  EXPECT_DOUBLE_EQ(r.peak_flops.in(TFLOP_per_s), 989.0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("fp32"), std::string::npos);
}

TEST(EfficiencyModel, RejectsBadInputsNamingTheField) {
  EfficiencyInputs in = inputs("ffn", false, -0.1);
  expect_input_error([&] { (void)efficiency(in); }, "efficiency", ">= 0");
  in = inputs("ffn", false, std::numeric_limits<double>::infinity());
  expect_input_error([&] { (void)efficiency(in); }, "efficiency", "finite");
  in = inputs("ffn");
  in.hardware = nullptr;
  expect_input_error([&] { (void)efficiency(in); }, "hardware", "missing");
  in = inputs("ffn");
  in.model = nullptr;
  expect_input_error([&] { (void)efficiency(in); }, "model", "missing");
}

}  // namespace
}  // namespace mlsysim::node
