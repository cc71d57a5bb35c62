// The Model Context Protocol (2024-11-05) over its stdio transport, as a pure function: one
// newline-delimited JSON-RPC 2.0 message in, zero or one message out. `mlsysim mcp` (cli/mcp.cpp)
// is only the loop around it.
//
// Tools: one per resolver, named as the resolver (`ServingModel`, `Engine`, `DSE`, ...), whose
// inputSchema is the JSON Schema of the resolver's described inputs (the fields `mlsysim schema`
// lists); plus `eval` (Engine's quick roofline: model, hardware, batch_size, precision,
// efficiency, seq_len, is_training), `dse` (a search spec as YAML or JSON text, as `mlsysim dse`
// reads it) and `zoo` (the registry as JSON). A call answers with one text content holding the
// `solve --jsonl` line: {"outputs": {...}}, or {"error": {...}} with isError true.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim::lab {

inline constexpr std::string_view kMcpProtocolVersion = "2024-11-05";

/// Answers one message (a request, a notification or a batch). Returns no line for
/// notifications. Never throws.
[[nodiscard]] std::optional<std::string> handle_mcp(std::string_view line,
                                                    const Registry& registry) noexcept;

/// The `tools/list` result: {"tools": [{"name", "description", "inputSchema"}, ...]}.
[[nodiscard]] std::string mcp_tools_json();

}  // namespace mlsysim::lab
