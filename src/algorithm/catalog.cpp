// The algorithm domain's resolvers (Walls 11-13), in the reference's order.
#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/algorithm/compression.hpp"
#include "mlsysim/algorithm/inference_scaling.hpp"
#include "mlsysim/algorithm/scaling.hpp"

namespace mlsysim {

void register_algorithm_resolvers(std::vector<Resolver>& c) {
  c.push_back(
      io::make_resolver<algorithm::ScalingInputs, algorithm::ScalingResult, &algorithm::scaling>(
          {"ScalingModel",
           "model",
           "ScalingResult",
           {"compute_budget"},
           "Chinchilla compute-optimal parameters and tokens for a FLOP or GPU-day budget"}));
  c.push_back(io::make_resolver<algorithm::InferenceScalingInputs,
                                algorithm::InferenceScalingResult, &algorithm::inference_scaling>(
      {"InferenceScalingModel",
       "model",
       "InferenceScalingResult",
       {"workload", "hardware"},
       "Chain-of-thought cost: reasoning steps x ServingModel decode time, energy per query"}));
  c.push_back(io::make_resolver<algorithm::CompressionInputs, algorithm::CompressionResult,
                                &algorithm::compression>(
      {"CompressionModel",
       "model",
       "CompressionResult",
       {"workload", "hardware"},
       "Quantization and pruning: compressed size, memory savings, speed-up, accuracy cost"}));
}

}  // namespace mlsysim
