// Reading validation records (format 1, docs/realistic.md) into Scenarios. Only `id`, `group`,
// `category`, `scenario` and `target` are read; the human fields (`workload`, `system`, `notes`,
// `name`, `source`, `provenance`) never are.
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mlsysim/core/error.hpp"
#include "mlsysim/realistic/scenario.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/units/any_quantity.hpp"

namespace mlsysim::realistic {

using nlohmann::json;
using namespace units;

namespace {

/// Realistic-mode facts about the zoo's accelerators that the 0.1.1 entries lack: the family and
/// the dense peaks of precisions the entry leaves out (datasheet values).
struct ZooExtra {
  std::string_view path;
  Family family;
  std::array<std::pair<std::string_view, double>, 3> peak_tflops;  // {precision, TFLOP/s}
  double scale_up_gbs;  // NVLink / XGMI per accelerator, bidirectional (0: not applicable)
};

constexpr std::array<ZooExtra, 14> kZooExtras{{
    // NVIDIA A100 SXM datasheet: BF16 312 dense, NVLink3 600 GB/s.
    {"Hardware.Cloud.A100", Family::kAmpere, {{{"bf16", 312}, {"fp16", 312}, {"", 0}}}, 600},
    // NVIDIA H100 SXM datasheet: BF16/FP16 989 dense, NVLink4 900 GB/s.
    {"Hardware.Cloud.H100", Family::kHopper, {{{"bf16", 989}, {"fp16", 989}, {"", 0}}}, 900},
    {"Hardware.Cloud.H200", Family::kHopper, {{{"bf16", 989}, {"fp16", 989}, {"", 0}}}, 900},
    // NVIDIA Blackwell datasheet (HGX B200, dense): FP16/BF16 2.25 PF, FP4 9 PF, NVLink5 1.8 TB/s.
    {"Hardware.Cloud.B200",
     Family::kBlackwell,
     {{{"bf16", 2250}, {"fp16", 2250}, {"fp4", 9000}}},
     1800},
    {"Hardware.Cloud.GB200_NVL72", Family::kBlackwell, {{{"", 0}, {"", 0}, {"", 0}}}, 1800},
    // AMD MI300X datasheet: FP16/BF16 1307.4 dense, Infinity Fabric 896 GB/s.
    {"Hardware.Cloud.MI300X", Family::kCdna, {{{"bf16", 1307.4}, {"fp16", 1307.4}, {"", 0}}}, 896},
    {"Hardware.Cloud.MI250X", Family::kCdna, {{{"", 0}, {"", 0}, {"", 0}}}, 0},
    // Parts added to the zoo for the validation measurements (their files cite the datasheets).
    {"Hardware.Cloud.L4", Family::kAda, {{{"bf16", 121}, {"fp16", 121}, {"", 0}}}, 0},
    {"Hardware.Cloud.MI325X", Family::kCdna, {{{"bf16", 1307.4}, {"fp16", 1307.4}, {"", 0}}}, 896},
    {"Hardware.Cloud.GH200", Family::kHopper, {{{"bf16", 989}, {"fp16", 989}, {"", 0}}}, 900},
    {"Hardware.Cloud.H800", Family::kHopper, {{{"bf16", 989}, {"fp16", 989}, {"", 0}}}, 400},
    {"Hardware.Cloud.V100", Family::kOther, {{{"", 0}, {"", 0}, {"", 0}}}, 300},
    {"Hardware.Cloud.T4", Family::kOther, {{{"", 0}, {"", 0}, {"", 0}}}, 0},
    {"Hardware.Workstation.RTX4090", Family::kAda, {{{"", 0}, {"", 0}, {"", 0}}}, 0},
}};

/// Realistic-mode architecture fields the 0.1.1 zoo entries lack, from the models' published
/// configurations (0: not applicable). They fill only what the entry leaves unset.
struct ZooModelExtra {
  std::string_view path;
  Architecture architecture;
  int kv_heads, head_dim, ffn_dim, vocab_size, max_seq_len;
};

constexpr std::array<ZooModelExtra, 7> kZooModelExtras{{
    // meta-llama/Llama-2-70b-hf config.json: GQA with 8 KV heads.
    {"Models.Language.Llama2_70B", Architecture::kTransformer, 8, 128, 28672, 32000, 4096},
    // meta-llama/Meta-Llama-3-70B and -8B config.json.
    {"Models.Language.Llama3_70B", Architecture::kTransformer, 8, 128, 28672, 128256, 8192},
    {"Models.Language.Llama3_8B", Architecture::kTransformer, 8, 128, 14336, 128256, 8192},
    // Brown et al. 2020, Table 2.1 (FFN 4 × d_model, GPT-2 BPE vocabulary).
    {"Models.Language.GPT3", Architecture::kTransformer, 0, 128, 49152, 50257, 2048},
    // Radford et al. 2019 (GPT-2 XL: 48 layers, d_model 1600, 25 heads).
    {"Models.Language.GPT2", Architecture::kTransformer, 0, 64, 6400, 50257, 1024},
    // Devlin et al. 2019: encoders, FFN 4H, WordPiece vocabulary 30522, 512 positions.
    {"Models.Language.BERT_Large", Architecture::kTransformerEncoder, 0, 64, 4096, 30522, 512},
    {"Models.Language.BERT_Base", Architecture::kTransformerEncoder, 0, 64, 3072, 30522, 512},
}};

template <Dim D>
Quantity<D> quantity(const json& v, const std::string& field) {
  if (!v.is_string()) {
    throw InputError::invalid(field, fmt::format("expected a unit string, got {}", v.dump()));
  }
  return AnyQuantity::parse(v.get<std::string>()).as<D>(field);
}

template <class T>
std::optional<T> opt(const json& o, const char* key) {
  if (!o.is_object()) return std::nullopt;
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return std::nullopt;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!it->is_boolean()) return std::nullopt;
  } else {
    if (!it->is_number()) return std::nullopt;
  }
  return it->get<T>();
}

