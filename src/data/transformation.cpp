#include "mlsysim/data/transformation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/text.hpp"

namespace mlsysim::data {

using namespace units;

TransformationResult transformation(const TransformationInputs& in) {
  check_required(in);
  check_bounds(in);
  TransformationResult r;
  const int batch = *in.batch_size;
  if (batch < 0) {
    detail::note(
        r.warnings,
        "batch_size is negative ({}): the transform time comes out negative, as in the reference",
        batch);
  }
  r.transform_time = static_cast<double>(batch) * *in.sample_size_bytes / *in.cpu_throughput;
  r.accelerator_step_time = *in.accelerator_step_time;
  r.is_bottleneck = r.transform_time > r.accelerator_step_time;
  const Seconds step = std::max(r.transform_time, r.accelerator_step_time);
  r.accelerator_utilization = step > Seconds{} ? (r.accelerator_step_time / step).value() : 0.0;
  r.slowdown_factor = r.accelerator_step_time > Seconds{} ? (step / r.accelerator_step_time).value()
                                                          : std::numeric_limits<double>::infinity();
  detail::note(
      r.constraint_trace,
      "Transformation Wall: {}. CPU preprocessing {} ms {} accelerator step {} ms; the step "
      "takes {} ms.",
      r.is_bottleneck ? "BOTTLENECK" : "Passed", r.transform_time.in(ms),
      r.is_bottleneck ? ">" : "<=", r.accelerator_step_time.in(ms), step.in(ms));
  return r;
}

}  // namespace mlsysim::data
