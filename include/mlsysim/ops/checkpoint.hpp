// CheckpointModel — checkpoint size, write time and the training time it costs (Wall 19
// Checkpoint).
//
//   auto zoo = Registry::builtin();
//   auto r = ops::checkpoint({.model = zoo->model("Llama3_70B"),
//                             .hardware = zoo->hardware("H100")});
//   r.checkpoint_size.in(units::GB);    // 988.4: 70.6 B parameters x 14 bytes (Adam)
//   r.write_time_seconds.in(units::s);  // 141.2 at the H100's 7 GB/s local storage
//   r.mfu_penalty_pct;                  // 0.009806: a fraction of every 4-hour interval
//
// size = parameters · (14 B with Adam, else 4 B); t_write = size / min(storage bandwidth ·
// writers, file-system limit); penalty = t_write / interval (1 when the interval is 0).
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::ops {

struct CheckpointInputs {
  std::shared_ptr<const Workload> model = nullptr;
  std::shared_ptr<const Hardware> hardware = nullptr;
  std::string optimizer = "adam";
  double checkpoint_interval_hours = 4.0;
  int n_writers = 1;
  double filesystem_limit_gbs = 500.0;  ///< GB/s
};

/// The reference's CheckpointResult.
struct CheckpointResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  units::Bytes checkpoint_size;
  units::Seconds write_time_seconds;
  units::Bandwidth max_bandwidth_required;
  bool storage_bottleneck = false;
  double mfu_penalty_pct = 0.0;
  std::vector<std::string> warnings;
};

/// CheckpointModel.solve. Throws InputError for bad inputs.
[[nodiscard]] CheckpointResult checkpoint(const CheckpointInputs& in);

}  // namespace mlsysim::ops

namespace mlsysim {

template <>
struct Describe<ops::CheckpointInputs> {
  static constexpr auto fields() {
    using I = ops::CheckpointInputs;
    return std::tuple{
        field("model", &I::model, "the trained model: a workload with a parameter count",
              {.required = true}),
        field("hardware", &I::hardware,
              "the accelerator whose local storage writes the checkpoint (1 GB/s when it lists "
              "none)",
              {.required = true}),
        field("optimizer", &I::optimizer,
              "'adam' (any case): 14 bytes per parameter; anything else: 4 bytes per parameter"),
        field("checkpoint_interval_hours", &I::checkpoint_interval_hours,
              "hours between checkpoints (0: the penalty is 1)", {.min = 0.0}),
        field("n_writers", &I::n_writers, "devices writing shards in parallel", {.min = 1}),
        field("filesystem_limit_gbs", &I::filesystem_limit_gbs,
              "aggregate file-system write bandwidth cap, GB/s", {.min = 0.0, .min_open = true}),
    };
  }
};

template <>
struct Describe<ops::CheckpointResult> {
  static constexpr auto fields() {
    using R = ops::CheckpointResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("checkpoint_size", &R::checkpoint_size, GB,
              "weights + optimizer state: parameters x bytes per parameter"),
        field("write_time_seconds", &R::write_time_seconds, s,
              "size / min(storage bandwidth x n_writers, file-system limit)"),
        field("max_bandwidth_required", &R::max_bandwidth_required, GB_per_s,
              "the per-device storage bandwidth used (not the effective aggregate)"),
        field("storage_bottleneck", &R::storage_bottleneck, "whether the write takes over 60 s"),
        field("mfu_penalty_pct", &R::mfu_penalty_pct,
              "write time / interval, a fraction despite the name (1 when the interval is 0)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
