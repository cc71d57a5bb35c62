// CompressionModel — quantization and pruning: model size, memory savings, speed-up and a
// heuristic accuracy cost (Wall 13 Fidelity).
//
//   auto zoo = Registry::builtin();
//   auto r = algorithm::compression({.model = zoo->model("Llama3_8B"),
//                                    .hardware = zoo->hardware("H100"),
//                                    .target_bitwidth = 4});
//   r.compressed_size_gb.in(units::GB);  // 4.015: 32.12 GB of FP32 weights / 8
//   r.inference_speedup;                 // 8: memory-bound, so speed follows the bytes
//
// Quantization: ratio r = 32/b; speed-up r when the FP32 model is memory-bound, else the device's
// int<b>/fp<b> peak over its default peak (at most r). Pruning: r = 1/(1 − s).
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::algorithm {

struct CompressionInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;
  std::string method = "quantization";  ///< quantization | pruning | anything else: no change
  double target_bitwidth = 8;           ///< bits per weight (quantization)
  double sparsity = 0.0;                ///< fraction of weights removed (pruning)
  std::string sparsity_type = "unstructured";  ///< unstructured | structured | n_m
};

/// The reference's CompressionResult.
struct CompressionResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  units::Bytes original_size_gb;
  units::Bytes compressed_size_gb;
  double compression_ratio = 1.0;
  double estimated_accuracy_delta = 0.0;
  double memory_savings_pct = 0.0;
  double inference_speedup = 1.0;
  std::vector<std::string> warnings;
};

/// CompressionModel.solve. Throws InputError for bad inputs (target_bitwidth < 1, sparsity outside
/// [0, 1], an unknown sparsity_type, a workload without weights, a device it cannot time).
[[nodiscard]] CompressionResult compression(const CompressionInputs& in);

}  // namespace mlsysim::algorithm

namespace mlsysim {

template <>
struct Describe<algorithm::CompressionInputs> {
  static constexpr auto fields() {
    using I = algorithm::CompressionInputs;
    return std::tuple{
        field("model", &I::model, "the model to compress (any workload)", {.required = true}),
        field("hardware", &I::hardware, "the inference device (for the quantization speed-up)",
              {.required = true}),
        field("method", &I::method,
              "quantization or pruning; any other method (e.g. distillation) changes nothing, as "
              "in the reference"),
        field("target_bitwidth", &I::target_bitwidth,
              "quantization: bits per weight (non-integer widths such as 7.5 are accepted)",
              {.min = 1.0}),
        field("sparsity", &I::sparsity, "pruning: fraction of weights removed",
              {.min = 0.0, .max = 1.0}),
        field("sparsity_type", &I::sparsity_type,
              "pruning pattern: unstructured, structured or n_m (2:4)"),
    };
  }
};

template <>
struct Describe<algorithm::CompressionResult> {
  static constexpr auto fields() {
    using R = algorithm::CompressionResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("original_size_gb", &R::original_size_gb, GB, "FP32 weights (4 bytes per parameter)"),
        field("compressed_size_gb", &R::compressed_size_gb, GB, "original / compression_ratio"),
        field("compression_ratio", &R::compression_ratio,
              "32/b (quantization), 1/(1 - s) (pruning; 100 at s = 1), else 1"),
        field("estimated_accuracy_delta", &R::estimated_accuracy_delta,
              "heuristic change in accuracy, a signed fraction (negative = worse)"),
        field("memory_savings_pct", &R::memory_savings_pct, "(1 - 1/ratio) x 100, in percent"),
        field("inference_speedup", &R::inference_speedup,
              "expected speed-up of inference (1 = none)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