template <Dim D>
std::optional<Quantity<D>> opt_q(const json& o, const char* key) {
  if (!o.is_object() || !o.contains(key) || o[key].is_null()) return std::nullopt;
  return quantity<D>(o[key], key);
}

/// Family of a part the zoo lacks, from its stated capabilities: FP4 tensor cores mean Blackwell,
/// an OAM module an AMD Instinct (CDNA), FP8 without FP4 Hopper (Ada when it is a PCIe card).
Family infer_family(const json& adhoc, const Accelerator& a) {
  const auto form = opt<std::string>(adhoc, "form_factor").value_or("");
  if (a.peak.count("fp4")) return Family::kBlackwell;
  if (form == "oam") return Family::kCdna;
  if (a.peak.count("fp8")) return form == "pcie" ? Family::kAda : Family::kHopper;
  return Family::kAmpere;
}

Accelerator read_hardware(const json& h, const Registry& zoo) {
  Accelerator a;
  const auto zoo_path = opt<std::string>(h, "zoo");
  if (zoo_path) {
    a = accelerator_from(*zoo.hardware(*zoo_path));
    if (h.contains("overrides") && h["overrides"].is_object()) {
      const auto& o = h["overrides"];
      if (auto c = opt_q<kData>(o, "memory_capacity")) a.memory_capacity = *c;
      if (auto b = opt_q<kBandwidth>(o, "memory_bandwidth")) a.memory_bandwidth = *b;
      if (auto t = opt_q<kPower>(o, "tdp")) a.tdp = *t;
    }
    return a;
  }
  const json& ad = h.contains("adhoc") ? h["adhoc"] : json::object();
  if (!ad.is_object() || !ad.contains("peak_tflops")) {
    throw InputError::invalid("hardware", "neither a zoo path nor adhoc.peak_tflops");
  }
  a.name = opt<std::string>(h, "name").value_or("ad-hoc accelerator");
  for (const auto& [p, v] : ad["peak_tflops"].items()) {
    std::string text = v.get<std::string>();
    if (auto pos = text.find("TOP/s"); pos != std::string::npos) text.replace(pos, 5, "TFLOP/s");
    a.peak[p] = AnyQuantity::parse(text).as<kFlopRate>("hardware.adhoc.peak_tflops");
  }
  if (auto b = opt_q<kBandwidth>(ad, "memory_bandwidth")) a.memory_bandwidth = *b;
  if (auto c = opt_q<kData>(ad, "memory_capacity")) a.memory_capacity = *c;
  a.tdp = opt_q<kPower>(ad, "tdp");
  a.scale_up_bw = opt_q<kBandwidth>(ad, "intra_node_bw");
  a.family = infer_family(ad, a);
  return a;
}

