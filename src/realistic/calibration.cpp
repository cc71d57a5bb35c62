#include "mlsysim/realistic/calibration.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "mlsysim/core/error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::realistic {

// Defined in the generated embedded_realistic.cpp (cmake/embed_files.cmake): data/realistic/*.yaml.
const std::vector<RegistrySource>& embedded_realistic_sources();

namespace {

// Priors: the value the physics uses before any fit, with its source. Bounds keep a fit physical.
constexpr std::array<ParamInfo, kParamCount> kInfo{{
    {"gemm_16", "fraction", "NVIDIA × bf16/fp16/tf32 × all", 0.80, 0.3, 1.0,
     "assumed: large cuBLAS GEMMs typically reach ~80 % of the dense peak"},
    {"gemm_8", "fraction", "NVIDIA × fp8/int8 × all", 0.70, 0.3, 1.0,
     "assumed: FP8 GEMMs reach a lower fraction of their doubled peak"},
    {"gemm_4", "fraction", "NVIDIA × fp4 × all", 0.65, 0.2, 1.0,
     "assumed below fp8 (scale-factor overhead)"},
    {"cdna_gemm", "ratio", "AMD CDNA × all × all", 0.65, 0.3, 1.2,
     "assumed: MI300-class GEMMs reach a smaller share of the datasheet peak"},
    {"gemm_half_dim", "elements", "all", 200, 10, 4000, "GEMM wave quantization, assumed"},
    {"hbm", "fraction", "all × memory", 0.85, 0.5, 1.0,
     "assumed: large device copies reach 80-90 % of the HBM peak"},
    {"nvlink", "fraction", "scale-up link × all-reduce", 0.78, 0.3, 1.2,
     "assumed: nccl-tests bus bandwidth ~75-80 % of the link"},
    {"nvls_gain", "ratio", "NVSwitch with SHARP × all-reduce", 1.35, 1.0, 2.0,
     "assumed: in-switch reduction halves the data each GPU sends"},
    {"nic", "fraction", "scale-out NIC × all-reduce", 0.75, 0.3, 1.0,
     "assumed: scale-out all-reduce reaches ~75 % of line rate"},
    {"attention", "ratio", "fused attention × target generation", 0.75, 0.3, 1.2,
     "assumed: fused attention kernels reach 60-75 % of the GEMM rate"},
    {"attention_legacy", "ratio", "FlashAttention-2 × Hopper or later", 0.5, 0.2, 1.2,
     "FlashAttention-3 paper: FA2 reaches ~35 % of H100 peak"},
    {"prefill_16", "ratio", "16-bit × LLM prefill", 0.75, 0.2, 1.2, "assumed"},
    {"prefill_8", "ratio", "8/4-bit × LLM prefill", 0.6, 0.2, 1.2, "assumed"},
    {"layer_overhead", "s", "all × LLM decode", 15e-6, 1e-6, 2e-4,
     "assumed: kernel launches and small ops per layer"},
    {"step_overhead", "s", "all × LLM decode", 1e-3, 1e-5, 2e-2, "scheduler per step, assumed"},
    {"seq_overhead", "s", "all × LLM decode", 10e-6, 1e-7, 5e-4,
     "assumed: host-side scheduling per running sequence"},
    {"kv_read", "ratio", "all × LLM decode attention", 0.8, 0.1, 1.2,
     "assumed: decode attention reads the KV cache below the copy bandwidth"},
    {"collective_latency", "s", "all", 10e-6, 1e-6, 1e-4,
     "assumed: small-message all-reduce latency"},
    {"train_16", "ratio", "16-bit × training", 0.7, 0.2, 1.2,
     "assumed: Megatron-class MFU over the GEMM ceiling"},
    {"train_8", "ratio", "fp8 × training", 0.55, 0.2, 1.2,
     "assumed: FP8 training gains less than the doubled peak"},
    {"exposed_tp", "fraction", "all × training", 0.5, 0.0, 1.0, "assumed"},
    {"exposed_dp", "fraction", "all × training", 0.2, 0.0, 1.0, "assumed"},
    {"queue_steps", "steps", "all × serving", 1.5, 0.2, 6.0,
     "half a step of residual wait + the step the prefill joins"},
    {"slo_tail", "ratio", "all × serving", 1.3, 1.0, 4.0, "assumed p99/mean of a decode step"},
    {"ttft_tail", "ratio", "all × serving", 3.0, 1.0, 10.0,
     "p99/mean of an exponential-tailed wait (M/M/1: ln 100 ≈ 4.6), assumed"},
    {"poisson_throughput", "ratio", "all × serving", 0.9, 0.5, 1.0,
     "assumed: Poisson arrivals cost ~10 % of offline throughput"},
    {"encoder", "ratio", "encoder × inference", 0.6, 0.1, 2.0, "assumed"},
    {"cnn", "ratio", "CNN × all", 0.5, 0.05, 1.5, "assumed"},
    {"diffusion", "ratio", "diffusion × inference", 0.4, 0.05, 1.5, "assumed"},
    {"idle_power", "fraction", "all × power", 0.2, 0.05, 0.6,
     "assumed: idle board power ~20 % of TDP"},
    {"memory_power", "ratio", "all × power", 0.5, 0.1, 1.0,
     "assumed: memory-bound steps draw about half the dynamic power"},
    {"host_power", "W", "per node × power", 1800, 200, 5000,
     "DGX H100 datasheet: ~10.2 kW maximum system power, minus 8 × 700 W of GPUs"},
    {"failure_rate", "1/(accelerator·day)", "all × reliability", 5e-4, 1e-5, 1e-2,
     "assumed: order of magnitude of published large-cluster failure rates"},
    {"unexpected_share", "fraction", "all × reliability", 0.8, 0.1, 1.0, "assumed"},
    {"gpu_share", "fraction", "all × reliability", 0.3, 0.01, 1.0, "assumed"},
    {"hbm_share", "fraction", "all × reliability", 0.15, 0.01, 1.0, "assumed"},
}};

}  // namespace

