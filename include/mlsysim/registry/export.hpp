// The zoo as JSON: `mlsysim zoo --output json`. Each entry is keyed by its full path and laid out
// as the reference's registry (quantities as {"value", "unit", "si_value"}), plus its aliases and
// source.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

/// Entries of the given kinds (all kinds if empty), as one JSON object.
[[nodiscard]] std::string registry_json(const Registry& registry,
                                        const std::vector<EntryKind>& kinds = {});

/// One model as `registry_json` lays out each entry (e.g. a model imported from a config.json).
[[nodiscard]] std::string model_json(const Workload& model);

/// The kinds of a `zoo` group: hardware, models, systems (fabrics, nodes, clusters, tiers), infra
/// (grids, datacenters, racks) or all. Throws InputError (field `group`) for another name.
[[nodiscard]] std::vector<EntryKind> zoo_group_kinds(std::string_view group);

}  // namespace mlsysim
