// Plans — the reference's `mlsys.yaml`: one declarative file naming a workload, the hardware
// (one device, or `nodes` accelerators built into a fleet), optional operations (economics) and
// SLA assertions. `mlsysim eval PLAN.yaml` evaluates it with SystemEvaluator; `mlsysim optimize
// parallelism|batching|placement PLAN.yaml` hands its model, hardware and fleet to an optimizer.
//
//   auto zoo = Registry::builtin();
//   auto plan = analysis::load_plan("examples/plans/llama70b_h100x16.yaml", *zoo);
//   auto e = analysis::evaluate(analysis::evaluator_inputs(plan));
//   for (const auto& v : analysis::check_assertions(plan.plan, e)) std::puts(v.message.c_str());
//
// nodes > 1 builds the fleet: count = nodes / accelerators_per_node nodes, each with
// intra_node_bw (default: the device's host link, else fabric_bandwidth), on a fabric of
// fabric_bandwidth. Assertions read `performance.latency`-style metric paths (the flattened
// `p_latency` names are accepted too); a metric the evaluation lacks is a violation.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "mlsysim/analysis/system_evaluator.hpp"
#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::analysis {

/// `workload:` — what runs.
struct PlanWorkload {
  std::string name;  ///< a zoo name or a path to a model YAML file
  int batch_size = 1;
  int seq_len = 2048;
};

/// `hardware:` — what it runs on.
struct PlanHardware {
  std::string name;  ///< a zoo name or a path to a hardware YAML file
  int nodes = 1;     ///< total accelerators (the reference's historical name)
  std::optional<int> accelerators_per_node;
  std::optional<units::Bandwidth> intra_node_bw;
  units::Bandwidth fabric_bandwidth = 50.0 * units::GB_per_s;
  std::string precision = "fp16";
  double efficiency = 0.5;
};

/// `ops:` — the period the economics level prices.
struct PlanOps {
  std::string region = "US_Avg";
  double duration_days = 30.0;
};

/// One entry of `constraints.assert`.
struct PlanAssertion {
  std::string metric;
  std::optional<double> max;
  std::optional<double> min;
};

/// `constraints:`.
struct PlanConstraints {
  std::vector<PlanAssertion> asserts;
};

/// The plan as written.
struct Plan {
  std::string version;
  std::string name;
  PlanWorkload workload;
  PlanHardware hardware;
  std::optional<PlanOps> ops;
  std::optional<PlanConstraints> constraints;
  std::string fidelity = "faithful";  ///< faithful | realistic (SystemEvaluator runs faithful)
};

/// A plan with its names resolved: the model, the device and (nodes > 1) the fleet.
struct ResolvedPlan {
  Plan plan;
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Hardware> hardware;
  std::shared_ptr<const Fleet> fleet;  ///< null for a single device
};

/// Reads a plan file. Errors (YAML syntax, unknown or missing keys, bad values, unknown names)
/// are RegistryError with file:line:col; an unreadable file is an InputError.
[[nodiscard]] ResolvedPlan load_plan(const std::filesystem::path& file, const Registry& registry);
/// Reads a plan from YAML text; `file` names it in messages and relative model / hardware file
/// paths resolve against `base_dir`.
[[nodiscard]] ResolvedPlan parse_plan(std::string_view yaml, const std::string& file,
                                      const std::filesystem::path& base_dir,
                                      const Registry& registry);

/// What SystemEvaluator is given for the plan (as the reference's `eval`).
[[nodiscard]] SystemEvaluatorInputs evaluator_inputs(const ResolvedPlan& plan);

/// The metrics assertions can name, in order: `feasibility.<m>`, `performance.<m>`, `macro.<m>`.
[[nodiscard]] std::vector<std::pair<std::string, double>> plan_metrics(const SystemEvaluation& e);

/// A metric's `<level>.<metric>` path; the flattened `f_`/`p_`/`m_` names are mapped to it.
[[nodiscard]] std::string plan_metric_path(std::string_view name);
/// The value of a metric an assertion names (either spelling); none when the evaluation lacks it.
[[nodiscard]] std::optional<double> plan_metric(const SystemEvaluation& e, std::string_view name);

/// A failed assertion.
struct Violation {
  std::string metric;
  std::optional<double> value;  ///< none: the evaluation has no such metric
  std::string message;          ///< "performance.latency (52.1) exceeds max (50)"
};

