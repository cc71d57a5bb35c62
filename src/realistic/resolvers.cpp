#include "mlsysim/realistic/resolvers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "core/text.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/core/describe.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/realistic/physics.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::realistic {

using namespace units;

namespace {

/// A one-device scenario from a resolver's model, device and precision. Built once per thread
/// for the same entries: zoo entries are immutable and shared, so live weak references to the same
/// objects mean the same values (a sweep over batch sizes converts nothing twice).
const Scenario& scenario_of(const std::shared_ptr<const Workload>& model,
                            const std::shared_ptr<const Hardware>& hw,
                            const std::string& precision) {
  thread_local std::weak_ptr<const Workload> model_key;
  thread_local std::weak_ptr<const Hardware> hw_key;
  thread_local Scenario s;
  if (model_key.lock() != model || hw_key.lock() != hw || s.precision != precision) {
    s = Scenario{};
    s.model = arch_from(*model);
    s.hardware = accelerator_from(*hw);
    s.precision = precision;
    s.accelerators = 1;
    s.layout_stated = true;
    model_key = model;
    hw_key = hw;
  }
  return s;
}

constexpr std::string_view kEfficiencyNote =
    "realistic fidelity: `efficiency` is replaced by the calibrated achieved ceilings";

}  // namespace

node::PerformanceProfile engine(const node::EngineInputs& in) {
  check_required(in);
  check_bounds(in);
  const Calibration& c = Calibration::active();
  const Scenario& s = scenario_of(in.model, in.hardware, in.precision);
  node::PerformanceProfile r;
  // A stated efficiency is ignored: say so (the default needs no note).
  if (in.efficiency != node::EngineInputs{}.efficiency && !quiet()) {
    r.warnings.emplace_back(kEfficiencyNote);
  }
  const double batch = in.batch_size;
  const Accelerator& hw = s.hardware;
  const FlopRate peak = hw.peak_at(in.precision);
  r.memory_capacity = hw.memory_capacity;
  Flops ops{};
  Bytes traffic{};
  if (s.model->architecture == Architecture::kCnn || !s.model->layers) {
    // A CNN (or a workload without a transformer shape): the batch at the achieved GEMM rate.
    const double f = s.model->flops_per_sample.value_or(2.0 * s.model->parameters.value_or(0));
    ops = f * batch * (in.is_training ? 3.0 : 1.0) * FLOP;
    const FlopRate rate = peak * (gemm_ceiling(hw, in.precision, c) * c.at(Param::kCnn));
    r.latency_compute = ops / rate;
    traffic = s.model->parameters.value_or(0) * element_bytes(in.precision) * B;
    r.latency_memory = traffic / achieved_hbm(hw, c);
    r.latency = std::max(r.latency_compute, r.latency_memory);
    r.memory_footprint = traffic * (in.is_training ? 3.0 : 1.0);
    r.peak_flops_actual = rate;
  } else if (in.is_training) {
    Scenario t = s;
    t.task = Task::kTrain;
    t.global_batch = batch;
    t.micro_batch = batch;
    t.seq_len = in.seq_len;
    t.recompute = in.activation_recomputation ? "full" : "none";
    t.lora = in.is_lora;
    const TrainingStep step = training_step(t, c);
    ops = step.model_flops * FLOP;
    r.latency_compute = step.compute;
    r.latency = step.step;
    const Shape sh = shape_of(*s.model);
    // Weights, gradients and Adam state (16 B/parameter, ZeRO shards over dp) + activations.
    const double state =
        sh.parameters * (in.is_lora ? 2.0 : 16.0 / std::max(1, in.zero_stage > 0 ? in.dp_size : 1));
    const double act =
        batch * in.seq_len * sh.hidden * sh.layers * (in.activation_recomputation ? 2.0 : 34.0);
    r.memory_footprint = (state + act) * B;
    traffic = sh.parameters * element_bytes(in.precision) * 3.0 * B;
    r.latency_memory = traffic / achieved_hbm(hw, c);
    r.peak_flops_actual =
        achieved_gemm(hw, in.precision, batch * in.seq_len, sh.hidden, sh.hidden, c);
  } else {
    // Inference: one decode step of `batch` sequences holding `seq_len` tokens of context.
    const LlmEngine e = llm_engine(s, in.seq_len, c);
    StepParts parts;
    r.latency = decode_step(e, batch, in.seq_len, c, &parts);
    r.latency_compute = parts.compute;
    r.latency_memory = parts.memory;
    ops = batch * forward_flops_per_token(e.shape, in.seq_len) * FLOP;
    traffic = (e.shape.parameters * e.weight_bytes +
               batch * in.seq_len * e.shape.kv_per_token * e.kv_bytes) *
              B;
    r.memory_footprint = traffic;
    r.peak_flops_actual = parts.rate;
  }
  r.latency_overhead = r.latency - std::max(r.latency_compute, r.latency_memory);
  if (r.latency_overhead < Seconds{}) r.latency_overhead = Seconds{};
  r.bottleneck = r.latency_compute >= r.latency_memory ? "Compute" : "Memory";
  r.arithmetic_intensity = traffic > Bytes{} ? ops / traffic : Intensity{};
  r.peak_bw_actual = achieved_hbm(hw, c);
  const bool has_time = r.latency > Seconds{};
  r.throughput = has_time ? batch / r.latency : Rate{};
  r.mfu =
      has_time && peak > FlopRate{} ? std::clamp((ops / r.latency / peak).value(), 0.0, 1.0) : 0.0;
  r.hfu = r.mfu;
  const double u = r.latency > Seconds{}
                       ? (r.latency_compute / r.latency).value() +
                             c.at(Param::kMemoryPower) * (r.latency_memory / r.latency).value()
                       : 0.0;
  r.energy = board_power(s, std::min(1.0, u), c) * r.latency;
  r.feasible = r.memory_footprint <= r.memory_capacity;
  r.memory_utilization =
      r.memory_capacity > Bytes{} ? (r.memory_footprint / r.memory_capacity).value() : 0.0;
  detail::note(r.constraint_trace, "Memory Wall: {}. Required {} GB {} Available {} GB on {}.",
               r.feasible ? "Passed" : "FAILED", r.memory_footprint.in(GB), r.feasible ? "<=" : ">",
               r.memory_capacity.in(GB), in.hardware->name());
  if (!r.feasible && in.raise_errors) {
    throw OomError(
        fmt::format("Model '{}' requires {} GB but hardware '{}' has only {} GB.", in.model->name(),
                    r.memory_footprint.in(GB), in.hardware->name(), r.memory_capacity.in(GB)),
        r.memory_footprint.in(B), r.memory_capacity.in(B));
  }
  return r;
}

