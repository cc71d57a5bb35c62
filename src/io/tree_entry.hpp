// Internal: the in-process entry point of each resolver, for callers in the same process (the
// Python module): inputs as a Tree, outputs as a Tree, errors as exceptions (InputError, OomError,
// ...). No JSON text on the way. Every resolver made with make_resolver registers one by name; a
// resolver without one is still reachable through Resolver::solve_json.
#pragma once

#include <string_view>

#include "io/tree.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::io {

/// Solves from a mapping of inputs; returns the result's outputs as a mapping (quantities as
/// {"value", "unit"} in the display unit, as in the JSON answer).
using TreeSolve = Tree (*)(const Tree& inputs, const Registry& registry);

void register_tree_entry(std::string_view resolver, TreeSolve fn);
/// The entry of a resolver (exact catalog name), or nullptr.
[[nodiscard]] TreeSolve tree_entry(std::string_view resolver);

}  // namespace mlsysim::io
