// The fleet domain's resolvers (Walls 14-16), in the reference's order.
#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/fleet/orchestration.hpp"
#include "mlsysim/fleet/reliability.hpp"

namespace mlsysim {

void register_fleet_resolvers(std::vector<Resolver>& c) {
  c.push_back(
      io::make_resolver<fleet::DistributedInputs, fleet::DistributedResult, &fleet::distributed>(
          {"DistributedModel",
           "model",
           "DistributedResult",
           {"workload", "fleet"},
           "4-D parallel training step (DP, TP, PP, EP): communication, pipeline bubble, scaling "
           "efficiency"}));
  c.push_back(
      io::make_resolver<fleet::ReliabilityInputs, fleet::ReliabilityResult, &fleet::reliability>(
          {"ReliabilityModel",
           "model",
           "ReliabilityResult",
           {"fleet"},
           "Fleet MTBF, failure probability over a job, Young-Daly checkpoint interval, goodput"}));
  c.push_back(io::make_resolver<fleet::OrchestrationInputs, fleet::OrchestrationResult,
                                &fleet::orchestration>(
      {"OrchestrationModel",
       "model",
       "OrchestrationResult",
       {"fleet"},
       "Shared-cluster job queue (M/D/1): utilization, wait time, queue length, stability"}));
}

}  // namespace mlsysim
