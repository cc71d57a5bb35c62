#include "mlsysim/node/weight_streaming.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::node {
namespace {

using namespace units;
using testing::expect_input_error;

WeightStreamingInputs inputs(std::string_view model, std::string_view hw, int seq_len,
                             int batch = 1, std::string phase = "decode") {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model),
          .hardware = zoo->hardware(hw),
          .seq_len = seq_len,
          .batch_size = batch,
          .phase = std::move(phase)};
}

// Golden values of spec §7.5: Llama-3.1-70B on a Cerebras CS-3 (125 PFLOP/s, 44 GB SRAM,
// 1.2 TB/s injection), S = 2048, fp16, η = 0.5.
TEST(WeightStreamingModel, DecodeIsInjectionBound) {
  const WeightStreamingResult r = weight_streaming(inputs("Llama3_70B", "Cerebras_CS3", 2048));
  EXPECT_TRUE(r.feasible);
  EXPECT_NEAR(r.wafer_memory_utilization, 0.738197504 / 44.0, 1e-12);
  EXPECT_NEAR(r.layer_injection_time.in(ms), 1.470833, 1e-6);
  EXPECT_NEAR(r.layer_compute_time.in(ms), 0.001028, 1e-6);
  EXPECT_EQ(r.bottleneck, "Interconnect-Bandwidth-Bound");
  EXPECT_NEAR(r.throughput_tokens_per_sec, 8.4986, 1e-4);
  EXPECT_EQ(r.optimal_batch_size, 52083);
  ASSERT_EQ(r.constraint_trace.size(), 1u);
  EXPECT_NE(r.constraint_trace[0].find("SRAM Wall: Passed"), std::string::npos);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(WeightStreamingModel, KvCacheOverflowingSramIsInfeasible) {
  const WeightStreamingResult r = weight_streaming(inputs("Llama3_70B", "Cerebras_CS3", 2048, 64));
  EXPECT_FALSE(r.feasible);  // 47.24 GB > 44 GB
  EXPECT_DOUBLE_EQ(r.throughput_tokens_per_sec, 0.0);
  EXPECT_NEAR(r.wafer_memory_utilization, 1.0737, 1e-4);  // not clamped when infeasible
  EXPECT_NE(r.constraint_trace[0].find("SRAM Wall: FAILED"), std::string::npos);
}

TEST(WeightStreamingModel, Prefill) {
  const WeightStreamingResult r =
      weight_streaming(inputs("Llama3_70B", "Cerebras_CS3", 2048, 1, "prefill"));
  EXPECT_NEAR(r.layer_compute_time.in(ms), 0.058973, 1e-6);
  EXPECT_EQ(r.bottleneck, "Interconnect-Bandwidth-Bound");
  EXPECT_NEAR(r.throughput_tokens_per_sec, 17405.1, 1e-1);

  // Large batches make prefill compute-bound.
  const WeightStreamingResult big =
      weight_streaming(inputs("Llama3_8B", "Cerebras_CS3", 2048, 64, "prefill"));
  EXPECT_EQ(big.bottleneck, "Compute-Bound");
  EXPECT_GT(big.layer_compute_time, big.layer_injection_time);
}

TEST(WeightStreamingModel, UtilizationDividesByTheDeclaredMagnitude) {
  // [QUIRK] errata N1: 75.591 GB needed on an 80 GiB part is reported as 75.591 / 80, not / 85.9.
  const WeightStreamingResult r =
      weight_streaming(inputs("Llama3_8B", "H100", 512, 1024, "prefill"));
  EXPECT_TRUE(r.feasible);
  EXPECT_NEAR(r.wafer_memory_utilization, 75.5914244096 / 80.0, 1e-12);
  // A feasible configuration needing 80-85.9 GB therefore reports exactly 1: 82.68 GB fits.
  const WeightStreamingResult full =
      weight_streaming(inputs("Llama3_8B", "H100", 1024, 560, "prefill"));
  EXPECT_TRUE(full.feasible);
  EXPECT_DOUBLE_EQ(full.wafer_memory_utilization, 1.0);
  // Capacities declared in GB are unaffected (the CS-3's 44 GB): see DecodeIsInjectionBound.
}

TEST(WeightStreamingModel, OptimalBatchFollowsTheDeclaredUnits) {
  // errata N2: on a B200 (no injection link: 100 GB/s) at η = 0.7, B* is 15750 up to rounding;
  // the reference's evaluation order lands just above, the SI order just below.
  WeightStreamingInputs in = inputs("Llama3_8B", "B200", 512);
  in.efficiency = 0.7;
  const WeightStreamingResult r = weight_streaming(in);
  EXPECT_EQ(r.optimal_batch_size, 15750);
  ASSERT_EQ(r.warnings.size(), 1u);  // the 100 GB/s fallback
  EXPECT_NE(r.warnings[0].find("100 GB/s"), std::string::npos);
}

TEST(WeightStreamingModel, OtherPhasesCountAsDecode) {
  const WeightStreamingResult decode = weight_streaming(inputs("Llama3_8B", "Cerebras_CS3", 512));
  const WeightStreamingResult bogus =
      weight_streaming(inputs("Llama3_8B", "Cerebras_CS3", 512, 1, "bogus"));
  EXPECT_DOUBLE_EQ(bogus.throughput_tokens_per_sec, decode.throughput_tokens_per_sec);
  ASSERT_EQ(bogus.warnings.size(), 1u);
  EXPECT_NE(bogus.warnings[0].find("bogus"), std::string::npos);
}

TEST(WeightStreamingModel, RejectsBadInputsNamingTheField) {
  auto zoo = Registry::builtin();
  WeightStreamingInputs in = inputs("Llama3_8B", "Cerebras_CS3", 512);
  in.efficiency = 0.0;
  expect_input_error([&] { (void)weight_streaming(in); }, "efficiency", "(0, 1]");
  in = inputs("ResNet50", "Cerebras_CS3", 512);
  expect_input_error([&] { (void)weight_streaming(in); }, "model", "CNNWorkload");
  in = inputs("Llama3_8B", "Cerebras_CS3", -1);
  expect_input_error([&] { (void)weight_streaming(in); }, "seq_len", ">= 0");
  in.seq_len.reset();
  expect_input_error([&] { (void)weight_streaming(in); }, "seq_len", "missing");

  auto flat = std::make_shared<Workload>(*zoo->model("Llama3_8B"));
  flat->layers = 0;
  in = inputs("Llama3_8B", "Cerebras_CS3", 512);
  in.model = flat;
  expect_input_error([&] { (void)weight_streaming(in); }, "model", "layers >= 1");

  auto hw = std::make_shared<Hardware>(*zoo->hardware("Cerebras_CS3"));
  hw->compute.peak_flops = Stated<kFlopRate>::of(0.0, PFLOP_per_s);
  in = inputs("Llama3_8B", "Cerebras_CS3", 512);
  in.hardware = hw;
  expect_input_error([&] { (void)weight_streaming(in); }, "hardware", "peak");
}

}  // namespace
}  // namespace mlsysim::node