std::optional<ModelArch> read_model(const json& m) {
  if (!m.is_object()) return std::nullopt;
  ModelArch a;
  a.name = opt<std::string>(m, "name").value_or("");
  if (auto s = opt<std::string>(m, "architecture")) {
    auto arch = parse_architecture(*s);
    if (!arch) throw InputError::invalid("model.architecture", fmt::format("unknown '{}'", *s));
    a.architecture = *arch;
  }
  a.parameters = opt<double>(m, "parameters");
  a.active_parameters = opt<double>(m, "active_parameters");
  a.layers = opt<int>(m, "layers");
  a.hidden_dim = opt<int>(m, "hidden_dim");
  a.heads = opt<int>(m, "heads");
  a.kv_heads = opt<int>(m, "kv_heads");
  a.head_dim = opt<int>(m, "head_dim");
  a.ffn_dim = opt<int>(m, "ffn_dim");
  a.vocab_size = opt<int>(m, "vocab_size");
  a.max_seq_len = opt<int>(m, "max_seq_len");
  a.sliding_window = opt<int>(m, "sliding_window");
  a.experts = opt<int>(m, "experts");
  a.experts_per_token = opt<int>(m, "experts_per_token");
  a.flops_per_sample = opt<double>(m, "flops_per_sample");
  a.input_resolution = opt<int>(m, "input_resolution");
  a.latent_resolution = opt<int>(m, "latent_resolution");
  a.unet_parameters = opt<double>(m, "unet_parameters");
  a.text_encoder_parameters = opt<double>(m, "text_encoder_parameters");
  return a;
}

Tokens read_tokens(const json& t) {
  return {opt<double>(t, "mean"), opt<double>(t, "min"), opt<double>(t, "max")};
}

