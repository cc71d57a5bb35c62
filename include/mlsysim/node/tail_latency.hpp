// TailLatencyModel — queueing delay and P99 latency of a replica pool (Wall 7 Tail Latency).
//
//   auto r = node::tail_latency({.arrival_rate_qps = 300, .service_latency_ms = 10,
//                                .num_replicas = 4});
//   r.queue_utilization;         // 0.75
//   r.p99_latency.in(units::ms);  // 49.3072
//
// An M/M/c queue (Erlang C): requests arrive at λ, each replica serves one at a time in
// service_latency_ms on average. Waits are scaled by Kingman's (cv² + 1)/2 when service times are
// not exponential. The SLO threshold is 5x the service latency; slo_headroom_ratio is the P99
// wait over that threshold (above 1 means the SLO is violated).
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::node {

struct TailLatencyInputs {
  std::optional<double> arrival_rate_qps;    ///< required: λ, requests per second
  std::optional<double> service_latency_ms;  ///< required: mean service time per request, in ms
  int num_replicas = 1;                      ///< c (values below 1 count as 1, as in the reference)
  double service_time_cv = 1.0;              ///< coefficient of variation of the service time
};

/// The reference's TailLatencyResult.
struct TailLatencyResult {
  std::vector<std::string> constraint_trace;  ///< always empty: the model checks no wall
  units::Seconds p50_latency;                 ///< infinite when the queue is unstable
  units::Seconds p99_latency;                 ///< infinite when the queue is unstable
  double queue_utilization = 0.0;             ///< ρ = λ / (c·μ); 1.0 when unstable
  bool is_stable = true;
  double slo_headroom_ratio = 0.0;
  double slo_violation_probability = 0.0;  ///< the same ratio (legacy name; not a probability)
  std::vector<std::string> warnings;
};

/// TailLatencyModel.solve. Throws InputError for bad inputs; an overloaded pool is a result with
/// `is_stable = false` and infinite latencies.
[[nodiscard]] TailLatencyResult tail_latency(const TailLatencyInputs& in);

}  // namespace mlsysim::node

namespace mlsysim {

template <>
struct Describe<node::TailLatencyInputs> {
  static constexpr auto fields() {
    using I = node::TailLatencyInputs;
    return std::tuple{
        field("arrival_rate_qps", &I::arrival_rate_qps, "request arrival rate λ, per second",
              {.min = 0.0, .required = true}),
        field("service_latency_ms", &I::service_latency_ms,
              "mean service time per request, in ms (0 gives an unstable queue, as in the "
              "reference)",
              {.min = 0.0, .required = true}),
        field("num_replicas", &I::num_replicas,
              "servers c in the M/M/c queue (values below 1 count as 1, as in the reference)",
              {.max = 1e6}),
        field("service_time_cv", &I::service_time_cv,
              "coefficient of variation of the service time (1 = exponential)", {.min = 0.0}),
    };
  }
};

template <>
struct Describe<node::TailLatencyResult> {
  static constexpr auto fields() {
    using R = node::TailLatencyResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "always empty (no wall is checked)"),
        field("p50_latency", &R::p50_latency, ms, "median queue wait + service latency"),
        field("p99_latency", &R::p99_latency, ms,
              "99th-percentile queue wait + service latency (inf when unstable)"),
        field("queue_utilization", &R::queue_utilization, "ρ = λ / (c μ); 1 when unstable"),
        field("is_stable", &R::is_stable, "whether ρ < 1"),
        field("slo_headroom_ratio", &R::slo_headroom_ratio,
              "P99 wait / (5 x service latency); above 1 violates the SLO; 1 when unstable"),
        field("slo_violation_probability", &R::slo_violation_probability,
              "legacy alias of slo_headroom_ratio: a ratio, not a probability"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
