// What every subcommand shares: writing to stdout, loading the registry the global options name,
// and rendering one resolver result (a table of outputs, or its JSON) with its notes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

/// Writes `s` to stdout as it is.
void print(const std::string& s);

/// The built-in registry plus the folders of --registry and MLSYSIM_REGISTRY_PATH.
[[nodiscard]] std::shared_ptr<const Registry> load_registry(const GlobalOptions& g);

/// Exit 2 when the result says it is infeasible (`feasible` / `is_feasible` false), else 0.
[[nodiscard]] int exit_for(const Evaluation& ev);

/// The lines a result carries for humans: its constraint trace (• line) and warnings
/// (warning: line), one per line.
[[nodiscard]] std::string notes_of(const Evaluation& ev);

/// Prints a result: its JSON with `--output json`; otherwise `title`, a table of its outputs
/// (output, value, meaning), list-valued outputs (one item per line) below the table, then its
/// constraint trace (•) and warnings. Returns exit_for(ev).
int show_evaluation(const GlobalOptions& g, std::string_view title, const Evaluation& ev);

}  // namespace mlsysim::cli
