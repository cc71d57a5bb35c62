// SynthesisSolver — what hardware does a latency target require? (Wall 22 Synthesis.)
//
//   auto zoo = Registry::builtin();
//   auto r = analysis::synthesis({.model = zoo->model("Llama3_8B"),
//                                 .target_latency = 50.0 * units::ms});
//   r.required_bw.in(units::TB_per_s);         // 0.3212: stream 16.06 GB of weights in 50 ms
//   r.required_flops.in(units::TFLOP_per_s);   // 0.6424: 16.06 GFLOP at η = 0.5
//
// The inverse roofline (batch 1, weights streamed once, no overheads): BW = W / T,
// FLOP/s = ops·B / (T·η), memory = W.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::analysis {

struct SynthesisInputs {
  std::shared_ptr<const Workload> model;
  std::optional<units::Seconds> target_latency;  ///< required
  std::string precision = "fp16";
  double efficiency = 0.5;
  int batch_size = 1;  ///< extension of the seed's API: ops × B, weights read once
};

/// The reference's SynthesisResult.
struct SynthesisResult {
  std::vector<std::string> constraint_trace;
  units::Bandwidth required_bw;
  units::FlopRate required_flops;
  units::Bytes required_memory;
  units::Intensity compute_memory_ratio;
  units::Seconds target_latency;
  units::Bytes model_size;
  units::Flops total_ops;
  std::vector<std::string> warnings;
};

/// SynthesisSolver.solve. Throws InputError for bad inputs.
[[nodiscard]] SynthesisResult synthesis(const SynthesisInputs& in);

}  // namespace mlsysim::analysis

namespace mlsysim {

template <>
struct Describe<analysis::SynthesisInputs> {
  static constexpr auto fields() {
    using I = analysis::SynthesisInputs;
    using namespace units;
    return std::tuple{
        field("model", &I::model, "the workload", {.required = true}),
        field("target_latency", &I::target_latency, ms,
              "the latency to meet (e.g. '50 ms'); must not be 0 (a negative target is accepted "
              "with a warning, as in the reference)",
              {.required = true}),
        field("precision", &I::precision,
              "numeric precision: bytes per weight (unknown keys count as 2 bytes)"),
        field("efficiency", &I::efficiency, "achievable fraction of peak compute (η)",
              {.min = 0.0, .max = 1.0, .min_open = true}),
        field("batch_size", &I::batch_size,
              "samples per step: multiplies the compute, not the weights (1, the reference's "
              "behaviour, by default)",
              {.min = 1}),
    };
  }
};

template <>
struct Describe<analysis::SynthesisResult> {
  static constexpr auto fields() {
    using R = analysis::SynthesisResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "the requirement, in words"),
        field("required_bw", &R::required_bw, GB_per_s,
              "memory bandwidth that streams the weights once within the target"),
        field("required_flops", &R::required_flops, TFLOP_per_s,
              "peak compute that finishes the work within the target at efficiency η"),
        field("required_memory", &R::required_memory, GB, "memory that holds the weights"),
        field("compute_memory_ratio", &R::compute_memory_ratio, FLOP_per_B,
              "required FLOP/s per required byte/s: the ridge point the device should have"),
        field("target_latency", &R::target_latency, ms, "the target (echo)"),
        field("model_size", &R::model_size, GB, "weights at the precision"),
        field("total_ops", &R::total_ops, FLOP, "operations per step (x batch_size)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
