#include "mlsysim/optimize/parallelism.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/text.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::optimize {

using namespace units;

namespace {
constexpr int kPowersOfTwo = 10;              // tp, pp ∈ {2^0, ..., 2^9}
constexpr double kScreenBytesPerParam = 2.0;  // the screen's `size_in_bytes()`: fp16, always
constexpr double kScreenMemoryShare = 0.9;    // weights + gradients must fit 90% of the device
constexpr std::size_t kTopCandidates = 5;

constexpr std::string_view kNoSplit =
    "No valid parallelism configurations found for this cluster size.";
}  // namespace

ParallelismResult parallelism(const ParallelismInputs& in) {
  check_required(in);
  check_bounds(in);
  const Fleet& fleet = *in.fleet;
  const Hardware& hw = *fleet.node->accelerator;
  const long long n = fleet.total_accelerators();
  // The reference's `max_tp or accelerators_per_node`: 0 counts as not given.
  const long long limit_tp =
      in.max_tp.value_or(0) != 0 ? *in.max_tp : fleet.node->accelerators_per_node;
  const long long limit_pp = in.max_pp.value_or(0) != 0 ? *in.max_pp : n;

  // The screen's weights: fp16 whatever the precision (the reference calls size_in_bytes() with
  // its default). A workload without a size fails every split, so it fails the search.
  Bytes weights;
  try {
    weights = size_in_bytes(*in.model, kScreenBytesPerParam);
  } catch (const InputError& e) {
    throw InputError(e.code(), e.field(), fmt::format("{} {}", kNoSplit, e.what()));
  }
  const Bytes screen_limit = hw.memory.capacity.q * kScreenMemoryShare;

  fleet::DistributedInputs d{.model = in.model,
                             .fleet = in.fleet,
                             .batch_size = *in.batch_size,
                             .precision = in.precision,
                             .efficiency = in.efficiency,
                             .overlap_comm = in.overlap_comm};
  std::vector<ParallelismCandidate> candidates;
  std::size_t best = 0;
  std::vector<std::string> best_warnings;
  int screened = 0;
  int rejected = 0;
  std::optional<InputError> first_rejection;
  for (int i = 0; i < kPowersOfTwo; ++i) {
    const int tp = 1 << i;
    if (tp > limit_tp) break;
    for (int j = 0; j < kPowersOfTwo; ++j) {
      const int pp = 1 << j;
      if (pp > limit_pp) break;
      const long long split = static_cast<long long>(tp) * pp;
      if (split > n || n % split != 0) continue;
      const Bytes per_gpu = weights / tp / pp;
      if (per_gpu + per_gpu > screen_limit) {
        ++screened;
        continue;
      }
      d.tp_size = tp;
      d.pp_size = pp;
      fleet::DistributedResult res;
      try {
        res = fleet::distributed(d);
      } catch (const InputError& e) {
        // The reference skips a split whose evaluation fails.
        ++rejected;
        if (!first_rejection) first_rejection = e;
        continue;
      }
      const double mfu = res.scaling_efficiency * in.efficiency;
      // The reference's max() keeps the first maximum.
      if (candidates.empty() || mfu > candidates[best].mfu) {
        best = candidates.size();
        best_warnings = std::move(res.warnings);
      }
      candidates.push_back({.config = {.tp = tp, .pp = pp, .dp = n / split},
                            .mfu = mfu,
                            .throughput = res.effective_throughput,
                            .step_time = res.step_latency_total});
    }
  }

  if (candidates.empty()) {
    if (rejected > 0 && screened == 0) {
      throw InputError(first_rejection->code(), first_rejection->field(),
                       fmt::format("{} DistributedModel rejected every split; the first: {}",
                                   kNoSplit, first_rejection->what()));
    }
    throw InputError(
        "input.invalid", "fleet",
        fmt::format("{} fleet: '{}' has {} accelerators; with tp <= {} and pp <= {}, {} split(s) "
                    "fail the memory screen (2 x {:.6g} GB of fp16 weights / (tp x pp) > 90% of "
                    "the {:.6g} GB of '{}') and {} were rejected by DistributedModel; allow larger "
                    "max_tp / max_pp or use a larger fleet",
                    kNoSplit, fleet.name(), n, limit_tp, limit_pp, screened, weights.in(GB),
                    hw.memory.capacity.q.in(GB), hw.name(), rejected));
  }
  const ParallelismCandidate& b = candidates[best];
  ParallelismResult r;
  r.objective_value = b.mfu;
  r.best_config = b.config;
  r.best_mfu = b.mfu;
  r.best_throughput = b.throughput;
  r.best_step_time = b.step_time;
  r.total_searched = static_cast<int>(candidates.size());
  r.search_space_size = r.total_searched;

  // Top 5 by MFU, best first; a stable sort keeps ties in search order, as Python's sorted() does.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& x, const auto& y) { return x.mfu > y.mfu; });
  candidates.resize(std::min(candidates.size(), kTopCandidates));
  r.top_candidates = std::move(candidates);

  if (bytes_per_element(in.precision) != kScreenBytesPerParam) {
    detail::note(
        r.warnings,
        "the memory screen counts fp16 weights (2 bytes per parameter) whatever the precision, as "
        "in the reference; DistributedModel ran at {}",
        in.precision);
  }
  if (screened > 0) {
    detail::note(
        r.warnings,
        "{} splits skipped by the memory screen: 2 x {:.6g} GB of fp16 weights / (tp x pp) > 90% "
        "of the {:.6g} GB of '{}'",
        screened, weights.in(GB), hw.memory.capacity.q.in(GB), hw.name());
  }
  if (rejected > 0) {
    detail::note(r.warnings, "{} splits skipped: DistributedModel rejected them (the first: {})",
                 rejected, first_rejection->what());
  }
  detail::copy_notes(r.warnings, best_warnings, "best split: ");
  return r;
}

}  // namespace mlsysim::optimize
