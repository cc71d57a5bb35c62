#include "mlsysim/optimize/batching.hpp"

#include <fmt/format.h>

#include <utility>

#include "core/text.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/node/tail_latency.hpp"

namespace mlsysim::optimize {

using namespace units;

namespace {

/// Why a batch meets the SLA or not.
enum class Verdict { kMeetsSla, kDoesNotFit, kUnstable, kOverSla };

/// The reference's objective at one batch: ServingModel, then TailLatencyModel at λ/b.
struct Evaluation {
  Verdict verdict = Verdict::kMeetsSla;
  node::ServingResult serving;
  node::TailLatencyResult tail;
  double service_ms = 0.0;
};

Evaluation evaluate(const BatchingInputs& in, int b) {
  Evaluation e;
  e.serving = node::serving({.model = in.model,
                             .hardware = in.hardware,
                             .seq_len = in.seq_len,
                             .batch_size = b,
                             .precision = in.precision,
                             .efficiency = in.efficiency});
  if (!e.serving.feasible) {
    e.verdict = Verdict::kDoesNotFit;
    return e;
  }
  // The whole request: the prompt's prefill, then seq_len generated tokens.
  e.service_ms = (e.serving.ttft + e.serving.itl * static_cast<double>(*in.seq_len)).in(ms);
  e.tail = node::tail_latency({.arrival_rate_qps = *in.arrival_rate_qps / b,
                               .service_latency_ms = e.service_ms,
                               .num_replicas = in.num_replicas});
  if (!e.tail.is_stable) {
    e.verdict = Verdict::kUnstable;
  } else if (e.tail.p99_latency.in(ms) > *in.sla_latency_ms) {
    e.verdict = Verdict::kOverSla;
  }
  return e;
}

std::string why_not(const BatchingInputs& in, int b, const Evaluation& e) {
  switch (e.verdict) {
    case Verdict::kDoesNotFit:
      return fmt::format("{:.6g} GB of weights + KV cache do not fit '{}'",
                         e.serving.total_memory_required.in(GB), in.hardware->name());
    case Verdict::kUnstable:
      return fmt::format(
          "the queue is unstable ({:.6g} batches/s x {:.6g} ms of service each exceeds {} "
          "replica(s))",
          *in.arrival_rate_qps / b, e.service_ms, in.num_replicas);
    case Verdict::kOverSla:
      return fmt::format("P99 {:.6g} ms > {:.6g} ms", e.tail.p99_latency.in(ms),
                         *in.sla_latency_ms);
    case Verdict::kMeetsSla:
      break;
  }
  return "it meets the SLA";
}

void take_warnings(const Evaluation& e, std::vector<std::string>& out) {
  detail::copy_notes(out, e.serving.warnings, "ServingModel: ");
  detail::copy_notes(out, e.tail.warnings, "TailLatencyModel: ");
}

}  // namespace

BatchingResult batching(const BatchingInputs& in) {
  check_required(in);
  check_bounds(in);
  BatchingResult r;
  r.total_searched = in.max_search_batch;

  // The reference evaluates every b of the grid 1..max and takes the argmin of −b over the
  // batches that meet the SLA (1e12 for the others): the largest one. Scanning down from the top
  // and stopping at the first that meets it gives the same batch with fewer evaluations.
  for (int b = in.max_search_batch; b >= 1; --b) {
    Evaluation e = evaluate(in, b);
    if (e.verdict != Verdict::kMeetsSla) {
      if (b == 1) {
        if (!quiet()) {  // why_not() builds text
          r.warnings.push_back(
              fmt::format("no batch from 1 to {} meets the {:.6g} ms P99 SLA; at batch 1: {}",
                          in.max_search_batch, *in.sla_latency_ms, why_not(in, b, e)));
        }
        take_warnings(e, r.warnings);
      }
      continue;
    }
    r.is_feasible = true;
    r.best_batch_size = b;
    r.best_config.max_batch_size = b;
    // As in the reference, the throughput is λ x seq_len whatever the batch.
    r.max_throughput = *in.arrival_rate_qps * *in.seq_len;
    r.objective_value = r.max_throughput;
    r.p99_latency = e.tail.p99_latency;
    r.slo_violation_probability = e.tail.slo_violation_probability;
    take_warnings(e, r.warnings);
    break;
  }
  return r;
}

}  // namespace mlsysim::optimize
