// Calibration — the realistic layer's few free parameters: achieved-ceiling fractions, per-step
// overheads, power and failure rates. Each has a prior (the physics' default, with its source), a
// scope (device family × precision × workload class at most) and, once fitted, the records it
// was fitted on. Nothing is keyed on a record, a benchmark, a source or a model name.
//
//   auto cal = realistic::Calibration::builtin();          // data/realistic/calibration.yaml
//   cal.at(realistic::Param::kHbmEfficiency);                // 0.86
//   auto mine = realistic::Calibration::load("calibration.yaml");   // `mlsysim calibrate` output
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlsysim::realistic {

enum class Param : std::size_t {
  kGemm16,             ///< dense GEMM, 16-bit, fraction of peak (NVIDIA)
  kGemm8,              ///< dense GEMM, fp8/int8
  kGemm4,              ///< dense GEMM, fp4
  kCdnaGemm,           ///< AMD CDNA GEMM ceiling relative to the NVIDIA fraction
  kGemmHalfDim,        ///< GEMM size (cube root of m·n·k) at which half the ceiling is reached
  kHbm,                ///< achieved HBM bandwidth / peak
  kNvlink,             ///< all-reduce bus bandwidth / unidirectional scale-up link
  kNvlsGain,           ///< NVLink SHARP (in-switch reduction) gain on bus bandwidth
  kNic,                ///< achieved scale-out bandwidth / NIC line rate
  kAttention,          ///< fused attention kernel / GEMM ceiling, on its target generation
  kAttentionLegacy,    ///< an Ampere-generation kernel (FlashAttention-2) on Hopper or later
  kPrefill16,          ///< LLM prefill / GEMM ceiling, 16-bit
  kPrefill8,           ///< LLM prefill / GEMM ceiling, 8-bit and 4-bit
  kLayerOverhead,      ///< decode: per layer per step (s): launches, norms, sampling
  kStepOverhead,       ///< decode: per step (s): scheduler, batch assembly
  kSeqOverhead,        ///< decode: per sequence per step (s): host-side scheduling, sampling
  kKvRead,             ///< decode attention: achieved KV-cache read bandwidth / achieved HBM
  kCollectiveLatency,  ///< one small all-reduce (s)
  kTrain16,            ///< training / GEMM ceiling, 16-bit
  kTrain8,             ///< training / GEMM ceiling, fp8
  kExposedTp,          ///< share of tensor-parallel communication left on the critical path
  kExposedDp,          ///< share of data-parallel gradient reduction not hidden by backward
  kQueueSteps,         ///< serving: decode steps a new request waits before its prefill runs
  kSloTail,
  kTtftTail,  ///< serving: p99 / mean time to first token under Poisson load            ///<
              ///< serving: p99 / mean step time under Poisson load
  kPoissonThroughput,  ///< serving: throughput under an SLO relative to offline
  kEncoder,            ///< encoder (BERT) inference / GEMM ceiling at the stated sequence length
  kCnn,                ///< CNN inference / GEMM ceiling
  kDiffusion,          ///< diffusion denoiser / GEMM ceiling
  kIdlePower,
  kMemoryPower,      ///< power of a memory-bound step relative to a compute-bound one          ///<
                     ///< accelerator idle power / TDP
  kHostPower,        ///< host power per node (W): CPUs, fans, NICs, PSU losses
  kFailureRate,      ///< job interruptions per accelerator-day, all causes
  kUnexpectedShare,  ///< unexpected share of interruptions
  kGpuShare,         ///< faulty-GPU share of unexpected interruptions
  kHbmShare,         ///< HBM share of unexpected interruptions
  kCount
};

inline constexpr std::size_t kParamCount = static_cast<std::size_t>(Param::kCount);

/// What a parameter is: its YAML name, unit, scope, prior and bounds, and the prior's source.
struct ParamInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view scope;
  double prior;
  double lo, hi;
  std::string_view source;
};

[[nodiscard]] const ParamInfo& info(Param p);

/// A multiplicative prediction band for one category: the measured value is expected in
/// [predicted·low, predicted·high] (from leave-one-group-out residual quantiles).
struct Band {
  double low = 1.0;
  double high = 1.0;
};

class Calibration {
 public:
  /// Every parameter at its prior; no bands.
  Calibration();

  /// The shipped calibration (data/realistic/calibration.yaml, embedded at build time).
  [[nodiscard]] static const Calibration& builtin();
  /// The calibration the realistic resolvers use (`--calibration`; default: builtin()).
  [[nodiscard]] static const Calibration& active();
  /// Makes `c` the active calibration (the CLI's `--calibration`, Python's `calibration=`).
  static void set_active(Calibration c);

  /// Reads a calibration YAML file; unknown parameter names are an input error.
  [[nodiscard]] static Calibration load(const std::string& path);
  [[nodiscard]] static Calibration parse(std::string_view yaml_text, const std::string& origin);
  /// The YAML text `load` reads back (round trip).
  [[nodiscard]] std::string to_yaml() const;

  [[nodiscard]] double at(Param p) const { return values_[static_cast<std::size_t>(p)]; }
  void set(Param p, double v) { values_[static_cast<std::size_t>(p)] = v; }
  [[nodiscard]] const std::array<double, kParamCount>& values() const { return values_; }

  /// Records each parameter was fitted on (ids); empty when it is at its prior.
  std::array<std::vector<std::string>, kParamCount> provenance;
  /// Prediction bands per prediction class (band_class in predict.hpp).
  std::map<std::string, Band> bands;
  /// Leave-one-group-out summary the bands came from (for humans): median |error| etc.
  std::map<std::string, double> logo_summary;
  std::string fitted_on;  ///< the file the fit read

 private:
  std::array<double, kParamCount> values_{};
};

}  // namespace mlsysim::realistic
