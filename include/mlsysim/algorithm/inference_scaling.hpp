// InferenceScalingModel — the cost of chain-of-thought reasoning: K reasoning steps of 50 tokens
// each on top of one ServingModel prefill and decode (Wall 12 Reasoning).
//
//   auto zoo = Registry::builtin();
//   auto r = algorithm::inference_scaling({.model = zoo->model("Llama3_8B"),
//                                          .hardware = zoo->hardware("H100"),
//                                          .reasoning_steps = 8});
//   r.total_reasoning_time.in(units::ms);  // 2148.634: TTFT + 8 steps x 50 tokens x ITL
//   r.energy_per_query.in(units::J);       // 1504.04: TDP x total time
//
// total = TTFT + K·50·ITL (TTFT and ITL from ServingModel at seq_len = context_length, batch 1);
// energy = TDP × total.
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::algorithm {

struct InferenceScalingInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;
  int reasoning_steps = 8;  ///< K
  int context_length = 2048;
  std::string precision = "fp16";
  double efficiency = 0.5;
};

/// The reference's InferenceScalingResult.
struct InferenceScalingResult {
  std::vector<std::string> constraint_trace;  ///< the ServingModel's memory-wall check
  units::Seconds total_reasoning_time;
  units::Seconds ttft;
  units::Seconds itl;
  long long tokens_generated = 0;
  int reasoning_steps = 0;
  units::Seconds time_per_step;
  units::Joules energy_per_query;
  bool feasible = true;
  node::ServingResult serving_detail;
  std::vector<std::string> warnings;
};

/// InferenceScalingModel.solve. Throws InputError for bad inputs (including every input error of
/// the ServingModel it runs); a model that does not fit is a result with `feasible = false`.
[[nodiscard]] InferenceScalingResult inference_scaling(const InferenceScalingInputs& in);

}  // namespace mlsysim::algorithm

namespace mlsysim {

template <>
struct Describe<algorithm::InferenceScalingInputs> {
  static constexpr auto fields() {
    using I = algorithm::InferenceScalingInputs;
    return std::tuple{
        field("model", &I::model, "the reasoning model: a TransformerWorkload", {.required = true}),
        field("hardware", &I::hardware, "the serving device", {.required = true}),
        field("reasoning_steps", &I::reasoning_steps,
              "chain-of-thought steps K, 50 tokens each (negative values are accepted as in the "
              "reference, with a warning)"),
        field("context_length", &I::context_length, "context length in tokens (the prefill)",
              {.min = 1}),
        field("precision", &I::precision,
              "numeric precision: fp32, tf32, bf16, fp16, fp8, int8 or int4 (others count as "
              "2 bytes, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute during prefill (η)",
              {.min = 0.0, .max = 1.0, .min_open = true}),
    };
  }
};

template <>
struct Describe<algorithm::InferenceScalingResult> {
  static constexpr auto fields() {
    using R = algorithm::InferenceScalingResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace,
              "the memory-wall check of the ServingModel it runs"),
        field("total_reasoning_time", &R::total_reasoning_time, ms,
              "TTFT + reasoning_steps x time_per_step"),
        field("ttft", &R::ttft, ms, "time to first token (ServingModel prefill)"),
        field("itl", &R::itl, ms, "inter-token latency (ServingModel decode)"),
        field("tokens_generated", &R::tokens_generated, "reasoning_steps x 50 tokens"),
        field("reasoning_steps", &R::reasoning_steps, "K, as given"),
        field("time_per_step", &R::time_per_step, ms, "50 tokens x ITL"),
        field("energy_per_query", &R::energy_per_query, J,
              "device TDP x total_reasoning_time (full TDP; 0 J without a TDP)"),
        field("feasible", &R::feasible, "whether weights + KV cache fit the device (ServingModel)"),
        field("serving_detail", &R::serving_detail, "the full ServingModel result"),
        field("warnings", &R::warnings,
              "assumptions the model had to make (the ServingModel's included)"),
    };
  }
};

}  // namespace mlsysim
