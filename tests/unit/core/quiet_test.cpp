// Quiet mode (core/quiet.hpp): every catalog resolver, solved on its conformance inputs with and
// without a QuietScope, gives the same numbers, flags and meaningful strings, and writes no
// constraint trace, warning or diagnostic while quiet.
#include "mlsysim/core/quiet.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "mlsysim/core/catalog.hpp"

namespace mlsysim {
namespace {

using nlohmann::json;

/// The outputs that are prose, not numbers: a trace, warnings, diagnostics, summaries, and the
/// SystemEvaluator's display labels (its level names and scenario name, left empty while quiet).
bool is_text_key(std::string_view key) {
  return key == "constraint_trace" || key == "warnings" || key == "diagnostics" ||
         key.ends_with("summary") || key == "level_name" || key == "scenario_name";
}

/// `j` without its text outputs, at any depth (nested results carry their own).
json without_text(const json& j) {
  if (j.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : j.items()) {
      if (!is_text_key(k)) out[k] = without_text(v);
    }
    return out;
  }
  if (j.is_array()) {
    json out = json::array();
    for (const auto& v : j) out.push_back(without_text(v));
    return out;
  }
  return j;
}

/// The text outputs of `j` that are not empty, as "path: value" lines.
void collect_text(const json& j, const std::string& path, std::vector<std::string>& found) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      const std::string at = path + "." + k;
      if (is_text_key(k)) {
        if (!(v.is_null() || ((v.is_array() || v.is_string()) && v.empty()))) {
          found.push_back(at + ": " + v.dump());
        }
      } else {
        collect_text(v, at, found);
      }
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      collect_text(j[i], path + "[" + std::to_string(i) + "]", found);
    }
  }
}

std::vector<std::string> text_of(const json& j) {
  std::vector<std::string> found;
  collect_text(j, "outputs", found);
  return found;
}

json solve(const Resolver& r, const std::string& line, bool quiet_mode) {
  std::string out;
  if (quiet_mode) {
    QuietScope scope;
    out = r.solve_json(line, *Registry::builtin());
  } else {
    out = r.solve_json(line, *Registry::builtin());
  }
  return json::parse(out);
}

/// Solves `line` loud and quiet and checks the quiet answer; returns the loud answer's text.
/// DSE's diagnostics are not checked for emptiness: they describe the search specification, once
/// per search (the search runs its points quiet itself), not a point.
std::vector<std::string> check_case(const Resolver& r, const std::string& line) {
  const json loud = solve(r, line, false);
  const json quiet_answer = solve(r, line, true);
  EXPECT_FALSE(quiet());  // the scope has ended
  EXPECT_EQ(loud.contains("outputs"), quiet_answer.contains("outputs")) << line;
  if (!loud.contains("outputs")) {
    // An input the resolver rejects is rejected with the same full message either way.
    EXPECT_EQ(loud, quiet_answer) << line;
    return {};
  }
  EXPECT_EQ(without_text(loud["outputs"]), without_text(quiet_answer["outputs"]))
      << r.info.name << " " << line;
  if (r.info.name == "DSE") return {};
  const auto quiet_text = text_of(quiet_answer["outputs"]);
  EXPECT_TRUE(quiet_text.empty()) << r.info.name << " wrote text while quiet: "
                                  << (quiet_text.empty() ? "" : quiet_text.front());
  return text_of(loud["outputs"]);
}

json read_cases(std::string_view resolver) {
  const std::filesystem::path file =
      std::filesystem::path(MLSYSIM_TEST_DIR) / "conformance" / (std::string(resolver) + ".json");
  if (!std::filesystem::exists(file)) return json::array();
  std::ifstream in(file);
  return json::parse(in).at("cases");
}

// Each resolver's first accepted conformance case (its docs example's kind of input), and the
// first accepted case that warns (so the warnings are exercised, not only the trace).
TEST(Quiet, EveryResolverGivesTheSameNumbersAndNoText) {
  int resolvers_checked = 0;
  int with_trace = 0;
  int with_warnings = 0;
  for (const Resolver& r : resolvers()) {
    const json cases = read_cases(r.info.name);
    if (cases.empty()) continue;
    SCOPED_TRACE(std::string(r.info.name));
    bool first_done = false;
    bool warned = false;
    for (const auto& c : cases) {
      if (c.contains("error")) continue;
      const std::string line = c.at("inputs").dump();
      if (first_done && warned) break;
      const auto loud_text = check_case(r, line);
      bool has_trace = false;
      bool has_warning = false;
      for (const auto& t : loud_text) {
        has_trace = has_trace || t.find("constraint_trace") != std::string::npos;
        has_warning = has_warning || t.find("warnings") != std::string::npos;
      }
      if (!first_done) {
        first_done = true;
        ++resolvers_checked;
        if (has_trace) ++with_trace;
      }
      if (has_warning && !warned) {
        warned = true;
        ++with_warnings;
      }
    }
  }
  // The comparison above only means something if the loud answers do carry text.
  EXPECT_GE(resolvers_checked, 27);
  EXPECT_GE(with_trace, 13);
  EXPECT_GE(with_warnings, 25);
}

TEST(Quiet, ScopesNestAndRestore) {
  EXPECT_FALSE(quiet());
  {
    QuietScope outer;
    EXPECT_TRUE(quiet());
    {
      QuietScope inner;
      EXPECT_TRUE(quiet());
    }
    EXPECT_TRUE(quiet());
  }
  EXPECT_FALSE(quiet());
}

TEST(Quiet, ErrorsKeepTheirMessages) {
  const Resolver& r = find_resolver("ServingModel");
  const std::string line =
      R"({"model": "Llama3_8B", "hardware": "H100", "seq_len": 128, "cached_prefix_len": 128})";
  const json loud = solve(r, line, false);
  const json quiet_answer = solve(r, line, true);
  ASSERT_TRUE(loud.contains("error")) << loud.dump();
  EXPECT_EQ(loud, quiet_answer);
  EXPECT_NE(quiet_answer["error"]["message"].get<std::string>().find("cached_prefix_len"),
            std::string::npos);
}

}  // namespace
}  // namespace mlsysim
