// ContinuousBatchingModel — PagedAttention + continuous batching (Wall 5 Batching): how many
// requests fit at once, the decode throughput they reach, and the gain over static batching.
//
//   auto zoo = Registry::builtin();
//   auto r = node::continuous_batching({.model = zoo->model("Llama3_8B"),
//                                       .hardware = zoo->hardware("H100"),
//                                       .seq_len = 2048, .max_batch_size = 64});
//   r.max_active_requests;          // 64 (260 would fit)
//   r.throughput_tokens_per_sec;    // 6450.09
//   r.speedup_vs_static;            // 1.33058
//
// The KV cache is allocated in pages of `page_size` tokens; the memory left after the weights
// holds floor(free / per-request KV) requests, capped at max_batch_size. Each decode step streams
// the weights plus every active request's KV cache. Static batching is modelled as reaching 60 %
// of the continuous batch (contiguous allocation fragments memory).
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

struct ContinuousBatchingInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;
  std::optional<int> seq_len;  ///< required: tokens per request
  int max_batch_size = 1;
  int page_size = 16;  ///< tokens per KV-cache page
  std::string precision = "fp16";
  double efficiency = 0.5;
};

/// The reference's ContinuousBatchingResult.
struct ContinuousBatchingResult {
  std::vector<std::string> constraint_trace;
  bool feasible = true;
  double throughput_tokens_per_sec = 0.0;
  int max_active_requests = 0;
  double memory_fragmentation_pct = 0.0;  ///< a fraction in [0, 1), despite the name
  units::Bytes paged_kv_cache_size;
  units::Seconds ttft;
  units::Seconds itl;
  double speedup_vs_static = 1.0;
  std::vector<std::string> warnings;
};

/// ContinuousBatchingModel.solve. Throws InputError for bad inputs; weights that leave no room
/// for one request's KV cache are a result with `feasible = false`.
[[nodiscard]] ContinuousBatchingResult continuous_batching(const ContinuousBatchingInputs& in);

}  // namespace mlsysim::node

namespace mlsysim {

template <>
struct Describe<node::ContinuousBatchingInputs> {
  static constexpr auto fields() {
    using I = node::ContinuousBatchingInputs;
    return std::tuple{
        field("model", &I::model, "the served model: a TransformerWorkload", {.required = true}),
        field("hardware", &I::hardware, "the accelerator", {.required = true}),
        field("seq_len", &I::seq_len, "tokens per request (prompt + output)",
              {.min = 1, .required = true}),
        field("max_batch_size", &I::max_batch_size,
              "most requests the scheduler runs at once (also the prefill batch)", {.min = 0}),
        field("page_size", &I::page_size, "tokens per KV-cache page (PagedAttention block)",
              {.min = 1}),
        field("precision", &I::precision,
              "numeric precision: fp32, tf32, bf16, fp16, fp8, int8 or int4 (others count as "
              "2 bytes, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute during prefill (η)",
              {.min = 0.0, .max = 1.0, .min_open = true}),
    };
  }
};

template <>
struct Describe<node::ContinuousBatchingResult> {
  static constexpr auto fields() {
    using R = node::ContinuousBatchingResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "the memory-wall check"),
        field("feasible", &R::feasible, "whether at least one request fits"),
        field("throughput_tokens_per_sec", &R::throughput_tokens_per_sec,
              "decode tokens per second: active requests / ITL"),
        field("max_active_requests", &R::max_active_requests,
              "requests held at once: min(floor(free memory / per-request KV), max_batch_size)"),
        field("memory_fragmentation_pct", &R::memory_fragmentation_pct,
              "padding in the last page, as a fraction (0-1) despite the name"),
        field("paged_kv_cache_size", &R::paged_kv_cache_size, GB,
              "KV cache of all active requests, in whole pages"),
        field("ttft", &R::ttft, ms,
              "prefill of max_batch_size requests: FLOPs / (peak x η) + dispatch tax"),
        field("itl", &R::itl, ms,
              "one decode step: (weights + paged KV) / bandwidth (1,000,000 ms when the weights "
              "do not fit)"),
        field("speedup_vs_static", &R::speedup_vs_static,
              "throughput over static batching at 60 % of the batch"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