Scenario read_scenario(const json& s, const Registry& zoo) {
  Scenario c;
  const auto task = opt<std::string>(s, "task").value_or("");
  if (task == "train")
    c.task = Task::kTrain;
  else if (task == "infer_offline")
    c.task = Task::kInferOffline;
  else if (task == "serve")
    c.task = Task::kServe;
  else if (task == "kernel")
    c.task = Task::kKernel;
  else if (task == "reliability")
    c.task = Task::kReliability;
  else
    throw InputError::invalid("scenario.task", fmt::format("unknown task '{}'", task));
  c.dataset = opt<std::string>(s, "dataset").value_or("");
  if (s.contains("model")) {
    c.model = read_model(s["model"]);
    c.model_zoo = opt<std::string>(s["model"], "zoo");
  }
  if (s.contains("hardware")) {
    c.hardware = read_hardware(s["hardware"], zoo);
    c.hardware_zoo = opt<std::string>(s["hardware"], "zoo");
  }
  c.accelerators = opt<int>(s, "accelerators").value_or(1);
  c.nodes = opt<int>(s, "nodes");
  c.accelerators_per_node = opt<int>(s, "accelerators_per_node");
  c.intra_node_bw = opt_q<kBandwidth>(s, "intra_node_bw");
  if (!c.intra_node_bw) c.intra_node_bw = c.hardware.scale_up_bw;
  c.inter_node_bw = opt_q<kBandwidth>(s, "inter_node_bw");
  if (!c.inter_node_bw) {
    if (auto per_node = opt_q<kBandwidth>(s, "inter_node_bw_per_node")) {
      const int per = c.accelerators_per_node.value_or(8);
      c.inter_node_bw = *per_node / static_cast<double>(per);
    }
  }
  c.power_cap = opt_q<kPower>(s, "power_cap");
  if (auto p = opt<std::string>(s, "precision")) c.precision = *p;
  if (c.precision == "mixed" && s.contains("precision_components") &&
      s["precision_components"].is_array() && !s["precision_components"].empty()) {
    c.precision = s["precision_components"][0].get<std::string>();
  }
  c.precision_weights = opt<std::string>(s, "precision_weights");
  c.precision_kv_cache = opt<std::string>(s, "precision_kv_cache");
  if (s.contains("parallelism")) {
    const auto& p = s["parallelism"];
    c.tp = opt<int>(p, "tp").value_or(1);
    c.pp = opt<int>(p, "pp").value_or(1);
    c.cp = opt<int>(p, "cp").value_or(1);
    c.ep = opt<int>(p, "ep").value_or(1);
    c.vp = opt<int>(p, "vp").value_or(1);
    c.dp = opt<int>(p, "dp");
    c.replicas = opt<int>(p, "replicas");
    c.layout_stated = p.contains("tp") || p.contains("pp") || p.contains("replicas");
  }
  c.fsdp = opt<std::string>(s, "data_sharding").value_or("") == "fsdp";
  c.recompute = opt<std::string>(s, "recompute").value_or("none");
  c.sequence_parallel = opt<bool>(s, "sequence_parallel").value_or(false);
  c.lora = opt<std::string>(s, "finetune").value_or("") == "lora";
  if (s.contains("batch")) {
    const auto& b = s["batch"];
    c.global_batch = opt<double>(b, "global");
    c.micro_batch = opt<double>(b, "micro");
    c.grad_accum = opt<double>(b, "grad_accum");
    c.global_tokens = opt<double>(b, "global_tokens");
  }
  c.seq_len = opt<int>(s, "seq_len");
  c.samples_to_train = opt<double>(s, "samples_to_train");
  c.flops_convention = opt<std::string>(s, "flops_convention").value_or("");
  c.mfu_peak_tflops = opt<double>(s, "mfu_peak_tflops");
  c.static_batching = opt<std::string>(s, "batching").value_or("") == "static";
  c.engine_batch_size = opt<double>(s, "engine_batch_size");
  if (s.contains("engine_batch_size_by_component") &&
      s["engine_batch_size_by_component"].is_object()) {
    for (const auto& [k, v] : s["engine_batch_size_by_component"].items()) {
      if (v.is_number()) c.engine_batch_by_component[k] = v.get<double>();
    }
  }
  c.max_num_tokens = opt<double>(s, "max_num_tokens");
  c.mean_batch_size = opt<double>(s, "mean_batch_size");
  if (s.contains("decoding") && opt<std::string>(s["decoding"], "method").value_or("") == "beam") {
    c.beams = opt<int>(s["decoding"], "beams").value_or(1);
  }
  if (s.contains("input_tokens")) c.input_tokens = read_tokens(s["input_tokens"]);
  if (s.contains("output_tokens")) c.output_tokens = read_tokens(s["output_tokens"]);
  c.num_requests = opt<double>(s, "num_requests");
  if (s.contains("load")) {
    const auto& l = s["load"];
    c.load_mode = opt<std::string>(l, "mode").value_or("offline");
    c.arrival_rate_qps = opt<double>(l, "arrival_rate_qps");
    c.concurrency = opt<double>(l, "concurrency");
  }
  if (s.contains("slo")) {
    c.slo_ttft_ms = opt<double>(s["slo"], "ttft_p99_ms");
    c.slo_tpot_ms = opt<double>(s["slo"], "tpot_p99_ms");
    c.slo_latency_ms = opt<double>(s["slo"], "latency_p99_ms");
  }
  if (s.contains("operating_point")) {
    c.op_tokens_per_s = opt<double>(s["operating_point"], "throughput_tokens_per_s");
    c.op_samples_per_s = opt<double>(s["operating_point"], "throughput_samples_per_s");
  }
  c.output_resolution = opt<int>(s, "output_resolution");
  c.denoising_steps = opt<int>(s, "denoising_steps");
  c.unet_evals_per_step = opt<int>(s, "unet_evals_per_step");
  c.energy_scope = opt<std::string>(s, "energy_scope").value_or("");
  c.power_scope = opt<std::string>(s, "power_scope").value_or("");
  c.kernel = opt<std::string>(s, "kernel").value_or("");
  c.m = opt<double>(s, "m");
  c.n = opt<double>(s, "n");
  c.k = opt<double>(s, "k");
  c.bytes = opt<double>(s, "bytes");
  c.gpus = opt<int>(s, "gpus");
  c.nvls = opt<bool>(s, "nvls");
  c.implementation = opt<std::string>(s, "implementation").value_or("");
  c.head_dim = opt<int>(s, "head_dim");
  c.heads = opt<int>(s, "heads");
  c.batch_size = opt<int>(s, "batch_size");
  c.causal = opt<bool>(s, "causal");
  c.duration_days = opt<double>(s, "duration_days");
  c.interruption_cause = opt<std::string>(s, "interruption_cause").value_or("");
  c.gpu_hours = opt<double>(s, "gpu_hours");
  if (s.contains("unstated") && s["unstated"].is_array()) {
    for (const auto& u : s["unstated"]) {
      if (u.is_string()) c.unstated.push_back(u.get<std::string>());
    }
  }
  return c;
}

}  // namespace

