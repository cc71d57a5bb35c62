#include "mlsysim/ops/checkpoint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/text.hpp"
#include "mlsysim/core/formulas.hpp"

namespace mlsysim::ops {

using namespace units;

namespace {
constexpr double kAdamBytesPerParam = 14.0;  // fp16 weights + fp32 master + two fp32 moments
constexpr double kOtherBytesPerParam = 4.0;  // any other optimizer: fp32 weights only
constexpr double kFallbackStorageGbs = 1.0;  // a device that lists no local storage
constexpr double kBottleneckSeconds = 60.0;  // writes longer than this stall training

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

CheckpointResult checkpoint(const CheckpointInputs& in) {
  check_required(in);
  check_bounds(in);
  const Workload& model = *in.model;
  const Hardware& hw = *in.hardware;
  if (!model.parameters) {
    throw InputError("input.invalid", "model",
                     fmt::format("model: '{}' has no parameter count, so its checkpoint size is "
                                 "unknown; give a workload with parameters",
                                 model.name()));
  }
  CheckpointResult r;
  const bool adam = equals_ignoring_case(in.optimizer, "adam");
  if (!adam && !equals_ignoring_case(in.optimizer, "sgd")) {
    detail::note(
        r.warnings,
        "optimizer '{}' is not 'adam': counted at {} bytes per parameter (weights only), as in "
        "the reference",
        in.optimizer, kOtherBytesPerParam);
  }
  r.checkpoint_size =
      formulas::checkpoint_size(*model.parameters, adam ? kAdamBytesPerParam : kOtherBytesPerParam);

  Bandwidth storage_bw = hw.storage ? hw.storage->bandwidth.q : Bandwidth{};
  if (!(storage_bw > Bandwidth{})) {
    storage_bw = kFallbackStorageGbs * GB_per_s.size;
    detail::note(r.warnings, "'{}' lists no local storage bandwidth: assumed {} GB/s", hw.name(),
                 kFallbackStorageGbs);
  }
  const Bandwidth effective =
      std::min(storage_bw * static_cast<double>(in.n_writers), in.filesystem_limit_gbs * GB_per_s);
  r.write_time_seconds = r.checkpoint_size / effective;
  r.max_bandwidth_required = storage_bw;
  r.storage_bottleneck = r.write_time_seconds > kBottleneckSeconds * s;
  if (in.checkpoint_interval_hours > 0.0) {
    r.mfu_penalty_pct = (r.write_time_seconds / (in.checkpoint_interval_hours * hour)).value();
  } else {
    r.mfu_penalty_pct = 1.0;
    detail::note(
        r.warnings,
        "checkpoint_interval_hours is 0: the penalty is set to 1 (all time spent checkpointing), "
        "as in the reference");
  }
  return r;
}

}  // namespace mlsysim::ops
