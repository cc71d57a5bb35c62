#include "mlsysim/realistic/physics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mlsysim/core/error.hpp"

namespace mlsysim::realistic {

using namespace units;

namespace {
double P(const Calibration& c, Param p) { return c.at(p); }

bool is_8bit(const std::string& p) { return p == "fp8" || p == "int8"; }
bool is_4bit(const std::string& p) { return p == "fp4" || p == "int4"; }
}  // namespace

std::string_view to_string(Family f) {
  switch (f) {
    case Family::kAmpere:
      return "ampere";
    case Family::kAda:
      return "ada";
    case Family::kHopper:
      return "hopper";
    case Family::kBlackwell:
      return "blackwell";
    case Family::kCdna:
      return "cdna";
    case Family::kOther:
      break;
  }
  return "other";
}

FlopRate Accelerator::peak_at(const std::string& precision) const {
  auto find = [&](const char* p) -> std::optional<FlopRate> {
    auto it = peak.find(p);
    if (it == peak.end()) return std::nullopt;
    return it->second;
  };
  auto half = [&]() -> FlopRate {
    if (auto v = find("bf16")) return *v;
    if (auto v = find("fp16")) return *v;
    return FlopRate{};
  };
  if (auto v = find(precision.c_str())) return *v;
  if (precision == "bf16" || precision == "fp16") return half();
  if (precision == "fp4" || precision == "int4") {
    if (auto v = find(precision == "fp4" ? "int4" : "fp4")) return *v;
    if (auto v = find(precision == "fp4" ? "fp8" : "int8")) return *v;
    return half();
  }
  // Integer tensor cores do not run floating-point formats: fp8 without fp8 units is 16-bit math
  // (weight-only quantization); int8 may use the fp8 units of a part that lists only those.
  if (precision == "int8") {
    if (auto v = find("fp8")) return *v;
    return half();
  }
  if (precision == "fp8") return half();
  if (precision == "tf32") return half() * 0.5;
  if (precision == "fp32") {
    if (auto v = find("tf32")) return *v;
    return half() * 0.5;
  }
  return half();
}

std::optional<double> Tokens::typical() const {
  if (mean) return mean;
  if (min && max) return 0.5 * (*min + *max);
  if (max) return 0.5 * *max;
  return std::nullopt;
}

// ------------------------------------------------------------------------- ceilings ------------
double element_bytes(const std::string& p) {
  if (p == "fp32" || p == "tf32") return 4.0;
  if (is_8bit(p)) return 1.0;
  if (is_4bit(p)) return 0.5;
  return 2.0;
}

double gemm_ceiling(const Accelerator& a, const std::string& precision, const Calibration& c) {
  // The ceiling of the path the precision actually runs on (see Accelerator::peak_at).
  const FlopRate rate = a.peak_at(precision);
  double f = P(c, Param::kGemm16);
  if ((is_8bit(precision) || is_4bit(precision)) && rate > a.peak_at("bf16")) {
    f = is_4bit(precision) && rate > a.peak_at("fp8") ? P(c, Param::kGemm4) : P(c, Param::kGemm8);
  }
  if (a.family == Family::kCdna) f *= P(c, Param::kCdnaGemm);
  return std::min(f, 1.0);
}

FlopRate achieved_gemm(const Accelerator& a, const std::string& precision, double m, double n,
                       double k, const Calibration& c) {
  const double d = std::cbrt(std::max(1.0, m * n * k));
  const double sat = d / (d + P(c, Param::kGemmHalfDim));
  return a.peak_at(precision) * (gemm_ceiling(a, precision, c) * sat);
}

Bandwidth achieved_hbm(const Accelerator& a, const Calibration& c) {
  return a.memory_bandwidth * P(c, Param::kHbm);
}

Bandwidth allreduce_busbw(int gpus, const Fabric& f, const Calibration& c) {
  const int per_node = std::max(1, std::min(gpus, f.per_node));
  const int nodes = (gpus + per_node - 1) / per_node;
  // Intra-node stage: the unidirectional scale-up link (half the quoted bidirectional figure).
  Bandwidth intra = f.scale_up ? *f.scale_up * (0.5 * P(c, Param::kNvlink)) : 25.0 * GB_per_s;
  if (f.nvls && per_node > 4) intra = intra * P(c, Param::kNvlsGain);
  if (nodes <= 1) return intra;
  // Across nodes each accelerator's NIC carries 1/per_node of the data on its own rail; the bus
  // bandwidth seen by nccl-tests is per_node × NIC when that stage is the slower one.
  const Bandwidth nic = f.scale_out ? *f.scale_out : 12.5 * GB_per_s;
  const Bandwidth inter = nic * (P(c, Param::kNic) * per_node) *
                          ((2.0 * (gpus - 1) / gpus) / (2.0 * (nodes - 1) / nodes));
  return inter < intra ? inter : intra;
}

Seconds allreduce_time(Bytes bytes, int gpus, const Fabric& f, const Calibration& c) {
  if (gpus <= 1) return Seconds{};
  const double factor = 2.0 * (gpus - 1) / gpus;
  return P(c, Param::kCollectiveLatency) * s + bytes * factor / allreduce_busbw(gpus, f, c);
}

// ----------------------------------------------------------------------- transformer ------------
Shape shape_of(const ModelArch& m) {
  Shape s;
  s.layers = m.layers.value_or(0);
  s.hidden = m.hidden_dim.value_or(0);
  s.heads = m.heads.value_or(0);
  s.kv_heads = m.kv_heads.value_or(m.heads.value_or(0));
  s.head_dim = m.head_dim ? *m.head_dim : (s.heads > 0 ? s.hidden / s.heads : 0);
  s.vocab = m.vocab_size.value_or(0);
  s.experts = m.experts.value_or(0);
  s.experts_per_token = m.experts_per_token.value_or(0);
  s.window = m.sliding_window.value_or(0);
  s.ffn = m.ffn_dim ? *m.ffn_dim : 4 * s.hidden;
  if (m.parameters) {
    s.parameters = *m.parameters;
  } else if (s.layers > 0 && s.hidden > 0) {
    s.parameters = count_parameters(m).total;
  } else {
    throw InputError("input.missing", "model.parameters",
                     "model.parameters (or layers and hidden_dim) is required");
  }
  if (m.active_parameters) {
    s.active = *m.active_parameters;
  } else if (s.experts > 1 && s.experts_per_token > 0 && s.layers > 0 && s.hidden > 0 &&
             s.heads > 0) {
    // Unstated active parameters: all but the routed experts a token does not visit.
    const ParameterCount n = count_parameters(m);
    s.active = s.parameters - (n.total - n.active);
  } else {
    s.active = s.parameters;
  }
  if (m.kv_lora_rank) {
    s.kv_per_token = s.layers * (*m.kv_lora_rank + m.qk_rope_head_dim.value_or(64));
  } else {
    s.kv_per_token = 2 * s.layers * s.kv_heads * s.head_dim;
  }
  return s;
}

double forward_flops_per_token(const Shape& s, double context) {
  const double ctx = s.window > 0 ? std::min(context, s.window) : context;
  return 2.0 * s.active + 4.0 * s.layers * ctx * s.heads * s.head_dim;
}

// ------------------------------------------------------------------------- training -------------
TrainingStep training_step(const Scenario& sc, const Calibration& c) {
  if (!sc.model)
    throw InputError("input.missing", "scenario.model", "a training step needs a model");
  const ModelArch& m = *sc.model;
  const Accelerator& hw = sc.hardware;
  const int n = std::max(1, sc.accelerators);
  TrainingStep r;
  const bool cnn =
      m.architecture == Architecture::kCnn || m.architecture == Architecture::kDiffusion;
  const int per_node = sc.accelerators_per_node.value_or(std::min(n, 8));
  Fabric fabric{per_node, sc.intra_node_bw, sc.inter_node_bw, hw.family != Family::kAmpere};

  if (cnn) {
    if (!sc.global_batch || !m.flops_per_sample) {
      throw InputError("input.missing", "batch.global", "a CNN step needs batch.global and flops");
    }
    r.tokens = *sc.global_batch;
    r.model_flops = 3.0 * *m.flops_per_sample * r.tokens;
    const FlopRate rate =
        hw.peak_at(sc.precision) * (gemm_ceiling(hw, sc.precision, c) * P(c, Param::kCnn));
    r.compute = (r.model_flops / n) * FLOP / rate;
    const Bytes grads = m.parameters.value_or(0) * 2.0 * B;
    r.exposed_comm = allreduce_time(grads, n, fabric, c) * P(c, Param::kExposedDp);
    r.step = r.compute + r.exposed_comm;
    return r;
  }

  const Shape sh = shape_of(m);
  if (!sc.seq_len) throw InputError("input.missing", "seq_len", "training needs seq_len");
  const double seq = *sc.seq_len;
  const int tp = std::max(1, sc.tp), pp = std::max(1, sc.pp), cp = std::max(1, sc.cp);
  const int dp = sc.dp ? std::max(1, *sc.dp) : std::max(1, n / (tp * pp * cp));
  double global = 0;
  if (sc.global_batch) {
    global = *sc.global_batch;
  } else if (sc.global_tokens) {
    global = *sc.global_tokens / seq;
  } else if (sc.micro_batch && sc.grad_accum) {
    global = *sc.micro_batch * *sc.grad_accum * dp;  // micro × accumulation × data parallel
  } else {
    throw InputError("input.missing", "batch.global",
                     "training needs batch.global (or global_tokens, or micro and grad_accum)");
  }
  const double micro = sc.micro_batch.value_or(1.0);
  const double microbatches = std::max(1.0, global / (dp * micro));
  r.tokens = global * seq;

  // FLOPs: 6·N per token (fwd 2N + bwd 4N) + attention (fwd 4·l·s·h_attn per token, causal
  // kernels skip half); LoRA drops the weight gradients (4N); full recompute repeats the forward.
  const double attn_fwd = 4.0 * sh.layers * seq * sh.heads * sh.head_dim * 0.5;
  const double dense_fwd = 2.0 * sh.active;
  r.model_flops = r.tokens * 3.0 * (dense_fwd + attn_fwd);
  double executed = sc.lora ? r.tokens * (2.0 * dense_fwd + 3.0 * attn_fwd) : r.model_flops;
  if (sc.recompute == "full")
    executed += r.tokens * (dense_fwd + attn_fwd);
  else if (sc.recompute == "selective")
    executed += r.tokens * attn_fwd;

  // Per-accelerator GEMM shape: (micro·seq/cp tokens) × (hidden/tp) × hidden.
  const double tokens_mb = micro * seq / cp;
  const FlopRate gemm = achieved_gemm(hw, sc.precision, tokens_mb, sh.hidden / tp, sh.hidden, c) *
                        (is_8bit(sc.precision) || is_4bit(sc.precision) ? P(c, Param::kTrain8)
                                                                        : P(c, Param::kTrain16));
  r.bubble = pp > 1 ? (pp - 1.0) / (std::max(1, sc.vp) * microbatches) : 0.0;
  r.compute = (executed / n) * FLOP / gemm * (1.0 + r.bubble);

  // Tensor-parallel all-reduces: 2 forward + 2 backward per layer per microbatch (+2 with full
  // recompute), each of micro·seq·hidden activations in 16-bit, on the scale-up link.
  Seconds comm{};
  if (tp > 1) {
    const double per_layer = sc.recompute == "full" ? 6.0 : 4.0;
    const Bytes act = tokens_mb * sh.hidden * 2.0 * B;
    Fabric tpf = fabric;
    tpf.per_node = std::min(tp, per_node);
    const Seconds one = allreduce_time(act, tp, tpf, c);
    comm += one * (per_layer * sh.layers / pp * microbatches * P(c, Param::kExposedTp));
  }
  // Expert parallelism: each MoE layer dispatches and combines its tokens' activations across the
  // ep group (all-to-all), forward and backward, on the scale-up link or the NICs beyond a node.
  if (sc.ep > 1 && sh.experts > 1) {
    const double share = (sc.ep - 1.0) / sc.ep;
    const Bytes moved =
        tokens_mb * sh.hidden * 2.0 * std::max(1.0, sh.experts_per_token) * share * B;
    const Bandwidth link =
        sc.ep <= per_node
            ? (fabric.scale_up ? *fabric.scale_up * (0.5 * P(c, Param::kNvlink)) : 25.0 * GB_per_s)
            : (fabric.scale_out ? *fabric.scale_out * P(c, Param::kNic) : 12.5 * GB_per_s);
    comm += moved / link * (4.0 * sh.layers / pp * microbatches * P(c, Param::kExposedTp));
  }
  // Data-parallel gradient reduction (FSDP adds the parameter all-gathers): overlapped with the
  // backward pass except for an exposed share.
  if (dp > 1) {
    const Bytes grads = sh.parameters / (tp * pp) * 2.0 * B;
    Fabric dpf = fabric;
    dpf.per_node = std::max(1, per_node / std::min(per_node, tp * pp));
    dpf.nvls = false;
    const double passes = sc.fsdp ? 1.5 : 1.0;
    comm += allreduce_time(grads, dp, dpf, c) * (passes * P(c, Param::kExposedDp));
  }
  r.exposed_comm = comm;
  r.step = r.compute + r.exposed_comm;
  return r;
}

// ------------------------------------------------------------------------ inference -------------
int min_tensor_parallel(const Scenario& sc) {
  if (!sc.model) return 1;
  const double need = shape_of(*sc.model).parameters *
                      element_bytes(sc.precision_weights.value_or(sc.precision)) * 1.25;
  const double cap = sc.hardware.memory_capacity.in(B);
  int tp = 1;
  while (tp < sc.accelerators && tp * cap < need) tp *= 2;
  return tp;
}

LlmEngine llm_engine(const Scenario& sc, double context, const Calibration& /*c*/,
                     int tp_override) {
  if (!sc.model) throw InputError("input.missing", "scenario.model", "inference needs a model");
  LlmEngine e;
  e.shape = shape_of(*sc.model);
  e.hw = &sc.hardware;
  e.precision = sc.precision;
  e.weight_bytes = element_bytes(sc.precision_weights.value_or(sc.precision));
  e.kv_bytes = std::max(1.0, element_bytes(sc.precision_kv_cache.value_or(sc.precision)));
  e.tp = std::max(1, tp_override > 0 ? tp_override : sc.tp);
  e.pp = std::max(1, sc.pp);
  const int per_node = sc.accelerators_per_node.value_or(std::min(sc.accelerators, 8));
  e.fabric = {per_node, sc.intra_node_bw ? sc.intra_node_bw : sc.hardware.scale_up_bw,
              sc.inter_node_bw, false};
  const double mem = sc.hardware.memory_capacity.in(B)*e.tp * e.pp * 0.9;
  const double weights = e.shape.parameters * e.weight_bytes;
  const double held = e.shape.window > 0 ? std::min(context, e.shape.window) : context;
  const double kv_seq = e.shape.kv_per_token * e.kv_bytes * std::max(1.0, held);
  e.max_batch = std::max(1.0, std::floor((mem - weights) / kv_seq));
  return e;
}

Seconds decode_step(const LlmEngine& e, double batch, double context, const Calibration& c,
                    StepParts* parts) {
  const Shape& s = e.shape;
  const int shards = e.tp * e.pp;
  // Weights: a dense model streams all of them; an MoE streams the experts its batch touches.
  double weights = s.parameters;
  if (s.experts > 1 && s.experts_per_token > 0 && s.experts_per_token < s.experts) {
    const double expert_params =
        (s.parameters - s.active) / (1.0 - s.experts_per_token / s.experts);
    const double touched = 1.0 - std::pow(1.0 - s.experts_per_token / s.experts, batch);
    weights = s.parameters - expert_params * (1.0 - touched);
  }
  const double ctx = s.window > 0 ? std::min(context, s.window) : context;
  const Bytes w_bytes = weights * e.weight_bytes / shards * B;
  const Bytes kv_bytes = batch * ctx * s.kv_per_token * e.kv_bytes / shards * B;
  const Seconds t_mem =
      w_bytes / achieved_hbm(*e.hw, c) + kv_bytes / (achieved_hbm(*e.hw, c) * P(c, Param::kKvRead));
  const double flops = batch * forward_flops_per_token(s, ctx) / shards;
  const FlopRate rate = achieved_gemm(*e.hw, e.precision, batch, s.hidden / e.tp, s.hidden, c);
  const Seconds t_compute = flops * FLOP / rate;
  if (parts) *parts = {t_mem, t_compute, rate};
  Seconds t = t_mem > t_compute ? t_mem : t_compute;
  t += (P(c, Param::kLayerOverhead) * s.layers / e.pp + P(c, Param::kStepOverhead) +
        P(c, Param::kSeqOverhead) * batch) *
       units::s;
  if (e.tp > 1) {
    Fabric f = e.fabric;
    f.per_node = std::min(e.tp, f.per_node);
    t += allreduce_time(batch * s.hidden * 2.0 * B, e.tp, f, c) * (2.0 * s.layers / e.pp);
  }
  return t;
}

Seconds prefill_time(const LlmEngine& e, double tokens, const Calibration& c, bool batched) {
  const Shape& s = e.shape;
  const int shards = e.tp * e.pp;
  const double flops = tokens * forward_flops_per_token(s, tokens / 2.0) / shards;
  const double factor = (is_8bit(e.precision) || is_4bit(e.precision)) ? P(c, Param::kPrefill8)
                                                                       : P(c, Param::kPrefill16);
  const FlopRate rate =
      achieved_gemm(*e.hw, e.precision, tokens, s.hidden / e.tp, s.hidden, c) * factor;
  Seconds t = flops * FLOP / rate;
  if (batched) return t;
  const Seconds floor = (s.parameters * e.weight_bytes / shards) * B / achieved_hbm(*e.hw, c);
  if (t < floor) t = floor;
  t += (P(c, Param::kLayerOverhead) * s.layers + P(c, Param::kStepOverhead)) * units::s;
  if (e.tp > 1) {
    Fabric f = e.fabric;
    f.per_node = std::min(e.tp, f.per_node);
    t += allreduce_time(tokens * s.hidden * 2.0 * B, e.tp, f, c) * (2.0 * s.layers);
  }
  return t;
}

// ---------------------------------------------------------------------------- power -------------
Watts board_power(const Scenario& sc, double utilization, const Calibration& c) {
  Watts limit = sc.hardware.tdp.value_or(700.0 * W);
  if (sc.power_cap && *sc.power_cap < limit) limit = *sc.power_cap;
  const Watts idle = sc.hardware.tdp.value_or(700.0 * W) * P(c, Param::kIdlePower);
  const double u = std::clamp(utilization, 0.0, 1.0);
  return idle + (limit - idle) * u;
}

}  // namespace mlsysim::realistic
