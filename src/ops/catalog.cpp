// The ops domain's resolvers (Walls 17-20), in the reference's order.
#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/ops/checkpoint.hpp"
#include "mlsysim/ops/economics.hpp"
#include "mlsysim/ops/responsible_engineering.hpp"
#include "mlsysim/ops/sustainability.hpp"

namespace mlsysim {

void register_ops_resolvers(std::vector<Resolver>& c) {
  c.push_back(io::make_resolver<ops::EconomicsInputs, ops::EconomicsResult, &ops::economics>(
      {"EconomicsModel",
       "model",
       "EconomicsResult",
       {"fleet"},
       "Total cost of ownership: amortized CapEx, energy and maintenance OpEx, with the "
       "sustainability figures"}));
  c.push_back(
      io::make_resolver<ops::SustainabilityInputs, ops::SustainabilityResult, &ops::sustainability>(
          {"SustainabilityModel",
           "model",
           "SustainabilityResult",
           {"fleet"},
           "Fleet energy (IT and facility), operational and embodied carbon, and cooling water"}));
  c.push_back(io::make_resolver<ops::CheckpointInputs, ops::CheckpointResult, &ops::checkpoint>(
      {"CheckpointModel",
       "model",
       "CheckpointResult",
       {"workload", "hardware"},
       "Checkpoint size, write time, storage bottleneck and the training-time penalty"}));
  c.push_back(io::make_resolver<ops::ResponsibleEngineeringInputs,
                                ops::ResponsibleEngineeringResult, &ops::responsible_engineering>(
      {"ResponsibleEngineeringModel",
       "model",
       "ResponsibleEngineeringResult",
       {"training_time"},
       "DP-SGD training slowdown and the extra data that subgroup fairness needs"}));
}

}  // namespace mlsysim
