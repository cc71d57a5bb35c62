#include "mlsysim/optimize/parallelism.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::optimize {
namespace {

using namespace units;
using testing::expect_input_error;

/// One DGX H100 (8 GPUs) on InfiniBand NDR, as the conformance cases build it.
std::shared_ptr<const Fleet> one_dgx_h100() {
  auto zoo = Registry::builtin();
  Fleet f;
  f.info.name = "1xDGX-H100";
  f.node = zoo->node("DGX_H100");
  f.count = 1;
  f.fabric = zoo->fabric("InfiniBand_NDR");
  return std::make_shared<const Fleet>(std::move(f));
}

ParallelismInputs inputs(std::string_view model, std::shared_ptr<const Fleet> fleet, int batch) {
  return {
      .model = Registry::builtin()->model(model), .fleet = std::move(fleet), .batch_size = batch};
}

// Golden G29 of spec §13.1.
TEST(ParallelismOptimizer, Llama70BOnResearch256) {
  const ParallelismResult r =
      parallelism(inputs("Llama3_70B", Registry::builtin()->fleet("Research_256"), 256));
  EXPECT_EQ(r.total_searched, 27);
  EXPECT_EQ(r.search_space_size, 27);
  EXPECT_EQ(r.best_config.tp, 8);
  EXPECT_EQ(r.best_config.pp, 1);
  EXPECT_EQ(r.best_config.dp, 32);
  EXPECT_NEAR(r.best_mfu, 0.483674, 1e-6);
  EXPECT_DOUBLE_EQ(r.objective_value, r.best_mfu);
  EXPECT_NEAR(r.best_step_time.in(ms), 4107.79, 1e-2);
  EXPECT_NEAR(r.best_throughput.in(per_s), 498.57, 1e-2);
  ASSERT_EQ(r.top_candidates.size(), 5u);
  EXPECT_EQ(r.top_candidates[1].config.tp, 4);
  EXPECT_EQ(r.top_candidates[1].config.pp, 1);
  EXPECT_EQ(r.top_candidates[1].config.dp, 64);
  EXPECT_NEAR(r.top_candidates[1].mfu, 0.476950, 1e-6);
  for (std::size_t i = 1; i < r.top_candidates.size(); ++i) {
    EXPECT_GE(r.top_candidates[i - 1].mfu, r.top_candidates[i].mfu);
  }
}

// Conformance case ParallelismOptimizer-905be386a8.
TEST(ParallelismOptimizer, Llama8BOnOneDgx) {
  const ParallelismResult r = parallelism(inputs("Llama3_8B", one_dgx_h100(), 256));
  EXPECT_EQ(r.total_searched, 10);
  EXPECT_EQ(r.best_config.tp, 1);
  EXPECT_EQ(r.best_config.pp, 1);
  EXPECT_EQ(r.best_config.dp, 8);
  EXPECT_NEAR(r.best_mfu, 0.49778914266162294, 1e-12);
  EXPECT_NEAR(r.best_throughput.in(per_s), 241.6022646940617, 1e-9);
  EXPECT_NEAR(r.best_step_time.in(ms), 1059.592716666667, 1e-9);
  ASSERT_EQ(r.top_candidates.size(), 5u);
  EXPECT_EQ(r.top_candidates[1].config.tp, 2);
  EXPECT_NEAR(r.top_candidates[1].mfu, 0.47975653927472617, 1e-12);
  EXPECT_EQ(r.top_candidates[2].config.tp, 4);
  EXPECT_NEAR(r.top_candidates[2].mfu, 0.46888920446545357, 1e-12);
}

// The best split's numbers are DistributedModel's, not a re-derivation.
TEST(ParallelismOptimizer, BestSplitIsDistributedModel) {
  auto zoo = Registry::builtin();
  const ParallelismResult r = parallelism(inputs("Llama3_70B", zoo->fleet("Research_256"), 1024));
  const fleet::DistributedResult d = fleet::distributed({.model = zoo->model("Llama3_70B"),
                                                         .fleet = zoo->fleet("Research_256"),
                                                         .batch_size = 1024,
                                                         .tp_size = r.best_config.tp,
                                                         .pp_size = r.best_config.pp,
                                                         .overlap_comm = true});
  EXPECT_DOUBLE_EQ(r.best_mfu, d.scaling_efficiency * 0.5);
  EXPECT_DOUBLE_EQ(r.best_step_time.in(s), d.step_latency_total.in(s));
  EXPECT_DOUBLE_EQ(r.best_throughput.in(per_s), d.effective_throughput.in(per_s));
  EXPECT_NEAR(r.best_mfu, 0.48007586463952, 1e-12);  // conformance ParallelismOptimizer-9d2c80a5d2
}

TEST(ParallelismOptimizer, LimitsRestrictTheSearch) {
  auto fleet = one_dgx_h100();
  ParallelismInputs in = inputs("Llama3_8B", fleet, 256);
  in.max_tp = 0;  // 0 counts as "not given", as in the reference
  in.max_pp = 0;
  EXPECT_EQ(parallelism(in).total_searched, 10);
  in.max_tp = 1;
  const ParallelismResult tp1 = parallelism(in);
  EXPECT_EQ(tp1.total_searched, 4);  // pp = 1, 2, 4, 8
  for (const auto& c : tp1.top_candidates) EXPECT_EQ(c.config.tp, 1);
  in.max_tp = std::nullopt;
  in.max_pp = 1;
  const ParallelismResult pp1 = parallelism(in);
  EXPECT_EQ(pp1.total_searched, 4);  // tp = 1, 2, 4, 8 (the node's 8 GPUs)
  for (const auto& c : pp1.top_candidates) EXPECT_EQ(c.config.pp, 1);
  in.max_pp = 3;  // not a power of two: pp = 1, 2; tp 8 x pp 2 needs 16 GPUs
  EXPECT_EQ(parallelism(in).total_searched, 7);
}

// The memory screen counts fp16 weights whatever the precision: GPT-4 does not pass on 8 GPUs
// even at int4.
TEST(ParallelismOptimizer, MemoryScreenIsFp16) {
  ParallelismInputs in = inputs("GPT4", one_dgx_h100(), 8);
  expect_input_error([&] { (void)parallelism(in); }, "fleet",
                     "No valid parallelism configurations found for this cluster size.");
  in.precision = "int4";
  expect_input_error([&] { (void)parallelism(in); }, "fleet", "fp16 weights");

  ParallelismInputs fp32 = inputs("Llama3_8B", one_dgx_h100(), 256);
  fp32.precision = "fp32";
  const ParallelismResult r = parallelism(fp32);
  EXPECT_EQ(r.total_searched, 10);  // the screen did not grow with the 4-byte weights
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("fp16 weights"), std::string::npos);
}

