#include "mlsysim/fleet/distributed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/checks.hpp"
#include "core/text.hpp"
#include "mlsysim/core/collectives.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::fleet {

using namespace units;

namespace {
constexpr double kLoraGradientFraction = 0.01;  // LoRA adapters: 1% of the gradient bytes
constexpr int kDefaultHiddenDim = 4096;         // `hidden_dim or 4096`

/// An inter-node link: the fabric's bandwidth divided by its oversubscription, and its latency
/// (`latency or 5 µs`: a missing or zero latency takes the default, as in the reference).
struct Link {
  Bandwidth bandwidth;
  Seconds latency;
};

Link fabric_link(const Fleet& f) {
  const Fabric& fabric = *f.fabric;
  detail::require_positive(fabric.bandwidth.q, GB_per_s, "fleet", "the fabric bandwidth",
                           fabric.name(), "inter-node communication divides by it");
  const bool has_latency = fabric.latency && fabric.latency->q != Seconds{};
  return {fabric.bandwidth.q / fabric.oversubscription_ratio,
          has_latency ? fabric.latency->q : collectives::kInterNodeLatency};
}

Link intra_link(const Node& n) {
  detail::require_positive(n.intra_node_bw.q, GB_per_s, "fleet", "the intra-node bandwidth",
                           n.name(), "intra-node communication divides by it");
  return {n.intra_node_bw.q, collectives::kIntraNodeLatency};
}

/// The Engine's training step on one accelerator; its input errors name this resolver's fields.
node::PerformanceProfile node_step(const DistributedInputs& in, int local_batch, long long dp) {
  try {
    return node::solve({.model = in.model,
                        .hardware = in.fleet->node->accelerator,
                        .batch_size = local_batch,
                        .precision = in.precision,
                        .efficiency = in.efficiency,
                        .is_training = true,
                        .seq_len = in.seq_len,
                        .zero_stage = in.zero_stage,
                        .dp_size = static_cast<int>(dp),
                        .is_lora = in.is_lora,
                        .activation_recomputation = in.activation_recomputation});
  } catch (const InputError& e) {
    if (e.field() != "hardware") throw;
    throw InputError(e.code(), "fleet",
                     fmt::format("fleet: the node accelerator is not usable: {}", e.what()));
  }
}
}  // namespace

