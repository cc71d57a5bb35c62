#include "commands.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "io/json_writer.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/core/walls.hpp"
#include "output.hpp"
#include "table.hpp"

namespace mlsysim::cli {
namespace {

const OutputValue* find_output(const Evaluation& ev, std::string_view name) {
  for (const auto& o : ev.outputs) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

std::string text_of(const Evaluation& ev, std::string_view name) {
  const OutputValue* o = find_output(ev, name);
  return o ? o->text : std::string("-");
}

}  // namespace

int run_eval(const GlobalOptions& g, const EvalOptions& o) {
  if (o.hardware.empty()) {
    if (is_plan_file(o.model)) return run_eval_plan(g, o);
    throw InputError("input.missing", "hardware",
                     fmt::format("hardware: required argument is missing after '{}' (mlsysim eval "
                                 "MODEL HARDWARE, or mlsysim eval PLAN.yaml)",
                                 o.model));
  }
  if (is_plan_file(o.model)) {
    throw InputError("input.invalid", "hardware",
                     fmt::format("hardware: a plan ({}) takes no HARDWARE argument; the plan's "
                                 "hardware.name sets it",
                                 o.model));
  }
  auto registry = load_registry(g);
  std::vector<Setting> settings{{"model", o.model}, {"hardware", o.hardware}};
  if (!o.batch_size.empty()) settings.emplace_back("batch_size", o.batch_size);
  if (!o.precision.empty()) settings.emplace_back("precision", o.precision);
  if (!o.efficiency.empty()) settings.emplace_back("efficiency", o.efficiency);
  if (!o.seq_len.empty()) settings.emplace_back("seq_len", o.seq_len);
  if (o.training) settings.emplace_back("is_training", "true");
  const Evaluation ev = resolver_for(g, "Engine").evaluate(settings, *registry);
  if (g.output == "json") {
    print(ev.json + "\n");
    return exit_for(ev);
  }
  // The names as the registry spells them.
  const auto model = registry->model(o.model, "model");
  const auto hw = registry->hardware(o.hardware, "hardware");
  print(fmt::format("{} on {}  ({}, batch {}, efficiency {}{})\n\n", model->name(), hw->name(),
                    o.precision.empty() ? "fp16" : o.precision,
                    o.batch_size.empty() ? "1" : o.batch_size,
                    g.fidelity == "realistic" ? std::string("calibrated (realistic)")
                    : o.efficiency.empty()    ? std::string("0.5")
                                              : o.efficiency,
                    o.training ? ", training" : ""));
  Table t;
  t.header = {"metric", "value"};
  t.right_align = {false, true};
  const OutputValue* util = find_output(ev, "memory_utilization");
  std::string memory_use =
      fmt::format("{} of {}", text_of(ev, "memory_footprint"), text_of(ev, "memory_capacity"));
  if (util != nullptr) memory_use += fmt::format(" ({:.1f} %)", std::stod(util->json) * 100.0);
  t.rows = {
      {"Latency", text_of(ev, "latency")},
      {"  compute", text_of(ev, "latency_compute")},
      {"  memory", text_of(ev, "latency_memory")},
      {"  overhead", text_of(ev, "latency_overhead")},
      {"Throughput", text_of(ev, "throughput")},
      {"Bottleneck", text_of(ev, "bottleneck")},
      {"Arithmetic intensity", text_of(ev, "arithmetic_intensity")},
      {"Memory use", memory_use},
      {"Feasible", text_of(ev, "feasible") == "true" ? "yes" : "NO (does not fit)"},
      {"MFU", fmt::format("{:.3f} %", std::stod(find_output(ev, "mfu")->json) * 100.0)},
      {"HFU", fmt::format("{:.3f} %", std::stod(find_output(ev, "hfu")->json) * 100.0)},
      {"Energy per step", text_of(ev, "energy")},
  };
  print(t.render());
  std::string notes = notes_of(ev);
  if (!notes.empty()) print("\n" + notes);
  return exit_for(ev);
}

int run_solve(const GlobalOptions& g, const SolveOptions& o) {
  const Resolver& resolver = resolver_for(g, o.resolver);
  auto registry = load_registry(g);
  if (o.jsonl) {
    if (!o.settings.empty()) {
      throw InputError("input.invalid", "set", "--set and --jsonl cannot be combined");
    }
    std::ios::sync_with_stdio(false);
    std::string line;
    std::string out;
    out.reserve(1 << 16);
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      out += resolver.solve_json(line, *registry);
      out += '\n';
      if (out.size() > (1 << 16)) {
        print(out);
        out.clear();
      }
    }
    print(out);
    std::fflush(stdout);
    return kExitOk;
  }
  std::vector<Setting> settings;
  for (const auto& s : o.settings) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InputError("input.invalid", "set",
                       fmt::format("--set expects name=value, got '{}'", s));
    }
    settings.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  return show_evaluation(g, resolver.info.name, resolver.evaluate(settings, *registry));
}

int run_schema(const GlobalOptions& /*g*/, const SchemaOptions& o) {
  if (o.resolver == "plan") return run_schema_plan();
  if (!o.resolver.empty()) {
    print(io::pretty_json(schema_json(find_resolver(o.resolver))) + "\n");
    return kExitOk;
  }
  io::JsonWriter w;
  w.begin_array();
  for (const auto& r : resolvers()) {
    w.begin_object();
    w.key("resolver");
    w.string(r.info.name);
    w.key("type");
    w.string(r.info.type);
    w.key("produces");
    w.string(r.info.produces);
    w.key("walls");
    w.begin_array();
    for (const Wall* wall : walls_for_resolver(r.info.name)) w.integer(wall->number);
    w.end_array();
    w.key("summary");
    w.string(r.info.summary);
    w.end_object();
  }
  w.end_array();
  std::string out = io::pretty_json(w.take()) + "\n";
  print(out);
  return kExitOk;
}

int run_walls(const GlobalOptions& g) {
  if (g.output == "json") {
    io::JsonWriter out;
    out.begin_array();
    for (const auto& w : all_walls()) {
      out.begin_object();
      out.key("number");
      out.integer(w.number);
      out.key("name");
      out.string(w.name);
      out.key("domain");
      out.string(domain_name(w.domain));
      out.key("resolver");
      out.string(w.resolver);
      out.key("constraint");
      out.string(w.constraint);
      out.key("equation");
      out.string(w.equation);
      out.key("sources");
      out.string(w.sources);
      out.end_object();
    }
    out.end_array();
    print(io::pretty_json(out.take()) + "\n");
    return kExitOk;
  }
  Table t;
  t.header = {"#", "wall", "domain", "resolver", "constraint"};
  t.right_align = {true, false, false, false, false};
  for (const auto& w : all_walls()) {
    t.rows.push_back({std::to_string(w.number), std::string(w.name),
                      std::string(domain_name(w.domain)), std::string(w.resolver),
                      std::string(w.constraint)});
  }
  print(t.render());
  return kExitOk;
}

}  // namespace mlsysim::cli
