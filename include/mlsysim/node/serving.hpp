// ServingModel — two-phase LLM inference: compute-bound prefill and memory-bound decode (Wall 4
// Serving).
//
//   auto zoo = Registry::builtin();
//   auto r = node::serving({.model = zoo->model("Llama3_70B"), .hardware = zoo->hardware("H100"),
//                           .seq_len = 2048, .batch_size = 4});
//   r.ttft.in(units::ms);   // 2428.1007: time to first token
//   r.itl.in(units::ms);    // 43.7506: time per output token
//   r.feasible;             // false: 141.2 GB of weights + 2.68 GB of KV cache > 85.9 GB
//
// TTFT = prefill FLOPs / (peak·η) + dispatch tax (+ KV transfer when decoding elsewhere);
// ITL = (weights + KV cache) / memory bandwidth + 0.01 ms per layer. Optional: disaggregated
// prefill/decode devices, speculative decoding with a draft model (K = 4), prompt caching.
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

struct ServingInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;  ///< the prefill device (and decode, unless given)
  std::optional<int> seq_len;                ///< required: context length in tokens
  int batch_size = 1;
  std::string precision = "fp16";
  double efficiency = 0.5;
  std::shared_ptr<const Hardware> decode_hardware = nullptr;  ///< disaggregated decode device
  units::Bandwidth network_bandwidth = 100.0 * units::GB_per_s;
  std::shared_ptr<const Workload> draft_model = nullptr;  ///< speculative decoding (optional)
  double draft_acceptance_rate = 0.7;
  int cached_prefix_len = 0;
};

/// The reference's ServingResult.
struct ServingResult {
  std::vector<std::string> constraint_trace;
  bool feasible = true;
  units::Seconds ttft;
  units::Seconds itl;
  units::Bytes kv_cache_size;
  units::Bytes model_weights_size;
  units::Bytes total_memory_required;
  double memory_utilization = 0.0;
  double prompt_cache_hit_ratio = 0.0;
  std::vector<std::string> warnings;
};

/// ServingModel.solve. Throws InputError for bad inputs; a configuration that does not fit is a
/// result with `feasible = false` (its timings are still computed).
[[nodiscard]] ServingResult serving(const ServingInputs& in);

}  // namespace mlsysim::node

namespace mlsysim {

template <>
struct Describe<node::ServingInputs> {
  static constexpr auto fields() {
    using I = node::ServingInputs;
    using namespace units;
    return std::tuple{
        field("model", &I::model, "the served model: a TransformerWorkload", {.required = true}),
        field("hardware", &I::hardware,
              "the prefill device (also the decode device unless decode_hardware is given)",
              {.required = true}),
        field("seq_len", &I::seq_len, "context length in tokens (prompt + cached prefix)",
              {.min = 1, .required = true}),
        field("batch_size", &I::batch_size, "concurrent sequences (0 gives zero-sized caches)",
              {.min = 0}),
        field("precision", &I::precision,
              "numeric precision: fp32, tf32, bf16, fp16, fp8, int8 or int4 (others count as "
              "2 bytes, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute during prefill (η)",
              {.min = 0.0, .max = 1.0, .min_open = true}),
        field("decode_hardware", &I::decode_hardware,
              "disaggregated serving: the decode device; the KV cache crosses network_bandwidth"),
        field("network_bandwidth", &I::network_bandwidth, GB_per_s,
              "prefill-to-decode link for the KV-cache transfer (used with decode_hardware; must "
              "be > 0)"),
        field("draft_model", &I::draft_model,
              "speculative decoding: a smaller TransformerWorkload drafting K = 4 tokens per step"),
        field("draft_acceptance_rate", &I::draft_acceptance_rate,
              "probability that the target accepts a draft token (α)", {.min = 0.0, .max = 1.0}),
        field("cached_prefix_len", &I::cached_prefix_len,
              "prompt caching: tokens whose KV cache is reused (must be < seq_len)", {.min = 0}),
    };
  }
};

template <>
struct Describe<node::ServingResult> {
  static constexpr auto fields() {
    using R = node::ServingResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "the memory-wall check"),
        field("feasible", &R::feasible,
              "whether weights + KV cache (+ draft weights) fit the decode device"),
        field("ttft", &R::ttft, ms,
              "time to first token: prefill FLOPs / (peak x η) + dispatch tax (+ KV transfer)"),
        field("itl", &R::itl, ms,
              "inter-token latency: (weights + KV) / bandwidth + 0.01 ms per layer "
              "(speculative: per accepted token)"),
        field("kv_cache_size", &R::kv_cache_size, GB,
              "KV cache of the full sequence for the whole batch"),
        field("model_weights_size", &R::model_weights_size, GB, "weights at the precision"),
        field("total_memory_required", &R::total_memory_required, GB,
              "weights + KV cache (+ draft weights)"),
        field("memory_utilization", &R::memory_utilization,
              "total / decode-device capacity (above 1 means it does not fit)"),
        field("prompt_cache_hit_ratio", &R::prompt_cache_hit_ratio, "cached_prefix_len / seq_len"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
