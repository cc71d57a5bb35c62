// Internal: the DSE search on a parsed spec (a JSON line or a YAML file, whose nodes carry
// file:line:column for error messages).
#pragma once

#include "io/tree.hpp"
#include "mlsysim/optimize/dse.hpp"

namespace mlsysim::dse {

/// The top-level keys a spec may have.
inline constexpr std::string_view kSpecKeys[] = {"space", "objective", "constraints", "evaluator",
                                                 "top"};

[[nodiscard]] Result search(const io::Tree& spec, const Registry& registry,
                            const Options& options = {});

}  // namespace mlsysim::dse