DistributedResult distributed(const DistributedInputs& in) {
  check_required(in);
  check_bounds(in);
  const Fleet& fleet = *in.fleet;
  const Node& node = *fleet.node;
  DistributedResult r;

  // The split: dp takes what tp · pp · ep leave (floored; a remainder stays idle).
  const long long total = fleet.total_accelerators();
  const double model_parallel = static_cast<double>(in.tp_size) * in.pp_size * in.ep_size;
  if (model_parallel > static_cast<double>(total)) {
    throw InputError("input.invalid", "tp_size",
                     fmt::format("Infeasible 4D Parallelism: TP({}) * PP({}) * EP({}) > Total({}) "
                                 "accelerators of fleet '{}'; reduce tp_size, pp_size or ep_size",
                                 in.tp_size, in.pp_size, in.ep_size, total, fleet.name()));
  }
  const long long dp =
      static_cast<long long>(std::floor(static_cast<double>(total) / model_parallel));
  if (dp > std::numeric_limits<int>::max()) {
    throw InputError::out_of_range("fleet", "at most 2147483647 data-parallel replicas",
                                   fmt::format("{}", dp));
  }
  r.parallelism = {.dp = dp, .tp = in.tp_size, .pp = in.pp_size, .ep = in.ep_size};
  if (static_cast<double>(dp) * model_parallel < static_cast<double>(total)) {
    detail::note(
        r.warnings,
        "TP({}) * PP({}) * EP({}) * DP({}) uses {} of the {} accelerators; the rest stay idle",
        in.tp_size, in.pp_size, in.ep_size, dp, static_cast<double>(dp) * model_parallel, total);
  }
  if (in.topology_override) {
    detail::note(r.warnings,
                 "topology_override '{}' is ignored, as in the reference: the collectives use the "
                 "fleet's node and fabric",
                 *in.topology_override);
  }

  // One replica's share of the global batch.
  const long long local = std::max(1LL, in.batch_size / dp);
  if (in.batch_size < dp) {
    detail::note(
        r.warnings,
        "batch_size {} is smaller than the {} data-parallel replicas; each replica runs a batch "
        "of 1",
        in.batch_size, dp);
  }
  r.node_profile = node_step(in, static_cast<int>(local), dp);
  const Seconds t_node = r.node_profile.latency;
  r.constraint_trace = r.node_profile.constraint_trace;
  detail::copy_notes(r.warnings, r.node_profile.warnings, "node_profile: ");
  if (!r.node_profile.feasible) {
    detail::note(
        r.warnings,
        "the per-GPU training footprint ({:.6g} GB) exceeds the {:.6g} GB of '{}': the model is "
        "not sharded by TP/PP/EP here, so the node time streams the spill over the host link",
        r.node_profile.memory_footprint.in(GB), r.node_profile.memory_capacity.in(GB),
        node.accelerator->name());
  }

  const Workload& model = *in.model;
  const double bpp = bytes_per_element(in.precision);
  const int apn = node.accelerators_per_node;

  // Data parallel: all-reduce the gradients (this rank's 1/tp share of the weights).
  Bytes gradients = lower(model, bpp).weight_bytes / in.tp_size;
  if (in.is_lora) gradients = gradients * kLoraGradientFraction;
  Seconds t_dp{};
  if (dp > 1) {
    const Link intra = intra_link(node);
    if (apn > 1 && dp > apn) {
      const Link inter = fabric_link(fleet);
      t_dp = collectives::hierarchical_allreduce(
          gradients, std::floor(static_cast<double>(dp) / apn), apn, intra.bandwidth,
          inter.bandwidth, intra.latency, inter.latency);
    } else {
      t_dp = collectives::ring_allreduce(gradients, static_cast<double>(dp), intra.bandwidth,
                                         intra.latency);
    }
  }

  // Tensor parallel: two all-reduces of the layer activations per layer, serialized.
  const double hidden = model.hidden_dim.value_or(0) != 0 ? *model.hidden_dim : kDefaultHiddenDim;
  const double layers = model.layers.value_or(0) != 0 ? *model.layers : 1;
  const Bytes activations = static_cast<double>(local) * in.seq_len * hidden * bpp * B;
  Seconds t_tp{};
  if (in.tp_size > 1) {
    const Link link = in.tp_size <= apn ? intra_link(node) : fabric_link(fleet);
    t_tp = layers *
           collectives::ring_allreduce(2.0 * activations, in.tp_size, link.bandwidth, link.latency);
  }

  // Expert parallel: one all-to-all of the token activations, always over the fabric.
  Seconds t_ep{};
  if (in.ep_size > 1) {
    const Link link = fabric_link(fleet);
    t_ep = collectives::all_to_all(activations, in.ep_size, link.bandwidth, link.latency);
  }

  // Pipeline bubble (reported even without pipelining).
  r.bubble_fraction = collectives::pipeline_bubble(in.pp_size, in.microbatch_count, in.v_stages);
  r.pipeline_bubble_latency = in.pp_size > 1 ? t_node * r.bubble_fraction : Seconds{};

  t_dp = t_dp * in.congestion_factor;
  t_tp = t_tp * in.congestion_factor;
  t_ep = t_ep * in.congestion_factor;
  if (in.gradient_accumulation_steps > 1) t_dp = t_dp / in.gradient_accumulation_steps;
  r.dp_communication_latency = t_dp;
  r.tp_communication_latency = t_tp;
  r.ep_communication_latency = t_ep;
  r.communication_latency = t_dp + t_tp + t_ep;

  const Seconds exposed_dp = in.overlap_comm ? t_dp * (1.0 - in.overlap_efficiency) : t_dp;
  r.step_latency_total = t_node + exposed_dp + t_tp + t_ep + r.pipeline_bubble_latency;
  if (in.straggler_factor > 1.0) r.step_latency_total = r.step_latency_total * in.straggler_factor;

  r.scaling_efficiency = (t_node / r.step_latency_total).value();
  r.effective_throughput =
      static_cast<double>(total) * r.node_profile.throughput * r.scaling_efficiency;
  return r;
}

}  // namespace mlsysim::fleet
