#include "mlsysim/realistic/predict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "mlsysim/core/error.hpp"
#include "mlsysim/realistic/physics.hpp"

namespace mlsysim::realistic {

using namespace units;

namespace {

double P(const Calibration& c, Param p) { return c.at(p); }

/// Thrown inside predict() for a scenario the physics cannot express; becomes `why_not`.
struct Decline {
  std::string why;
};

/// Mean prompt and completion lengths of public datasets, for records that name the dataset but
/// not the lengths (approximate figures from the datasets' published token statistics).
struct DatasetLengths {
  std::string_view id;
  double input, output;
};
constexpr DatasetLengths kDatasets[] = {
    {"sharegpt", 220, 200},       // ShareGPT_V3 (vLLM benchmark_serving), Llama tokenizer
    {"lm-arena-chat", 110, 400},  // LMArena conversations
    {"cnn-dailymail", 800, 60},   // CNN/DailyMail articles and summaries
    {"mlperf-llama3.1-405b-long-context", 9400, 650},  // MLPerf Inference 5.0 Llama-3.1-405B set
};

std::optional<DatasetLengths> dataset_lengths(const std::string& id) {
  for (const auto& d : kDatasets) {
    if (id.rfind(d.id, 0) == 0) return d;
  }
  return std::nullopt;
}

double input_len(const Scenario& s) {
  if (auto t = s.input_tokens.typical()) return *t;
  if (auto d = dataset_lengths(s.dataset)) return d->input;
  return 512.0;  // unstated prompt: a mid-length chat prompt
}
double output_len(const Scenario& s) {
  if (auto t = s.output_tokens.typical()) return *t;
  if (auto d = dataset_lengths(s.dataset)) return d->output;
  throw Decline{"output length not stated (output_tokens)"};
}

bool is_llm(const Scenario& s) {
  return s.model && (s.model->architecture == Architecture::kTransformer ||
                     s.model->architecture == Architecture::kMoeTransformer);
}

int replicas_of(const Scenario& s, const LlmEngine& e) {
  if (s.replicas && s.layout_stated) return std::max(1, *s.replicas);
  return std::max(1, s.accelerators / (e.tp * e.pp));
}

// ------------------------------------------------------------------------ LLM serving ----------
struct Offline {
  double tokens_per_s = 0;  ///< all replicas
  double batch = 0;
  Seconds step, prefill;
  double utilization = 0;  ///< power utilization of a decode step (compute + weighted memory)
};

/// Continuous-batching throughput at running batch `batch`: each replica turns B requests around
/// in B·prefill + out·step.
Offline offline_at(const Scenario& s, const LlmEngine& e, double batch, double in, double out,
                   const Calibration& c) {
  Offline o;
  o.batch = batch;
  const double ctx = in + out / 2.0;
  StepParts parts;
  o.step = decode_step(e, batch * s.beams, ctx, c, &parts);
  o.prefill = prefill_time(e, in, c, /*batched=*/true);
  const Seconds turn = o.prefill * batch + o.step * out;
  o.tokens_per_s = replicas_of(s, e) * batch * out / turn.in(units::s);
  o.utilization = std::min(1.0, (parts.compute / o.step).value() +
                                    P(c, Param::kMemoryPower) * (parts.memory / o.step).value());
  return o;
}

double batch_limit(const Scenario& s, const LlmEngine& e, double in, double out) {
  double b = e.max_batch / std::max(1, s.beams);
  if (s.static_batching) b = b * (in + out / 2.0) / (in + out);  // reserved for the full length
  b = std::min(b, s.engine_batch_size.value_or(512.0));
  if (s.num_requests) b = std::min(b, *s.num_requests / replicas_of(s, e));
  return std::max(1.0, std::floor(b));
}

Offline llm_offline(const Scenario& s, const Calibration& c, int tp) {
  const double in = input_len(s), out = output_len(s);
  const LlmEngine e = llm_engine(s, in + out / 2.0, c, tp);
  double b = batch_limit(s, e, in, out);
  if (s.mean_batch_size) b = *s.mean_batch_size;
  return offline_at(s, e, b, in, out, c);
}

/// Throughput at the highest Poisson rate that meets the SLO: the largest batch whose p99 step
/// fits the TPOT target, at the Poisson efficiency; 0 when no batch meets it.
double slo_throughput(const Scenario& s, const Calibration& c, int tp) {
  const double in = input_len(s), out = output_len(s);
  const LlmEngine e = llm_engine(s, in + out / 2.0, c, tp);
  double hi = batch_limit(s, e, in, out);
  if (s.slo_tpot_ms) {
    const double limit = *s.slo_tpot_ms / 1e3 / P(c, Param::kSloTail);
    auto ok = [&](double b) { return decode_step(e, b, in + out / 2.0, c).in(units::s) <= limit; };
    if (!ok(1.0)) return 0.0;
    if (!ok(hi)) {
      double lo = 1.0;
      for (int i = 0; i < 40 && hi - lo > 0.5; ++i) {
        const double mid = 0.5 * (lo + hi);
        (ok(mid) ? lo : hi) = mid;
      }
      hi = lo;
    }
  }
  return offline_at(s, e, hi, in, out, c).tokens_per_s * P(c, Param::kPoissonThroughput);
}

/// The tensor-parallel degree of each engine: as stated, else the one a submitter would pick —
/// the best throughput (under the SLO when one is set) among the powers of two from the smallest
/// group that holds the weights to one server.
int engine_tp(const Scenario& s, const Calibration& c) {
  if (s.layout_stated) return std::max(1, s.tp);
  const int lo = min_tensor_parallel(s);
  const int hi = std::max(lo, std::min(s.accelerators, s.accelerators_per_node.value_or(8)));
  int best = lo;
  double best_v = -1;
  for (int tp = lo; tp <= hi; tp *= 2) {
    const double v = s.slo_tpot_ms ? slo_throughput(s, c, tp) : llm_offline(s, c, tp).tokens_per_s;
    if (v > best_v) {
      best = tp;
      best_v = v;
    }
  }
  return best;
}

/// Poisson load at `rate` requests/s: the running batch B = λ·out·T (Little) and the step time T =
/// decode(B) / (1 − λ·prefill) (prefill chunks share the steps), solved by fixed point.
struct Loaded {
  Seconds tpot, ttft;
  double batch = 0;
};
Loaded llm_loaded(const Scenario& s, const Calibration& c) {
  const double in = input_len(s), out = output_len(s);
  const LlmEngine e = llm_engine(s, in + out / 2.0, c, engine_tp(s, c));
  const double cap = batch_limit(s, e, in, out);
  Loaded l;
  if (s.load_mode == "concurrency") {
    const double b = std::min(cap, s.concurrency.value_or(1.0) / replicas_of(s, e));
    l.batch = b;
    l.tpot = decode_step(e, b, in + out / 2.0, c);
    l.ttft = prefill_time(e, in, c);
    if (b > 1) l.ttft += prefill_time(e, in, c, true) * (b - 1);
    return l;
  }
  if (s.load_mode == "offline") {
    // Everything arrives at once: the batch fills, its prompts are prefilled together, then it
    // decodes; TTFT is that prefill and TPOT one step of the full batch.
    const double b = s.mean_batch_size.value_or(cap);
    l.batch = b;
    l.tpot = decode_step(e, b * s.beams, in + out / 2.0, c);
    l.ttft = prefill_time(e, in, c) + prefill_time(e, in, c, true) * (b - 1);
    return l;
  }
  if (!s.arrival_rate_qps) throw Decline{"arrival rate not stated (load.arrival_rate_qps)"};
  const double lambda = *s.arrival_rate_qps / replicas_of(s, e);
  const Seconds p = prefill_time(e, in, c, true);
  // A prefill load at or past saturation is read as a queue held just below it (the measured
  // run was stable).
  const double rho = std::min(0.9, lambda * p.in(units::s));
  double b = 1.0;
  Seconds t{};
  for (int i = 0; i < 60; ++i) {
    t = decode_step(e, b, in + out / 2.0, c) / (1.0 - rho);
    const double nb = std::clamp(lambda * out * t.in(units::s), 1.0, cap);
    if (std::abs(nb - b) < 1e-3 * b) break;
    b = 0.5 * (b + nb);
  }
  l.batch = b;
  l.tpot = t;
  // A new request waits for the running step(s), then its prefill runs; M/D/1 queueing among
  // prefills that arrive together.
  const Seconds queue = p * (rho / (2.0 * (1.0 - rho)));
  l.ttft = t * P(c, Param::kQueueSteps) + prefill_time(e, in, c) + queue;
  // A run with SLOs under Poisson load (MLPerf server, interactive) is tuned to operate at them:
  // the load rises until the p99s reach the targets, so the means are the targets over the tail
  // ratios, whatever the step model says (the scheduler trades TTFT for batch).
  if (s.slo_tpot_ms) l.tpot = *s.slo_tpot_ms / P(c, Param::kSloTail) * ms;
  if (s.slo_ttft_ms) l.ttft = *s.slo_ttft_ms / P(c, Param::kTtftTail) * ms;
  return l;
}

// ------------------------------------------------------------------- non-LLM inference ---------
double sample_flops(const Scenario& s) {
  const ModelArch& m = *s.model;
  switch (m.architecture) {
    case Architecture::kCnn:
      if (!m.flops_per_sample) throw Decline{"model.flops_per_sample not stated"};
      return *m.flops_per_sample;
    case Architecture::kTransformerEncoder: {
      if (!s.seq_len) throw Decline{"seq_len not stated"};
      const Shape sh = shape_of(m);
      return *s.seq_len * forward_flops_per_token(sh, *s.seq_len);
    }
    case Architecture::kDiffusion: {
      if (!m.unet_parameters) throw Decline{"model.unet_parameters not stated"};
      const double latent = m.latent_resolution.value_or(s.output_resolution.value_or(1024) / 8.0);
      // A U-Net evaluation costs ≈ 2·P per latent position of its 4×-downsampled working grid.
      const double positions = (latent / 4.0) * (latent / 4.0);
      const double evals = s.denoising_steps.value_or(20) * s.unet_evals_per_step.value_or(1);
      return evals * 2.0 * *m.unet_parameters * positions;
    }
    default:
      break;
  }
  throw Decline{"not a CNN, encoder or diffusion model"};
}

Param class_param(Architecture a) {
  switch (a) {
    case Architecture::kCnn:
      return Param::kCnn;
    case Architecture::kDiffusion:
      return Param::kDiffusion;
    default:
      return Param::kEncoder;
  }
}

double samples_per_s(const Scenario& s, const Calibration& c) {
  const double f = sample_flops(s);
  const Accelerator& hw = s.hardware;
  const FlopRate rate = hw.peak_at(s.precision) * (gemm_ceiling(hw, s.precision, c) *
                                                   P(c, class_param(s.model->architecture)));
  return s.accelerators * rate.in(FLOP_per_s) / f;
}

// ------------------------------------------------------------------------------ training -------
double megatron_flops(const Scenario& s, bool hardware_convention) {
  const Shape sh = shape_of(*s.model);
  const double b = s.global_batch.value_or(0), q = s.seq_len.value_or(0);
  const double l = sh.layers, h = sh.hidden, v = sh.vocab;
  if (hardware_convention) return 96 * b * q * l * h * h * (1 + q / (6 * h) + v / (16 * l * h));
  return 72 * b * q * l * h * h * (1 + q / (6 * h) + v / (12 * l * h));
}

double predict_training(const Scenario& s, const std::string& metric, const Calibration& c) {
  const TrainingStep t = training_step(s, c);
  const double step = t.step.in(units::s);
  const double n = std::max(1, s.accelerators);
  if (metric == "step_time_s") return step;
  if (metric == "tokens_per_s_per_gpu") return t.tokens / step / n;
  if (metric == "throughput_tokens_per_s") return t.tokens / step;
  if (metric == "throughput_samples_per_s") {
    // Samples are sequences for a transformer (t.tokens / seq_len), images for a CNN.
    const bool sequences = is_llm(s) || s.model->architecture == Architecture::kTransformerEncoder;
    return (sequences && s.seq_len ? t.tokens / *s.seq_len : t.tokens) / step;
  }
  if (metric == "mfu" || metric == "tflops_per_gpu") {
    double flops = t.model_flops;
    if (s.flops_convention == "megatron_model") flops = megatron_flops(s, false);
    if (s.flops_convention == "megatron_hardware") flops = megatron_flops(s, true);
    const double per_gpu = flops / step / n;
    if (metric == "tflops_per_gpu") return per_gpu / 1e12;
    if (!s.mfu_peak_tflops) throw Decline{"mfu_peak_tflops not stated"};
    return per_gpu / (*s.mfu_peak_tflops * 1e12);
  }
  if (metric == "time_to_train_min") {
    if (!s.samples_to_train) throw Decline{"samples_to_train not stated"};
    const double per_step = s.global_batch.value_or(1.0);
    return *s.samples_to_train / per_step * step / 60.0;
  }
  throw Decline{fmt::format("metric {} is not a training metric", metric)};
}

// ------------------------------------------------------------------------------- kernels -------
double predict_kernel(const Scenario& s, const std::string& metric, const Calibration& c) {
  const Accelerator& hw = s.hardware;
  if (metric == "gemm_tflops") {
    if (!s.m || !s.n || !s.k) throw Decline{"GEMM shape (m, n, k) not stated"};
    return achieved_gemm(hw, s.precision, *s.m, *s.n, *s.k, c).in(TFLOP_per_s);
  }
  if (metric == "memory_bandwidth_gbs") return achieved_hbm(hw, c).in(GB_per_s);
  if (metric == "allreduce_busbw_gbs") {
    const int gpus = s.gpus.value_or(s.accelerators);
    Fabric f{s.accelerators_per_node.value_or(std::min(gpus, 8)), s.intra_node_bw, s.inter_node_bw,
             s.nvls.value_or(false)};
    if (!f.scale_up) throw Decline{"scale-up bandwidth (intra_node_bw) not stated"};
    return allreduce_busbw(gpus, f, c).in(GB_per_s);
  }
  if (metric == "attention_tflops") {
    const std::string prec = s.precision == "fp32" ? "bf16" : s.precision;
    double f = gemm_ceiling(hw, prec, c) * P(c, Param::kAttention);
    const bool legacy =
        s.implementation == "flashattention2" || s.implementation == "flashattention";
    if (legacy && hw.family != Family::kAmpere && hw.family != Family::kAda) {
      f *= P(c, Param::kAttentionLegacy);
    }
    return hw.peak_at(prec).in(TFLOP_per_s)*f;
  }
  throw Decline{fmt::format("metric {} is not a kernel metric", metric)};
}

// ------------------------------------------------------------------------------ dispatch -------
double predict_value(const Scenario& s, const std::string& metric, const Calibration& c) {
  switch (s.task) {
    case Task::kKernel:
      return predict_kernel(s, metric, c);
    case Task::kReliability: {
      if (metric != "interruptions") throw Decline{fmt::format("metric {} not modelled", metric)};
      if (!s.duration_days) throw Decline{"duration_days not stated"};
      double rate = P(c, Param::kFailureRate);
      const auto& cause = s.interruption_cause;
      if (cause == "unexpected")
        rate *= P(c, Param::kUnexpectedShare);
      else if (cause == "gpu_faulty")
        rate *= P(c, Param::kUnexpectedShare) * P(c, Param::kGpuShare);
      else if (cause == "gpu_hbm3")
        rate *= P(c, Param::kUnexpectedShare) * P(c, Param::kHbmShare);
      else if (!cause.empty() && cause != "all")
        throw Decline{"interruption cause not modelled"};
      return rate * s.accelerators * *s.duration_days;
    }
    case Task::kTrain:
      return predict_training(s, metric, c);
    case Task::kInferOffline:
    case Task::kServe:
      break;
  }
  if (!s.model) throw Decline{"no model"};
  if (metric == "system_power_w") {
    const double nodes = s.nodes.value_or(std::ceil(s.accelerators / 8.0));
    const double gpu = board_power(s, 1.0, c).in(W);
    if (s.power_scope == "gpu") return s.accelerators * gpu;
    return nodes * P(c, Param::kHostPower) + s.accelerators * gpu;
  }
  if (is_llm(s)) {
    if (metric == "energy_j_per_token") {
      const Offline o = llm_offline(s, c, engine_tp(s, c));
      const double watts = board_power(s, o.utilization, c).in(W)*s.accelerators;
      const double host =
          s.energy_scope == "system_ac"
              ? s.nodes.value_or(std::ceil(s.accelerators / 8.0)) * P(c, Param::kHostPower)
              : 0.0;
      return (watts + host) / o.tokens_per_s;
    }
    if (metric == "throughput_tokens_per_s" || metric == "throughput_samples_per_s") {
      double tps = 0;
      const int tp = engine_tp(s, c);
      if (s.task == Task::kServe && s.load_mode == "max_under_slo") {
        tps = slo_throughput(s, c, tp);
        if (tps <= 0) throw Decline{"no batch meets the TPOT SLO"};
      } else {
        tps = llm_offline(s, c, tp).tokens_per_s;
        if (s.task == Task::kServe && s.load_mode == "poisson" && s.arrival_rate_qps) {
          // An open load below capacity completes what arrives.
          tps = std::min(tps, *s.arrival_rate_qps * output_len(s));
        } else if (s.task == Task::kServe && s.load_mode == "concurrency") {
          // A closed loop of `concurrency` requests: each turns around in TTFT + out·TPOT.
          const Loaded l = llm_loaded(s, c);
          const double turn = (l.ttft + l.tpot * output_len(s)).in(units::s);
          const double in_flight = s.concurrency.value_or(1.0);
          tps = std::min(tps, in_flight * output_len(s) / turn);
        }
      }
      if (metric == "throughput_tokens_per_s") return tps;
      return tps / output_len(s);
    }
    const bool ttft = metric.rfind("ttft_ms", 0) == 0, tpot = metric.rfind("tpot_ms", 0) == 0;
    if (ttft || tpot) {
      const Loaded l = llm_loaded(s, c);
      return (ttft ? l.ttft : l.tpot).in(ms);
    }
    throw Decline{fmt::format("metric {} is not modelled for LLM inference", metric)};
  }
  if (metric == "throughput_samples_per_s") {
    double v = samples_per_s(s, c);
    if (s.task == Task::kServe) v *= P(c, Param::kPoissonThroughput);
    return v;
  }
  throw Decline{fmt::format("metric {} is not modelled for this model", metric)};
}

}  // namespace

std::string band_class(const Scenario& s, const std::string& metric) {
  switch (s.task) {
    case Task::kKernel:
      return "kernel";
    case Task::kReliability:
      return "reliability";
    case Task::kTrain:
      return metric == "time_to_train_min" ? "time_to_train" : "training";
    case Task::kInferOffline:
    case Task::kServe:
      break;
  }
  if (metric == "energy_j_per_token" || metric == "system_power_w") return "power";
  if (!is_llm(s)) return "inference";
  if (metric.rfind("ttft", 0) == 0 || metric.rfind("tpot", 0) == 0) return "llm_latency";
  return "llm_throughput";
}

Prediction predict(const Scenario& s, const std::string& metric, const Calibration& c) {
  Prediction p;
  try {
    const double v = predict_value(s, metric, c);
    if (!std::isfinite(v) || v <= 0) {
      p.why_not = "the physics gave no finite positive value for this scenario";
      return p;
    }
    p.value = v;
    if (auto it = c.bands.find(band_class(s, metric)); it != c.bands.end()) {
      p.low = v * it->second.low;
      p.high = v * it->second.high;
    }
  } catch (const Decline& d) {
    p.why_not = d.why;
  } catch (const Error& e) {
    p.why_not = e.what();
  }
  return p;
}

std::string unpredictable(const Record& r) {
  if (!r.why_not.empty()) return r.why_not;
  if (!r.metric) return "no target metric";
  return {};
}

Prediction predict(const Record& r, const Calibration& c) {
  Prediction p;
  p.why_not = unpredictable(r);
  if (!p.why_not.empty()) return p;
  return predict(r.scenario, *r.metric, c);
}

Outcome outcome_of(const Record& r, Prediction p) {
  Outcome o{&r, std::move(p), std::nullopt};
  if (o.prediction.value && r.measured && *r.measured != 0) {
    o.error = (*o.prediction.value - *r.measured) / *r.measured;
  }
  return o;
}

std::vector<Outcome> validate(const std::vector<Record>& records, const Calibration& c) {
  std::vector<Outcome> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(outcome_of(r, predict(r, c)));
  return out;
}

Stats stats_of(const std::vector<double>& errors) {
  Stats s;
  s.n = static_cast<int>(errors.size());
  if (errors.empty()) return s;
  std::vector<double> a;
  for (double e : errors) a.push_back(std::abs(e));
  std::sort(a.begin(), a.end());
  const std::size_t n = a.size();
  s.median_abs = n % 2 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
  double sum = 0;
  for (double v : a) {
    sum += v;
    s.within10 += v <= 0.10;
    s.within25 += v <= 0.25;
  }
  s.mean_abs = sum / n;
  s.within10 /= n;
  s.within25 /= n;
  return s;
}

Summary summarize(const std::vector<Outcome>& outcomes) {
  Summary s;
  std::vector<double> all;
  std::map<std::string, std::vector<double>> cat, met;
  for (const auto& o : outcomes) {
    ++s.records;
    if (!o.record->metric || !o.record->measured) continue;
    ++s.with_target;
    if (!o.prediction.value) continue;
    ++s.predicted;
    if (!o.error) continue;
    all.push_back(*o.error);
    cat[o.record->category].push_back(*o.error);
    met[*o.record->metric].push_back(*o.error);
    if (o.prediction.low && o.prediction.high) {
      ++s.with_band;
      s.in_band +=
          *o.record->measured >= *o.prediction.low && *o.record->measured <= *o.prediction.high;
    }
  }
  s.coverage = s.with_target ? static_cast<double>(s.predicted) / s.with_target : 0.0;
  s.all = stats_of(all);
  for (const auto& [k, v] : cat) s.by_category[k] = stats_of(v);
  for (const auto& [k, v] : met) s.by_metric[k] = stats_of(v);
  return s;
}

// ------------------------------------------------------------------------------- fitting -------
namespace {

constexpr double kDelta = 0.15;        // soft-L1 scale on log error
constexpr double kPriorWeight = 0.05;  // pull toward the prior, per unit log deviation squared

double loss(const std::vector<const Record*>& recs, const Calibration& c) {
  // Each experiment group weighs 1/sqrt(size): a 9-record sweep must not outvote 9 setups.
  std::map<std::string, int> group_size;
  for (const Record* r : recs) ++group_size[r->group];
  double sum = 0;
  for (const Record* r : recs) {
    const double w = 1.0 / std::sqrt(static_cast<double>(group_size[r->group]));
    const Prediction p = predict(*r, c);
    // A record the parameters make inexpressible costs as much as a 3× error: a fit must not
    // buy accuracy by declining.
    const double e = p.value ? std::log(*p.value / *r->measured) : std::log(3.0);
    sum += w * 2 * kDelta * kDelta * (std::sqrt(1 + (e / kDelta) * (e / kDelta)) - 1);
  }
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const double d = std::log(c.values()[i] / info(static_cast<Param>(i)).prior);
    sum += kPriorWeight * d * d;
  }
  return sum;
}

std::vector<const Record*> fittable(const std::vector<Record>& records,
                                    const std::set<std::string>& skip_groups) {
  std::vector<const Record*> out;
  for (const auto& r : records) {
    if (r.measured && *r.measured > 0 && r.metric && r.why_not.empty() &&
        !skip_groups.count(r.group)) {
      out.push_back(&r);
    }
  }
  return out;
}

Calibration fit_on(const std::vector<const Record*>& recs, const Calibration& start) {
  Calibration c = start;
  c.bands.clear();
  std::array<double, kParamCount> step{};
  step.fill(0.4);
  double best = loss(recs, c);
  for (int sweep = 0; sweep < 80; ++sweep) {
    bool any = false;
    for (std::size_t i = 0; i < kParamCount; ++i) {
      if (step[i] < 2e-3) continue;
      any = true;
      const auto p = static_cast<Param>(i);
      const ParamInfo& inf = info(p);
      const double v0 = c.at(p);
      bool improved = false;
      for (double dir : {1.0, -1.0}) {
        const double v = std::clamp(v0 * std::exp(dir * step[i]), inf.lo, inf.hi);
        if (v == v0) continue;
        c.set(p, v);
        const double l = loss(recs, c);
        if (l < best - 1e-12) {
          best = l;
          improved = true;
          break;
        }
        c.set(p, v0);
      }
      step[i] *= improved ? 1.5 : 0.4;
    }
    if (!any) break;
  }
  return c;
}

}  // namespace

