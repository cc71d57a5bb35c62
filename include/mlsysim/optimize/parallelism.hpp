// ParallelismOptimizer — the (TP, PP, DP) split of a fleet with the best MFU proxy (Tier 3
// legacy optimizer; no wall of its own: it searches DistributedModel, Wall 14).
//
//   auto zoo = Registry::builtin();
//   auto r = optimize::parallelism({.model = zoo->model("Llama3_70B"),
//                                   .fleet = zoo->fleet("Research_256"), .batch_size = 256});
//   r.best_config.tp;     // 8 (pp 1, dp 32)
//   r.best_mfu;           // 0.483674 = DistributedModel's scaling efficiency x η
//   r.total_searched;     // 27 splits evaluated
//
// tp, pp ∈ {1, 2, 4, ..., 512} up to max_tp / max_pp with tp·pp dividing the N accelerators,
// dp = N/(tp·pp); a split is kept when 2 x fp16 weights/(tp·pp) <= 0.9 x device memory, and scored
// by DistributedModel: MFU = scaling_efficiency x η.
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

struct ParallelismInputs {
  std::shared_ptr<const Workload> model = nullptr;
  std::shared_ptr<const Fleet> fleet = nullptr;
  std::optional<int> batch_size = std::nullopt;  ///< required: the global batch
  std::string precision = "fp16";
  double efficiency = 0.5;
  std::optional<int> max_tp = std::nullopt;  ///< none or 0: accelerators per node
  std::optional<int> max_pp = std::nullopt;  ///< none or 0: all accelerators
  bool overlap_comm = true;
};

/// One split: tp · pp · dp = the fleet's accelerators.
struct ParallelismConfig {
  int tp = 1;
  int pp = 1;
  long long dp = 1;
};

/// One evaluated split.
struct ParallelismCandidate {
  ParallelismConfig config;
  double mfu = 0.0;
  units::Rate throughput;
  units::Seconds step_time;
};

/// The reference's ParallelismOptimizerResult.
struct ParallelismResult {
  double objective_value = 0.0;
  ParallelismConfig best_config;
  int total_searched = 0;
  double best_mfu = 0.0;
  units::Rate best_throughput;
  units::Seconds best_step_time;
  int search_space_size = 0;
  std::vector<ParallelismCandidate> top_candidates;
  std::vector<std::string> warnings;
};

/// ParallelismOptimizer.solve. Throws InputError for bad inputs and when no split survives (the
/// reference's "No valid parallelism configurations found for this cluster size.").
[[nodiscard]] ParallelismResult parallelism(const ParallelismInputs& in);

}  // namespace mlsysim::optimize

namespace mlsysim {

template <>
struct Describe<optimize::ParallelismInputs> {
  static constexpr auto fields() {
    using I = optimize::ParallelismInputs;
    return std::tuple{
        field("model", &I::model, "the trained workload: a registry name or an ad-hoc object",
              {.required = true}),
        field("fleet", &I::fleet,
              "the cluster: a registry name (Systems.Clusters.*) or an ad-hoc fleet object",
              {.required = true}),
        field("batch_size", &I::batch_size, "global batch (samples per step, all replicas)",
              {.min = 1, .required = true}),
        field("precision", &I::precision,
              "numeric precision of DistributedModel (the memory screen always counts fp16 "
              "weights, as in the reference)"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute per GPU (η)",
              {.min = 1e-9, .max = 1.0}),
        field("max_tp", &I::max_tp,
              "largest tensor-parallel degree tried (none or 0: the accelerators per node)",
              {.min = 0}),
        field("max_pp", &I::max_pp,
              "largest pipeline-parallel degree tried (none or 0: all accelerators)", {.min = 0}),
        field("overlap_comm", &I::overlap_comm,
              "overlap the data-parallel all-reduce with the backward pass"),
    };
  }
};

template <>
struct Describe<optimize::ParallelismConfig> {
  static constexpr auto fields() {
    using C = optimize::ParallelismConfig;
    return std::tuple{
        field("tp", &C::tp, "tensor-parallel ranks"),
        field("pp", &C::pp, "pipeline stages"),
        field("dp", &C::dp, "data-parallel replicas: accelerators / (tp · pp)"),
    };
  }
};

template <>
struct Describe<optimize::ParallelismCandidate> {
  static constexpr auto fields() {
    using C = optimize::ParallelismCandidate;
    using namespace units;
    return std::tuple{
        field("config", &C::config, "the split: tp, pp, dp"),
        field("mfu", &C::mfu, "MFU proxy: scaling efficiency x η"),
        field("throughput", &C::throughput, per_s, "DistributedModel's effective throughput"),
        field("step_time", &C::step_time, ms, "DistributedModel's step latency"),
    };
  }
};

template <>
struct Describe<optimize::ParallelismResult> {
  static constexpr auto fields() {
    using R = optimize::ParallelismResult;
    using namespace units;
    return std::tuple{
        field("objective_value", &R::objective_value, "the best MFU proxy"),
        field("best_config", &R::best_config, "the best split: tp, pp, dp"),
        field("total_searched", &R::total_searched, "splits evaluated by DistributedModel"),
        field("best_mfu", &R::best_mfu, "scaling efficiency x η of the best split"),
        field("best_throughput", &R::best_throughput, per_s,
              "effective throughput of the best split (samples/s)"),
        field("best_step_time", &R::best_step_time, ms, "step latency of the best split"),
        field("search_space_size", &R::search_space_size, "the same count as total_searched"),
        field("top_candidates", &R::top_candidates,
              "up to 5 splits by MFU, best first (ties keep the search order)"),
        field("warnings", &R::warnings, "assumptions the optimizer had to make"),
    };
  }
};

}  // namespace mlsysim
