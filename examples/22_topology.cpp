// TopologyModel: 64 nodes on 400G InfiniBand (50 GB/s links) wired four ways.
#include <cstdio>

#include "mlsysim/data/topology.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::GB_per_s;
  auto zoo = Registry::builtin();
  std::printf("%-10s %14s %14s %8s %6s\n", "topology", "effective", "bisection", "beta", "hops");
  for (const char* topology : {"fat_tree", "dragonfly", "torus_3d", "ring"}) {
    const data::TopologyResult r = data::topology(
        {.fabric = zoo->fabric("InfiniBand_NDR"), .topology = topology, .num_nodes = 64});
    std::printf("%-10s %9.4f GB/s %9.2f GB/s %8.5f %6.2f\n", topology, r.effective_bw.in(GB_per_s),
                r.bisection_bw.in(GB_per_s), r.bisection_bw_fraction, r.hops_avg);
  }
}