Calibration fit(const std::vector<Record>& records, const Calibration& start) {
  const auto recs = fittable(records, {});
  Calibration c = fit_on(recs, start);
  // Provenance: the records whose prediction a 1 % change of the parameter moves.
  for (std::size_t i = 0; i < kParamCount; ++i) {
    c.provenance[i].clear();
    const auto p = static_cast<Param>(i);
    Calibration d = c;
    d.set(p, c.at(p) * 1.01);
    for (const Record* r : recs) {
      const auto a = predict(*r, c), b = predict(*r, d);
      if (a.value && b.value && std::abs(*a.value - *b.value) > 1e-6 * std::abs(*a.value)) {
        c.provenance[i].push_back(r->id);
      }
    }
  }
  return c;
}

std::vector<Outcome> leave_one_group_out(const std::vector<Record>& records,
                                         const Calibration& start) {
  std::set<std::string> groups;
  for (const auto& r : records) groups.insert(r.group);
  std::map<std::string, Calibration> per_group;
  for (const auto& g : groups) per_group.emplace(g, fit_on(fittable(records, {g}), start));
  std::vector<Outcome> out;
  for (const auto& r : records) {
    Calibration c = per_group.at(r.group);
    c.bands.clear();
    out.push_back(outcome_of(r, predict(r, c)));
  }
  return out;
}

