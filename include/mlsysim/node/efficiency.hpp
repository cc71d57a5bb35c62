// EfficiencyModel — how much of peak compute the software reaches (Wall 3 Software).
//
//   auto zoo = Registry::builtin();
//   auto r = node::efficiency({.model = zoo->model("Llama3_8B"), .hardware = zoo->hardware("H100"),
//                              .workload_type = "attention", .use_flash_attention = true});
//   r.mfu;                                    // 0.75
//   r.achievable_flops.in(units::TFLOP_per_s);  // 741.75
//
// A heuristic by dominant kernel type, scaled by efficiency / 0.5: FFN GEMMs reach 0.50 (capped at
// 0.60), convolutions 0.40 (cap 0.55), FlashAttention 0.75 (cap 0.85), plain attention and
// anything else 0.30 (no cap). The gap to 1 is split into SM occupancy loss, 1 - min(1.1·η, 1),
// and memory stall, the rest.
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::node {

struct EfficiencyInputs {
  std::shared_ptr<const Workload> model;  ///< required, as in the reference, but not used
  std::shared_ptr<const Hardware> hardware;
  std::string workload_type = "ffn";
  bool use_flash_attention = false;
  std::string precision = "fp16";
  double efficiency = 0.5;
};

/// The reference's EfficiencyResult.
struct EfficiencyResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  double mfu = 0.0;
  units::FlopRate achievable_flops;
  units::FlopRate peak_flops;
  std::string workload_type;
  bool use_flash_attention = false;
  /// {"occupancy_loss": x, "memory_stall": y}, fractions of peak.
  std::vector<std::pair<std::string, double>> overhead_breakdown;
  std::vector<std::string> warnings;
};

/// EfficiencyModel.solve. Throws InputError for bad inputs.
[[nodiscard]] EfficiencyResult efficiency(const EfficiencyInputs& in);

}  // namespace mlsysim::node

namespace mlsysim {

template <>
struct Describe<node::EfficiencyInputs> {
  static constexpr auto fields() {
    using I = node::EfficiencyInputs;
    return std::tuple{
        field("model", &I::model,
              "the workload (required by the reference's signature; the heuristic does not read "
              "it)",
              {.required = true}),
        field("hardware", &I::hardware, "the accelerator whose peak is scaled", {.required = true}),
        field("workload_type", &I::workload_type,
              "dominant kernel type: attention, ffn or conv (anything else gets the default 0.30 "
              "base)"),
        field("use_flash_attention", &I::use_flash_attention,
              "FlashAttention kernels (only changes the attention type)"),
        field("precision", &I::precision,
              "numeric precision selecting the device's peak (unlisted ones use the default "
              "peak)"),
        field("efficiency", &I::efficiency,
              "base compute efficiency; the MFU scales with efficiency / 0.5 (values above 1 are "
              "accepted, as in the reference)",
              {.min = 0.0}),
    };
  }
};

template <>
struct Describe<node::EfficiencyResult> {
  static constexpr auto fields() {
    using R = node::EfficiencyResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("mfu", &R::mfu, "achievable model FLOPs utilization, in [0, 1]"),
        field("achievable_flops", &R::achievable_flops, TFLOP_per_s, "peak x mfu"),
        field("peak_flops", &R::peak_flops, TFLOP_per_s, "the device's peak at the precision"),
        field("workload_type", &R::workload_type, "the kernel type, echoed"),
        field("use_flash_attention", &R::use_flash_attention, "the FlashAttention flag, echoed"),
        field("overhead_breakdown", &R::overhead_breakdown,
              "occupancy_loss = 1 - min(1.1 efficiency, 1); memory_stall = max(0, 1 - mfu - "
              "occupancy_loss)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