node::ServingResult serving(const node::ServingInputs& in) {
  check_required(in);
  check_bounds(in);
  require_transformer(*in.model, "model", "ServingModel");
  const Calibration& c = Calibration::active();
  const Scenario& s = scenario_of(in.model, in.hardware, in.precision);
  node::ServingResult r;
  if (in.efficiency != node::ServingInputs{}.efficiency && !quiet()) {
    r.warnings.emplace_back(kEfficiencyNote);
  }
  if (in.draft_model || in.decode_hardware) {
    r.warnings.emplace_back(
        "realistic fidelity: speculative decoding and disaggregated decode are not modelled; "
        "the result is for the target model on `hardware` alone");
  }
  const double seq = *in.seq_len;
  const double batch = std::max(1, in.batch_size);
  const LlmEngine e = llm_engine(s, seq, c);
  const double new_tokens = std::max(1, *in.seq_len - in.cached_prefix_len);
  r.ttft = prefill_time(e, new_tokens, c) + prefill_time(e, new_tokens, c, true) * (batch - 1);
  r.itl = decode_step(e, batch, seq, c);
  r.kv_cache_size = in.batch_size * seq * e.shape.kv_per_token * e.kv_bytes * B;
  r.model_weights_size = e.shape.parameters * e.weight_bytes * B;
  r.total_memory_required = r.model_weights_size + r.kv_cache_size;
  const Bytes capacity = s.hardware.memory_capacity;
  r.feasible = r.total_memory_required <= capacity;
  detail::note(r.constraint_trace,
               "Memory Wall: {}. Required {} GB (Weights: {} GB, KV Cache: {} GB) {} Available {} "
               "GB on {}.",
               r.feasible ? "Passed" : "FAILED", r.total_memory_required.in(GB),
               r.model_weights_size.in(GB), r.kv_cache_size.in(GB), r.feasible ? "<=" : ">",
               capacity.in(GB), in.hardware->name());
  r.memory_utilization = capacity > Bytes{} ? (r.total_memory_required / capacity).value() : 0.0;
  r.prompt_cache_hit_ratio = in.cached_prefix_len / seq;
  return r;
}

namespace {
std::vector<Resolver> build() {
  std::vector<Resolver> c;
  c.push_back(io::make_resolver<node::EngineInputs, node::PerformanceProfile, &engine>(
      {"Engine",
       "model",
       "PerformanceProfile",
       {"workload", "hardware"},
       "Realistic single-accelerator step: achieved ceilings, real KV geometry, calibrated"}));
  c.push_back(io::make_resolver<node::EngineInputs, node::PerformanceProfile, &engine>(
      {"SingleNodeModel",
       "model",
       "PerformanceProfile",
       {"workload", "hardware"},
       "Engine.solve, realistic"}));
  c.push_back(io::make_resolver<node::ServingInputs, node::ServingResult, &serving>(
      {"ServingModel",
       "model",
       "ServingResult",
       {"workload", "hardware"},
       "Realistic LLM serving: calibrated prefill and decode, KV cache from kv_heads x head_dim"}));
  return c;
}
}  // namespace

const Resolver* find_resolver(std::string_view name) {
  static const std::vector<Resolver> catalog = build();
  for (const auto& r : catalog) {
    if (r.info.name == name) return &r;
  }
  return nullptr;
}

}  // namespace mlsysim::realistic
