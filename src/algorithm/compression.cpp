#include "mlsysim/algorithm/compression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/checks.hpp"
#include "core/text.hpp"
#include "mlsysim/core/formulas.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::algorithm {

using namespace units;

namespace {
constexpr double kBaselineBits = 32.0;       // the FP32 model every method starts from
constexpr double kBaselineBytes = 4.0;       // bytes per FP32 parameter
constexpr double kFullPruningRatio = 100.0;  // the ratio the reference caps sparsity 1 at

/// The reference's accuracy heuristic for b-bit weights: FP16 and wider are free, INT8 costs
/// 0.2 %, any other width from 4 to 15 bits costs 2.5 % (the reference's INT4 figure), below 4
/// bits 5 %.
double quantization_accuracy_delta(double bits) {
  if (bits >= 16.0) return 0.0;
  if (bits == 8.0) return -0.002;
  if (bits >= 4.0) return -0.025;
  return -0.05;
}

/// Accuracy heuristic for pruning a fraction s: 0.1 % up to half the weights, then −1 %·e^{2s}.
double pruning_accuracy_delta(double sparsity) {
  return sparsity <= 0.5 ? -0.001 : -0.01 * std::exp(2.0 * sparsity);
}
}  // namespace

CompressionResult compression(const CompressionInputs& in) {
  check_required(in);
  check_bounds(in);
  if (in.sparsity_type != "unstructured" && in.sparsity_type != "structured" &&
      in.sparsity_type != "n_m") {
    throw InputError::invalid(
        "sparsity_type",
        fmt::format("'{}' is not a pruning pattern; expected unstructured, structured or n_m",
                    in.sparsity_type));
  }
  const Hardware& hw = *in.hardware;
  // The FP32 baseline, lowered as the roofline sees it (for a size-only workload the weights are
  // its declared size).
  const ComputationGraph fp32 = lower(*in.model, kBaselineBytes, "model");
  CompressionResult r;
  r.original_size_gb = fp32.weight_bytes;
  double ratio = 1.0;

  if (in.method == "quantization") {
    const double bits = in.target_bitwidth;
    ratio = kBaselineBits / bits;
    r.estimated_accuracy_delta = quantization_accuracy_delta(bits);
    const FlopRate peak = hw.compute.peak_flops.q;
    detail::require_positive(peak, TFLOP_per_s, "hardware", "the peak", hw.name(),
                             "the regime test divides by it");
    detail::require_positive(hw.memory.bandwidth.q, GB_per_s, "hardware", "the memory bandwidth",
                             hw.name(), "the regime test divides by it");
    const formulas::Roofline regime =
        formulas::bottleneck(fp32.total_ops, fp32.weight_bytes, peak, hw.memory.bandwidth.q);
    if (regime.bound == formulas::Bound::kMemory) {
      r.inference_speedup = ratio;  // every byte not moved is time saved
    } else {
      // Compute-bound: the gain is the device's narrower-precision peak, if it lists one.
      const std::string key = fmt::format("{}{}", bits <= 8.0 ? "int" : "fp", bits);
      if (const auto* narrow = hw.compute.find(key)) {
        r.inference_speedup = std::min((narrow->q / peak).value(), ratio);
      } else {
        r.inference_speedup = 1.0;
        detail::note(r.warnings,
                     "the FP32 model is compute-bound on {} and it lists no '{}' peak: no speed-up",
                     hw.name(), key);
      }
    }
  } else if (in.method == "pruning") {
    const double s = in.sparsity;
    ratio = s < 1.0 ? 1.0 / (1.0 - s) : kFullPruningRatio;
    r.estimated_accuracy_delta = pruning_accuracy_delta(s);
    if (in.sparsity_type == "structured") {
      r.inference_speedup = ratio;  // whole channels/heads removed: dense kernels shrink
    } else if (in.sparsity_type == "n_m") {
      // 2:4 sparse tensor cores double throughput, but only near 50 % sparsity.
      r.inference_speedup = std::abs(s - 0.5) < 0.05 ? 2.0 : 1.0;
    }
  } else {
    detail::note(
        r.warnings,
        "method '{}' is not modelled (quantization or pruning): the model is left unchanged, as "
        "in the reference",
        in.method);
  }

  r.compression_ratio = ratio;
  r.compressed_size_gb = r.original_size_gb / ratio;
  r.memory_savings_pct = (1.0 - 1.0 / ratio) * 100.0;
  return r;
}

}  // namespace mlsysim::algorithm
