#include "mlsysim/node/serving.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/checks.hpp"
#include "core/text.hpp"
#include "mlsysim/core/constants.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::node {

using namespace units;

namespace {
constexpr double kDraftTokens = 4.0;  // K: tokens the draft model proposes per speculative step

/// Expected tokens per speculative step (Leviathan et al., 2023): 1 + α(1 − α^K)/(1 − α), and
/// 1 + K once every draft token is accepted.
double expected_tokens_per_step(double alpha) {
  if (alpha < 1.0) return 1.0 + alpha * (1.0 - std::pow(alpha, kDraftTokens)) / (1.0 - alpha);
  return 1.0 + kDraftTokens;
}
}  // namespace

ServingResult serving(const ServingInputs& in) {
  check_required(in);
  check_bounds(in);
  const Workload& model = *in.model;
  const Hardware& hw = *in.hardware;
  require_transformer(model, "model", "ServingModel");
  if (in.draft_model) require_transformer(*in.draft_model, "draft_model", "ServingModel");
  const int seq_len = *in.seq_len;
  if (in.cached_prefix_len >= seq_len) {
    throw InputError("input.out_of_range", "cached_prefix_len",
                     fmt::format("cached_prefix_len ({}) must be < seq_len ({})",
                                 in.cached_prefix_len, seq_len));
  }
  ServingResult r;
  precision_warnings(hw, in.precision, /*uses_width=*/true, r.warnings);
  const double bpp = bytes_per_element(in.precision);
  const FlopRate peak = positive_peak_flops(hw, in.precision).q;

  // The decode device: the prefill device, or a second one the KV cache is shipped to.
  const Hardware& decode_hw = in.decode_hardware ? *in.decode_hardware : hw;
  const std::string_view decode_field = in.decode_hardware ? "decode_hardware" : "hardware";
  const Bandwidth decode_bw = decode_hw.memory.bandwidth.q;
  const Bytes capacity = decode_hw.memory.capacity.q;
  detail::require_positive(decode_bw, GB_per_s, decode_field, "the memory bandwidth",
                           decode_hw.name(), "the decode time divides by it");
  detail::require_positive(capacity, GB, decode_field, "the memory capacity", decode_hw.name(),
                           "memory_utilization divides by it");
  if (in.decode_hardware) {
    detail::require_positive(in.network_bandwidth, GB_per_s, "network_bandwidth",
                             "the prefill-to-decode link", "",
                             "the KV-cache transfer divides by it");
  }

  // Prefill: only the tokens not already cached are computed, but they attend to all S tokens.
  const int new_tokens = std::max(1, seq_len - in.cached_prefix_len);
  const Flops prefill = prefill_flops(model, new_tokens, seq_len, in.batch_size);
  r.ttft = prefill / (peak * in.efficiency) + hw.dispatch_tax.q;

  // The KV cache holds the whole sequence, cached prefix included.
  r.kv_cache_size = kv_cache_size(model, seq_len, in.batch_size, bpp);
  if (in.decode_hardware) r.ttft += r.kv_cache_size / in.network_bandwidth;

  // Decode: every step streams the weights and the batch's KV cache once.
  r.model_weights_size = model.parameters.value_or(0.0) * bpp * B;
  r.itl = (r.model_weights_size + r.kv_cache_size) / decode_bw +
          model.layers.value_or(0) * constants::kLayerTaxMs * ms;
  r.total_memory_required = r.model_weights_size + r.kv_cache_size;

  if (in.draft_model) {
    // K draft steps (the draft reads its own weights and KV cache), then one target pass that
    // verifies all K tokens, amortized over the tokens expected to be accepted.
    const Workload& draft = *in.draft_model;
    const Bytes draft_weights = draft.parameters.value_or(0.0) * bpp * B;
    const Bytes draft_kv = kv_cache_size(draft, seq_len, in.batch_size, bpp);
    const Seconds t_draft = (draft_weights + draft_kv) / decode_bw;
    r.itl = (t_draft * kDraftTokens + r.itl) / expected_tokens_per_step(in.draft_acceptance_rate);
    r.total_memory_required += draft_weights;
  }

  r.feasible = r.total_memory_required <= capacity;
  detail::note(
      r.constraint_trace,
      FMT_COMPILE("Memory Wall: {}. Required {} GB (Weights: {} GB, KV Cache: {} GB) {} Available "
                  "{} GB on {}."),
      r.feasible ? "Passed" : "FAILED", r.total_memory_required.in(GB), r.model_weights_size.in(GB),
      r.kv_cache_size.in(GB), r.feasible ? "<=" : ">", capacity.in(GB), decode_hw.name());
  r.memory_utilization = (r.total_memory_required / capacity).value();
  r.prompt_cache_hit_ratio =
      seq_len > 0 ? static_cast<double>(in.cached_prefix_len) / seq_len : 0.0;
  return r;
}

}  // namespace mlsysim::node
