// NetworkRooflineModel — the roofline with the network as the memory: is data-parallel training
// compute- or network-bound?
//
//   auto zoo = Registry::builtin();
//   auto p = analysis::network_roofline({.model = zoo->model("Llama3_70B"),
//                                        .fleet = zoo->fleet("Frontier_8K")});
//   p.bottleneck;                                   // "Network"
//   p.arithmetic_intensity.in(units::FLOP_per_B);   // 1.5: 6·P FLOPs per 2·P·b bytes synced
//
// Fleet peak F = peak × accelerators; network BW = fabric bandwidth / oversubscription;
// t_compute = 6·P / (F·η); t_network = 2·P·b / BW; latency = max of the two.
#pragma once

#include <memory>
#include <string>
#include <tuple>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/registry/entities.hpp"

namespace mlsysim::analysis {

struct NetworkRooflineInputs {
  std::shared_ptr<const Workload> model;
  std::shared_ptr<const Fleet> fleet;
  std::string precision = "fp16";
  double efficiency = 0.5;
};

/// NetworkRooflineModel.solve: a PerformanceProfile whose memory roof is the network (bottleneck
/// "Network" or "Compute"). Throws InputError for bad inputs.
[[nodiscard]] node::PerformanceProfile network_roofline(const NetworkRooflineInputs& in);

}  // namespace mlsysim::analysis

namespace mlsysim {

template <>
struct Describe<analysis::NetworkRooflineInputs> {
  static constexpr auto fields() {
    using I = analysis::NetworkRooflineInputs;
    return std::tuple{
        field("model", &I::model, "the workload (needs a parameter count)", {.required = true}),
        field("fleet", &I::fleet,
              "the cluster: a registry name or an ad-hoc {\"fleet\": {...}} object",
              {.required = true}),
        field("precision", &I::precision,
              "numeric precision: bytes per synchronized value and the peak used"),
        field("efficiency", &I::efficiency, "achieved fraction of peak compute (η)",
              {.min = 1e-9, .max = 1.0}),
    };
  }
};

}  // namespace mlsysim
