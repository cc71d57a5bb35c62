// SensitivitySolver — which hardware parameter binds? (Wall 21 Sensitivity.)
//
//   auto zoo = Registry::builtin();
//   auto r = analysis::sensitivity({.model = zoo->model("Llama3_8B"),
//                                   .hardware = zoo->hardware("H100")});
//   r.binding_constraint;   // "memory_bandwidth"
//   r.bw_sensitivity;       // -0.085555: 10 % more bandwidth cuts the latency by 8.6 %
//
// Each knob (peak FLOP/s, memory bandwidth, memory capacity) is scaled by 1 + pct/100 and the
// Engine re-solved: s = (T_knob − T0) / T0. The binding constraint has the largest |s|.
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::analysis {

struct SensitivityInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;
  std::string precision = "fp16";
  double perturbation_pct = 10.0;  ///< in percent: 10 scales each knob by 1.10
  double efficiency = 0.5;
  int batch_size = 1;  ///< extension of the seed's API; 1 is the reference's behaviour
};

/// The reference's SensitivityResult, plus the seed's per-knob accessors.
struct SensitivityResult {
  std::vector<std::string> constraint_trace;
  std::vector<std::pair<std::string, double>> sensitivities;  ///< knob → relative change
  std::string binding_constraint;
  units::Seconds baseline_latency;
  double perturbation_pct = 0.0;
  double flops_sensitivity = 0.0;     ///< sensitivities["peak_flops"]
  double bw_sensitivity = 0.0;        ///< sensitivities["memory_bandwidth"]
  double capacity_sensitivity = 0.0;  ///< sensitivities["memory_capacity"]
  std::vector<std::string> warnings;
};

/// SensitivitySolver.solve. Throws InputError for bad inputs (Engine's checks included).
[[nodiscard]] SensitivityResult sensitivity(const SensitivityInputs& in);

}  // namespace mlsysim::analysis

namespace mlsysim {

template <>
struct Describe<analysis::SensitivityInputs> {
  static constexpr auto fields() {
    using I = analysis::SensitivityInputs;
    return std::tuple{
        field("model", &I::model, "the workload", {.required = true}),
        field("hardware", &I::hardware, "the accelerator whose parameters are perturbed",
              {.required = true}),
        field("precision", &I::precision, "numeric precision (as for Engine)"),
        field("perturbation_pct", &I::perturbation_pct,
              "the step, in percent: 10 scales each parameter by 1.10 (0.1 is a 0.1 % step)",
              {.min = -100.0, .min_open = true}),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute (η)",
              {.min = 1e-9, .max = 1.0}),
        field("batch_size", &I::batch_size,
              "samples per step passed to the Engine (1, the reference's behaviour, by default)",
              {.min = 1}),
    };
  }
};

template <>
struct Describe<analysis::SensitivityResult> {
  static constexpr auto fields() {
    using R = analysis::SensitivityResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "the binding constraint, in words"),
        field("sensitivities", &R::sensitivities,
              "relative latency change per parameter: peak_flops, memory_bandwidth, "
              "memory_capacity (negative: the increase helps)"),
        field("binding_constraint", &R::binding_constraint,
              "the parameter with the largest |sensitivity| (ties: the first in that order)"),
        field("baseline_latency", &R::baseline_latency, ms, "Engine latency before perturbing"),
        field("perturbation_pct", &R::perturbation_pct, "the step in percent (echo)"),
        field("flops_sensitivity", &R::flops_sensitivity, "sensitivities['peak_flops']"),
        field("bw_sensitivity", &R::bw_sensitivity, "sensitivities['memory_bandwidth']"),
        field("capacity_sensitivity", &R::capacity_sensitivity, "sensitivities['memory_capacity']"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
