#include "mlsysim/node/serving.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::node {
namespace {

using namespace units;
using testing::expect_input_error;

ServingInputs inputs(std::string_view model, std::string_view hw, int seq_len, int batch = 1) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model),
          .hardware = zoo->hardware(hw),
          .seq_len = seq_len,
          .batch_size = batch};
}

// Golden values of spec §7.3 (fp16, η = 0.5).
TEST(ServingModel, SeedExample70BOnH100) {
  const ServingResult r = serving(inputs("Llama3_70B", "H100", 2048, 4));
  EXPECT_NEAR(r.ttft.in(ms), 2428.1007, 1e-4);
  EXPECT_NEAR(r.itl.in(ms), 43.7506, 1e-4);
  EXPECT_DOUBLE_EQ(r.kv_cache_size.in(B), 2684354560.0);
  EXPECT_DOUBLE_EQ(r.model_weights_size.in(GB), 141.2);
  EXPECT_NEAR(r.total_memory_required.in(GB), 143.88435456, 1e-9);
  EXPECT_FALSE(r.feasible);  // 143.9 GB > 85.9 GB, but the timings are still reported
  EXPECT_NEAR(r.memory_utilization, 1.6750, 1e-4);
  EXPECT_DOUBLE_EQ(r.prompt_cache_hit_ratio, 0.0);
  ASSERT_EQ(r.constraint_trace.size(), 1u);
  EXPECT_NE(r.constraint_trace[0].find("Memory Wall: FAILED"), std::string::npos);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ServingModel, Llama8BOnH100) {
  const ServingResult r = serving(inputs("Llama3_8B", "H100", 2048));
  EXPECT_NEAR(r.ttft.in(ms), 70.9704, 1e-4);
  EXPECT_NEAR(r.itl.in(ms), 5.19416, 1e-5);
  EXPECT_NEAR(r.kv_cache_size.in(GB), 0.268435456, 1e-12);
  EXPECT_NEAR(r.total_memory_required.in(GB), 16.328435456, 1e-9);
  EXPECT_TRUE(r.feasible);
  EXPECT_NEAR(r.memory_utilization, 0.1901, 1e-4);
  EXPECT_NE(r.constraint_trace[0].find("Memory Wall: Passed"), std::string::npos);

  const ServingResult longer = serving(inputs("Llama3_8B", "H100", 4096));
  EXPECT_NEAR(longer.ttft.in(ms), 150.8247, 1e-4);
  EXPECT_NEAR(longer.itl.in(ms), 5.27429, 1e-5);
  EXPECT_NEAR(longer.kv_cache_size.in(GB), 0.536870912, 1e-12);
}

TEST(ServingModel, PromptCachingShortensPrefillButNotTheCache) {
  ServingInputs in = inputs("Llama3_8B", "H100", 2048);
  in.cached_prefix_len = 1024;
  const ServingResult r = serving(in);
  EXPECT_NEAR(r.ttft.in(ms), 35.4902, 1e-4);
  EXPECT_DOUBLE_EQ(r.prompt_cache_hit_ratio, 0.5);
  // The KV cache is still sized for all 2048 tokens.
  EXPECT_NEAR(r.kv_cache_size.in(GB), 0.268435456, 1e-12);
  EXPECT_NEAR(r.itl.in(ms), 5.19416, 1e-5);
}

TEST(ServingModel, DisaggregatedPrefillAndDecode) {
  ServingInputs in = inputs("Llama3_8B", "H100", 2048);
  in.decode_hardware = Registry::builtin()->hardware("H200");
  const ServingResult r = serving(in);
  EXPECT_NEAR(r.ttft.in(ms), 73.6547, 1e-4);  // 70.9704 + 2.6844 ms over 100 GB/s
  EXPECT_NEAR(r.itl.in(ms), 3.72176, 1e-5);
  EXPECT_NEAR(r.memory_utilization, 16.328435456 / 141.0, 1e-12);
  EXPECT_NE(r.constraint_trace[0].find("H200"), std::string::npos);

  in.network_bandwidth = 50.0 * GB_per_s;
  EXPECT_NEAR(serving(in).ttft.in(ms), 70.9704 + 2 * 2.68435456, 1e-4);
}

