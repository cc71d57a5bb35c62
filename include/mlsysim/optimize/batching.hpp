// BatchingOptimizer — the largest batch whose P99 latency meets an SLA (Tier 3 legacy optimizer;
// no wall of its own: it searches ServingModel and TailLatencyModel, Walls 4 and 7).
//
//   auto zoo = Registry::builtin();
//   auto r = optimize::batching({.model = zoo->model("Llama3_8B"),
//                                .hardware = zoo->hardware("H100"), .seq_len = 128,
//                                .sla_latency_ms = 10000.0, .arrival_rate_qps = 20.0});
//   r.best_batch_size;            // 256: every batch up to max_search_batch meets the SLA
//   r.p99_latency.in(units::ms);  // 7844.51
//   r.max_throughput;             // 2560 = λ x seq_len (the reference ignores the batch)
//
// For b = 1 .. max_search_batch (the exhaustive grid): ServingModel at batch b must fit, its
// service time TTFT + ITL x seq_len feeds an M/M/c queue at λ/b (TailLatencyModel), which must be
// stable with P99 <= sla_latency_ms; the answer is the largest such b.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::optimize {

struct BatchingInputs {
  std::shared_ptr<const Workload> model = nullptr;
  std::shared_ptr<const Hardware> hardware = nullptr;
  std::optional<int> seq_len = std::nullopt;              ///< required: generated tokens
  std::optional<double> sla_latency_ms = std::nullopt;    ///< required: P99 target in ms
  std::optional<double> arrival_rate_qps = std::nullopt;  ///< required: λ, requests per second
  int num_replicas = 1;
  std::string precision = "fp16";
  double efficiency = 0.5;
  int max_search_batch = 256;
};

/// The chosen batch (0 when none meets the SLA).
struct BatchingConfig {
  int max_batch_size = 0;
};

/// The reference's BatchingOptimizerResult.
struct BatchingResult {
  double objective_value = 0.0;
  BatchingConfig best_config;
  int total_searched = 0;
  int best_batch_size = 0;
  double max_throughput = 0.0;
  units::Seconds p99_latency;
  double slo_violation_probability = 0.0;
  bool is_feasible = false;
  std::vector<std::string> warnings;
};

/// BatchingOptimizer.solve. Throws InputError for bad inputs; no batch meeting the SLA is a result
/// with `is_feasible = false` and zeros.
[[nodiscard]] BatchingResult batching(const BatchingInputs& in);

}  // namespace mlsysim::optimize

namespace mlsysim {

template <>
struct Describe<optimize::BatchingInputs> {
  static constexpr auto fields() {
    using I = optimize::BatchingInputs;
    return std::tuple{
        field("model", &I::model, "the served model: a TransformerWorkload", {.required = true}),
        field("hardware", &I::hardware, "the serving device of each replica", {.required = true}),
        field("seq_len", &I::seq_len,
              "context length in tokens; each request also generates seq_len tokens",
              {.min = 1, .required = true}),
        field("sla_latency_ms", &I::sla_latency_ms, "P99 latency target in ms",
              {.min = 0.0, .min_open = true, .required = true}),
        field("arrival_rate_qps", &I::arrival_rate_qps, "request arrival rate λ, per second",
              {.min = 0.0, .required = true}),
        field("num_replicas", &I::num_replicas,
              "servers c in the M/M/c queue (values below 1 count as 1, as in the reference)",
              {.max = 1e6}),
        field("precision", &I::precision,
              "numeric precision: fp32, tf32, bf16, fp16, fp8, int8 or int4 (others count as "
              "2 bytes, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute during prefill (η)",
              {.min = 0.0, .max = 1.0, .min_open = true}),
        field("max_search_batch", &I::max_search_batch, "largest batch tried (the grid is 1..max)",
              {.min = 1, .max = 1e6}),
    };
  }
};

template <>
struct Describe<optimize::BatchingConfig> {
  static constexpr auto fields() {
    using C = optimize::BatchingConfig;
    return std::tuple{
        field("max_batch_size", &C::max_batch_size, "the chosen batch (0: none meets the SLA)"),
    };
  }
};

template <>
struct Describe<optimize::BatchingResult> {
  static constexpr auto fields() {
    using R = optimize::BatchingResult;
    using namespace units;
    return std::tuple{
        field("objective_value", &R::objective_value, "max_throughput (0 when infeasible)"),
        field("best_config", &R::best_config, "the chosen batch: max_batch_size"),
        field("total_searched", &R::total_searched, "grid points: max_search_batch"),
        field("best_batch_size", &R::best_batch_size,
              "the largest batch meeting the SLA (0: none)"),
        field("max_throughput", &R::max_throughput,
              "arrival_rate_qps x seq_len, tokens/s (independent of the batch, as in the "
              "reference)"),
        field("p99_latency", &R::p99_latency, ms,
              "P99 latency at the chosen batch (0 when infeasible)"),
        field("slo_violation_probability", &R::slo_violation_probability,
              "TailLatencyModel's P99 wait / (5 x service latency) at the chosen batch: a ratio, "
              "not a probability"),
        field("is_feasible", &R::is_feasible, "whether some batch meets the SLA"),
        field("warnings", &R::warnings, "assumptions the optimizer had to make"),
    };
  }
};

}  // namespace mlsysim
