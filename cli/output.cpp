#include "output.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "table.hpp"

namespace mlsysim::cli {
namespace {

/// Calls f(line) for every non-empty line of `text`.
template <class F>
void for_each_line(const std::string& text, F&& f) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) f(std::string_view(text).substr(start, nl - start));
    start = nl + 1;
  }
}

}  // namespace

void print(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

std::shared_ptr<const Registry> load_registry(const GlobalOptions& g) {
  std::vector<std::filesystem::path> dirs(g.registry_dirs.begin(), g.registry_dirs.end());
  return Registry::from_environment(dirs);
}

int exit_for(const Evaluation& ev) {
  return ev.feasible.has_value() && !*ev.feasible ? kExitInfeasible : kExitOk;
}

std::string notes_of(const Evaluation& ev) {
  std::string notes;
  for (const auto& out : ev.outputs) {
    if ((out.name != "constraint_trace" && out.name != "warnings") || out.text == "-") continue;
    const char* mark = out.name == "warnings" ? "warning:" : "•";
    for_each_line(out.text,
                  [&](std::string_view line) { notes += fmt::format("{} {}\n", mark, line); });
  }
  return notes;
}

int show_evaluation(const GlobalOptions& g, std::string_view title, const Evaluation& ev) {
  if (g.output == "json") {
    print(ev.json + "\n");
    return exit_for(ev);
  }
  Table t;
  t.header = {"output", "value", "meaning"};
  t.right_align = {false, true, false};
  std::string lists;
  for (const auto& out : ev.outputs) {
    if (out.name == "constraint_trace" || out.name == "warnings") {
      continue;
    } else if (out.text.find('\n') != std::string::npos) {
      // A list (top candidates, ...) reads best one item per line, below the table.
      lists += fmt::format("\n{} — {}:\n", out.name, out.doc);
      for_each_line(out.text, [&](std::string_view line) { lists += fmt::format("  {}\n", line); });
    } else {
      t.rows.push_back({out.name, out.text, out.doc});
    }
  }
  print(fmt::format("{}\n\n", title));
  print(t.render());
  print(lists);
  const std::string notes = notes_of(ev);
  if (!notes.empty()) print("\n" + notes);
  return exit_for(ev);
}

}  // namespace mlsysim::cli
