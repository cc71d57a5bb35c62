// The design-space search in the catalog: SystemEvaluator (a resolver like the others, so a
// search can sweep it) and DSE itself, whose input is a search spec rather than a described
// struct, so its entry points are written here by hand.
#include <fmt/format.h>

#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "io/tree_json.hpp"
#include "mlsysim/analysis/system_evaluator.hpp"
#include "optimize/dse_engine.hpp"

namespace mlsysim {
namespace {

std::string dse_solve_json(std::string_view json, const Registry& registry) {
  io::JsonWriter w;
  try {
    const dse::Result r = dse::search(io::tree_from_json(json), registry);
    w.begin_object();
    w.key("outputs");
    w.raw(r.to_json());
    w.end_object();
  } catch (const InputError& e) {
    w.clear();
    io::write_error(w, e.code(), e.field(), e.what());
  } catch (const Error& e) {
    w.clear();
    io::write_error(w, e.code(), "", e.what());
  } catch (const std::exception& e) {
    w.clear();
    io::write_error(w, "internal", "", e.what());
  }
  return w.take();
}

Evaluation dse_evaluate(const std::vector<Setting>& settings, const Registry& registry) {
  io::Tree t;
  t.kind = io::Tree::Kind::kMap;
  for (const auto& [k, v] : settings) {
    if (t.get(k) != nullptr) {
      throw InputError("input.invalid", k, fmt::format("{}: set more than once", k));
    }
    t.fields.emplace_back(k, io::tree_from_flag(v));
  }
  const dse::Result r = dse::search(t, registry);
  Evaluation ev;
  ev.json = "{\"outputs\":" + r.to_json() + "}";
  auto params_text = [&](const dse::Candidate& c) {
    std::string s;
    for (std::size_t p = 0; p < r.param_names.size(); ++p) {
      s += fmt::format("{}{}={}", p ? ", " : "", r.param_names[p], c.params[p]);
    }
    return s;
  };
  const dse::Candidate& best = r.top.front();
  ev.outputs.push_back({"best_params", "", params_text(best), "the best candidate"});
  ev.outputs.push_back({"best_objective", fmt::format("{}", best.objectives.front()),
                        fmt::format("{:.6g}", best.objectives.front()), r.objectives.front().text});
  for (std::size_t i = 0; i < r.top.size(); ++i) {
    ev.outputs.push_back(
        {fmt::format("top_candidates[{}]", i), "",
         fmt::format("{:.6g}  {}", r.top[i].objectives.front(), params_text(r.top[i])),
         "objective value and parameters"});
  }
  ev.outputs.push_back({"n_top", std::to_string(r.top.size()), std::to_string(r.top.size()),
                        "number of top candidates"});
  std::string notes;
  for (const auto& d : r.diagnostics) notes += (notes.empty() ? "" : "\n") + d;
  ev.outputs.push_back({"warnings", "", notes, "what the reference would silently ignore"});
  return ev;
}

std::vector<FieldSchema> dse_inputs() {
  auto f = [](std::string name, std::string type, std::string doc, bool required,
              std::string def = "null") {
    FieldSchema s;
    s.name = std::move(name);
    s.type = std::move(type);
    s.doc = std::move(doc);
    s.required = required;
    s.default_json = std::move(def);
    return s;
  };
  return {
      f("space", "map of lists",
        "parameter name -> candidate values; the full product, last key varying fastest", true),
      f("objective", "string or list of strings",
        "'minimize: latency', 'maximize(mfu)', 'maximize mfu'; several give a Pareto front", true),
      f("constraints", "list of string", "'<metric path> <op> <threshold>', op < > <= >= ==", false,
        "[]"),
      f("evaluator", "object",
        "{resolver: NAME, fixed: {...}} (any resolver, Engine, SystemEvaluator) or "
        "{pipeline: [NAME, ...], fixed: {...}}",
        true),
      f("top", "int", "how many ranked candidates to return", false, "5"),
      f("fidelity", "string",
        "'faithful' (the reference's physics) or 'realistic' (Engine, SingleNodeModel and "
        "ServingModel have realistic variants)",
        false, "\"faithful\""),
  };
}

std::vector<FieldSchema> dse_outputs() {
  auto f = [](std::string name, std::string type, std::string doc) {
    FieldSchema s;
    s.name = std::move(name);
    s.type = std::move(type);
    s.doc = std::move(doc);
    return s;
  };
  return {
      f("best_params", "object", "the best candidate's parameters, as given"),
      f("best_objective", "number", "its (first) objective value, in the stored unit"),
      f("best_result", "object", "the evaluator's result for the best candidate"),
      f("top_candidates", "list of object", "up to `top` candidates: params, objective_value"),
      f("n_top", "int", "number of top candidates"),
      f("pareto_front", "list of object",
        "with several objectives: the non-dominated candidates, ordered and deduplicated"),
      f("objectives", "list of string", "the objectives as written"),
      f("points", "int", "size of the space"),
      f("failed", "int", "candidates the evaluator rejected (skipped)"),
      f("filtered", "int", "candidates removed by a feasibility level or a constraint"),
      f("survivors", "int", "candidates ranked"),
      f("diagnostics", "list of string", "what the reference would silently ignore"),
  };
}

}  // namespace

void register_dse(std::vector<Resolver>& c) {
  c.push_back(io::make_resolver<analysis::SystemEvaluatorInputs, analysis::SystemEvaluation,
                                &analysis::evaluate>(
      {"SystemEvaluator",
       "solver",
       "SystemEvaluation",
       {"workload", "hardware", "fleet"},
       "One scenario at three levels: memory feasibility, performance, economics (scorecard)"}));
  c.push_back({{"DSE",
                "optimizer",
                "DSEResult",
                {},
                "Design-space search: the product of candidate lists through any resolver, "
                "constraints, ranking and Pareto fronts"},
               &dse_solve_json,
               &dse_evaluate,
               &dse_inputs,
               &dse_outputs,
               nullptr});
}

}  // namespace mlsysim
