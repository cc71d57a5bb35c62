// The node domain's resolvers (Walls 1-7), in the reference's order.
#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/node/continuous_batching.hpp"
#include "mlsysim/node/efficiency.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/node/tail_latency.hpp"
#include "mlsysim/node/weight_streaming.hpp"

namespace mlsysim {

void register_node_resolvers(std::vector<Resolver>& c) {
  c.push_back(io::make_resolver<node::EngineInputs, node::PerformanceProfile, &node::solve>(
      {"Engine",
       "model",
       "PerformanceProfile",
       {"workload", "hardware"},
       "Single-accelerator roofline: latency, throughput, bottleneck, memory, MFU, energy"}));
  c.push_back(io::make_resolver<node::EngineInputs, node::PerformanceProfile, &node::solve>(
      {"SingleNodeModel",
       "model",
       "PerformanceProfile",
       {"workload", "hardware"},
       "Engine.solve as a resolver (Walls 1 Compute and 2 Memory)"}));
  c.push_back(io::make_resolver<node::EfficiencyInputs, node::EfficiencyResult, &node::efficiency>(
      {"EfficiencyModel",
       "model",
       "EfficiencyResult",
       {"workload", "hardware"},
       "Achievable MFU by dominant kernel type, with occupancy and memory-stall losses"}));
  c.push_back(io::make_resolver<node::ServingInputs, node::ServingResult, &node::serving>(
      {"ServingModel",
       "model",
       "ServingResult",
       {"workload", "hardware"},
       "LLM serving: prefill TTFT, decode ITL and KV-cache fit (disaggregated, speculative, "
       "prompt caching)"}));
  c.push_back(io::make_resolver<node::ContinuousBatchingInputs, node::ContinuousBatchingResult,
                                &node::continuous_batching>(
      {"ContinuousBatchingModel",
       "model",
       "ContinuousBatchingResult",
       {"workload", "hardware"},
       "PagedAttention + continuous batching: concurrent requests, decode throughput, speed-up"}));
  c.push_back(io::make_resolver<node::WeightStreamingInputs, node::WeightStreamingResult,
                                &node::weight_streaming>(
      {"WeightStreamingModel",
       "model",
       "WeightStreamingResult",
       {"workload", "hardware"},
       "Wafer-scale inference with weights streamed per layer: injection vs compute bound"}));
  c.push_back(
      io::make_resolver<node::TailLatencyInputs, node::TailLatencyResult, &node::tail_latency>(
          {"TailLatencyModel",
           "model",
           "TailLatencyResult",
           {"hardware"},
           "M/M/c queueing: P50/P99 latency, utilization and SLO headroom of a replica pool"}));
}

}  // namespace mlsysim
