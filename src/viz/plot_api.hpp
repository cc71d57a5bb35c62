// Internal: every picture from one JSON body, for the lab's `POST /api/plot/<kind>` — the same
// code `mlsysim plot` runs.
//
//   roofline  {"hardware": "H100", "workloads": ["Llama3_8B", {"model": "Llama3_70B",
//              "batch_size": 8, "seq_len": 4096}], "precision": "fp16", "batch_size": 1,
//              "seq_len": 2048, "efficiency": 0.5}
//   sweep     {"spec": "<DSE spec YAML text>"}
//   pareto    {"spec": "<DSE spec YAML text>"}
//   plan      {"plan": "<plan YAML text>"}
//
// Throws InputError naming the field on bad input (an unknown kind names `kind`).
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim::viz {

std::string render_plot(std::string_view kind, std::string_view json_body,
                        const Registry& registry);

}  // namespace mlsysim::viz
