// Engine.solve and SingleNodeModel — the single-accelerator roofline (Walls 1 Compute, 2 Memory).
//
//   auto zoo = Registry::builtin();
//   auto p = node::solve({.model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100")});
//   p.latency.in(units::ms);   // 5.6034 ms, memory-bound
//
// latency = max(compute, memory) + dispatch tax + 0.01 ms per layer (x3 when training), where
// compute = ops·B / (peak·η) and memory = W·(1 + 0.1·B) / bandwidth. A model that does not fit is
// reported infeasible and streamed over the host link (offload), unless raise_errors is set.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::node {

struct EngineInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;
  int batch_size = 1;
  std::string precision = "fp16";
  double efficiency = 0.5;
  bool raise_errors = false;
  bool is_training = false;
  int seq_len = 2048;
  int zero_stage = 0;
  int dp_size = 1;
  bool is_lora = false;
  bool activation_recomputation = false;
};

/// The reference's PerformanceProfile.
struct PerformanceProfile {
  units::Seconds latency;
  units::Seconds latency_compute;
  units::Seconds latency_memory;
  units::Seconds latency_overhead;
  units::Rate throughput;
  std::string bottleneck;  ///< "Memory" or "Compute"
  units::Intensity arithmetic_intensity;
  units::Joules energy;
  units::Bytes memory_footprint;
  units::Bytes memory_capacity;  ///< extension: the device memory the footprint is checked against
  double memory_utilization = 0.0;  ///< extension: footprint / capacity (may exceed 1)
  units::FlopRate peak_flops_actual;
  units::Bandwidth peak_bw_actual;
  double mfu = 0.0;
  double hfu = 0.0;
  bool feasible = true;
  std::vector<std::string> constraint_trace;
  std::optional<units::Bytes> offload_spill_bytes;
  std::optional<units::Bandwidth> offload_effective_bw;
  std::vector<std::string> warnings;

  /// Not an output: the SI size of the unit the reference keeps each of these fields in (errata
  /// E8). Design-space objectives and constraints compare magnitudes in these units.
  struct StoredUnits {
    double peak_flops = 1e12;  ///< the registry unit of the peak used (TFLOP/s, PFLOP/s, ...)
    double peak_bw = 1.0;      ///< the registry unit of the bandwidth selected (also offload_bw)
    double footprint = 1.0;    ///< bytes; GB for Transformer training (also offload spill)
  } stored_units;
};

/// Engine.solve. Throws InputError for bad inputs and OomError when the model does not fit and
/// `raise_errors` is set.
[[nodiscard]] PerformanceProfile solve(const EngineInputs& in);

}  // namespace mlsysim::node

namespace mlsysim {

template <>
struct Describe<node::EngineInputs> {
  static constexpr auto fields() {
    using I = node::EngineInputs;
    return std::tuple{
        field("model", &I::model, "the workload: a registry name or an ad-hoc workload object",
              {.required = true}),
        field("hardware", &I::hardware, "the accelerator: a registry name or an ad-hoc object",
              {.required = true}),
        field("batch_size", &I::batch_size, "samples per step", {.min = 1}),
        field("precision", &I::precision,
              "numeric precision: fp32, tf32, bf16, fp16, fp8, int8 or int4 (others count as "
              "2 bytes, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute (η)",
              {.min = 1e-9, .max = 1.0}),
        field("raise_errors", &I::raise_errors,
              "raise an error instead of returning an infeasible result when the model does not "
              "fit"),
        field("is_training", &I::is_training, "a training step (3x FLOPs, training memory)"),
        field("seq_len", &I::seq_len, "sequence length for training activation memory", {.min = 1}),
        field("zero_stage", &I::zero_stage, "ZeRO sharding stage (0-3) when training",
              {.min = 0, .max = 3}),
        field("dp_size", &I::dp_size, "data-parallel ranks that ZeRO shards over", {.min = 1}),
        field("is_lora", &I::is_lora, "LoRA fine-tuning (rank 16 adapters)"),
        field("activation_recomputation", &I::activation_recomputation,
              "recompute activations in the backward pass (4x FLOPs, selective memory)"),
    };
  }
};

template <>
struct Describe<node::PerformanceProfile> {
  static constexpr auto fields() {
    using R = node::PerformanceProfile;
    using namespace units;
    return std::tuple{
        field("latency", &R::latency, ms, "step latency: max(compute, memory) + overhead"),
        field("latency_compute", &R::latency_compute, ms, "compute time at peak x efficiency"),
        field("latency_memory", &R::latency_memory, ms, "time to move weights and activations"),
        field("latency_overhead", &R::latency_overhead, ms,
              "dispatch tax plus 0.01 ms per layer (x3 when training)"),
        field("throughput", &R::throughput, per_s, "samples per second"),
        field("bottleneck", &R::bottleneck, "the binding roof: Memory or Compute"),
        field("arithmetic_intensity", &R::arithmetic_intensity, FLOP_per_B, "FLOPs per byte moved"),
        field("energy", &R::energy, J, "energy of one step: TDP x (0.3 + 0.7 MFU) x latency"),
        field("memory_footprint", &R::memory_footprint, GB,
              "weights (inference) or training memory"),
        field("memory_capacity", &R::memory_capacity, GB, "device memory capacity"),
        field("memory_utilization", &R::memory_utilization,
              "footprint / capacity (above 1 means it does not fit)"),
        field("peak_flops_actual", &R::peak_flops_actual, TFLOP_per_s,
              "peak at the precision x efficiency"),
        field("peak_bw_actual", &R::peak_bw_actual, GB_per_s, "the memory bandwidth used"),
        field("mfu", &R::mfu, "model FLOPs utilization (relative to peak)"),
        field("hfu", &R::hfu, "hardware FLOPs utilization (1.1 x MFU, at most 1)"),
        field("feasible", &R::feasible, "whether the footprint fits in device memory"),
        field("constraint_trace", &R::constraint_trace, "the memory-wall check"),
        field("offload_spill_bytes", &R::offload_spill_bytes, GB,
              "bytes that do not fit (only when infeasible)"),
        field("offload_effective_bw", &R::offload_effective_bw, GB_per_s,
              "host-link bandwidth the spill streams over (only when infeasible)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
