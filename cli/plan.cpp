// Plans on the command line: `mlsysim eval PLAN.yaml` (the SystemEvaluator scorecard and the
// plan's SLA assertions), `mlsysim optimize parallelism|batching|placement PLAN.yaml` and
// `mlsysim schema plan`.
#include "mlsysim/analysis/plan.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "io/binding.hpp"
#include "io/json_writer.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/optimize/batching.hpp"
#include "mlsysim/optimize/parallelism.hpp"
#include "mlsysim/optimize/placement.hpp"
#include "output.hpp"
#include "table.hpp"

namespace mlsysim::cli {
namespace {

std::string label(const EntryInfo& info) { return info.path.empty() ? info.name : info.path; }

const std::shared_ptr<const Fleet>& require_fleet(const analysis::ResolvedPlan& p,
                                                  std::string_view what) {
  if (p.fleet == nullptr) {
    throw InputError("input.invalid", "hardware.nodes",
                     fmt::format("hardware.nodes: {} optimization needs a fleet; the plan has "
                                 "nodes = {} (set hardware.nodes > 1)",
                                 what, p.plan.hardware.nodes));
  }
  return p.fleet;
}

}  // namespace

bool is_plan_file(std::string_view target) {
  auto ends = [&](std::string_view s) {
    return target.size() >= s.size() && target.substr(target.size() - s.size()) == s;
  };
  return ends(".yaml") || ends(".yml");
}

int run_eval_plan(const GlobalOptions& g, const EvalOptions& o) {
  for (const auto& [flag, value] :
       {std::pair<std::string_view, bool>{"--batch-size", !o.batch_size.empty()},
        {"--precision", !o.precision.empty()},
        {"--efficiency", !o.efficiency.empty()},
        {"--seq-len", !o.seq_len.empty()},
        {"--training", o.training}}) {
    if (value) {
      throw InputError(
          "input.invalid", std::string(flag.substr(2)),
          fmt::format("{} does not apply to a plan; set it in the plan file ({})", flag, o.model));
    }
  }
  auto registry = load_registry(g);
  const analysis::ResolvedPlan plan = analysis::load_plan(o.model, *registry);
  if (plan.plan.fidelity == "realistic" && g.fidelity != "realistic") {
    GlobalOptions realistic = g;
    realistic.fidelity = "realistic";
    note_faithful_only(realistic, "eval PLAN (SystemEvaluator)");
  }
  const analysis::SystemEvaluation e = analysis::evaluate(analysis::evaluator_inputs(plan));
  const std::vector<analysis::Violation> violations = analysis::check_assertions(plan.plan, e);
  const int code = !violations.empty() ? kExitConstraint : e.passed_all ? kExitOk : kExitInfeasible;
  if (g.output == "json") {
    io::JsonWriter w;
    w.begin_object();
    w.key("plan");
    w.string(plan.plan.name);
    w.key("model");
    w.string(label(plan.model->info));
    w.key("hardware");
    w.string(label(plan.hardware->info));
    w.key("evaluation");
    io::write_struct(w, e);
    w.key("metrics");
    io::write_value(w, analysis::plan_metrics(e), "", 1.0);
    w.key("status");
    w.string(!violations.empty() ? "sla_failed" : e.passed_all ? "passed" : "failed");
    w.key("violations");
    w.begin_array();
    for (const auto& v : violations) w.string(v.message);
    w.end_array();
    w.end_object();
    print(io::pretty_json(w.take()) + "\n");
    return code;
  }
  print(e.scorecard());
  if (!violations.empty()) {
    print(fmt::format("\nSLA / constraint violation{}:\n", violations.size() == 1 ? "" : "s"));
    for (const auto& v : violations) print(fmt::format("  ✗ {}\n", v.message));
  }
  return code;
}

int run_optimize(const GlobalOptions& g, const OptimizeOptions& o) {
  auto registry = load_registry(g);
  const analysis::ResolvedPlan plan = analysis::load_plan(o.plan, *registry);
  const analysis::Plan& p = plan.plan;
  if (o.what == "parallelism") {
    const auto& fleet = require_fleet(plan, "parallelism");
    optimize::ParallelismResult r;
    try {
      r = optimize::parallelism({.model = plan.model,
                                 .fleet = fleet,
                                 .batch_size = p.workload.batch_size,
                                 .precision = p.hardware.precision,
                                 .efficiency = p.hardware.efficiency});
    } catch (const InputError& e) {
      // No split fits: nothing feasible (exit 2), not a bad input.
      if (std::string_view(e.what()).find("No valid parallelism configurations") == 0) {
        std::fprintf(stderr, "infeasible: %s\n", e.what());
        return kExitInfeasible;
      }
      throw;
    }
    return show_evaluation(
        g,
        fmt::format("ParallelismOptimizer: {} on {} ({} x {} accelerators), batch {}",
                    label(plan.model->info), fleet->name(), fleet->count,
                    fleet->node->accelerators_per_node, p.workload.batch_size),
        io::evaluation_of(r));
  }
  if (o.what == "batching") {
    if (!o.sla_ms || !o.qps) {
      throw InputError("input.missing", !o.sla_ms ? "sla-ms" : "qps",
                       "optimize batching needs --sla-ms (P99 target, ms) and --qps (arrival "
                       "rate, requests per second)");
    }
    const int replicas = o.replicas.value_or(p.hardware.nodes);
    const optimize::BatchingResult r =
        optimize::batching({.model = plan.model,
                            .hardware = plan.hardware,
                            .seq_len = p.workload.seq_len,
                            .sla_latency_ms = *o.sla_ms,
                            .arrival_rate_qps = *o.qps,
                            .num_replicas = replicas,
                            .precision = p.hardware.precision,
                            .efficiency = p.hardware.efficiency,
                            .max_search_batch = o.max_batch.value_or(256)});
    return show_evaluation(
        g,
        fmt::format("BatchingOptimizer: {} on {} x {}, seq_len {}, P99 <= {} ms at {} QPS",
                    label(plan.model->info), replicas, label(plan.hardware->info),
                    p.workload.seq_len, detail::format_number(*o.sla_ms),
                    detail::format_number(*o.qps)),
        io::evaluation_of(r));
  }
  const auto& fleet = require_fleet(plan, "placement");
  optimize::PlacementInputs in{.fleet = fleet,
                               .duration_days = p.ops ? p.ops->duration_days : 30.0,
                               .carbon_tax_per_ton = o.carbon_tax,
                               .mfu = p.hardware.efficiency};
  if (!o.regions.empty()) in.regions = o.regions;
  const optimize::PlacementResult r = optimize::placement(in);
  return show_evaluation(
      g,
      fmt::format("PlacementOptimizer: {} ({} accelerators) for {} days, carbon tax "
                  "${}/ton",
                  fleet->name(), fleet->total_accelerators(),
                  detail::format_number(*in.duration_days), detail::format_number(o.carbon_tax)),
      io::evaluation_of(r));
}

int run_schema_plan() {
  print(analysis::plan_json_schema() + "\n");
  return kExitOk;
}

}  // namespace mlsysim::cli
