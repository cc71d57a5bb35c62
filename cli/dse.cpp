// `mlsysim dse SPEC.yaml|SPEC.json`: a design-space search from a spec file — the same object
// `solve DSE` reads (space, objective, constraints, evaluator) plus `top`. Prints the ranked
// candidates (and the Pareto front for several objectives) or the result as JSON.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "io/json_writer.hpp"
#include "io/tree.hpp"
#include "mlsysim/core/error.hpp"
#include "optimize/dse_engine.hpp"
#include "output.hpp"
#include "table.hpp"

namespace mlsysim::cli {
namespace {

std::string number(double v) { return fmt::format("{:.6g}", v); }

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

Table candidates_table(const dse::Result& r, const std::vector<dse::Candidate>& cs, bool ranked) {
  Table t;
  if (ranked) t.header.push_back("rank");
  for (const auto& p : r.param_names) t.header.push_back(p);
  for (const auto& o : r.objectives) t.header.push_back(o.text);
  if (ranked) t.right_align.push_back(true);
  for (std::size_t i = 0; i < r.param_names.size(); ++i) t.right_align.push_back(false);
  for (std::size_t i = 0; i < r.objectives.size(); ++i) t.right_align.push_back(true);
  for (std::size_t i = 0; i < cs.size(); ++i) {
    std::vector<std::string> row;
    if (ranked) row.push_back(std::to_string(i + 1));
    for (const auto& p : cs[i].params) row.push_back(dse::candidate_text(p));
    for (double v : cs[i].objectives) row.push_back(number(v));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

int run_dse(const GlobalOptions& g, const DseOptions& o) {
  io::Tree spec = dse::parse_spec(dse::read_spec_file(o.spec), o.spec);
  if (o.top > 0) {
    // --top overrides the spec's `top`.
    io::Tree n;
    n.kind = io::Tree::Kind::kNumber;
    n.number = static_cast<double>(o.top);
    n.integral = true;
    bool replaced = false;
    for (auto& [k, v] : spec.fields) {
      if (k == "top") {
        v = n;
        replaced = true;
      }
    }
    if (!replaced && spec.is_map()) spec.fields.emplace_back("top", n);
  }
  // --fidelity realistic sets the spec's fidelity unless the spec states one.
  if (g.fidelity == "realistic" && spec.is_map()) {
    bool stated = false;
    for (const auto& [k, v] : spec.fields) stated = stated || k == "fidelity";
    if (!stated) {
      io::Tree f;
      f.kind = io::Tree::Kind::kString;
      f.text = "realistic";
      spec.fields.emplace_back("fidelity", f);
    }
  }
  auto registry = Registry::from_environment(
      std::vector<std::filesystem::path>(g.registry_dirs.begin(), g.registry_dirs.end()));
  dse::Options opts;
  opts.threads = o.threads;
  const bool tty = isatty(fileno(stderr)) != 0;
  if (tty) {
    opts.progress = [](std::size_t done, std::size_t total) {
      std::fprintf(stderr, "\rsearching: %zu of %zu points (%.0f %%)%s", done, total,
                   100.0 * static_cast<double>(done) / static_cast<double>(total),
                   done == total ? "\n" : "");
      std::fflush(stderr);
    };
  }
  dse::Result r;
  try {
    r = dse::search(spec, *registry, opts);
  } catch (const dse::NoValidConfiguration& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "note: %s\n", d.c_str());
    std::fprintf(stderr, "infeasible: %s\n", e.what());
    return kExitInfeasible;
  }
  if (g.output == "json") {
    print(io::pretty_json(r.to_json()) + "\n");
    return kExitOk;
  }
  std::string objectives;
  for (const auto& ob : r.objectives) objectives += (objectives.empty() ? "" : "; ") + ob.text;
  print(fmt::format("{} points searched, {} ranked ({} failed, {} filtered)\n", grouped(r.points),
                    grouped(r.survivors), grouped(r.failed), grouped(r.filtered)));
  print(fmt::format("objective: {}\n\n", objectives));
  print(candidates_table(r, r.top, true).render());
  if (r.objectives.size() > 1) {
    print(fmt::format("\nPareto front ({} point{}):\n\n", r.pareto_front.size(),
                      r.pareto_front.size() == 1 ? "" : "s"));
    print(candidates_table(r, r.pareto_front, false).render());
  }
  if (!r.diagnostics.empty()) {
    print("\n");
    for (const auto& d : r.diagnostics) print(fmt::format("note: {}\n", d));
  }
  return kExitOk;
}

}  // namespace mlsysim::cli
