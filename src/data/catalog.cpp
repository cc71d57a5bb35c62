// The data domain's resolvers (Walls 8-10), in the reference's order.
#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/data/data_model.hpp"
#include "mlsysim/data/topology.hpp"
#include "mlsysim/data/transformation.hpp"

namespace mlsysim {

void register_data_resolvers(std::vector<Resolver>& c) {
  c.push_back(io::make_resolver<data::DataInputs, data::DataResult, &data::data_model>(
      {"DataModel",
       "model",
       "DataResult",
       {"workload", "hardware"},
       "Data ingestion: the workload's data rate against storage and host-link supply"}));
  c.push_back(io::make_resolver<data::TransformationInputs, data::TransformationResult,
                                &data::transformation>(
      {"TransformationModel",
       "model",
       "TransformationResult",
       {"hardware"},
       "CPU preprocessing time per batch against the accelerator's step: utilization, slowdown"}));
  c.push_back(io::make_resolver<data::TopologyInputs, data::TopologyResult, &data::topology>(
      {"TopologyModel",
       "model",
       "TopologyResult",
       {"fabric"},
       "Network topology: effective and bisection bandwidth, average hops, oversubscription"}));
}

}  // namespace mlsysim
