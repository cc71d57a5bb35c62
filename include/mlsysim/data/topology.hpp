// TopologyModel — what bandwidth does a network topology really deliver? (Wall 10 Locality.)
//
//   auto zoo = Registry::builtin();
//   auto r = data::topology({.fabric = zoo->fabric("InfiniBand_NDR"), .topology = "torus_3d",
//                            .num_nodes = 64});
//   r.effective_bw.in(units::GB_per_s);    // 25: 50 GB/s links × bisection fraction 0.5
//   r.bisection_bw.in(units::GB_per_s);    // 800
//   r.hops_avg;                            // 3
//
// β (bisection fraction): fat_tree 1, dragonfly 0.85, torus_3d 2·N^(-1/3), ring 2/N;
// effective = link·β / oversubscription; bisection = link·β·N/2 / oversubscription.
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::data {

struct TopologyInputs {
  std::shared_ptr<const Fabric> fabric;
  std::string topology = "fat_tree";  ///< fat_tree | dragonfly | torus_3d | ring
  int num_nodes = 64;
};

/// The reference's TopologyResult.
struct TopologyResult {
  std::vector<std::string> constraint_trace;
  units::Bandwidth effective_bw;
  units::Bandwidth bisection_bw;
  double bisection_bw_fraction = 1.0;
  double hops_avg = 0.0;
  std::string topology;
  int num_nodes = 0;
  std::vector<std::string> warnings;
};

/// TopologyModel.solve. Throws InputError for bad inputs.
[[nodiscard]] TopologyResult topology(const TopologyInputs& in);

}  // namespace mlsysim::data

namespace mlsysim {

template <>
struct Describe<data::TopologyInputs> {
  static constexpr auto fields() {
    using I = data::TopologyInputs;
    return std::tuple{
        field("fabric", &I::fabric,
              "the network fabric: its per-link bandwidth and oversubscription ratio",
              {.required = true}),
        field("topology", &I::topology,
              "fat_tree, dragonfly, torus_3d or ring (any other name counts as fat_tree, as in "
              "the reference; the fabric's own topology field is not read)"),
        field("num_nodes", &I::num_nodes, "endpoints in the network (torus_3d needs >= 1)",
              {.min = 0}),
    };
  }
};

template <>
struct Describe<data::TopologyResult> {
  static constexpr auto fields() {
    using R = data::TopologyResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "what the topology delivers"),
        field("effective_bw", &R::effective_bw, GB_per_s,
              "per-node bandwidth under all-to-all traffic: link x β / oversubscription"),
        field("bisection_bw", &R::bisection_bw, GB_per_s,
              "bandwidth across the network's bisection: link x β x N/2 / oversubscription"),
        field("bisection_bw_fraction", &R::bisection_bw_fraction,
              "β: the fraction of full bisection bandwidth the topology provides"),
        field("hops_avg", &R::hops_avg, "average switch hops between two nodes"),
        field("topology", &R::topology, "the topology evaluated (echo)"),
        field("num_nodes", &R::num_nodes, "the node count (echo)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
