#include "mlsysim/data/topology.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::data {
namespace {

using namespace units;
using testing::expect_input_error;

TopologyResult ndr(std::string topology, int n) {
  return data::topology({.fabric = Registry::builtin()->fabric("InfiniBand_NDR"),
                         .topology = std::move(topology),
                         .num_nodes = n});
}

// Goldens of spec §8.3: IB NDR (50 GB/s, oversubscription 1), 64 nodes.
TEST(TopologyModel, FatTree) {
  const TopologyResult r = ndr("fat_tree", 64);
  EXPECT_DOUBLE_EQ(r.effective_bw.in(GB_per_s), 50.0);
  EXPECT_DOUBLE_EQ(r.bisection_bw.in(GB_per_s), 1600.0);
  EXPECT_DOUBLE_EQ(r.bisection_bw_fraction, 1.0);
  EXPECT_DOUBLE_EQ(r.hops_avg, 4.0);
  EXPECT_EQ(r.topology, "fat_tree");
  EXPECT_EQ(r.num_nodes, 64);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(TopologyModel, Dragonfly) {
  const TopologyResult r = ndr("dragonfly", 64);
  EXPECT_DOUBLE_EQ(r.effective_bw.in(GB_per_s), 42.5);
  EXPECT_DOUBLE_EQ(r.bisection_bw.in(GB_per_s), 1360.0);
  EXPECT_DOUBLE_EQ(r.hops_avg, 3.0);
}

TEST(TopologyModel, Torus3d) {
  const TopologyResult r = ndr("torus_3d", 64);
  EXPECT_NEAR(r.effective_bw.in(GB_per_s), 25.0, 1e-12);
  EXPECT_NEAR(r.bisection_bw.in(GB_per_s), 800.0, 1e-9);
  EXPECT_NEAR(r.bisection_bw_fraction, 0.5, 1e-15);
  EXPECT_NEAR(r.hops_avg, 3.0, 1e-12);
  const TopologyResult big = ndr("torus_3d", 1000);
  EXPECT_NEAR(big.bisection_bw_fraction, 0.2, 1e-15);
  EXPECT_NEAR(big.hops_avg, 7.5, 1e-12);
}

TEST(TopologyModel, Ring) {
  const TopologyResult r = ndr("ring", 64);
  EXPECT_DOUBLE_EQ(r.effective_bw.in(GB_per_s), 1.5625);
  EXPECT_DOUBLE_EQ(r.bisection_bw.in(GB_per_s), 50.0);
  EXPECT_DOUBLE_EQ(r.bisection_bw_fraction, 0.03125);
  EXPECT_DOUBLE_EQ(r.hops_avg, 16.0);
  // No nodes: β = 2 / max(N, 1), no bisection, no hops (as in the reference).
  const TopologyResult empty = ndr("ring", 0);
  EXPECT_DOUBLE_EQ(empty.bisection_bw_fraction, 2.0);
  EXPECT_DOUBLE_EQ(empty.bisection_bw.in(GB_per_s), 0.0);
  EXPECT_DOUBLE_EQ(empty.hops_avg, 0.0);
}

TEST(TopologyModel, Oversubscription) {
  auto zoo = Registry::builtin();
  auto fabric = std::make_shared<Fabric>(*zoo->fabric("InfiniBand_NDR"));
  fabric->oversubscription_ratio = 3.0;
  const TopologyResult r = data::topology({.fabric = fabric, .num_nodes = 64});
  EXPECT_NEAR(r.effective_bw.in(GB_per_s), 50.0 / 3.0, 1e-12);
  EXPECT_NEAR(r.bisection_bw.in(GB_per_s), 1600.0 / 3.0, 1e-9);
}

TEST(TopologyModel, UnknownTopologyActsAsFatTreeWithAWarning) {
  const TopologyResult r = ndr("fat-tree", 64);
  EXPECT_DOUBLE_EQ(r.bisection_bw.in(GB_per_s), 1600.0);
  EXPECT_DOUBLE_EQ(r.hops_avg, 4.0);
  EXPECT_EQ(r.topology, "fat-tree");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("did you mean 'fat_tree'"), std::string::npos);
  EXPECT_EQ(ndr("mesh", 8).warnings.size(), 1u);
}

TEST(TopologyModel, BadInputs) {
  expect_input_error([] { (void)ndr("torus_3d", 0); }, "num_nodes", "torus_3d");
  expect_input_error([] { (void)ndr("ring", -8); }, "num_nodes", ">= 0");
  expect_input_error([] { (void)data::topology({}); }, "fabric", "required");
}

}  // namespace
}  // namespace mlsysim::data
