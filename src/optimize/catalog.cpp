// The optimize domain's resolvers: the reference's three legacy Tier-3 optimizers, in its order.
#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/optimize/batching.hpp"
#include "mlsysim/optimize/parallelism.hpp"
#include "mlsysim/optimize/placement.hpp"

namespace mlsysim {

void register_optimize_resolvers(std::vector<Resolver>& c) {
  c.push_back(io::make_resolver<optimize::ParallelismInputs, optimize::ParallelismResult,
                                &optimize::parallelism>(
      {"ParallelismOptimizer",
       "optimizer",
       "ParallelismOptimizerResult",
       {"workload", "fleet"},
       "The (TP, PP, DP) split of a fleet with the best MFU proxy, by DistributedModel"}));
  c.push_back(
      io::make_resolver<optimize::BatchingInputs, optimize::BatchingResult, &optimize::batching>(
          {"BatchingOptimizer",
           "optimizer",
           "BatchingOptimizerResult",
           {"workload", "hardware", "sla_latency_ms"},
           "The largest serving batch whose M/M/c P99 latency meets an SLA"}));
  c.push_back(
      io::make_resolver<optimize::PlacementInputs, optimize::PlacementResult, &optimize::placement>(
          {"PlacementOptimizer",
           "optimizer",
           "PlacementOptimizerResult",
           {"fleet", "duration_days"},
           "The grid region with the lowest TCO plus carbon tax for a fleet"}));
}

}  // namespace mlsysim
