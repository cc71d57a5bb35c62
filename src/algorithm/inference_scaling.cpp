#include "mlsysim/algorithm/inference_scaling.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace mlsysim::algorithm {

using namespace units;

namespace {
constexpr int kTokensPerStep = 50;  // tokens of one chain-of-thought step
}  // namespace

InferenceScalingResult inference_scaling(const InferenceScalingInputs& in) {
  check_required(in);
  check_bounds(in);
  InferenceScalingResult r;
  // One request: the prefill of the whole context, then decode at that context length.
  r.serving_detail = node::serving({.model = in.model,
                                    .hardware = in.hardware,
                                    .seq_len = in.context_length,
                                    .batch_size = 1,
                                    .precision = in.precision,
                                    .efficiency = in.efficiency});
  const node::ServingResult& s = r.serving_detail;
  r.constraint_trace = s.constraint_trace;
  r.warnings = s.warnings;
  if (in.reasoning_steps < 0) {
    detail::note(
        r.warnings,
        "reasoning_steps is {}: a negative step count gives negative tokens and times (accepted "
        "as in the reference)",
        in.reasoning_steps);
  }
  r.ttft = s.ttft;
  r.itl = s.itl;
  r.reasoning_steps = in.reasoning_steps;
  r.tokens_generated = static_cast<long long>(in.reasoning_steps) * kTokensPerStep;
  r.time_per_step = kTokensPerStep * s.itl;
  r.total_reasoning_time = s.ttft + static_cast<double>(in.reasoning_steps) * r.time_per_step;
  if (in.hardware->tdp) {
    r.energy_per_query = in.hardware->tdp->q * r.total_reasoning_time;
  } else {
    detail::note(r.warnings, "'{}' has no TDP: energy_per_query is 0 J (as in the reference)",
                 in.hardware->name());
  }
  r.feasible = s.feasible;
  return r;
}

}  // namespace mlsysim::algorithm
