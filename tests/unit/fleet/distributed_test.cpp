#include "mlsysim/fleet/distributed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::fleet {
namespace {

using namespace units;
using testing::expect_input_error;

DistributedInputs inputs(std::string_view model, std::string_view fleet, int batch) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model), .fleet = zoo->fleet(fleet), .batch_size = batch};
}

DistributedInputs solver_guide() {
  DistributedInputs in = inputs("Llama3_70B", "Frontier_8K", 2048);
  in.tp_size = 8;
  in.pp_size = 4;
  in.microbatch_count = 16;
  return in;
}

bool has_warning(const DistributedResult& r, std::string_view fragment) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(fragment) != std::string::npos; });
}

// Spec §10.1 solver-guide example: Llama-3.1-70B on Frontier_8K, tp 8, pp 4, M 16.
TEST(DistributedModel, SolverGuide70BOnFrontier) {
  const DistributedResult r = distributed(solver_guide());
  EXPECT_EQ(r.parallelism.dp, 256);
  EXPECT_EQ(r.parallelism.tp, 8);
  EXPECT_EQ(r.parallelism.pp, 4);
  EXPECT_EQ(r.parallelism.ep, 1);
  EXPECT_FALSE(r.node_profile.feasible);  // 1859.7 GB per GPU: the node streams over the host link
  EXPECT_NEAR(r.node_profile.memory_footprint.in(GB), 1859.744, 1e-3);
  EXPECT_NEAR(r.node_profile.latency.in(ms), 3973.66, 1e-2);
  EXPECT_NEAR(r.dp_communication_latency.in(ms), 154.455, 1e-3);
  EXPECT_NEAR(r.tp_communication_latency.in(ms), 84.073, 1e-3);
  EXPECT_EQ(r.ep_communication_latency, Seconds{});
  EXPECT_NEAR(r.communication_latency.in(ms), 154.455 + 84.073, 2e-3);
  EXPECT_NEAR(r.bubble_fraction, 3.0 / 19.0, 1e-15);
  EXPECT_NEAR(r.pipeline_bubble_latency.in(ms), 627.42, 1e-2);
  EXPECT_NEAR(r.step_latency_total.in(ms), 4839.608, 1e-3);
  EXPECT_NEAR(r.scaling_efficiency, 0.821071, 1e-6);
  EXPECT_NEAR(r.effective_throughput.in(per_s), 13541.6, 0.1);
  EXPECT_TRUE(has_warning(r, "not sharded"));
  ASSERT_EQ(r.constraint_trace.size(), 1u);
  EXPECT_NE(r.constraint_trace[0].find("Memory Wall: FAILED"), std::string::npos);
}

TEST(DistributedModel, OverlapHidesPartOfTheDataParallelAllReduce) {
  DistributedInputs in = solver_guide();
  in.overlap_comm = true;
  const DistributedResult r = distributed(in);
  EXPECT_NEAR(r.step_latency_total.in(ms), 4708.322, 1e-3);
  EXPECT_NEAR(r.scaling_efficiency, 0.843965, 1e-6);
  // The reported communication is not reduced by the overlap.
  EXPECT_NEAR(r.communication_latency.in(ms), 154.455 + 84.073, 2e-3);
  // Full overlap leaves node + TP + bubble.
  in.overlap_efficiency = 1.0;
  const DistributedResult full = distributed(in);
  EXPECT_NEAR(
      full.step_latency_total.in(ms),
      (full.node_profile.latency + full.tp_communication_latency + full.pipeline_bubble_latency)
          .in(ms),
      1e-9);
}

// Spec §10.1: Llama-3.1-8B on Research_256 (100 GbE, 50 µs), pure data parallelism.
TEST(DistributedModel, Llama8BOnResearch256) {
  const DistributedResult r = distributed(inputs("Llama3_8B", "Research_256", 256));
  EXPECT_EQ(r.parallelism.dp, 256);
  EXPECT_NEAR(r.node_profile.latency.in(ms), 277.00125, 1e-9);
  EXPECT_NEAR(r.dp_communication_latency.in(ms), 376.732, 1e-3);
  EXPECT_EQ(r.tp_communication_latency, Seconds{});
  EXPECT_EQ(r.pipeline_bubble_latency, Seconds{});
  EXPECT_EQ(r.bubble_fraction, 0.0);
  EXPECT_NEAR(r.step_latency_total.in(ms), 653.733, 1e-3);
  EXPECT_NEAR(r.scaling_efficiency, 0.423722, 1e-6);
  EXPECT_NEAR(r.effective_throughput.in(per_s), 391.60, 1e-2);
}

