// SystemEvaluator — one scenario judged at three levels: feasibility, performance, macro
// (economics). The object a design-space search filters on (`feasibility.status`) and reads
// metrics from (`performance.metrics.latency`, `macro.metrics.tco_usd`).
//
//   auto zoo = Registry::builtin();
//   auto e = analysis::evaluate({.scenario_name = "golden",
//                                .model_obj = zoo->model("Llama3_70B"),
//                                .hardware_obj = zoo->hardware("B200"),
//                                .batch_size = 1, .precision = "fp16", .efficiency = 0.5});
//   e.feasibility.summary;  // "141.2 GB / 206.2 GB used"
//   e.passed_all;           // true
//   std::puts(e.scorecard().c_str());
//
// Single node (nodes = 1 or no fleet): SingleNodeModel; feasibility PASS iff the footprint fits,
// performance = latency, throughput, MFU. Otherwise DistributedModel (tp = pp = 1): feasibility
// always PASS, performance = scaling efficiency, step latency, fleet throughput. EconomicsModel
// runs when a fleet and a non-zero duration are given, with the single node's MFU (errata E6).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"

namespace mlsysim::analysis {

struct SystemEvaluatorInputs {
  std::optional<std::string> scenario_name = std::nullopt;  ///< required
  std::shared_ptr<const Workload> model_obj = nullptr;
  std::shared_ptr<const Hardware> hardware_obj = nullptr;
  std::optional<int> batch_size = std::nullopt;         ///< required (no default in the reference)
  std::optional<std::string> precision = std::nullopt;  ///< required
  std::optional<double> efficiency = std::nullopt;      ///< required
  std::shared_ptr<const Fleet> fleet_obj = nullptr;
  int nodes = 1;
  std::optional<double> duration_days = std::nullopt;
};

/// One level of the evaluation.
struct EvaluationLevel {
  std::string level_name;
  std::string status;  ///< PASS, FAIL, WARNING or SKIPPED
  std::string summary;
  std::vector<std::pair<std::string, double>> metrics;
};

/// The reference's SystemEvaluation.
struct SystemEvaluation {
  std::string scenario_name;
  EvaluationLevel feasibility;
  EvaluationLevel performance;
  EvaluationLevel macro;
  bool passed_all = false;  ///< every level PASS or SKIPPED

  /// The levels flattened into one map: `scenario`, `<p>_status`, `<p>_summary` and
  /// `<p>_<metric>` with p = f (feasibility), p (performance), m (macro). Values as text.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> to_dict() const;
  /// The box-drawn scorecard.
  [[nodiscard]] std::string scorecard() const;
};

/// SystemEvaluator.evaluate. Throws InputError for bad inputs (a search skips such candidates).
[[nodiscard]] SystemEvaluation evaluate(const SystemEvaluatorInputs& in);

}  // namespace mlsysim::analysis

namespace mlsysim {

template <>
struct Describe<analysis::SystemEvaluatorInputs> {
  static constexpr auto fields() {
    using I = analysis::SystemEvaluatorInputs;
    return std::tuple{
        field("scenario_name", &I::scenario_name, "a label for the scenario", {.required = true}),
        field("model_obj", &I::model_obj, "the workload", {.required = true}),
        field("hardware_obj", &I::hardware_obj, "the accelerator", {.required = true}),
        field("batch_size", &I::batch_size, "samples per step", {.min = 1, .required = true}),
        field("precision", &I::precision, "numeric precision (as for Engine)", {.required = true}),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute",
              {.min = 1e-9, .max = 1.0, .required = true}),
        field("fleet_obj", &I::fleet_obj,
              "the cluster; with nodes > 1 the distributed path runs, with duration_days the "
              "economics"),
        field("nodes", &I::nodes, "1: single-node path; more (with a fleet): distributed path"),
        field("duration_days", &I::duration_days,
              "days of operation for the economics level (0 or none: skipped)"),
    };
  }
};

template <>
struct Describe<analysis::EvaluationLevel> {
  static constexpr auto fields() {
    using L = analysis::EvaluationLevel;
    return std::tuple{
        field("level_name", &L::level_name, "the level"),
        field("status", &L::status, "PASS, FAIL, WARNING or SKIPPED"),
        field("summary", &L::summary, "one line for humans"),
        field("metrics", &L::metrics, "the level's numbers (GB, ms, 1/s, USD, tonnes)"),
    };
  }
};

template <>
struct Describe<analysis::SystemEvaluation> {
  static constexpr auto fields() {
    using E = analysis::SystemEvaluation;
    return std::tuple{
        field("scenario_name", &E::scenario_name, "the scenario's label"),
        field("feasibility", &E::feasibility, "Memory Feasibility (or the distributed check)"),
        field("performance", &E::performance, "Single Node Performance or Fleet Performance"),
        field("macro", &E::macro, "Economics & Sustainability, or SKIPPED"),
        field("passed_all", &E::passed_all, "every level PASS or SKIPPED"),
    };
  }
};

}  // namespace mlsysim