TEST(ServingModel, SpeculativeDecodingWithFourDraftTokens) {
  ServingInputs in = inputs("Llama3_70B", "H100", 2048);
  in.draft_model = Registry::builtin()->model("Llama3_8B");
  const ServingResult r = serving(in);
  // t_verify 43.1496 ms, t_draft 4.87416 ms, E = 1 + 0.7(1 - 0.7^4)/0.3 = 2.7731.
  EXPECT_NEAR(r.itl.in(ms), 22.5907, 1e-4);
  EXPECT_NEAR(r.total_memory_required.in(GB), 157.93108864, 1e-9);

  in.draft_acceptance_rate = 1.0;  // every draft token accepted: E = 1 + K = 5
  EXPECT_NEAR(serving(in).itl.in(ms), (4 * 4.87416 + 43.1496) / 5.0, 1e-4);
}

TEST(ServingModel, ZeroBatchGivesEmptyCaches) {
  const ServingResult r = serving(inputs("Llama3_8B", "H100", 2048, 0));
  EXPECT_DOUBLE_EQ(r.ttft.in(ms), 0.01);  // the dispatch tax alone
  EXPECT_DOUBLE_EQ(r.kv_cache_size.in(GB), 0.0);
  EXPECT_TRUE(r.feasible);
}

TEST(ServingModel, UnknownPrecisionWarns) {
  ServingInputs in = inputs("Llama3_8B", "H100", 4096, 8);
  in.precision = "fp64";
  const ServingResult r = serving(in);
  EXPECT_NEAR(r.ttft.in(ms), 1206.527339085266, 1e-9);  // computed as fp16
  EXPECT_EQ(r.warnings.size(), 2u);
}

TEST(ServingModel, RejectsBadInputsNamingTheField) {
  auto zoo = Registry::builtin();
  ServingInputs in = inputs("ResNet50", "H100", 2048);
  expect_input_error([&] { (void)serving(in); }, "model", "TransformerWorkload");
  in = inputs("Llama3_8B", "H100", 2048);
  in.draft_model = zoo->model("ResNet50");
  expect_input_error([&] { (void)serving(in); }, "draft_model", "CNNWorkload");
  in = inputs("Llama3_8B", "H100", 2048);
  in.cached_prefix_len = 2048;
  expect_input_error([&] { (void)serving(in); }, "cached_prefix_len", "must be < seq_len (2048)");
  in.cached_prefix_len = -5;
  expect_input_error([&] { (void)serving(in); }, "cached_prefix_len", ">= 0");
  in = inputs("Llama3_8B", "H100", 2048);
  in.seq_len.reset();
  expect_input_error([&] { (void)serving(in); }, "seq_len", "missing");
  in.seq_len = 0;
  expect_input_error([&] { (void)serving(in); }, "seq_len", ">= 1");
  in = inputs("Llama3_8B", "H100", 2048);
  in.efficiency = 0.0;
  expect_input_error([&] { (void)serving(in); }, "efficiency", "(0, 1]");
  in = inputs("Llama3_8B", "H100", 2048);
  in.batch_size = -1;
  expect_input_error([&] { (void)serving(in); }, "batch_size", ">= 0");
  in = inputs("Llama3_8B", "H100", 2048);
  in.draft_acceptance_rate = 1.5;
  expect_input_error([&] { (void)serving(in); }, "draft_acceptance_rate", "[0, 1]");
  in = inputs("Llama3_8B", "H100", 2048);
  in.decode_hardware = zoo->hardware("H200");
  in.network_bandwidth = 0.0 * GB_per_s;
  expect_input_error([&] { (void)serving(in); }, "network_bandwidth", "> 0");

  // Devices the original crashes on: no bandwidth, no memory, no peak.
  auto broken = std::make_shared<Hardware>(*zoo->hardware("H100"));
  broken->memory.bandwidth = Stated<kBandwidth>::of(0.0, TB_per_s);
  in = inputs("Llama3_8B", "H100", 2048);
  in.decode_hardware = broken;
  expect_input_error([&] { (void)serving(in); }, "decode_hardware", "memory bandwidth");
  broken = std::make_shared<Hardware>(*zoo->hardware("H100"));
  broken->memory.capacity = Stated<kData>::of(0.0, GB);
  in.hardware = broken;
  in.decode_hardware = nullptr;
  expect_input_error([&] { (void)serving(in); }, "hardware", "memory capacity");
  broken = std::make_shared<Hardware>(*zoo->hardware("H100"));
  broken->compute.peak_flops = Stated<kFlopRate>::of(0.0, TFLOP_per_s);
  in.hardware = broken;
  expect_input_error([&] { (void)serving(in); }, "hardware", "peak");
}

}  // namespace
}  // namespace mlsysim::node