TEST(DistributedModel, CongestionAccumulationAndStraggler) {
  const DistributedResult base = distributed(solver_guide());
  DistributedInputs in = solver_guide();
  in.congestion_factor = 2.0;
  in.gradient_accumulation_steps = 4;
  const DistributedResult r = distributed(in);
  // Congestion first, then the DP all-reduce is amortized over the accumulation steps.
  EXPECT_NEAR(r.dp_communication_latency.in(ms), base.dp_communication_latency.in(ms)*2.0 / 4.0,
              1e-9);
  EXPECT_NEAR(r.tp_communication_latency.in(ms), base.tp_communication_latency.in(ms)*2.0, 1e-9);

  in = solver_guide();
  in.straggler_factor = 1.3;
  EXPECT_NEAR(distributed(in).step_latency_total.in(ms), base.step_latency_total.in(ms)*1.3, 1e-9);
  in.straggler_factor = 0.5;  // only factors above 1 apply
  EXPECT_DOUBLE_EQ(distributed(in).step_latency_total.in(ms), base.step_latency_total.in(ms));
}

TEST(DistributedModel, InterleavedStagesShrinkTheBubble) {
  DistributedInputs in = solver_guide();
  in.v_stages = 2;
  const DistributedResult r = distributed(in);
  EXPECT_NEAR(r.bubble_fraction, 3.0 / 35.0, 1e-15);
  EXPECT_NEAR(r.pipeline_bubble_latency.in(ms), r.node_profile.latency.in(ms)*3.0 / 35.0, 1e-9);
}

TEST(DistributedModel, ExpertParallelismUsesAnAllToAllOverTheFabric) {
  DistributedInputs in = inputs("Llama3_8B", "Research_256", 1024);
  in.ep_size = 2;
  const DistributedResult r = distributed(in);
  EXPECT_EQ(r.parallelism.dp, 128);
  // 8 samples · 2048 tokens · 4096 · 2 bytes = 134.2 MB; 1/2 of it over 12.5 GB/s + 50 µs.
  const double expected_ms = 0.5 * 8.0 * 2048 * 4096 * 2 / 12.5e9 * 1e3 + 0.05;
  EXPECT_NEAR(r.ep_communication_latency.in(ms), expected_ms, 1e-9);
}

TEST(DistributedModel, LoraAllReducesOnePercentOfTheGradients) {
  DistributedInputs in = inputs("Llama3_8B", "Research_256", 256);
  const DistributedResult full = distributed(in);
  in.is_lora = true;
  const DistributedResult lora = distributed(in);
  EXPECT_LT(lora.dp_communication_latency.in(ms), full.dp_communication_latency.in(ms) / 10.0);
  EXPECT_GT(lora.scaling_efficiency, full.scaling_efficiency);
}

TEST(DistributedModel, SmallBatchAndIdleAcceleratorsAreWarnings) {
  DistributedInputs in = inputs("Llama3_8B", "Research_256", 16);
  in.tp_size = 3;  // 256 / 3 = 85 replicas, 1 GPU idle
  const DistributedResult r = distributed(in);
  EXPECT_EQ(r.parallelism.dp, 85);
  EXPECT_EQ(r.node_profile.throughput.in(per_s)*r.node_profile.latency.in(s), 1.0);
  EXPECT_TRUE(has_warning(r, "smaller than the 85 data-parallel replicas"));
  EXPECT_TRUE(has_warning(r, "idle"));
}

TEST(DistributedModel, TopologyOverrideIsAcceptedAndIgnored) {
  DistributedInputs in = solver_guide();
  in.topology_override = "torus_3d";
  const DistributedResult r = distributed(in);
  EXPECT_DOUBLE_EQ(r.step_latency_total.in(ms),
                   distributed(solver_guide()).step_latency_total.in(ms));
  EXPECT_TRUE(has_warning(r, "topology_override 'torus_3d' is ignored"));
}

