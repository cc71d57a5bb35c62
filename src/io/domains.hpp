// Internal: each domain adds its resolvers to the catalog from its own folder
// (`src/<domain>/catalog.cpp`); the catalog calls them in the reference's order.
#pragma once

#include <vector>

#include "mlsysim/core/catalog.hpp"

namespace mlsysim {

void register_node_resolvers(std::vector<Resolver>& c);
void register_data_resolvers(std::vector<Resolver>& c);
void register_algorithm_resolvers(std::vector<Resolver>& c);
void register_fleet_resolvers(std::vector<Resolver>& c);
void register_ops_resolvers(std::vector<Resolver>& c);
void register_analysis_resolvers(std::vector<Resolver>& c);
void register_optimize_resolvers(std::vector<Resolver>& c);
/// NetworkRooflineModel: in the reference's module but not one of its 24 resolvers; listed last.
void register_network_roofline(std::vector<Resolver>& c);
/// SystemEvaluator and the DSE search (optimize/dse.hpp).
void register_dse(std::vector<Resolver>& c);

}  // namespace mlsysim
