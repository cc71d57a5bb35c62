#include "mlsysim/node/continuous_batching.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/checks.hpp"
#include "core/text.hpp"
#include "mlsysim/core/formulas.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::node {

using namespace units;

namespace {
constexpr double kStaticBatchFraction = 0.6;  // static batch / continuous batch (Kwon et al. 2023)
constexpr double kNoDecodeItlMs = 1e6;        // the ITL reported when the weights do not fit
}  // namespace

ContinuousBatchingResult continuous_batching(const ContinuousBatchingInputs& in) {
  check_required(in);
  check_bounds(in);
  const Workload& model = *in.model;
  const Hardware& hw = *in.hardware;
  require_transformer(model, "model", "ContinuousBatchingModel");
  const int seq_len = *in.seq_len;
  ContinuousBatchingResult r;
  precision_warnings(hw, in.precision, /*uses_width=*/true, r.warnings);
  const double bpp = bytes_per_element(in.precision);
  const FlopRate peak = positive_peak_flops(hw, in.precision).q;

  // Prefill of a full batch of fresh requests.
  r.ttft = prefill_flops(model, seq_len, seq_len, in.max_batch_size) / (peak * in.efficiency) +
           hw.dispatch_tax.q;

  const Bytes weights = model.parameters.value_or(0.0) * bpp * B;
  const Bytes capacity = hw.memory.capacity.q;
  const Bytes kv_room = capacity - weights;
  if (kv_room <= Bytes{}) {
    r.feasible = false;
    detail::note(r.constraint_trace,
                 FMT_COMPILE("Memory Wall: FAILED. Weights ({} GB) exceed available {} GB on {}."),
                 weights.in(GB), capacity.in(GB), hw.name());
    r.itl = kNoDecodeItlMs * ms;
    return r;
  }

  // One request's KV cache, padded to whole pages.
  const AttentionShape shape = attention_shape(model);
  const int layers = model.layers.value_or(0);
  const formulas::PagedKv per_request = formulas::paged_kv_cache_size(
      layers, shape.kv_heads, shape.head_dim, seq_len, 1.0, in.page_size, bpp);
  if (!(per_request.bytes > Bytes{})) {
    throw InputError("input.out_of_range", "model",
                     fmt::format("model: '{}' has a KV cache of 0 bytes per request (layers {}, "
                                 "head_dim {} = hidden_dim / heads); both must be >= 1",
                                 model.name(), layers, shape.head_dim));
  }
  // Truncation toward zero, as the reference's int(); `kv_room` > 0 here, so this is the floor.
  const double fit = std::trunc((kv_room / per_request.bytes).value());
  const int active = fit < in.max_batch_size ? static_cast<int>(fit) : in.max_batch_size;
  r.feasible = active > 0;
  if (r.feasible) {
    detail::note(
        r.constraint_trace,
        FMT_COMPILE("Memory Wall: Passed. Can fit {} concurrent requests (Weights: {} GB, Max KV "
                    "available: {} GB) on {}."),
        active, weights.in(GB), kv_room.in(GB), hw.name());
  } else {
    detail::note(
        r.constraint_trace,
        FMT_COMPILE("Memory Wall: FAILED. Cannot fit even 1 request. Weights ({} GB) exceed or "
                    "leave no room for KV cache in available {} GB on {}."),
        weights.in(GB), capacity.in(GB), hw.name());
  }

  const Bandwidth bw = hw.memory.bandwidth.q;
  detail::require_positive(bw, GB_per_s, "hardware", "the memory bandwidth", hw.name(),
                           "the decode time divides by it");
  r.max_active_requests = active;
  r.memory_fragmentation_pct = per_request.fragmentation;
  r.paged_kv_cache_size = per_request.bytes * static_cast<double>(active);
  r.itl = (weights + r.paged_kv_cache_size) / bw;
  if (active > 0 && r.itl > Seconds{}) {
    r.throughput_tokens_per_sec = active / r.itl.in(s);
    // Static batching: contiguous allocation leaves room for only part of the batch.
    const double static_batch =
        std::max(1.0, std::trunc(static_cast<double>(active) * kStaticBatchFraction));
    const Seconds static_itl = (weights + per_request.bytes * static_batch) / bw;
    const double static_throughput = static_batch / static_itl.in(s);
    r.speedup_vs_static =
        static_throughput > 0.0 ? r.throughput_tokens_per_sec / static_throughput : 1.0;
  }
  return r;
}

}  // namespace mlsysim::node
