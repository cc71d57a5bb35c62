#include "mlsysim/analysis/synthesis.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::analysis {

using namespace units;

SynthesisResult synthesis(const SynthesisInputs& in) {
  check_required(in);
  check_bounds(in);
  SynthesisResult r;
  bool known = true;
  const double bpp = bytes_per_element(in.precision, &known);
  if (!known) {
    detail::note(
        r.warnings,
        "unknown precision '{}': weights counted at 2 bytes per value, as in the reference",
        in.precision);
  }
  const ComputationGraph g = lower(*in.model, bpp);
  const Seconds t = *in.target_latency;
  if (t == Seconds{}) {
    throw InputError("input.out_of_range", "target_latency",
                     "target_latency must be non-zero, got 0 ms (every requirement divides by it)");
  }
  if (t < Seconds{}) {
    detail::note(
        r.warnings,
        "target_latency is negative ({} ms): the requirements come out negative, as in the "
        "reference",
        t.in(ms));
  }
  r.model_size = g.weight_bytes;
  r.total_ops = g.total_ops * static_cast<double>(in.batch_size);
  r.required_bw = r.model_size / t;
  r.required_flops = r.total_ops / (t * in.efficiency);
  r.required_memory = r.model_size;
  r.compute_memory_ratio = r.required_flops / r.required_bw;
  r.target_latency = t;
  detail::note(
      r.constraint_trace,
      "Synthesis: {} within {} ms needs {} GB/s of memory bandwidth, {} TFLOP/s of peak compute "
      "and {} GB of memory.",
      in.model->name(), t.in(ms), r.required_bw.in(GB_per_s), r.required_flops.in(TFLOP_per_s),
      r.required_memory.in(GB));
  return r;
}

}  // namespace mlsysim::analysis
