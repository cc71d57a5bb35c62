// The lab's HTTP API as a pure function: one request in, one response out, no sockets, so that it
// can be unit-tested and fuzzed (the server in cli/lab.cpp only moves bytes).
//
//   GET  /                      the page (also /index.html, /app.js, /app.css)
//   POST /api/solve/<Resolver>  one JSON object of inputs -> the `solve --jsonl` answer line
//   GET  /api/zoo               the registry as `zoo --output json` writes it
//   GET  /api/schema            every resolver's `schema` object, as a JSON array
//   GET  /api/schema/<Resolver> one resolver's `schema` object
//   POST /api/plot/<kind>       an SVG picture (viz::render_plot: roofline, plan, ...)
//
// Errors carry the CLI's error object, {"error": {"code", "field"?, "message"}}: 400 bad input
// (malformed JSON, unknown names, out-of-range values), 404 unknown path, resolver or plot kind,
// 405 wrong method, 413 a body over kMaxBody.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim::lab {

/// The largest request body the API reads (1 MiB); larger ones get 413.
inline constexpr std::size_t kMaxBody = 1 << 20;

/// The largest design-space search one request may ask for (POST /api/solve/DSE, the sweep and
/// pareto pictures); larger ones get 400 on `space`. `mlsysim dse` has no such limit.
inline constexpr std::size_t kMaxSearchPoints = 100'000;

struct ApiResponse {
  int status = 200;
  std::string content_type;
  std::string body;
};

/// Answers one request. `path` may carry a query string (ignored). Never throws.
[[nodiscard]] ApiResponse handle_api(std::string_view method, std::string_view path,
                                     std::string_view body, const Registry& registry) noexcept;

/// The error object the CLI writes, {"error": {"code", "field"?, "message"}}, as one line.
[[nodiscard]] std::string error_json(std::string_view code, std::string_view field,
                                     std::string_view message);

}  // namespace mlsysim::lab
