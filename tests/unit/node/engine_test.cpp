#include "mlsysim/node/engine.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::node {
namespace {

using namespace units;

std::shared_ptr<const Registry> zoo() { return Registry::builtin(); }

EngineInputs inputs(std::string_view model, std::string_view hw) {
  return {.model = zoo()->model(model), .hardware = zoo()->hardware(hw)};
}

// Golden values computed by the reference (spec §6.7 / §20).
TEST(Engine, ResNet50OnA100) {
  const PerformanceProfile p = solve(inputs("ResNet50", "A100"));
  EXPECT_NEAR(p.latency_compute.in(ms), 0.026282, 1e-6);
  EXPECT_NEAR(p.latency_memory.in(ms), 0.027621, 1e-6);
  EXPECT_EQ(p.bottleneck, "Memory");
  EXPECT_NEAR(p.latency_overhead.in(ms), 0.515, 1e-12);
  EXPECT_NEAR(p.latency.in(ms), 0.542621, 1e-6);
  EXPECT_NEAR(p.throughput.in(per_s), 1842.906, 1e-3);
  EXPECT_NEAR(p.mfu, 0.024218, 1e-6);
  EXPECT_NEAR(p.hfu, 0.026639, 1e-6);
  EXPECT_NEAR(p.energy.in(J), 0.068794, 1e-6);
  EXPECT_NEAR(p.arithmetic_intensity.in(FLOP_per_B), 72.80, 0.01);
  EXPECT_TRUE(p.feasible);
}

TEST(Engine, Llama8BOnH100) {
  const PerformanceProfile p = solve(inputs("Llama3_8B", "H100"));
  EXPECT_NEAR(p.latency_compute.in(ms), 0.032477, 1e-6);
  EXPECT_NEAR(p.latency_memory.in(ms), 5.273433, 1e-6);
  EXPECT_NEAR(p.latency.in(ms), 5.603433, 1e-6);
  EXPECT_NEAR(p.throughput.in(per_s), 178.462, 1e-3);
  EXPECT_NEAR(p.mfu, 0.002898, 1e-6);
  EXPECT_NEAR(p.energy.in(J), 1.18468, 1e-5);
  EXPECT_NEAR(p.arithmetic_intensity.in(FLOP_per_B), 0.90909, 1e-5);
  EXPECT_DOUBLE_EQ(p.memory_footprint.in(GB), 16.06);
  EXPECT_NEAR(p.memory_utilization, 16.06 / 85.89934592, 1e-12);
  ASSERT_EQ(p.constraint_trace.size(), 1u);
  EXPECT_NE(p.constraint_trace[0].find("Memory Wall: Passed"), std::string::npos);
  EXPECT_FALSE(p.offload_spill_bytes.has_value());
}

TEST(Engine, BatchingRaisesIntensity) {
  EngineInputs in = inputs("Llama3_8B", "H100");
  in.batch_size = 32;
  const PerformanceProfile p = solve(in);
  EXPECT_NEAR(p.latency.in(ms), 20.464925, 1e-6);
  EXPECT_NEAR(p.throughput.in(per_s), 1563.65, 1e-2);
  EXPECT_NEAR(p.mfu, 0.025392, 1e-6);
  EXPECT_NEAR(p.arithmetic_intensity.in(FLOP_per_B), 7.619, 1e-3);
}

TEST(Engine, PrecisionSelectsThePeakAndWidth) {
  EngineInputs in = inputs("Llama3_8B", "H100");
  in.precision = "int8";
  const PerformanceProfile p = solve(in);
  EXPECT_NEAR(p.latency.in(ms), 2.966716, 1e-6);
  EXPECT_DOUBLE_EQ(p.peak_flops_actual.in(TFLOP_per_s), 1979.0 * 0.5);
  EXPECT_TRUE(p.warnings.empty());

  in.precision = "fp32";  // not listed on the H100: falls back to the FP16 peak, with a warning
  const PerformanceProfile q = solve(in);
  EXPECT_NEAR(q.latency.in(ms), 10.876866, 1e-6);
  ASSERT_EQ(q.warnings.size(), 1u);
  EXPECT_NE(q.warnings[0].find("fp32"), std::string::npos);
}

TEST(Engine, ComputeBoundAtLargeBatch) {
  EngineInputs in = inputs("ResNet50", "H100");
  in.batch_size = 256;
  const PerformanceProfile p = solve(in);
  EXPECT_EQ(p.bottleneck, "Compute");
  EXPECT_NEAR(p.latency.in(ms), 2.632548, 1e-6);
  EXPECT_NEAR(p.mfu, 0.403136, 1e-6);
}

TEST(Engine, ModelThatDoesNotFitIsInfeasibleAndOffloads) {
  const PerformanceProfile p = solve(inputs("Llama3_70B", "H100"));
  EXPECT_FALSE(p.feasible);
  ASSERT_TRUE(p.offload_effective_bw.has_value());
  EXPECT_DOUBLE_EQ(p.offload_effective_bw->in(GB_per_s), 64.0);
  EXPECT_NEAR(p.offload_spill_bytes->in(GB), 141.2 - 85.89934592, 1e-9);
  EXPECT_NEAR(p.latency_memory.in(ms), 2426.875, 1e-3);
  EXPECT_NEAR(p.latency.in(ms), 2427.685, 1e-3);
  EXPECT_NE(p.constraint_trace[0].find("FAILED"), std::string::npos);

  const PerformanceProfile a = solve(inputs("Llama3_70B", "A100"));
  EXPECT_NEAR(a.latency.in(ms), 4854.565, 1e-3);
}

TEST(Engine, RaiseErrorsTurnsOomIntoAnException) {
  EngineInputs in = inputs("Llama3_70B", "H100");
  in.raise_errors = true;
  try {
    (void)solve(in);
    FAIL() << "expected OomError";
  } catch (const OomError& e) {
    EXPECT_NEAR(e.required_bytes(), 141.2e9, 1e3);
    EXPECT_NEAR(e.available_bytes(), 85899345920.0, 1.0);
    EXPECT_NE(std::string(e.what()).find("Llama-3.1-70B"), std::string::npos);
  }
}

TEST(Engine, TrainingMemoryAndTax) {
  EngineInputs in = inputs("Llama3_8B", "H100");
  in.is_training = true;
  const PerformanceProfile p = solve(in);
  EXPECT_NEAR(p.memory_footprint.in(GB), 146.7336, 1e-4);
  EXPECT_FALSE(p.feasible);
  EXPECT_NEAR(p.latency.in(ms), 277.00125, 1e-5);
  EXPECT_NEAR(p.latency_overhead.in(ms), 0.01 + 0.96, 1e-12);

  in.zero_stage = 3;
  in.dp_size = 8;
  const PerformanceProfile z = solve(in);
  EXPECT_LT(z.memory_footprint, p.memory_footprint);
}

TEST(Engine, RejectsBadInputsNamingTheField) {
  auto expect_field = [](const EngineInputs& in, std::string_view field) {
    testing::expect_input_error([&] { (void)solve(in); }, field);
  };
  EngineInputs in = inputs("Llama3_8B", "H100");
  in.batch_size = 0;
  expect_field(in, "batch_size");
  in = inputs("Llama3_8B", "H100");
  in.efficiency = 1.5;
  expect_field(in, "efficiency");
  in.efficiency = 0.0;
  expect_field(in, "efficiency");
  in.efficiency = std::numeric_limits<double>::quiet_NaN();
  expect_field(in, "efficiency");
  in = inputs("Llama3_8B", "H100");
  in.model = nullptr;
  expect_field(in, "model");
  in = inputs("Llama3_8B", "H100");
  in.dp_size = 0;
  expect_field(in, "dp_size");
}

TEST(Engine, RejectsDevicesItCannotDivideBy) {
  Hardware hw = *zoo()->hardware("H100");
  hw.memory.bandwidth = Stated<kBandwidth>::of(0.0, TB_per_s);
  EngineInputs in{.model = zoo()->model("Llama3_8B"),
                  .hardware = std::make_shared<const Hardware>(hw)};
  EXPECT_THROW((void)solve(in), InputError);

  Workload empty = *zoo()->model("Llama3_8B");
  empty.parameters = 0.0;
  in = inputs("Llama3_8B", "H100");
  in.model = std::make_shared<const Workload>(empty);
  EXPECT_THROW((void)solve(in), InputError);
}

}  // namespace
}  // namespace mlsysim::node
