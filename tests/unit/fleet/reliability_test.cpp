#include "mlsysim/fleet/reliability.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::fleet {
namespace {

using namespace units;
using testing::expect_input_error;

ReliabilityInputs inputs(std::string_view fleet, double hours) {
  return {.fleet = Registry::builtin()->fleet(fleet), .job_duration_hours = hours};
}

// Spec §10.2 goldens: DGX-H100 nodes (8 GPUs, 8 NICs, 2 PSUs: 4285.714 h per node), 720 h.
TEST(ReliabilityModel, Frontier8KFor30Days) {
  const ReliabilityResult r = reliability(inputs("Frontier_8K", 720.0));
  EXPECT_NEAR(r.fleet_mtbf.in(hour), 4.185268, 1e-6);
  EXPECT_DOUBLE_EQ(r.failure_probability, 1.0);
  EXPECT_NEAR(r.optimal_checkpoint_interval.in(s), 1344.632, 1e-3);
  EXPECT_NEAR(r.expected_failures, 172.032, 1e-9);
  EXPECT_NEAR(r.goodput_ratio, 0.935467, 1e-6);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_TRUE(r.constraint_trace.empty());
}

TEST(ReliabilityModel, Research256For30Days) {
  const ReliabilityResult r = reliability(inputs("Research_256", 720.0));
  EXPECT_NEAR(r.fleet_mtbf.in(hour), 133.9286, 1e-4);
  EXPECT_NEAR(r.failure_probability, 0.995374, 1e-6);
  EXPECT_NEAR(r.optimal_checkpoint_interval.in(s), 7606.388, 1e-3);
  EXPECT_NEAR(r.expected_failures, 5.376, 1e-9);
  EXPECT_NEAR(r.goodput_ratio, 0.991490, 1e-6);
}

TEST(ReliabilityModel, GoodputFloorsAtZero) {
  ReliabilityInputs in = inputs("Frontier_8K", 720.0);
  in.avg_recovery_time_s = 36000.0;  // 10 h of recovery per 4.2 h between failures
  EXPECT_EQ(reliability(in).goodput_ratio, 0.0);
}

TEST(ReliabilityModel, ZeroCheckpointTimeGivesZeroIntervalAndGoodput) {
  ReliabilityInputs in = inputs("Research_256", 720.0);
  in.checkpoint_time_s = 0.0;
  const ReliabilityResult r = reliability(in);
  EXPECT_EQ(r.optimal_checkpoint_interval, Seconds{});
  EXPECT_EQ(r.goodput_ratio, 0.0);
  EXPECT_FALSE(r.warnings.empty());
}

TEST(ReliabilityModel, NegativeDurationIsAcceptedWithAWarning) {
  const ReliabilityResult r = reliability(inputs("Research_256", -5.0));
  EXPECT_NEAR(r.failure_probability, -0.038038976167788174, 1e-12);
  EXPECT_NEAR(r.expected_failures, -0.037333333333333336, 1e-12);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("negative"), std::string::npos);
}

TEST(ReliabilityModel, FleetMtbfIgnoresTheFleetsOwnMtbfField) {
  auto fleet = std::make_shared<Fleet>(*Registry::builtin()->fleet("Research_256"));
  fleet->mtbf_hours = Stated<kTime>::of(1.0, hour);
  const ReliabilityResult r = reliability({.fleet = fleet, .job_duration_hours = 720.0});
  EXPECT_NEAR(r.fleet_mtbf.in(hour), 133.9286, 1e-4);
}

TEST(ReliabilityModel, RejectsBadInputs) {
  expect_input_error([] { (void)reliability({.fleet = nullptr, .job_duration_hours = 1.0}); },
                     "fleet", "missing");
  expect_input_error(
      [] { (void)reliability({.fleet = Registry::builtin()->fleet("Research_256")}); },
      "job_duration_hours", "missing");
  ReliabilityInputs in = inputs("Research_256", 720.0);
  in.checkpoint_time_s = -1.0;
  expect_input_error([&] { (void)reliability(in); }, "checkpoint_time_s", ">= 0");
  in = inputs("Research_256", 720.0);
  in.avg_recovery_time_s = -1.0;
  expect_input_error([&] { (void)reliability(in); }, "avg_recovery_time_s", ">= 0");
}

}  // namespace
}  // namespace mlsysim::fleet