const ParamInfo& info(Param p) { return kInfo[static_cast<std::size_t>(p)]; }

Calibration::Calibration() {
  for (std::size_t i = 0; i < kParamCount; ++i) values_[i] = kInfo[i].prior;
}

const Calibration& Calibration::builtin() {
  static const Calibration cal = [] {
    constexpr std::string_view kFile = "data/realistic/calibration.yaml";
    for (const auto& src : embedded_realistic_sources()) {
      if (src.file == kFile) return parse(src.text, std::string(kFile));
    }
    return Calibration{};  // a build without the file computes at the priors
  }();
  return cal;
}

namespace {
std::shared_ptr<const Calibration>& active_slot() {
  static std::shared_ptr<const Calibration> slot;
  return slot;
}
}  // namespace

const Calibration& Calibration::active() {
  const auto& slot = active_slot();
  return slot ? *slot : builtin();
}

void Calibration::set_active(Calibration c) {
  active_slot() = std::make_shared<const Calibration>(std::move(c));
}

Calibration Calibration::load(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw InputError("input.invalid", "--calibration", fmt::format("cannot open '{}'", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

Calibration Calibration::parse(std::string_view text, const std::string& origin) {
  Calibration cal;
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw InputError("input.malformed", "--calibration", fmt::format("{}: {}", origin, e.what()));
  }
  if (!doc.IsMap()) return cal;
  try {
    if (doc["fitted_on"]) cal.fitted_on = doc["fitted_on"].as<std::string>();
    if (const auto ps = doc["parameters"]; ps && ps.IsMap()) {
      for (const auto& kv : ps) {
        const auto name = kv.first.as<std::string>();
        std::size_t i = 0;
        while (i < kParamCount && kInfo[i].name != name) ++i;
        if (i == kParamCount) {
          throw InputError("input.unknown_field", "--calibration",
                           fmt::format("{}: unknown parameter '{}'", origin, name));
        }
        const double v = kv.second["value"].as<double>();
        if (!(v >= kInfo[i].lo && v <= kInfo[i].hi)) {
          throw InputError::out_of_range(std::string(name),
                                         fmt::format("in [{}, {}]", kInfo[i].lo, kInfo[i].hi),
                                         fmt::format("{}", v));
        }
        cal.values_[i] = v;
        if (const auto r = kv.second["records"]; r && r.IsSequence()) {
          for (const auto& id : r) cal.provenance[i].push_back(id.as<std::string>());
        }
      }
    }
    if (const auto bs = doc["bands"]; bs && bs.IsMap()) {
      for (const auto& kv : bs) {
        cal.bands[kv.first.as<std::string>()] = {kv.second["low"].as<double>(),
                                                 kv.second["high"].as<double>()};
      }
    }
    if (const auto ls = doc["logo"]; ls && ls.IsMap()) {
      for (const auto& kv : ls)
        cal.logo_summary[kv.first.as<std::string>()] = kv.second.as<double>();
    }
  } catch (const YAML::Exception& e) {
    throw InputError("input.malformed", "--calibration", fmt::format("{}: {}", origin, e.what()));
  }
  return cal;
}

std::string Calibration::to_yaml() const {
  std::string out =
      "# mlsysim realistic-mode calibration (written by `mlsysim calibrate`).\n"
      "# Each parameter: fitted value, unit, scope, prior and its source, and the records whose\n"
      "# measurements moved it (least squares on log error, docs/realistic.md).\n";
  if (!fitted_on.empty()) out += fmt::format("fitted_on: {}\n", fitted_on);
  out += "parameters:\n";
  for (std::size_t i = 0; i < kParamCount; ++i) {
    const auto& p = kInfo[i];
    out += fmt::format("  {}:\n    value: {:.6g}\n    unit: \"{}\"\n    scope: \"{}\"\n", p.name,
                       values_[i], p.unit, p.scope);
    out += fmt::format("    prior: {:.6g}\n    source: \"{}\"\n", p.prior, p.source);
    out += "    records: [";
    for (std::size_t j = 0; j < provenance[i].size(); ++j) {
      out += fmt::format("{}{}", j ? ", " : "", provenance[i][j]);
    }
    out += "]\n";
  }
  if (!bands.empty()) {
    out +=
        "# Prediction bands per prediction class (band_class: kernel, training, llm_latency, "
        "...):\n"
        "# measured / predicted quantiles of leave-one-group-out"
        " residuals, widened to cover at least 90 % of them.\nbands:\n";
    for (const auto& [cat, b] : bands) {
      out += fmt::format("  {}: {{low: {:.4g}, high: {:.4g}}}\n", cat, b.low, b.high);
    }
  }
  if (!logo_summary.empty()) {
    out += "logo:\n";
    for (const auto& [k, v] : logo_summary) out += fmt::format("  {}: {:.4g}\n", k, v);
  }
  return out;
}

}  // namespace mlsysim::realistic
