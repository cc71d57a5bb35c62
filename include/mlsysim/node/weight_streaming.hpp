// WeightStreamingModel — wafer-scale inference with weights streamed layer by layer (Wall 6
// Streaming), as on a Cerebras CS-3: the KV cache lives in on-wafer SRAM (`memory.capacity`) and
// each layer's weights arrive over the injection link (`interconnect.bandwidth`).
//
//   auto zoo = Registry::builtin();
//   auto r = node::weight_streaming({.model = zoo->model("Llama3_70B"),
//                                    .hardware = zoo->hardware("Cerebras_CS3"), .seq_len = 2048});
//   r.bottleneck;                          // "Interconnect-Bandwidth-Bound"
//   r.layer_injection_time.in(units::ms);  // 1.470833
//   r.throughput_tokens_per_sec;           // 8.4986
//   r.optimal_batch_size;                  // 52083
//
// Per layer, injection takes (P/L)·bytes / link bandwidth and compute takes the layer's FLOPs /
// (peak·η) + dispatch tax; the slower of the two sets the pace. The batch that balances them is
// B* = t_inject·peak·η / (2·P/L).
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

struct WeightStreamingInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;
  std::optional<int> seq_len;  ///< required: context length in tokens
  int batch_size = 1;
  std::string precision = "fp16";
  double efficiency = 0.5;
  std::string phase = "decode";  ///< "prefill"; anything else is decode
};

/// The reference's WeightStreamingResult.
struct WeightStreamingResult {
  std::vector<std::string> constraint_trace;
  bool feasible = true;
  double throughput_tokens_per_sec = 0.0;
  std::string bottleneck;  ///< "Compute-Bound" or "Interconnect-Bandwidth-Bound"
  units::Seconds layer_compute_time;
  units::Seconds layer_injection_time;
  long long optimal_batch_size = 1;
  double wafer_memory_utilization = 0.0;  ///< reproduces the reference's unit quirk (quirks.md)
  std::vector<std::string> warnings;
};

/// WeightStreamingModel.solve. Throws InputError for bad inputs; a KV cache that overflows the
/// SRAM is a result with `feasible = false` and zero throughput.
[[nodiscard]] WeightStreamingResult weight_streaming(const WeightStreamingInputs& in);

}  // namespace mlsysim::node

namespace mlsysim {

template <>
struct Describe<node::WeightStreamingInputs> {
  static constexpr auto fields() {
    using I = node::WeightStreamingInputs;
    return std::tuple{
        field("model", &I::model, "the model: a TransformerWorkload", {.required = true}),
        field("hardware", &I::hardware,
              "the wafer-scale device: memory.capacity is its SRAM, interconnect its injection "
              "link (100 GB/s if none)",
              {.required = true}),
        field("seq_len", &I::seq_len, "context length in tokens", {.min = 0, .required = true}),
        field("batch_size", &I::batch_size, "sequences processed together", {.min = 0}),
        field("precision", &I::precision,
              "numeric precision: fp32, tf32, bf16, fp16, fp8, int8 or int4 (others count as "
              "2 bytes, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute (η)",
              {.min = 0.0, .max = 1.0, .min_open = true}),
        field("phase", &I::phase,
              "prefill (all seq_len tokens at once) or decode (one token per sequence; any "
              "other value counts as decode)"),
    };
  }
};

template <>
struct Describe<node::WeightStreamingResult> {
  static constexpr auto fields() {
    using R = node::WeightStreamingResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "the SRAM-wall check"),
        field("feasible", &R::feasible, "whether the KV cache + 10 % fits the on-wafer SRAM"),
        field("throughput_tokens_per_sec", &R::throughput_tokens_per_sec,
              "tokens per second (0 when infeasible)"),
        field("bottleneck", &R::bottleneck, "Compute-Bound or Interconnect-Bandwidth-Bound"),
        field("layer_compute_time", &R::layer_compute_time, ms,
              "one layer's FLOPs / (peak x η) + dispatch tax"),
        field("layer_injection_time", &R::layer_injection_time, ms,
              "one layer's weights / injection bandwidth"),
        field("optimal_batch_size", &R::optimal_batch_size,
              "the batch at which compute hides injection: t_inject x peak x η / (2 P/L), at "
              "least 1"),
        field("wafer_memory_utilization", &R::wafer_memory_utilization,
              "required / SRAM capacity, as the reference computes it: the required GB divided "
              "by the capacity's declared magnitude (see docs/quirks.md); at most 1 when "
              "feasible"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
