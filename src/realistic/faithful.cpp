// Faithful validation: the 0.1.1 resolvers on measured scenarios. The mapping is the one a user
// of the original would write: zoo entries as they are (Llama-2-70B without its 8 KV heads), the
// default efficiency 0.5, one device per ServingModel call, DistributedModel for training.
#include "mlsysim/realistic/faithful.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mlsysim/core/error.hpp"
#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/fleet/reliability.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::realistic {

using namespace units;

namespace {

struct Decline {
  std::string why;
};

/// The precisions the reference knows; others (fp4) run as the original would read them.
std::string reference_precision(const std::string& p) {
  if (p == "fp4") return "int4";
  return p;
}

std::shared_ptr<const Hardware> hardware_of(const Scenario& s, const Registry& zoo) {
  if (s.hardware_zoo) return zoo.hardware(*s.hardware_zoo);
  // A part the zoo lacks: a HardwareNode from its datasheet figures, as a user would declare it.
  auto h = std::make_shared<Hardware>();
  h->info.name = s.hardware.name;
  const FlopRate half = s.hardware.peak_at("fp16");
  h->compute.peak_flops = Stated<kFlopRate>::of(half);
  for (const auto& [p, v] : s.hardware.peak) {
    h->compute.precision_flops.emplace_back(p, Stated<kFlopRate>::of(v));
  }
  h->memory.capacity = Stated<kData>::of(s.hardware.memory_capacity);
  h->memory.bandwidth = Stated<kBandwidth>::of(s.hardware.memory_bandwidth);
  if (s.hardware.tdp) h->tdp = Stated<kPower>::of(*s.hardware.tdp);
  return h;
}

std::shared_ptr<const Workload> model_of(const Scenario& s, const Registry& zoo) {
  if (!s.model) throw Decline{"no model"};
  if (s.model_zoo) return zoo.model(*s.model_zoo);
  const ModelArch& m = *s.model;
  auto w = std::make_shared<Workload>();
  w->info.name = m.name;
  w->parameters = m.parameters;
  switch (m.architecture) {
    case Architecture::kCnn:
      w->kind = WorkloadKind::kCnn;
      w->architecture = "CNN";
      if (m.flops_per_sample) {
        w->inference_flops = Stated<kCompute>::of(*m.flops_per_sample, FLOP);
      }
      break;
    case Architecture::kDiffusion:
      throw Decline{"the reference's DiffusionWorkload needs FLOPs per step the record lacks"};
    default:
      w->kind = m.architecture == Architecture::kMoeTransformer ? WorkloadKind::kSparseTransformer
                                                                : WorkloadKind::kTransformer;
      w->architecture = "Transformer";
      w->layers = m.layers;
      w->hidden_dim = m.hidden_dim;
      w->heads = m.heads;
      w->kv_heads = m.kv_heads;
      w->active_parameters = m.active_parameters;
      w->experts = m.experts;
      w->active_experts_per_token = m.experts_per_token;
      break;
  }
  if (m.parameters) w->model_size = Stated<kData>::of(*m.parameters * 2.0, B);
  return w;
}

double value_of(const Record& r, const Registry& zoo) {
  const Scenario& s = r.scenario;
  const std::string& metric = *r.metric;
  const std::string prec = reference_precision(s.precision);
  switch (s.task) {
    case Task::kKernel: {
      if (metric == "gemm_tflops" || metric == "attention_tflops") {
        return s.hardware.peak_at(s.precision).in(TFLOP_per_s);  // the datasheet peak
      }
      if (metric == "memory_bandwidth_gbs") return s.hardware.memory_bandwidth.in(GB_per_s);
      if (metric == "allreduce_busbw_gbs") {
        if (!s.intra_node_bw) throw Decline{"no link bandwidth"};
        return s.intra_node_bw->in(GB_per_s);
      }
      throw Decline{"metric not expressible"};
    }
    case Task::kReliability: {
      if (!s.duration_days) throw Decline{"duration_days not stated"};
      const int per_node = s.accelerators_per_node.value_or(8);
      auto node = std::make_shared<Node>();
      node->accelerator = hardware_of(s, zoo);
      node->accelerators_per_node = per_node;
      auto fleet = std::make_shared<Fleet>();
      fleet->node = node;
      fleet->count = std::max(1, s.accelerators / per_node);
      fleet::ReliabilityInputs in;
      in.fleet = fleet;
      in.job_duration_hours = *s.duration_days * 24.0;
      if (s.interruption_cause != "all" && !s.interruption_cause.empty()) {
        throw Decline{"the reference counts failures of all causes only"};
      }
      return fleet::reliability(in).expected_failures;
    }
    case Task::kTrain: {
      if (metric == "time_to_train_min") throw Decline{"the reference has no time-to-train model"};
      if (!s.global_batch || !s.seq_len) throw Decline{"batch or seq_len not stated"};
      const auto hw = hardware_of(s, zoo);
      const int per_node = s.accelerators_per_node.value_or(std::min(8, s.accelerators));
      auto node = std::make_shared<Node>();
      node->accelerator = hw;
      node->accelerators_per_node = per_node;
      node->intra_node_bw = Stated<kBandwidth>::of(s.intra_node_bw.value_or(600.0 * GB_per_s));
      auto fabric = std::make_shared<mlsysim::Fabric>();
      fabric->bandwidth = Stated<kBandwidth>::of(s.inter_node_bw.value_or(50.0 * GB_per_s));
      auto fleet = std::make_shared<Fleet>();
      fleet->node = node;
      fleet->count = std::max(1, s.accelerators / per_node);
      fleet->fabric = fabric;
      fleet::DistributedInputs in;
      in.model = model_of(s, zoo);
      in.fleet = fleet;
      in.batch_size = static_cast<int>(*s.global_batch);
      in.precision = prec == "fp8" ? "fp8" : "fp16";
      in.tp_size = s.tp;
      in.pp_size = s.pp;
      in.v_stages = s.vp;
      in.microbatch_count = static_cast<int>(
          std::max(1.0, *s.global_batch / (s.dp.value_or(1) * s.micro_batch.value_or(1.0))));
      in.activation_recomputation = s.recompute == "full";
      in.seq_len = *s.seq_len;
      const auto res = fleet::distributed(in);
      const double step = res.step_latency_total.in(units::s);
      const double tokens = *s.global_batch * *s.seq_len;
      if (metric == "step_time_s") return step;
      if (metric == "tokens_per_s_per_gpu") return tokens / step / s.accelerators;
      if (metric == "mfu" && s.mfu_peak_tflops) {
        return 6.0 * s.model->parameters.value_or(0) * tokens / step / s.accelerators /
               (*s.mfu_peak_tflops * 1e12);
      }
      throw Decline{"metric not expressible"};
    }
    case Task::kInferOffline:
    case Task::kServe:
      break;
  }
  const auto hw = hardware_of(s, zoo);
  const auto model = model_of(s, zoo);
  const bool llm =
      model->is_transformer() && s.model->architecture != Architecture::kTransformerEncoder;
  const double watts = s.hardware.tdp ? s.hardware.tdp->in(W) : 700.0;
  if (metric == "system_power_w") return s.accelerators * watts;
  if (!llm) {
    node::EngineInputs in{.model = model, .hardware = hw};
    in.batch_size = static_cast<int>(s.engine_batch_size.value_or(1));
    in.precision = prec;
    if (s.seq_len) in.seq_len = *s.seq_len;
    const auto p = node::solve(in);
    const double per_device = p.throughput.in(per_s);
    if (metric == "throughput_samples_per_s") return per_device * s.accelerators;
    throw Decline{"metric not expressible"};
  }
  const double in_len = s.input_tokens.typical().value_or(512.0);
  const double out_len = s.output_tokens.typical().value_or(256.0);
  node::ServingInputs in;
  in.model = model;
  in.hardware = hw;
  in.seq_len = static_cast<int>(in_len + out_len);
  in.batch_size = static_cast<int>(s.mean_batch_size.value_or(s.engine_batch_size.value_or(1)));
  in.precision = prec;
  // Time to first token is a single request's prefill (batch 1), as a user would ask for it.
  if (metric.rfind("ttft_ms", 0) == 0) in.batch_size = 1;
  const auto sr = node::serving(in);
  const double itl = sr.itl.in(units::s);
  const double tokens_per_s = in.batch_size / itl * s.accelerators;
  if (metric == "throughput_tokens_per_s") return tokens_per_s;
  if (metric == "throughput_samples_per_s") return tokens_per_s / out_len;
  if (metric.rfind("ttft_ms", 0) == 0) return sr.ttft.in(ms);
  if (metric.rfind("tpot_ms", 0) == 0) return sr.itl.in(ms);
  if (metric == "energy_j_per_token") return s.accelerators * watts / tokens_per_s;
  throw Decline{"metric not expressible"};
}

}  // namespace

Prediction faithful_predict(const Record& r, const Registry& zoo) {
  Prediction p;
  p.why_not = unpredictable(r);
  if (!p.why_not.empty()) return p;
  try {
    const double v = value_of(r, zoo);
    if (std::isfinite(v) && v > 0)
      p.value = v;
    else
      p.why_not = "the reference gives no finite positive value here";
  } catch (const Decline& d) {
    p.why_not = d.why;
  } catch (const Error& e) {
    p.why_not = e.what();
  }
  return p;
}

std::vector<Outcome> faithful_validate(const std::vector<Record>& records, const Registry& zoo) {
  std::vector<Outcome> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(outcome_of(r, faithful_predict(r, zoo)));
  return out;
}

}  // namespace mlsysim::realistic
