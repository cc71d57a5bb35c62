// Internal: the DSE search on a parsed spec (a JSON line or a YAML file, whose nodes carry
// file:line:column for error messages).
#pragma once

#include <string>

#include "io/tree.hpp"
#include "mlsysim/optimize/dse.hpp"

namespace mlsysim::dse {

/// The top-level keys a spec may have.
inline constexpr std::string_view kSpecKeys[] = {"space",     "objective", "constraints",
                                                 "evaluator", "top",       "plot"};

/// A spec's text as a tree: JSON when `file` ends in .json, YAML otherwise (errors name the file).
[[nodiscard]] io::Tree parse_spec(std::string_view text, const std::string& file);
/// Reads a spec file's text; an unreadable file is an InputError on `spec`.
[[nodiscard]] std::string read_spec_file(const std::string& file);

/// A candidate value (Candidate::params, Point::params) as text: strings without their quotes.
[[nodiscard]] inline std::string candidate_text(const std::string& json) {
  if (json.size() >= 2 && json.front() == '"' && json.back() == '"') {
    return json.substr(1, json.size() - 2);
  }
  return json;
}

[[nodiscard]] Result search(const io::Tree& spec, const Registry& registry,
                            const Options& options = {});

}  // namespace mlsysim::dse