Accelerator accelerator_from(const Hardware& hw) {
  Accelerator a;
  a.name = hw.name();
  a.peak["fp16"] = hw.compute.peak_flops.q;
  for (const auto& [p, v] : hw.compute.precision_flops) a.peak[p] = v.q;
  a.memory_bandwidth = hw.memory.bandwidth.q;
  a.memory_capacity = hw.memory.capacity.q;
  if (hw.tdp) a.tdp = hw.tdp->q;
  for (const auto& x : kZooExtras) {
    if (x.path != hw.info.path) continue;
    a.family = x.family;
    for (const auto& [p, v] : x.peak_tflops) {
      if (!p.empty()) a.peak[std::string(p)] = v * TFLOP_per_s;
    }
    if (x.scale_up_gbs > 0) a.scale_up_bw = x.scale_up_gbs * GB_per_s;
  }
  return a;
}

ModelArch arch_from(const Workload& w) {
  // An imported configuration (realistic/hf_config.hpp) carries every field already.
  if (w.architecture_detail) return *w.architecture_detail;
  ModelArch a;
  a.name = w.name();
  switch (w.kind) {
    case WorkloadKind::kSparseTransformer:
      a.architecture = Architecture::kMoeTransformer;
      break;
    case WorkloadKind::kCnn:
      a.architecture = Architecture::kCnn;
      break;
    case WorkloadKind::kDiffusion:
      a.architecture = Architecture::kDiffusion;
      break;
    default:
      a.architecture = Architecture::kTransformer;
      break;
  }
  a.parameters = w.parameters;
  a.active_parameters = w.active_parameters;
  a.layers = w.layers;
  a.hidden_dim = w.hidden_dim;
  a.heads = w.heads;
  a.kv_heads = w.kv_heads;
  a.experts = w.experts;
  a.experts_per_token = w.active_experts_per_token;
  // The 0.1.1 zoo states CNN inference cost in multiply-accumulates; FLOPs = 2 × MACs.
  if (w.inference_flops) a.flops_per_sample = 2.0 * w.inference_flops->q.in(FLOP);
  for (const auto& x : kZooModelExtras) {
    if (x.path != w.info.path) continue;
    a.architecture = x.architecture;
    auto fill = [](std::optional<int>& f, int v) {
      if (!f && v > 0) f = v;
    };
    fill(a.kv_heads, x.kv_heads);
    fill(a.head_dim, x.head_dim);
    fill(a.ffn_dim, x.ffn_dim);
    fill(a.vocab_size, x.vocab_size);
    fill(a.max_seq_len, x.max_seq_len);
  }
  return a;
}

std::vector<Record> read_records(const std::string& path, const Registry& zoo) {
  std::ifstream in(path);
  if (!in) throw InputError("input.invalid", "FILE", fmt::format("cannot open '{}'", path));
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception& e) {
    throw InputError("input.malformed", "FILE", fmt::format("{}: {}", path, e.what()));
  }
  if (!doc.is_array()) {
    throw InputError("input.malformed", "FILE",
                     fmt::format("{}: expected a JSON list of records", path));
  }
  std::vector<Record> out;
  out.reserve(doc.size());
  for (const auto& r : doc) {
    Record rec;
    rec.id = opt<std::string>(r, "id").value_or("");
    rec.group = opt<std::string>(r, "group").value_or(rec.id);
    rec.category = opt<std::string>(r, "category").value_or("");
    if (r.contains("target") && r["target"].is_object()) {
      rec.metric = opt<std::string>(r["target"], "metric");
      rec.measured = opt<double>(r["target"], "value");
    }
    try {
      rec.scenario = read_scenario(r.value("scenario", json::object()), zoo);
    } catch (const Error& e) {
      rec.why_not = fmt::format("scenario not readable: {}", e.what());
    } catch (const json::exception& e) {
      rec.why_not = fmt::format("scenario not readable: {}", e.what());
    }
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace mlsysim::realistic
