#include "mlsysim/core/walls.hpp"

#include <fmt/format.h>

#include "mlsysim/core/error.hpp"

namespace mlsysim {
namespace {

constexpr std::array<Wall, 22> kWalls{{
    {1, "Compute", Domain::kNode, "SingleNodeModel",
     "Peak FLOP/s caps how fast the arithmetic of a step can run.", "T = OPs / (Peak × η)",
     "Williams et al. (2009), Roofline"},
    {2, "Memory", Domain::kNode, "SingleNodeModel",
     "HBM capacity bounds what fits; HBM bandwidth bounds how fast weights stream.",
     "T = |W| / BW_HBM", "Williams et al. (2009), Roofline"},
    {3, "Software", Domain::kNode, "EfficiencyModel",
     "Kernels, occupancy and framework overhead leave a gap between peak and achieved FLOP/s.",
     "η_MFU = f(kernel efficiency, occupancy, coalescing, framework overhead)",
     "Chowdhery et al. (2022), PaLM; Dao et al. (2022), FlashAttention"},
    {4, "Serving", Domain::kNode, "ServingModel",
     "LLM inference has two regimes: compute-bound prefill and memory-bound decode.",
     "TTFT = OPs_prefill / Peak; ITL = |W| / BW_HBM", "Pope et al. (2023); Yu et al. (2022), ORCA"},
    {5, "Batching", Domain::kNode, "ContinuousBatchingModel",
     "Static batching wastes memory on KV-cache fragmentation; paging recovers it.",
     "KV_paged = 2·L·H·D·⌈S/p⌉·p·B·b", "Kwon et al. (2023), vLLM / PagedAttention"},
    {6, "Streaming", Domain::kNode, "WeightStreamingModel",
     "Wafer-scale systems move the bottleneck to the weight-injection interconnect.",
     "T_layer = max(|W|/BW_inject, 2|W|B/(Peak·η))", "Cerebras (2024)"},
    {7, "Tail Latency", Domain::kNode, "TailLatencyModel",
     "P99 latency grows non-linearly as utilization approaches 1.", "Erlang-C M/M/c",
     "Dean & Barroso (2013), The Tail at Scale"},
    {8, "Ingestion", Domain::kData, "DataModel",
     "Storage and host I/O must keep up with the accelerator's appetite for data.",
     "ρ = BW_demand / BW_supply", "Mohan et al. (2022)"},
    {9, "Transformation", Domain::kData, "TransformationModel",
     "CPU preprocessing cannot always keep pace with the accelerator.", "T = B·S / C_throughput",
     "Murray et al. (2021), tf.data"},
    {10, "Locality", Domain::kData, "TopologyModel", "Network topology limits bisection bandwidth.",
     "BW_eff = BW_link·β / oversubscription", "Leiserson (1985); Dally & Towles (2003)"},
    {11, "Complexity", Domain::kAlgorithm, "ScalingModel",
     "Compute-optimal training balances parameters and tokens (Chinchilla).",
     "C = 6PD; P* = √(C/120)", "Hoffmann et al. (2022), Chinchilla"},
    {12, "Reasoning", Domain::kAlgorithm, "InferenceScalingModel",
     "Inference-time compute scales with the number of reasoning steps (emerging).",
     "T = K × T_step", "Wei et al. (2022); Snell et al. (2024)"},
    {13, "Fidelity", Domain::kAlgorithm, "CompressionModel",
     "Compression trades model fidelity for efficiency.", "r = 32/b (quant); r = 1/(1−s) (prune)",
     "Han et al. (2015); Gholami et al. (2021)"},
    {14, "Communication", Domain::kFleet, "DistributedModel",
     "Synchronizing N nodes costs time that grows with N and the message size.",
     "T = 2(N−1)/N·M/β + 2(N−1)α",
     "Shoeybi et al. (2019), Megatron-LM; Patarasuk & Mueller (2009)"},
    {15, "Fragility", Domain::kFleet, "ReliabilityModel",
     "At scale, failures are inevitable; the fleet MTBF shrinks with N.",
     "MTBF_cluster = MTBF_node / N", "Young (1974); Daly (2006)"},
    {16, "Multi-tenant", Domain::kFleet, "OrchestrationModel",
     "Shared clusters add queueing delay before a job runs.", "T_wait = ρ / [2μ(1−ρ)]",
     "Little (1961)"},
    {17, "Capital", Domain::kOperations, "EconomicsModel",
     "Total cost of ownership bounds what is feasible.", "TCO = CapEx + OpEx",
     "Barroso et al. (2018), The Datacenter as a Computer"},
    {18, "Sustainability", Domain::kOperations, "SustainabilityModel",
     "Energy becomes carbon and water, scaled by PUE and the grid.", "CO₂ = E × PUE × CI",
     "Patterson et al. (2022)"},
    {19, "Checkpoint", Domain::kOperations, "CheckpointModel", "Checkpoint I/O bursts cost MFU.",
     "MFU_penalty = T_write / T_interval", "Eisenman et al. (2022), Check-N-Run"},
    {20, "Safety", Domain::kOperations, "ResponsibleEngineeringModel",
     "Privacy and fairness guarantees add training overhead.", "σ ∝ 1/ε (DP-SGD slowdown)",
     "Abadi et al. (2016), Deep Learning with Differential Privacy"},
    {21, "Sensitivity", Domain::kAnalysis, "SensitivitySolver",
     "Numerical partial derivatives find the binding constraint (diagnostic).",
     "∂T/∂xᵢ (binding constraint)", "Williams et al. (2009), Roofline"},
    {22, "Synthesis", Domain::kAnalysis, "SynthesisSolver",
     "The inverse roofline: the hardware an SLA requires (diagnostic).", "BW_req = |W| / T_target",
     "Williams et al. (2009); Jouppi et al. (2017)"},
}};

}  // namespace

std::string_view domain_name(Domain d) {
  switch (d) {
    case Domain::kNode:
      return "node";
    case Domain::kData:
      return "data";
    case Domain::kAlgorithm:
      return "algorithm";
    case Domain::kFleet:
      return "fleet";
    case Domain::kOperations:
      return "operations";
    case Domain::kAnalysis:
      return "analysis";
  }
  return "node";
}

std::span<const Wall> all_walls() { return kWalls; }

const Wall& wall(int n) {
  if (n < 1 || n > static_cast<int>(kWalls.size())) {
    throw InputError("input.out_of_range", "wall",
                     fmt::format("No wall with number {}. Valid: 1–22.", n));
  }
  return kWalls[static_cast<std::size_t>(n - 1)];
}

std::vector<const Wall*> walls_for_resolver(std::string_view resolver) {
  if (resolver == "Engine") resolver = "SingleNodeModel";
  std::vector<const Wall*> out;
  for (const auto& w : kWalls) {
    if (w.resolver == resolver) out.push_back(&w);
  }
  return out;
}

}  // namespace mlsysim