/// Checks every `constraints.assert` entry against the evaluation.
[[nodiscard]] std::vector<Violation> check_assertions(const Plan& plan, const SystemEvaluation& e);

/// The plan's JSON Schema (draft 2020-12), generated from the description of Plan.
[[nodiscard]] std::string plan_json_schema();

}  // namespace mlsysim::analysis

namespace mlsysim {

template <>
struct Describe<analysis::PlanWorkload> {
  static constexpr auto fields() {
    using W = analysis::PlanWorkload;
    return std::tuple{
        field("name", &W::name,
              "the model: a zoo name (Llama3_70B, Models.Language.Llama3_70B) or a path to a model "
              "YAML file in the registry's format (relative to the plan's folder)",
              {.required = true}),
        field("batch_size", &W::batch_size, "samples per step (the global batch for a fleet)",
              {.min = 1, .max = 1e9}),
        field("seq_len", &W::seq_len, "sequence length in tokens (used by optimize batching)",
              {.min = 1, .max = 1e9}),
    };
  }
};

template <>
struct Describe<analysis::PlanHardware> {
  static constexpr auto fields() {
    using H = analysis::PlanHardware;
    using namespace units;
    return std::tuple{
        field("name", &H::name,
              "the accelerator: a zoo name (H100, Hardware.Cloud.H100) or a path to a hardware "
              "YAML file in the registry's format (relative to the plan's folder)",
              {.required = true}),
        field("nodes", &H::nodes,
              "total accelerators; above 1 the plan builds a fleet and SystemEvaluator takes the "
              "distributed path",
              {.min = 1, .max = 1e9}),
        field("accelerators_per_node", &H::accelerators_per_node,
              "accelerators per node of the fleet (default 1); must divide nodes",
              {.min = 1, .max = 1e6}),
        field("intra_node_bw", &H::intra_node_bw, GB_per_s,
              "bandwidth inside a node (default: the device's host link, else fabric_bandwidth)",
              {.min = 0.0, .min_open = true}),
        field("fabric_bandwidth", &H::fabric_bandwidth, GB_per_s,
              "bandwidth of the network between nodes", {.min = 0.0, .min_open = true}),
        field("precision", &H::precision, "fp32, tf32, bf16, fp16, fp8, int8 or int4"),
        field("efficiency", &H::efficiency, "achieved fraction of peak compute (MFU target)",
              {.min = 0.0, .max = 1.0, .min_open = true}),
    };
  }
};

template <>
struct Describe<analysis::PlanOps> {
  static constexpr auto fields() {
    using O = analysis::PlanOps;
    return std::tuple{
        field("region", &O::region,
              "grid region (Infra.Grids: US_Avg, Quebec, Iowa, Poland, Norway); checked and "
              "recorded, not used by the evaluation (as in the reference)"),
        field("duration_days", &O::duration_days,
              "days of operation the economics level prices (also optimize placement's period)",
              {.min = 0.0, .max = 1e7, .min_open = true}),
    };
  }
};

template <>
struct Describe<analysis::PlanAssertion> {
  static constexpr auto fields() {
    using A = analysis::PlanAssertion;
    return std::tuple{
        field("metric", &A::metric,
              "a metric path such as performance.latency or macro.tco_usd (see docs/plans.md)",
              {.required = true}),
        field("max", &A::max, "the metric must be <= max"),
        field("min", &A::min, "the metric must be >= min"),
    };
  }
};

template <>
struct Describe<analysis::PlanConstraints> {
  static constexpr auto fields() {
    using C = analysis::PlanConstraints;
    return std::tuple{
        field("assert", &C::asserts, "SLA assertions; any failure makes `eval` exit 3"),
    };
  }
};

template <>
struct Describe<analysis::Plan> {
  static constexpr auto fields() {
    using P = analysis::Plan;
    return std::tuple{
        field("version", &P::version, "plan format version, e.g. \"1\"", {.required = true}),
        field("name", &P::name, "the scenario's name (the scorecard's title)", {.required = true}),
        field("workload", &P::workload, "the model and its batch", {.required = true}),
        field("hardware", &P::hardware, "the accelerator and the fleet", {.required = true}),
        field("ops", &P::ops, "operations: adds the economics level"),
        field("constraints", &P::constraints, "assertions on the evaluation's metrics"),
        field("fidelity", &P::fidelity,
              "faithful (the reference's physics) or realistic; SystemEvaluator has no realistic "
              "variant yet, so a realistic plan runs faithful with a note"),
    };
  }
};

}  // namespace mlsysim
