// The contract every fuzz target checks, not just "no crash": an answer is either a result whose
// numbers are all finite (an infinity only as the documented string "inf" / "-inf", never NaN),
// or an input error with a stable code and a message. Any other exception, an "internal" error or
// a NaN is a finding: the target prints it and aborts, which libFuzzer and the replay driver both
// report.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "io/tree.hpp"
#include "mlsysim/core/error.hpp"

namespace mlsysim::fuzz {

[[noreturn]] inline void violation(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "contract violation: %.*s\n  %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

/// An error as the contract allows it: a stable code other than "internal" and a message.
inline void check_error(std::string_view code, std::string_view message) {
  if (code.empty() || code == "internal") violation("error without a stable code", message);
  if (message.empty()) violation("error without a message", code);
}

/// Whether `s` is a NaN spelled as a string (what the JSON writer makes of a NaN).
inline bool is_nan_text(std::string_view s) {
  return s == "nan" || s == "-nan" || s == "NaN" || s == "-NaN";
}

/// Checks every number of a result: finite, and no "nan" string unless `input` holds that
/// very text (a name or candidate the result echoes).
inline void check_values(const nlohmann::json& j, std::string_view input, const std::string& at) {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) violation("non-finite number", at);
  if (j.is_string() && is_nan_text(j.get_ref<const std::string&>())) {
    const std::string& s = j.get_ref<const std::string&>();
    if (input.find(s) == std::string_view::npos) violation("NaN in a result", at);
  }
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) check_values(v, input, at + "." + k);
  } else if (j.is_array()) {
    std::size_t i = 0;
    for (const auto& v : j) check_values(v, input, at + "[" + std::to_string(i++) + "]");
  }
}

/// A result written as JSON: it parses and its numbers pass check_values.
inline void check_result_json(std::string_view json, std::string_view input) {
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded()) violation("a result that is not valid JSON", json.substr(0, 400));
  check_values(j, input, "$");
}

/// One `solve --jsonl` answer line: `{"outputs": {...}}` or `{"error": {code, field?, message}}`.
inline void check_answer_line(std::string_view line, std::string_view input) {
  nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.size() != 1) {
    violation("an answer that is not one JSON object with one key", line.substr(0, 400));
  }
  if (j.contains("outputs")) {
    if (!j["outputs"].is_object()) violation("outputs is not an object", line.substr(0, 400));
    check_values(j["outputs"], input, "outputs");
    return;
  }
  if (!j.contains("error")) violation("neither outputs nor error", line.substr(0, 400));
  const nlohmann::json& e = j["error"];
  if (!e.is_object() || !e.contains("code") || !e["code"].is_string() || !e.contains("message") ||
      !e["message"].is_string() || (e.contains("field") && !e["field"].is_string())) {
    violation("an error without a code and a message", line.substr(0, 400));
  }
  check_error(e["code"].get<std::string>(), e["message"].get<std::string>());
}

/// Runs `f`; an mlsysim::Error must carry a code and a message, any other exception is a finding.
template <class F>
void expect_contract(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    check_error(e.code(), e.what());
  } catch (const std::exception& e) {
    violation("an exception that is not an mlsysim::Error", e.what());
  } catch (...) {
    violation("an exception that is not an mlsysim::Error", "(not a std::exception)");
  }
}

/// Design spaces above this many points are skipped, so that one input runs in milliseconds (the
/// engine's own bound, limits::kMaxSpacePoints, is checked by tests/unit/io/limits_test.cpp).
inline constexpr double kMaxFuzzPoints = 2000;

/// The number of points of a DSE spec's space (0 when it has none).
inline double space_points(const io::Tree& spec) {
  const io::Tree* space = spec.is_map() ? spec.get("space") : nullptr;
  if (space == nullptr || !space->is_map()) return 0;
  double n = 1;
  for (const auto& [name, cands] : space->fields) n *= static_cast<double>(cands.items.size());
  return n;
}

}  // namespace mlsysim::fuzz
