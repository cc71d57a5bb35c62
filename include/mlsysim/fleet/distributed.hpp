// DistributedModel — one training step under 4-D parallelism (data, tensor, pipeline, expert)
// over a fleet (Wall 14 Communication).
//
//   auto zoo = Registry::builtin();
//   auto r = fleet::distributed({.model = zoo->model("Llama3_70B"),
//                                .fleet = zoo->fleet("Frontier_8K"), .batch_size = 2048,
//                                .tp_size = 8, .pp_size = 4, .microbatch_count = 16});
//   r.parallelism.dp;                  // 256 = 8192 GPUs / (8 · 4 · 1)
//   r.step_latency_total.in(units::ms);  // 4839.608
//   r.scaling_efficiency;              // 0.821071 = node time / step time
//
// T_step = T_node + T_DP + T_TP + T_EP + T_bubble (x straggler), where T_node is the Engine's
// training step on one GPU at the local batch, T_DP a (hierarchical) ring all-reduce of the
// gradients, T_TP two all-reduces of the activations per layer, T_EP an all-to-all and
// T_bubble = T_node · (P-1)/(V·M + P-1). With overlap_comm only (1 - overlap_efficiency) of T_DP
// stays exposed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::fleet {

struct DistributedInputs {
  std::shared_ptr<const Workload> model = nullptr;
  std::shared_ptr<const Fleet> fleet = nullptr;
  int batch_size = 1;  ///< the global batch
  std::string precision = "fp16";
  double efficiency = 0.5;
  int tp_size = 1;
  int pp_size = 1;
  int ep_size = 1;
  int v_stages = 1;
  int microbatch_count = 1;
  std::optional<std::string> topology_override =
      std::nullopt;  ///< accepted and ignored, as in the reference
  int zero_stage = 0;
  bool is_lora = false;
  bool activation_recomputation = false;
  bool overlap_comm = false;
  double overlap_efficiency = 0.85;
  double congestion_factor = 1.0;
  double straggler_factor = 1.0;
  int gradient_accumulation_steps = 1;
  int seq_len = 2048;
};

/// The split of the fleet's accelerators: dp · tp · pp · ep <= total.
struct Parallelism {
  long long dp = 1;
  int tp = 1;
  int pp = 1;
  int ep = 1;
};

/// The reference's DistributedResult.
struct DistributedResult {
  std::vector<std::string> constraint_trace;
  node::PerformanceProfile node_profile;
  units::Seconds dp_communication_latency;
  units::Seconds tp_communication_latency;
  units::Seconds ep_communication_latency;
  units::Seconds communication_latency;
  units::Seconds pipeline_bubble_latency;
  double bubble_fraction = 0.0;
  units::Seconds step_latency_total;
  double scaling_efficiency = 0.0;
  units::Rate effective_throughput;
  Parallelism parallelism;
  std::vector<std::string> warnings;
};

/// DistributedModel.solve. Throws InputError for bad inputs, including a split that needs more
/// accelerators than the fleet has; a split whose per-GPU memory does not fit is a result (the
/// node profile is infeasible and streams the spill over the host link).
[[nodiscard]] DistributedResult distributed(const DistributedInputs& in);

}  // namespace mlsysim::fleet

