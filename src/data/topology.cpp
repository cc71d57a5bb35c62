#include "mlsysim/data/topology.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "core/suggest.hpp"
#include "core/text.hpp"

namespace mlsysim::data {

using namespace units;

namespace {

constexpr std::array<std::string_view, 4> kTopologies{"fat_tree", "dragonfly", "torus_3d", "ring"};

struct Shape {
  double beta;  ///< bisection fraction
  double hops;  ///< average hops
};

Shape shape_of(std::string_view topology, double n) {
  if (topology == "ring") return {2.0 / std::max(n, 1.0), n / 4.0};
  if (topology == "torus_3d") return {2.0 * std::pow(n, -1.0 / 3.0), 0.75 * std::pow(n, 1.0 / 3.0)};
  if (topology == "dragonfly") return {0.85, 3.0};
  return {1.0, 4.0};  // fat_tree, and every name the reference does not know
}

}  // namespace

TopologyResult topology(const TopologyInputs& in) {
  check_required(in);
  check_bounds(in);
  const Fabric& fabric = *in.fabric;
  const bool known =
      std::find(kTopologies.begin(), kTopologies.end(), in.topology) != kTopologies.end();
  if (in.topology == "torus_3d" && in.num_nodes < 1) {
    throw InputError("input.out_of_range", "num_nodes",
                     fmt::format("num_nodes must be >= 1 for a torus_3d topology (its bisection "
                                 "fraction is 2·N^(-1/3)), got {}",
                                 in.num_nodes));
  }
  TopologyResult r;
  if (!known && !quiet()) {  // the suggestion search builds text
    const std::vector<std::string> names(kTopologies.begin(), kTopologies.end());
    const auto near = detail::closest(in.topology, names, 1);
    r.warnings.push_back(fmt::format(
        "unknown topology '{}'{}: evaluated as a fat tree (β 1, 4 hops), as in the reference; "
        "known topologies: fat_tree, dragonfly, torus_3d, ring",
        in.topology, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near.front())));
  }
  const double n = in.num_nodes;
  const Shape s = shape_of(in.topology, n);
  const Bandwidth link = fabric.bandwidth.q / fabric.oversubscription_ratio;
  r.effective_bw = link * s.beta;
  r.bisection_bw = link * s.beta * n / 2.0;
  r.bisection_bw_fraction = s.beta;
  r.hops_avg = s.hops;
  r.topology = in.topology;
  r.num_nodes = in.num_nodes;
  detail::note(
      r.constraint_trace,
      "Locality Wall: {} of {} nodes on {} ({} GB/s links, oversubscription {}:1) delivers {} "
      "GB/s per node and {} GB/s across the bisection (β {:.4g}), {:.4g} hops on average.",
      in.topology, in.num_nodes, fabric.name(), fabric.bandwidth.q.in(GB_per_s),
      fabric.oversubscription_ratio, r.effective_bw.in(GB_per_s), r.bisection_bw.in(GB_per_s),
      s.beta, s.hops);
  return r;
}

}  // namespace mlsysim::data
