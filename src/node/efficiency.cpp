#include "mlsysim/node/efficiency.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "mlsysim/core/constants.hpp"
#include "mlsysim/core/precision.hpp"

namespace mlsysim::node {

using namespace units;

namespace {
constexpr double kReferenceEfficiency = 0.5;    // the efficiency the MFU table is calibrated at
constexpr double kMfuTrainingLow = 0.30;        // MFU_TRAINING_LOW: plain attention, other kernels
constexpr double kMfuTrainingHigh = 0.50;       // MFU_TRAINING_HIGH: FFN GEMMs
constexpr double kMfuFlashAttention = 0.75;     // MFU_FLASH_ATTENTION
constexpr double kMfuFlashAttentionCap = 0.85;  // MFU_FLASH_ATTENTION_CAP
constexpr double kMfuFfnCap = 0.60;             // MFU_FFN_CAP
constexpr double kMfuConvCap = 0.55;            // MFU_CONV_CAP
}  // namespace

EfficiencyResult efficiency(const EfficiencyInputs& in) {
  check_required(in);
  check_bounds(in);
  const Hardware& hw = *in.hardware;
  EfficiencyResult r;
  precision_warnings(hw, in.precision, /*uses_width=*/false, r.warnings);
  const FlopRate peak = peak_flops(hw, in.precision).q;

  // Every kernel type's MFU scales linearly with the efficiency, relative to 0.5.
  const double scale = in.efficiency / kReferenceEfficiency;
  double eta = 0.0;
  if (in.workload_type == "attention") {
    eta = in.use_flash_attention ? std::min(kMfuFlashAttention * scale, kMfuFlashAttentionCap)
                                 : kMfuTrainingLow * scale;  // O(S²) reads: memory-bound
  } else if (in.workload_type == "ffn") {
    eta = std::min(kMfuTrainingHigh * scale, kMfuFfnCap);
  } else if (in.workload_type == "conv") {
    eta = std::min((kMfuTrainingLow + kMfuTrainingHigh) / 2.0 * scale, kMfuConvCap);
  } else {
    eta = kMfuTrainingLow * scale;
    detail::note(r.warnings,
                 "workload_type '{}' is not attention, ffn or conv; using the default base MFU {} "
                 "(uncapped), as the reference does",
                 in.workload_type, kMfuTrainingLow);
  }
  eta = std::max(0.0, std::min(eta, 1.0));

  // The overhead 1 - η splits into SM occupancy loss and memory stall (the remainder).
  const double occupancy_loss = 1.0 - std::min(in.efficiency * constants::kHfuMfuRatio, 1.0);
  const double memory_stall = std::max(0.0, (1.0 - eta) - occupancy_loss);

  r.mfu = eta;
  r.achievable_flops = peak * eta;
  r.peak_flops = peak;
  r.workload_type = in.workload_type;
  r.use_flash_attention = in.use_flash_attention;
  r.overhead_breakdown = {{"occupancy_loss", occupancy_loss}, {"memory_stall", memory_stall}};
  return r;
}

}  // namespace mlsysim::node
