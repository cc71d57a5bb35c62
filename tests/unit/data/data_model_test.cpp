#include "mlsysim/data/data_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::data {
namespace {

using namespace units;
using testing::expect_input_error;

DataInputs inputs(Bandwidth rate, std::string_view hw) {
  return {.workload_data_rate = rate, .hardware = Registry::builtin()->hardware(hw)};
}

// Golden of spec §8.1: NVMe 7 GB/s under PCIe Gen5 64 GB/s.
TEST(DataModel, H100StorageKeepsUp) {
  const DataResult r = data_model(inputs(5.0 * GB_per_s, "H100"));
  EXPECT_DOUBLE_EQ(r.demand_bw.in(GB_per_s), 5.0);
  EXPECT_DOUBLE_EQ(r.supply_bw.in(GB_per_s), 7.0);
  EXPECT_NEAR(r.utilization, 0.714286, 1e-6);
  EXPECT_FALSE(r.is_stalled);
  EXPECT_EQ(r.bottleneck, "Storage");
  EXPECT_DOUBLE_EQ(r.margin.in(GB_per_s), 2.0);
  ASSERT_EQ(r.constraint_trace.size(), 1u);
  EXPECT_NE(r.constraint_trace[0].find("Ingestion Wall: Passed"), std::string::npos);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(DataModel, ExactlyFullIsNotStalled) {
  const DataResult r = data_model(inputs(7.0 * GB_per_s, "H200"));
  EXPECT_DOUBLE_EQ(r.utilization, 1.0);
  EXPECT_FALSE(r.is_stalled);
  EXPECT_DOUBLE_EQ(r.margin.in(GB_per_s), 0.0);
}

TEST(DataModel, DemandAboveSupplyStalls) {
  const DataResult r = data_model(inputs(100.0 * GB_per_s, "H100"));
  EXPECT_TRUE(r.is_stalled);
  EXPECT_NEAR(r.utilization, 100.0 / 7.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.margin.in(GB_per_s), -93.0);
  EXPECT_NE(r.constraint_trace[0].find("STALLED"), std::string::npos);
}

TEST(DataModel, AnyRateUnit) {
  // 19 TB/hour = 5.2778 GB/s; 400 Gbps = 50 GB/s.
  const DataResult hourly = data_model(inputs(19.0 * TB / (1.0 * hour), "H100"));
  EXPECT_NEAR(hourly.demand_bw.in(GB_per_s), 5.277777777777778, 1e-12);
  EXPECT_NEAR(hourly.utilization, 0.753968253968254, 1e-12);
  const DataResult gbps = data_model(inputs(400.0 * Gbps, "H200"));
  EXPECT_DOUBLE_EQ(gbps.demand_bw.in(GB_per_s), 50.0);
  EXPECT_TRUE(gbps.is_stalled);
}

// A100: a host link but no storage. The reference counts the missing storage as 0 GB/s.
TEST(DataModel, MissingStorageSuppliesNothing) {
  const DataResult r = data_model(inputs(5.0 * GB_per_s, "A100"));
  EXPECT_DOUBLE_EQ(r.supply_bw.in(GB_per_s), 0.0);
  EXPECT_TRUE(std::isinf(r.utilization));
  EXPECT_TRUE(r.is_stalled);
  EXPECT_EQ(r.bottleneck, "Interconnect");
  EXPECT_DOUBLE_EQ(r.margin.in(GB_per_s), -5.0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("no storage"), std::string::npos);
  // Even a zero demand is "stalled" with no supply at all (as in the reference).
  EXPECT_TRUE(data_model(inputs(Bandwidth{}, "A100")).is_stalled);
}

TEST(DataModel, NoStorageAndNoHostLink) {
  const DataResult r = data_model(inputs(1.0 * GB_per_s, "B200"));
  EXPECT_TRUE(std::isinf(r.utilization));
  EXPECT_EQ(r.warnings.size(), 2u);
}

TEST(DataModel, NegativeRateIsAcceptedWithAWarning) {
  const DataResult r = data_model(inputs(-1.0 * GB_per_s, "H100"));
  EXPECT_NEAR(r.utilization, -1.0 / 7.0, 1e-15);
  EXPECT_FALSE(r.is_stalled);
  EXPECT_DOUBLE_EQ(r.margin.in(GB_per_s), 8.0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("negative"), std::string::npos);
}

TEST(DataModel, BadInputs) {
  DataInputs no_rate = inputs(5.0 * GB_per_s, "H100");
  no_rate.workload_data_rate.reset();
  expect_input_error([&] { (void)data_model(no_rate); }, "workload_data_rate", "required");
  DataInputs no_hardware = inputs(5.0 * GB_per_s, "H100");
  no_hardware.hardware = nullptr;
  expect_input_error([&] { (void)data_model(no_hardware); }, "hardware", "required");
}

}  // namespace
}  // namespace mlsysim::data