std::map<std::string, Band> bands_from(const std::vector<Outcome>& logo, double coverage) {
  std::map<std::string, std::vector<double>> ratios;  // measured / predicted
  std::vector<double> all;
  for (const auto& o : logo) {
    if (!o.prediction.value || !o.record->measured) continue;
    const double q = *o.record->measured / *o.prediction.value;
    ratios[band_class(o.record->scenario, *o.record->metric)].push_back(q);
    all.push_back(q);
  }
  auto band_of = [&](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    auto quant = [&](double f) {
      const double x = f * (v.size() - 1);
      const auto i = static_cast<std::size_t>(x);
      const double t = x - i;
      return i + 1 < v.size() ? v[i] * (1 - t) + v[i + 1] * t : v[i];
    };
    Band b{std::min(1.0, quant(0.05)), std::max(1.0, quant(0.95))};
    // Widen symmetrically in log space until `coverage` of the residuals are inside.
    for (int i = 0; i < 200; ++i) {
      const auto inside =
          std::count_if(v.begin(), v.end(), [&](double q) { return q >= b.low && q <= b.high; });
      if (inside >= coverage * v.size()) break;
      b.low /= 1.02;
      b.high *= 1.02;
    }
    return b;
  };
  std::map<std::string, Band> out;
  const Band overall = all.empty() ? Band{} : band_of(all);
  for (auto& [cat, v] : ratios) {
    // A class with few records borrows the overall band where it is wider.
    Band b = band_of(v);
    if (v.size() < 8) b = {std::min(b.low, overall.low), std::max(b.high, overall.high)};
    out[cat] = b;
  }
  return out;
}

}  // namespace mlsysim::realistic
