#include "mlsysim/node/weight_streaming.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::node {

using namespace units;

namespace {
constexpr double kSramOverhead = 1.1;           // working memory on top of the KV cache (+10 %)
constexpr double kFallbackInjectionGBps = 100;  // injection link when none is listed, in GB/s
constexpr double kGBps = 1e9;                   // SI size of one GB/s
constexpr double kMsPerS = 1000.0;              // ms in one second
constexpr double kSPerMs = 0.001;               // seconds in one ms
constexpr double kMaxBatch = 9.0e18;            // cap on optimal_batch_size, so it fits a long long
}  // namespace

WeightStreamingResult weight_streaming(const WeightStreamingInputs& in) {
  check_required(in);
  check_bounds(in);
  const Workload& model = *in.model;
  const Hardware& hw = *in.hardware;
  require_transformer(model, "model", "WeightStreamingModel");
  const int layers = model.layers.value_or(0);
  const double params = model.parameters.value_or(0.0);
  if (layers < 1 || !(params > 0.0)) {
    throw InputError("input.out_of_range", "model",
                     fmt::format("model: '{}' has {} layers and {} parameters; weight streaming "
                                 "needs layers >= 1 and parameters > 0 (it streams P / layers "
                                 "parameters per layer)",
                                 model.name(), layers, params));
  }
  const double seq_len = *in.seq_len;
  const double batch = in.batch_size;
  const bool prefill = in.phase == "prefill";
  WeightStreamingResult r;
  if (!prefill && in.phase != "decode") {
    detail::note(
        r.warnings,
        "phase '{}' is neither prefill nor decode; computed as decode, as the reference does",
        in.phase);
  }
  precision_warnings(hw, in.precision, /*uses_width=*/true, r.warnings);
  const double bpp = bytes_per_element(in.precision);
  const Stated<kFlopRate>& peak = positive_peak_flops(hw, in.precision);

  // 1. SRAM wall: the whole batch's KV cache, plus 10 % working memory, stays on the wafer.
  const AttentionShape shape = attention_shape(model);
  const double kv_per_seq_layer = seq_len * shape.kv_heads * shape.head_dim * 2.0 * bpp;
  const Bytes required = kv_per_seq_layer * layers * batch * kSramOverhead * B;
  const Stated<kData>& capacity = hw.memory.capacity;
  r.feasible = required <= capacity.q;
  // [QUIRK] N1: the reference divides the required GB by the capacity's declared magnitude
  // without reducing the units (80 GiB counts as 80 GB), and reports 1.0 for a capacity <= 0.
  const double utilization = capacity.magnitude > 0.0 ? required.in(GB) / capacity.magnitude : 1.0;
  r.wafer_memory_utilization = r.feasible ? std::min(utilization, 1.0) : utilization;
  detail::note(
      r.constraint_trace,
      FMT_COMPILE("SRAM Wall: {}. Required {} GB (KV + 10% Overhead) {} Available {} GB on {}."),
      r.feasible ? "Passed" : "FAILED", required.in(GB), r.feasible ? "<=" : ">", capacity.q.in(GB),
      hw.name());

  // 2. Injection: one layer's weights over the link, evaluated on the declared magnitudes in the
  // reference's order, since optimal_batch_size truncates the result (errata N2).
  const double layer_params = params / layers;
  double link_magnitude = kFallbackInjectionGBps;
  double link_unit = kGBps;
  if (hw.interconnect && hw.interconnect->bandwidth.magnitude != 0.0) {
    link_magnitude = hw.interconnect->bandwidth.magnitude;
    link_unit = hw.interconnect->bandwidth.unit_factor;
  } else {
    detail::note(r.warnings,
                 "{} lists no injection link bandwidth; assuming {} GB/s, as the reference does",
                 hw.name(), kFallbackInjectionGBps);
  }
  const double injection_ms = (layer_params * bpp / link_magnitude) * ((1.0 / link_unit) * kMsPerS);
  r.layer_injection_time = injection_ms * ms;

  // 3. Compute: prefill runs all S tokens of every sequence (attention over the KV heads), decode
  // one token per sequence.
  const double layer_flops =
      prefill ? 2.0 * layer_params * seq_len * batch +
                    2.0 * shape.kv_heads * seq_len * seq_len * shape.head_dim * batch
              : 2.0 * layer_params * batch;
  r.layer_compute_time = layer_flops * FLOP / (peak.q * in.efficiency) + hw.dispatch_tax.q;

  Seconds layer_time = r.layer_injection_time;
  if (r.layer_compute_time >= r.layer_injection_time) {
    r.bottleneck = "Compute-Bound";
    layer_time = r.layer_compute_time;
  } else {
    r.bottleneck = "Interconnect-Bandwidth-Bound";
  }
  const Seconds token_time = layer_time * static_cast<double>(layers);
  const double tokens = prefill ? batch * seq_len : batch;
  r.throughput_tokens_per_sec =
      r.feasible && token_time > Seconds{} ? tokens / token_time.in(s) : 0.0;

  // 4. The batch whose compute time equals the injection time (declared magnitudes, errata N2).
  const double b_star = (((injection_ms * peak.magnitude) * in.efficiency) / (2.0 * layer_params)) *
                        (kSPerMs * peak.unit_factor);
  const double whole = b_star >= 1.0 ? std::min(std::trunc(b_star), kMaxBatch) : 1.0;
  r.optimal_batch_size = static_cast<long long>(whole);
  return r;
}

}  // namespace mlsysim::node
