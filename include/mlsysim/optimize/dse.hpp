// DSE — declarative design-space exploration (Tier 3): the full Cartesian product of a space of
// candidate lists, evaluated by any resolver of the catalog (or Engine, SystemEvaluator, a
// Pipeline), filtered by constraints and ranked by an objective; with several objectives, also
// the Pareto front.
//
//   auto zoo = Registry::builtin();
//   dse::Result r = dse::search_json(R"({
//       "space": {"hardware": ["H100", "A100", "B200"], "batch_size": [1, 8, 64]},
//       "objective": "maximize: throughput",
//       "constraints": ["latency < 50"],
//       "evaluator": {"resolver": "Engine", "fixed": {"model": "Llama3_8B"}}})", *zoo);
//   r.top.front().params;  // {"\"B200\"", "64"}
//
// Objectives: "minimize: latency", "maximize(mfu)", "maximize mfu", dotted paths
// ("performance.metrics.latency"). Constraints: "<path> <op> <threshold>", op one of < > <= >= ==.
// A path that reaches no number scores the worst value (+inf minimizing, -inf maximizing; for
// constraints, the first objective's direction). Ranking is stable: ties keep enumeration order
// (the last key of the space varies fastest). Metric magnitudes are in the units the reference
// stores (errata E8). Sweeps run on every core with the single-threaded answer.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/core/error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::dse {

enum class Direction { kMinimize, kMaximize };

struct Objective {
  Direction direction = Direction::kMinimize;
  std::string metric;  ///< the dotted path
  std::string text;    ///< as written
};

/// Parses an objective string as the reference does: split at the first ":" (direction
/// lower-cased and trimmed), else "minimize"/"maximize" anywhere in the lower-cased text with the
/// (case-sensitive) word removed and "( )" stripped. Throws InputError: "Invalid objective
/// format: '<text>'." (no direction) or a direction other than minimize/maximize ("min: x").
[[nodiscard]] Objective parse_objective(std::string_view text);

enum class Op { kLess, kGreater, kLessEqual, kGreaterEqual, kEqual, kUnknown };

struct Constraint {
  enum class Kind {
    kCheck,         ///< compared on every candidate
    kBadThreshold,  ///< the threshold is not a number: ignored (the reference warns)
    kUnknownOp,     ///< an operator the reference does not know: never rejects
    kMalformed,     ///< not three space-separated parts: rejects every candidate
  };
  std::string expression;
  std::string path;
  Op op = Op::kUnknown;
  double threshold = 0.0;
  Kind kind = Kind::kMalformed;
};

[[nodiscard]] Constraint parse_constraint(std::string_view text);
/// A number as Python's float() reads it (inf, nan, exponents, digit underscores; no hex).
[[nodiscard]] std::optional<double> parse_python_float(std::string_view text);
/// Whether `value <op> threshold` holds (an unknown operator always holds).
[[nodiscard]] bool holds(Op op, double value, double threshold);

struct Options {
  unsigned threads = 0;  ///< 0: every core
  /// Keep every point of the space in Result::evaluated (for pictures; costs memory per point).
  bool keep_points = false;
  /// Further metric paths read on every kept point (after the objectives' and constraints').
  std::vector<std::string> extra_metrics;
  /// Called now and then from the searching thread once a search has run a second.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct Candidate {
  std::size_t index = 0;            ///< position in the enumeration
  std::vector<std::string> params;  ///< each parameter's value as JSON, in the space's order
  std::vector<double> objectives;   ///< one value per objective
};

/// One point of the space, as evaluated (Options::keep_points).
struct Point {
  enum class Status {
    kKept,        ///< survived: ranked
    kRejected,    ///< a constraint rejected it
    kInfeasible,  ///< a feasibility level did not pass
    kFailed,      ///< the evaluator rejected the inputs
  };
  std::size_t index = 0;            ///< position in the enumeration
  std::vector<std::string> params;  ///< each parameter's value as JSON, in the space's order
  std::vector<double> metrics;      ///< one per Result::metric_paths (NaN: no value)
  Status status = Status::kKept;
};

struct Result {
  std::vector<std::string> param_names;
  /// The paths each point reads: the objectives', the checked constraints', the extra metrics.
  std::vector<std::string> metric_paths;
  std::vector<Point> evaluated;  ///< every point in enumeration order (Options::keep_points)
  std::vector<Objective> objectives;
  std::vector<Candidate> top;            ///< ranked by the first objective (at most `top`)
  std::vector<Candidate> pareto_front;   ///< with two or more objectives
  std::string best_result_json;          ///< the best candidate's result object
  std::vector<std::string> diagnostics;  ///< what the reference would silently ignore
  std::size_t points = 0;                ///< size of the space
  std::size_t failed = 0;                ///< evaluations the resolver rejected
  std::size_t filtered = 0;              ///< rejected by a feasibility level or a constraint
  std::size_t survivors = 0;             ///< candidates ranked

  /// `{best_params, best_objective, best_result, top_candidates, n_top, pareto_front?, ...}`.
  [[nodiscard]] std::string to_json() const;
};

/// Nothing survived: "No valid configurations found in the search space." A result, not an
/// input error (the CLI exits 2); the diagnostics say why.
class NoValidConfiguration : public Error {
 public:
  explicit NoValidConfiguration(std::vector<std::string> diagnostics)
      : Error("infeasible.no_valid_configuration",
              "No valid configurations found in the search space."),
        diagnostics_(std::move(diagnostics)) {}
  [[nodiscard]] const std::vector<std::string>& diagnostics() const noexcept {
    return diagnostics_;
  }

 private:
  std::vector<std::string> diagnostics_;
};

/// Runs the search a JSON spec describes: {"space": {name: [candidates]}, "objective": "..." or
/// ["...", ...], "constraints": [...], "evaluator": {"resolver": NAME, "fixed": {...}} or
/// {"pipeline": [NAME, ...], "fixed": {...}}, "top": N}. Throws InputError for a bad spec and
/// NoValidConfiguration when nothing survives.
[[nodiscard]] Result search_json(std::string_view spec_json, const Registry& registry,
                                 const Options& options = {});

}  // namespace mlsysim::dse
