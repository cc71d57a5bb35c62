#include "mlsysim/node/continuous_batching.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::node {
namespace {

using namespace units;
using testing::expect_input_error;

ContinuousBatchingInputs inputs(std::string_view model, std::string_view hw, int seq_len,
                                int max_batch) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model),
          .hardware = zoo->hardware(hw),
          .seq_len = seq_len,
          .max_batch_size = max_batch};
}

// Golden values of spec §7.4 (fp16, η = 0.5, pages of 16 tokens).
TEST(ContinuousBatchingModel, Llama8BOnH100) {
  const ContinuousBatchingResult r = continuous_batching(inputs("Llama3_8B", "H100", 2048, 64));
  EXPECT_TRUE(r.feasible);
  EXPECT_EQ(r.max_active_requests, 64);  // 260 would fit in the 69.8 GB left
  EXPECT_DOUBLE_EQ(r.memory_fragmentation_pct, 0.0);
  EXPECT_DOUBLE_EQ(r.paged_kv_cache_size.in(B), 64 * 268435456.0);
  EXPECT_NEAR(r.itl.in(ms), 9.922349, 1e-6);
  EXPECT_NEAR(r.throughput_tokens_per_sec, 6450.09, 1e-2);
  EXPECT_NEAR(r.speedup_vs_static, 1.33058, 1e-5);  // static batch floor(0.6 x 64) = 38
  EXPECT_NEAR(r.ttft.in(ms), 4541.474, 1e-3);
  ASSERT_EQ(r.constraint_trace.size(), 1u);
  EXPECT_NE(r.constraint_trace[0].find("Can fit 64 concurrent requests"), std::string::npos);
}

TEST(ContinuousBatchingModel, MemoryCapsTheBatch) {
  const ContinuousBatchingResult r = continuous_batching(inputs("Llama3_8B", "H100", 2048, 1024));
  EXPECT_EQ(r.max_active_requests, 260);  // floor(69.839 GB / 268.4 MB)

  const ContinuousBatchingResult s = continuous_batching(inputs("Llama3_8B", "H100", 2000, 64));
  EXPECT_NEAR(s.itl.in(ms), 9.802154, 1e-6);
  EXPECT_NEAR(s.throughput_tokens_per_sec, 6529.18, 1e-2);
  EXPECT_EQ(continuous_batching(inputs("Llama3_8B", "H100", 2000, 1024)).max_active_requests, 266);
}

TEST(ContinuousBatchingModel, FragmentationIsAFraction) {
  // 2047 tokens pad to 2048: one token of 2048 is waste.
  const ContinuousBatchingResult r = continuous_batching(inputs("Llama3_8B", "H100", 2047, 64));
  EXPECT_DOUBLE_EQ(r.memory_fragmentation_pct, 1.0 / 2048.0);
  ContinuousBatchingInputs in = inputs("Llama3_8B", "H100", 1000, 8);
  in.page_size = 64;  // 1000 tokens pad to 1024
  EXPECT_DOUBLE_EQ(continuous_batching(in).memory_fragmentation_pct, 24.0 / 1024.0);
}

TEST(ContinuousBatchingModel, WeightsThatDoNotFitReturnEarly) {
  const ContinuousBatchingResult r =
      continuous_batching(inputs("Llama3_70B", "H200", 2048, 64));  // 141.2 GB > 141 GB
  EXPECT_FALSE(r.feasible);
  EXPECT_EQ(r.max_active_requests, 0);
  EXPECT_DOUBLE_EQ(r.throughput_tokens_per_sec, 0.0);
  EXPECT_DOUBLE_EQ(r.itl.in(ms), 1e6);
  EXPECT_DOUBLE_EQ(r.speedup_vs_static, 1.0);
  EXPECT_NEAR(r.ttft.in(ms), 38849.46, 1e-2);
  EXPECT_NE(r.constraint_trace[0].find("exceed available"), std::string::npos);

  // The early return comes before the bandwidth is used, so a zero bandwidth is not an error.
  auto hw = std::make_shared<Hardware>(*Registry::builtin()->hardware("H200"));
  hw->memory.bandwidth = Stated<kBandwidth>::of(0.0, TB_per_s);
  ContinuousBatchingInputs in = inputs("Llama3_70B", "H200", 2048, 64);
  in.hardware = hw;
  EXPECT_FALSE(continuous_batching(in).feasible);
}

TEST(ContinuousBatchingModel, RejectsBadInputsNamingTheField) {
  auto zoo = Registry::builtin();
  ContinuousBatchingInputs in = inputs("Llama3_8B", "H100", 1024, 8);
  in.page_size = 0;
  expect_input_error([&] { (void)continuous_batching(in); }, "page_size", ">= 1");
  in = inputs("Llama3_8B", "H100", 0, 8);
  expect_input_error([&] { (void)continuous_batching(in); }, "seq_len", ">= 1");
  in.seq_len.reset();
  expect_input_error([&] { (void)continuous_batching(in); }, "seq_len", "missing");
  in = inputs("Llama3_8B", "H100", 1024, 8);
  in.efficiency = 0.0;
  expect_input_error([&] { (void)continuous_batching(in); }, "efficiency", "(0, 1]");
  in = inputs("ResNet50", "H100", 1024, 8);
  expect_input_error([&] { (void)continuous_batching(in); }, "model", "CNNWorkload");
  in = inputs("Mamba_2_8B", "H100", 1024, 8);
  expect_input_error([&] { (void)continuous_batching(in); }, "model", "SSMWorkload");

  // A Transformer with no layers has a zero-byte KV cache per request: division by zero.
  auto flat = std::make_shared<Workload>(*zoo->model("Llama3_8B"));
  flat->layers = 0;
  in = inputs("Llama3_8B", "H100", 1024, 8);
  in.model = flat;
  expect_input_error([&] { (void)continuous_batching(in); }, "model", "0 bytes per request");

  auto hw = std::make_shared<Hardware>(*zoo->hardware("H100"));
  hw->memory.bandwidth = Stated<kBandwidth>::of(0.0, TB_per_s);
  in = inputs("Llama3_8B", "H100", 1024, 8);
  in.hardware = hw;
  expect_input_error([&] { (void)continuous_batching(in); }, "hardware", "memory bandwidth");
}

}  // namespace
}  // namespace mlsysim::node
