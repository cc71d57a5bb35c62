#include "mlsysim/algorithm/inference_scaling.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::algorithm {
namespace {

using namespace units;
using testing::expect_input_error;

InferenceScalingInputs inputs(std::string_view model, std::string_view hw, int steps = 8,
                              int context = 2048) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model),
          .hardware = zoo->hardware(hw),
          .reasoning_steps = steps,
          .context_length = context};
}

// Golden values of spec §9.2 (Llama-3.1-8B on H100, K = 8, 2048-token context).
TEST(InferenceScalingModel, Llama8BOnH100) {
  const InferenceScalingResult r = inference_scaling(inputs("Llama3_8B", "H100"));
  EXPECT_NEAR(r.ttft.in(ms), 70.9704, 1e-4);
  EXPECT_NEAR(r.itl.in(ms), 5.19416, 1e-5);
  EXPECT_NEAR(r.time_per_step.in(ms), 259.708, 1e-3);
  EXPECT_NEAR(r.total_reasoning_time.in(ms), 2148.634, 1e-3);
  EXPECT_EQ(r.tokens_generated, 400);
  EXPECT_EQ(r.reasoning_steps, 8);
  EXPECT_NEAR(r.energy_per_query.in(J), 1504.04, 1e-2);  // 700 W x 2.1486 s
  EXPECT_TRUE(r.feasible);
  EXPECT_TRUE(r.warnings.empty());
  ASSERT_EQ(r.constraint_trace.size(), 1u);
  EXPECT_NE(r.constraint_trace[0].find("Memory Wall: Passed"), std::string::npos);
}

// The serving detail is exactly the ServingModel result at seq_len = context_length, batch 1.
TEST(InferenceScalingModel, BuildsOnServingModel) {
  auto zoo = Registry::builtin();
  const InferenceScalingResult r = inference_scaling(inputs("Llama3_8B", "H100", 8, 8192));
  const node::ServingResult serving = node::serving(
      {.model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100"), .seq_len = 8192});
  EXPECT_EQ(r.serving_detail.ttft.in(ms), serving.ttft.in(ms));
  EXPECT_EQ(r.serving_detail.itl.in(ms), serving.itl.in(ms));
  EXPECT_EQ(r.serving_detail.kv_cache_size.in(B), serving.kv_cache_size.in(B));
  EXPECT_EQ(r.ttft.in(ms), serving.ttft.in(ms));
  // Conformance case InferenceScalingModel-8a9a483ea2.
  EXPECT_NEAR(r.total_reasoning_time.in(ms), 2511.034958896994, 1e-9);
  EXPECT_NEAR(r.energy_per_query.in(J), 1757.7244712278957, 1e-9);
}

TEST(InferenceScalingModel, InfeasibleIsAResult) {
  const InferenceScalingResult r = inference_scaling(inputs("Llama3_70B", "H100"));
  EXPECT_FALSE(r.feasible);
  EXPECT_FALSE(r.serving_detail.feasible);
  EXPECT_GT(r.total_reasoning_time.in(ms), 0.0);  // timings are still computed
}

TEST(InferenceScalingModel, ZeroAndNegativeSteps) {
  const InferenceScalingResult zero = inference_scaling(inputs("Llama3_8B", "H100", 0));
  EXPECT_EQ(zero.tokens_generated, 0);
  EXPECT_EQ(zero.total_reasoning_time.in(ms), zero.ttft.in(ms));
  // Pinned by the conformance cases as accepted: negative totals, with a warning.
  const InferenceScalingResult neg = inference_scaling(inputs("Llama3_8B", "H100", -4));
  EXPECT_EQ(neg.tokens_generated, -200);
  EXPECT_NEAR(neg.total_reasoning_time.in(ms), 70.9704 - 4 * 259.708, 1e-2);
  ASSERT_EQ(neg.warnings.size(), 1u);
  EXPECT_NE(neg.warnings[0].find("reasoning_steps is -4"), std::string::npos);
}

TEST(InferenceScalingModel, NoTdpMeansZeroEnergy) {
  auto zoo = Registry::builtin();
  Hardware hw = *zoo->hardware("H100");
  hw.tdp.reset();
  InferenceScalingInputs in = inputs("Llama3_8B", "H100");
  in.hardware = std::make_shared<const Hardware>(hw);
  const InferenceScalingResult r = inference_scaling(in);
  EXPECT_EQ(r.energy_per_query.in(J), 0.0);
  EXPECT_NEAR(r.total_reasoning_time.in(ms), 2148.634, 1e-3);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("no TDP"), std::string::npos);
}

TEST(InferenceScalingModel, PrecisionAndEfficiencyReachTheServingModel) {
  InferenceScalingInputs in = inputs("Llama3_8B", "H100");
  in.precision = "fp8";
  in.efficiency = 0.25;
  const InferenceScalingResult r = inference_scaling(in);
  EXPECT_NEAR(r.serving_detail.model_weights_size.in(GB), 8.03, 1e-9);
  const InferenceScalingResult base = inference_scaling(inputs("Llama3_8B", "H100"));
  EXPECT_LT(r.itl.in(ms), base.itl.in(ms));
  in.precision = "fp7";
  EXPECT_EQ(inference_scaling(in).warnings.size(), 2u);  // unknown width, no fp7 peak
}

TEST(InferenceScalingModel, BadInputs) {
  expect_input_error([] { (void)inference_scaling({}); }, "model", "missing");
  expect_input_error(
      [] {
        auto in = inputs("Llama3_8B", "H100");
        in.hardware = nullptr;
        (void)inference_scaling(in);
      },
      "hardware", "missing");
  // context_length 0: the reference fails in ServingModel (cached_prefix_len (0) must be <
  // seq_len).
  expect_input_error([] { (void)inference_scaling(inputs("Llama3_8B", "H100", 8, 0)); },
                     "context_length", ">= 1");
  expect_input_error([] { (void)inference_scaling(inputs("Llama3_8B", "H100", 8, -5)); },
                     "context_length", ">= 1");
  expect_input_error(
      [] {
        auto in = inputs("Llama3_8B", "H100");
        in.efficiency = 0.0;
        (void)inference_scaling(in);
      },
      "efficiency");
  expect_input_error([] { (void)inference_scaling(inputs("ResNet50", "H100")); }, "model",
                     "TransformerWorkload");
  expect_input_error(
      [] {
        auto zoo = Registry::builtin();
        Hardware hw = *zoo->hardware("H100");
        hw.memory.bandwidth.q = Bandwidth{};
        auto in = inputs("Llama3_8B", "H100");
        in.hardware = std::make_shared<const Hardware>(hw);
        (void)inference_scaling(in);
      },
      "hardware", "memory bandwidth");
}

TEST(InferenceScalingModel, TableShowsTheServingDetailFieldByField) {
  const Evaluation ev =
      find_resolver("InferenceScalingModel")
          .evaluate({{"model", "Llama3_8B"}, {"hardware", "H100"}}, *Registry::builtin());
  bool found = false;
  for (const auto& o : ev.outputs) {
    EXPECT_NE(o.name, "serving_detail");
    EXPECT_NE(o.name, "serving_detail.warnings");
    if (o.name == "serving_detail.ttft") {
      found = true;
      EXPECT_EQ(o.text, "70.9704 ms");
    }
  }
  EXPECT_TRUE(found);
  ASSERT_TRUE(ev.feasible.has_value());
  EXPECT_TRUE(*ev.feasible);
  EXPECT_NE(ev.json.find(R"("serving_detail":{"constraint_trace":["Memory Wall)"),
            std::string::npos);
}

}  // namespace
}  // namespace mlsysim::algorithm
