// Internal: the text a resolver writes — constraint-trace lines, warnings, diagnostics — is
// written only outside quiet mode (core/quiet.hpp), so a design-space sweep builds no string for a
// point nobody reads. Numbers never depend on it.
//
//   detail::note(r.warnings, "'{}' lists no TDP: assumed {} W", hw.name(), kFallbackTdpW);
#pragma once

#include <fmt/compile.h>
#include <fmt/format.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "mlsysim/core/quiet.hpp"

namespace mlsysim::detail {

/// Appends fmt::format(f, args...) to `out` unless quiet(). The arguments are evaluated either
/// way, so an argument that itself builds text belongs inside an explicit `if (!quiet())`.
template <typename... T>
void note(std::vector<std::string>& out, fmt::format_string<T...> f, T&&... args) {
  if (!quiet()) out.push_back(fmt::format(f, std::forward<T>(args)...));
}

/// The same for a compiled format string (FMT_COMPILE).
template <typename S, typename... T>
requires fmt::detail::is_compiled_string<S>::value void note(std::vector<std::string>& out,
                                                             const S& f, T&&... args) {
  if (!quiet()) out.push_back(fmt::format(f, std::forward<T>(args)...));
}

/// Appends `from`, each line prefixed with `prefix`, to `out` (nested text copied upward; empty
/// in quiet mode, since the nested resolver wrote none).
inline void copy_notes(std::vector<std::string>& out, const std::vector<std::string>& from,
                       const std::string& prefix = {}) {
  if (quiet()) return;
  for (const auto& line : from) out.push_back(prefix + line);
}

}  // namespace mlsysim::detail