namespace mlsysim {

template <>
struct Describe<fleet::Parallelism> {
  static constexpr auto fields() {
    using P = fleet::Parallelism;
    return std::tuple{
        field("dp", &P::dp, "data-parallel replicas: floor(total / (tp · pp · ep))"),
        field("tp", &P::tp, "tensor-parallel ranks"),
        field("pp", &P::pp, "pipeline stages"),
        field("ep", &P::ep, "expert-parallel ranks"),
    };
  }
};

template <>
struct Describe<fleet::DistributedInputs> {
  static constexpr auto fields() {
    using I = fleet::DistributedInputs;
    return std::tuple{
        field("model", &I::model, "the trained workload: a registry name or an ad-hoc object",
              {.required = true}),
        field("fleet", &I::fleet,
              "the cluster: a registry name (Systems.Clusters.*) or an ad-hoc fleet object",
              {.required = true}),
        field("batch_size", &I::batch_size, "global batch (samples per step, all replicas)",
              {.min = 1}),
        field("precision", &I::precision,
              "numeric precision: fp32, tf32, bf16, fp16, fp8, int8 or int4 (others count as "
              "2 bytes, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute per GPU (η)",
              {.min = 1e-9, .max = 1.0}),
        field("tp_size", &I::tp_size, "tensor-parallel ranks", {.min = 1}),
        field("pp_size", &I::pp_size, "pipeline-parallel stages", {.min = 1}),
        field("ep_size", &I::ep_size, "expert-parallel ranks", {.min = 1}),
        field("v_stages", &I::v_stages, "interleaved virtual stages per device (V)", {.min = 1}),
        field("microbatch_count", &I::microbatch_count, "micro-batches per step (M)", {.min = 1}),
        field("topology_override", &I::topology_override,
              "accepted and ignored, as in the reference (a warning says so)"),
        field("zero_stage", &I::zero_stage, "ZeRO stage 0-3: shards optimizer state over dp",
              {.min = 0, .max = 3}),
        field("is_lora", &I::is_lora, "LoRA fine-tuning: 1% of the gradients are all-reduced"),
        field("activation_recomputation", &I::activation_recomputation,
              "recompute activations in the backward pass (4x FLOPs, selective memory)"),
        field("overlap_comm", &I::overlap_comm,
              "overlap the data-parallel all-reduce with the backward pass"),
        field("overlap_efficiency", &I::overlap_efficiency,
              "fraction of the data-parallel all-reduce hidden when overlap_comm is set",
              {.min = 0.0, .max = 1.0}),
        field("congestion_factor", &I::congestion_factor,
              "multiplies every communication time (network contention)",
              {.min = 0.0, .min_open = true}),
        field("straggler_factor", &I::straggler_factor,
              "multiplies the step time when > 1 (slowest-rank effect)",
              {.min = 0.0, .min_open = true}),
        field("gradient_accumulation_steps", &I::gradient_accumulation_steps,
              "micro-steps per optimizer step: the data-parallel all-reduce is amortized over "
              "them",
              {.min = 1}),
        field("seq_len", &I::seq_len, "tokens per sample (activation memory and TP/EP messages)",
              {.min = 1}),
    };
  }
};

template <>
struct Describe<fleet::DistributedResult> {
  static constexpr auto fields() {
    using R = fleet::DistributedResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace,
              "the per-GPU memory-wall check of node_profile (the reference leaves it empty)"),
        field("node_profile", &R::node_profile,
              "the Engine's training step on one GPU at the local batch (not sharded by TP/PP/EP)"),
        field("dp_communication_latency", &R::dp_communication_latency, ms,
              "gradient all-reduce across the dp replicas (after congestion and accumulation)"),
        field("tp_communication_latency", &R::tp_communication_latency, ms,
              "two activation all-reduces per layer across the tp ranks"),
        field("ep_communication_latency", &R::ep_communication_latency, ms,
              "all-to-all of the token activations across the ep ranks"),
        field("communication_latency", &R::communication_latency, ms,
              "DP + TP + EP (not reduced by overlap)"),
        field("pipeline_bubble_latency", &R::pipeline_bubble_latency, ms,
              "node latency x bubble_fraction (0 without pipelining)"),
        field("bubble_fraction", &R::bubble_fraction, "(P - 1) / (V·M + P - 1)"),
        field("step_latency_total", &R::step_latency_total, ms,
              "node + exposed communication + bubble (x straggler)"),
        field("scaling_efficiency", &R::scaling_efficiency, "node latency / step latency"),
        field("effective_throughput", &R::effective_throughput, per_s,
              "total GPUs x node throughput x scaling efficiency (samples/s)"),
        field("parallelism", &R::parallelism, "the split: dp, tp, pp, ep"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
