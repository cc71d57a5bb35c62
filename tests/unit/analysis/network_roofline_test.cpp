#include "mlsysim/analysis/network_roofline.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::analysis {
namespace {

using namespace units;
using testing::expect_input_error;

// Golden of spec §14: Llama-3.1-70B on Frontier_8K is network-bound at CI 1.5 flop/B.
TEST(NetworkRooflineModel, Llama70BOnFrontier) {
  auto zoo = Registry::builtin();
  const node::PerformanceProfile p =
      network_roofline({.model = zoo->model("Llama3_70B"), .fleet = zoo->fleet("Frontier_8K")});
  EXPECT_EQ(p.bottleneck, "Network");
  EXPECT_NEAR(p.arithmetic_intensity.in(FLOP_per_B), 1.5, 1e-12);
  EXPECT_NEAR(p.latency_memory.in(ms), 5648.0, 1e-9);  // 282.4 GB over 50 GB/s
  EXPECT_DOUBLE_EQ(p.latency.in(ms), p.latency_memory.in(ms));
  EXPECT_NEAR(p.peak_flops_actual.in(TFLOP_per_s), 8192 * 989 * 0.5, 1e-6);
  EXPECT_NEAR(p.peak_bw_actual.in(GB_per_s), 50.0, 1e-12);
  EXPECT_NEAR(p.memory_footprint.in(GB), 282.4, 1e-9);
  EXPECT_TRUE(p.feasible);
  EXPECT_LT(p.mfu, 1e-6);
  ASSERT_EQ(p.constraint_trace.size(), 1u);
  EXPECT_NE(p.constraint_trace[0].find("binding ceiling is network"), std::string::npos);
}

TEST(NetworkRooflineModel, Fp8HalvesTheSync) {
  auto zoo = Registry::builtin();
  const auto fp16 =
      network_roofline({.model = zoo->model("Llama3_8B"), .fleet = zoo->fleet("Production_2K")});
  const auto fp8 = network_roofline(
      {.model = zoo->model("Llama3_8B"), .fleet = zoo->fleet("Production_2K"), .precision = "fp8"});
  EXPECT_NEAR(fp16.latency.in(ms), 1284.8, 1e-9);
  EXPECT_NEAR(fp8.latency.in(ms), 642.4, 1e-9);
  EXPECT_NEAR(fp8.arithmetic_intensity.in(FLOP_per_B), 3.0, 1e-12);
}

TEST(NetworkRooflineModel, BadInputs) {
  auto zoo = Registry::builtin();
  expect_input_error(
      [&] {
        (void)network_roofline({.model = zoo->model("DLRM"), .fleet = zoo->fleet("Research_256")});
      },
      "model", "parameter count");
  expect_input_error(
      [&] {
        (void)network_roofline({.model = zoo->model("Llama3_8B"),
                                .fleet = zoo->fleet("Research_256"),
                                .efficiency = 2.0});
      },
      "efficiency");
}

}  // namespace
}  // namespace mlsysim::analysis
