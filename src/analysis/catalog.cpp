// The analysis domain's resolvers (Walls 21-22) and the network roofline, in the reference's
// order.
#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/analysis/network_roofline.hpp"
#include "mlsysim/analysis/sensitivity.hpp"
#include "mlsysim/analysis/synthesis.hpp"

namespace mlsysim {

void register_analysis_resolvers(std::vector<Resolver>& c) {
  c.push_back(io::make_resolver<analysis::SensitivityInputs, analysis::SensitivityResult,
                                &analysis::sensitivity>(
      {"SensitivitySolver",
       "solver",
       "SensitivityResult",
       {"workload", "hardware"},
       "Which hardware parameter binds: latency sensitivity to peak FLOP/s, bandwidth, capacity"}));
  c.push_back(
      io::make_resolver<analysis::SynthesisInputs, analysis::SynthesisResult, &analysis::synthesis>(
          {"SynthesisSolver",
           "solver",
           "SynthesisResult",
           {"workload", "target_latency"},
           "Inverse roofline: the bandwidth, compute and memory a latency target requires"}));
}

void register_network_roofline(std::vector<Resolver>& c) {
  c.push_back(io::make_resolver<analysis::NetworkRooflineInputs, node::PerformanceProfile,
                                &analysis::network_roofline>(
      {"NetworkRooflineModel",
       "model",
       "PerformanceProfile",
       {"workload", "fleet"},
       "Fleet roofline with the network as the memory roof: data-parallel compute vs gradient "
       "sync"}));
}

}  // namespace mlsysim
