#include "mlsysim/analysis/synthesis.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::analysis {
namespace {

using namespace units;
using testing::expect_input_error;

SynthesisInputs inputs(std::string_view model, Seconds target) {
  return {.model = Registry::builtin()->model(model), .target_latency = target};
}

// Goldens of spec §12.2.
TEST(SynthesisSolver, Llama8BIn50ms) {
  const SynthesisResult r = synthesis(inputs("Llama3_8B", 50.0 * ms));
  EXPECT_NEAR(r.required_bw.in(TB_per_s), 0.3212, 1e-12);
  EXPECT_NEAR(r.required_flops.in(TFLOP_per_s), 0.6424, 1e-12);
  EXPECT_NEAR(r.required_memory.in(GB), 16.06, 1e-12);
  EXPECT_NEAR(r.compute_memory_ratio.in(FLOP_per_B), 2.0, 1e-12);
  EXPECT_NEAR(r.model_size.in(GB), 16.06, 1e-12);
  EXPECT_NEAR(r.total_ops.in(GFLOP), 16.06, 1e-12);
  EXPECT_DOUBLE_EQ(r.target_latency.in(ms), 50.0);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(SynthesisSolver, Llama70BIn50ms) {
  const SynthesisResult r = synthesis(inputs("Llama3_70B", 50.0 * ms));
  EXPECT_NEAR(r.required_bw.in(TB_per_s), 2.824, 1e-12);
  EXPECT_NEAR(r.required_flops.in(TFLOP_per_s), 5.648, 1e-12);
  EXPECT_NEAR(r.required_memory.in(GB), 141.2, 1e-9);
}

TEST(SynthesisSolver, PrecisionAndEfficiency) {
  SynthesisInputs in = inputs("Llama3_8B", 50.0 * ms);
  in.precision = "int8";
  in.efficiency = 0.25;
  const SynthesisResult r = synthesis(in);
  EXPECT_NEAR(r.required_bw.in(TB_per_s), 0.1606, 1e-12);
  EXPECT_NEAR(r.required_flops.in(TFLOP_per_s), 1.2848, 1e-12);
}

// The seed's batch_size: the compute scales, the weights are read once.
TEST(SynthesisSolver, BatchScalesComputeNotBandwidth) {
  SynthesisInputs in = inputs("Llama3_8B", 50.0 * ms);
  in.batch_size = 8;
  const SynthesisResult r = synthesis(in);
  EXPECT_NEAR(r.required_bw.in(TB_per_s), 0.3212, 1e-12);
  EXPECT_NEAR(r.required_flops.in(TFLOP_per_s), 8 * 0.6424, 1e-12);
}

TEST(SynthesisSolver, NegativeTargetIsAcceptedWithAWarning) {
  const SynthesisResult r = synthesis(inputs("Llama3_8B", -5.0 * ms));
  EXPECT_LT(r.required_bw.in(GB_per_s), 0.0);
  ASSERT_EQ(r.warnings.size(), 1u);
}

TEST(SynthesisSolver, BadInputs) {
  expect_input_error([] { (void)synthesis(inputs("Llama3_8B", Seconds{})); }, "target_latency",
                     "non-zero");
  SynthesisInputs in = inputs("Llama3_8B", 50.0 * ms);
  in.efficiency = 0.0;
  expect_input_error([&] { (void)synthesis(in); }, "efficiency", "(0, 1]");
  in = inputs("Llama3_8B", 50.0 * ms);
  in.target_latency.reset();
  expect_input_error([&] { (void)synthesis(in); }, "target_latency", "required");
}

}  // namespace
}  // namespace mlsysim::analysis