TEST(DistributedModel, SingleAcceleratorNodesUseARingOverTheIntraNodeLink) {
  auto zoo = Registry::builtin();
  auto node = std::make_shared<Node>();
  node->info.name = "1x T4";
  node->accelerator = zoo->hardware("T4");
  node->accelerators_per_node = 1;
  node->intra_node_bw = Stated<kBandwidth>::of(16.0, GB_per_s);
  auto fleet = std::make_shared<Fleet>();
  fleet->info.name = "64x1-T4";
  fleet->node = node;
  fleet->count = 64;
  fleet->fabric = zoo->fabric("Ethernet_10G");
  DistributedInputs in{.model = zoo->model("GPT2"), .fleet = fleet, .batch_size = 64};
  const DistributedResult r = distributed(in);
  EXPECT_EQ(r.parallelism.dp, 64);
  // ring(weights, 64, 16 GB/s, 500 ns) with the fp16 weight bytes of GPT-2.
  const double weights_gb = zoo->model("GPT2")->parameters.value() * 2.0 / 1e9;
  const double expected_ms = (2.0 * 63 / 64 * weights_gb / 16.0 + 2.0 * 63 * 500e-9) * 1e3;
  EXPECT_NEAR(r.dp_communication_latency.in(ms), expected_ms, 1e-9);
}

TEST(DistributedModel, RejectsBadInputs) {
  auto with = [](auto edit) {
    DistributedInputs in = solver_guide();
    edit(in);
    return in;
  };
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.pp_size = 4096; })); },
                     "tp_size",
                     "Infeasible 4D Parallelism: TP(8) * PP(4096) * EP(1) > Total(8192)");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.tp_size = 0; })); }, "tp_size",
                     ">= 1");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.ep_size = 0; })); }, "ep_size",
                     ">= 1");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.batch_size = 0; })); },
                     "batch_size", ">= 1");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.microbatch_count = 0; })); },
                     "microbatch_count", ">= 1");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.v_stages = 0; })); },
                     "v_stages", ">= 1");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.efficiency = 1.5; })); },
                     "efficiency", "[1e-09, 1]");
  expect_input_error(
      [&] { (void)distributed(with([](auto& in) { in.overlap_efficiency = -0.1; })); },
      "overlap_efficiency", "[0, 1]");
  expect_input_error(
      [&] { (void)distributed(with([](auto& in) { in.gradient_accumulation_steps = 0; })); },
      "gradient_accumulation_steps", ">= 1");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.congestion_factor = 0; })); },
                     "congestion_factor", "> 0");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.straggler_factor = -1; })); },
                     "straggler_factor", "> 0");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.zero_stage = 4; })); },
                     "zero_stage", "[0, 3]");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.seq_len = 0; })); }, "seq_len",
                     ">= 1");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.model = nullptr; })); },
                     "model", "missing");
  expect_input_error([&] { (void)distributed(with([](auto& in) { in.fleet = nullptr; })); },
                     "fleet", "missing");
}

TEST(DistributedModel, RejectsAFabricWithoutBandwidth) {
  auto zoo = Registry::builtin();
  auto fabric = std::make_shared<Fabric>(*zoo->fabric("InfiniBand_NDR"));
  fabric->bandwidth = Stated<kBandwidth>::of(0.0, GB_per_s);
  auto fleet = std::make_shared<Fleet>(*zoo->fleet("Frontier_8K"));
  fleet->fabric = fabric;
  DistributedInputs in = solver_guide();
  in.fleet = fleet;
  expect_input_error([&] { (void)distributed(in); }, "fleet", "fabric bandwidth");
}

TEST(DistributedModel, EngineErrorsOnTheAcceleratorNameTheFleet) {
  auto zoo = Registry::builtin();
  auto hw = std::make_shared<Hardware>(*zoo->hardware("H100"));
  hw->info.name = "NoPeak";
  hw->compute.peak_flops = Stated<kFlopRate>::of(0.0, TFLOP_per_s);
  hw->compute.precision_flops.clear();
  auto node = std::make_shared<Node>(*zoo->node("DGX_H100"));
  node->accelerator = hw;
  auto fleet = std::make_shared<Fleet>(*zoo->fleet("Research_256"));
  fleet->node = node;
  DistributedInputs in = inputs("Llama3_8B", "Research_256", 256);
  in.fleet = fleet;
  expect_input_error([&] { (void)distributed(in); }, "fleet", "NoPeak");
}

}  // namespace
}  // namespace mlsysim::fleet