// The screen's size is the reference's size_in_bytes(): a Transformer's 2·P, another workload's
// declared model_size whatever its parameters, and no size at all fails the search.
TEST(ParallelismOptimizer, ScreenSizeOfOtherWorkloads) {
  auto zoo = Registry::builtin();
  EXPECT_DOUBLE_EQ(size_in_bytes(*zoo->model("Llama3_8B"), 2.0).in(B),
                   *zoo->model("Llama3_8B")->parameters * 2.0);
  Workload generic;
  generic.info.name = "blob";
  generic.parameters = 1e9;
  generic.model_size = Stated<kData>::of(2000.0, GB);
  EXPECT_DOUBLE_EQ(size_in_bytes(generic, 4.0).in(GB), 2000.0);  // declared, not 4 x 1e9
  generic.model_size.reset();
  EXPECT_DOUBLE_EQ(size_in_bytes(generic, 4.0).in(GB), 4.0);
  generic.parameters.reset();
  expect_input_error([&] { (void)size_in_bytes(generic, 2.0); }, "model", "neither");

  // 2000 GB of declared weights: 2 x 2000 / 8 GB per GPU never fits 90% of an H100.
  generic.parameters = 1e9;
  generic.model_size = Stated<kData>::of(2000.0, GB);
  ParallelismInputs in = inputs("Llama3_8B", one_dgx_h100(), 64);
  in.model = std::make_shared<const Workload>(generic);
  expect_input_error([&] { (void)parallelism(in); }, "fleet", "memory screen");
}

TEST(ParallelismOptimizer, ScreenedSplitsAreReported) {
  const ParallelismResult r =
      parallelism(inputs("GPT3", Registry::builtin()->fleet("Research_256"), 2048));
  EXPECT_EQ(r.total_searched, 20);  // conformance ParallelismOptimizer-dde323c68b
  EXPECT_EQ(r.best_config.tp, 8);
  EXPECT_EQ(r.best_config.pp, 2);
  EXPECT_NEAR(r.best_mfu, 0.326139671537764, 1e-12);
  bool reported = false;
  for (const auto& w : r.warnings) reported |= w.find("memory screen") != std::string::npos;
  EXPECT_TRUE(reported);
}

TEST(ParallelismOptimizer, BadInputs) {
  auto fleet = one_dgx_h100();
  ParallelismInputs in = inputs("Llama3_8B", fleet, 256);
  in.batch_size.reset();
  expect_input_error([&] { (void)parallelism(in); }, "batch_size", "missing");
  in = inputs("Llama3_8B", fleet, 0);
  expect_input_error([&] { (void)parallelism(in); }, "batch_size", ">= 1");
  in = inputs("Llama3_8B", fleet, 256);
  in.efficiency = 0.0;
  expect_input_error([&] { (void)parallelism(in); }, "efficiency");
  in.efficiency = 1.5;
  expect_input_error([&] { (void)parallelism(in); }, "efficiency");
  in = inputs("Llama3_8B", fleet, 256);
  in.max_tp = -1;
  expect_input_error([&] { (void)parallelism(in); }, "max_tp", ">= 0");
  in = inputs("Llama3_8B", fleet, 256);
  in.max_pp = -4;
  expect_input_error([&] { (void)parallelism(in); }, "max_pp", ">= 0");
  in = inputs("Llama3_8B", fleet, 256);
  in.model = nullptr;
  expect_input_error([&] { (void)parallelism(in); }, "model", "missing");
  in = inputs("Llama3_8B", nullptr, 256);
  expect_input_error([&] { (void)parallelism(in); }, "fleet", "missing");
}

}  // namespace
}  // namespace mlsysim::optimize
