// TransformationModel — is CPU preprocessing starving the accelerator? (Wall 9 Transformation.)
//
//   auto r = data::transformation({.batch_size = 256,
//                                  .sample_size_bytes = 500.0 * units::KB,
//                                  .cpu_throughput = 2.0 * units::GB_per_s,
//                                  .accelerator_step_time = 50.0 * units::ms});
//   r.transform_time.in(units::ms);   // 64: 256 × 500 KB at 2 GB/s
//   r.is_bottleneck;                  // true: the CPU needs longer than the 50 ms step
//   r.accelerator_utilization;        // 0.78125
//
// T_transform = B·S / C; the step takes max(T_transform, T_accelerator); utilization =
// T_accelerator / T_step; slowdown = T_step / T_accelerator.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::data {

/// All four inputs are required (the reference has no defaults).
struct TransformationInputs {
  std::optional<int> batch_size;                        ///< samples per step
  std::optional<units::Bytes> sample_size_bytes;        ///< bytes of one raw sample
  std::optional<units::Bandwidth> cpu_throughput;       ///< preprocessing rate of the host CPUs
  std::optional<units::Seconds> accelerator_step_time;  ///< compute time of one step
};

/// The reference's TransformationResult.
struct TransformationResult {
  std::vector<std::string> constraint_trace;
  units::Seconds transform_time;
  units::Seconds accelerator_step_time;
  bool is_bottleneck = false;
  double accelerator_utilization = 0.0;
  double slowdown_factor = 1.0;
  std::vector<std::string> warnings;
};

/// TransformationModel.solve. Throws InputError for bad inputs.
[[nodiscard]] TransformationResult transformation(const TransformationInputs& in);

}  // namespace mlsysim::data

namespace mlsysim {

template <>
struct Describe<data::TransformationInputs> {
  static constexpr auto fields() {
    using I = data::TransformationInputs;
    using namespace units;
    return std::tuple{
        field("batch_size", &I::batch_size,
              "samples preprocessed per step (0 gives no CPU work; negative values are accepted "
              "with a warning, as in the reference)",
              {.required = true}),
        field("sample_size_bytes", &I::sample_size_bytes, KB,
              "size of one raw sample (e.g. '500 KB')", {.min = 0.0, .required = true}),
        field("cpu_throughput", &I::cpu_throughput, GB_per_s,
              "bytes per second the host CPUs decode and augment (e.g. '2 GB/s')",
              {.min = 0.0, .min_open = true, .required = true}),
        field("accelerator_step_time", &I::accelerator_step_time, ms,
              "time the accelerator needs for one step (e.g. '50 ms')",
              {.min = 0.0, .required = true}),
    };
  }
};

template <>
struct Describe<data::TransformationResult> {
  static constexpr auto fields() {
    using R = data::TransformationResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "the transformation-wall check"),
        field("transform_time", &R::transform_time, ms,
              "CPU time to preprocess one batch: batch_size x sample size / cpu_throughput"),
        field("accelerator_step_time", &R::accelerator_step_time, ms, "the accelerator's step"),
        field("is_bottleneck", &R::is_bottleneck,
              "whether preprocessing takes longer than the accelerator's step"),
        field("accelerator_utilization", &R::accelerator_utilization,
              "accelerator step / actual step (1 when the CPU keeps up)"),
        field("slowdown_factor", &R::slowdown_factor,
              "actual step / accelerator step (inf for a zero accelerator step)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
