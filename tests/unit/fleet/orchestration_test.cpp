#include "mlsysim/fleet/orchestration.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::fleet {
namespace {

using namespace units;
using testing::expect_input_error;

OrchestrationResult solve(double lambda, double days) {
  return orchestration({.fleet = Registry::builtin()->fleet("Research_256"),
                        .arrival_rate_jobs_per_day = lambda,
                        .avg_job_duration_days = days});
}

// Spec §10.3 golden: λ = 0.4 jobs/day, 2-day jobs.
TEST(OrchestrationModel, Golden) {
  const OrchestrationResult r = solve(0.4, 2.0);
  EXPECT_NEAR(r.cluster_utilization, 0.8, 1e-15);
  EXPECT_NEAR(r.avg_wait_time_days.in(day), 4.0, 1e-12);
  EXPECT_NEAR(r.avg_queue_length, 1.6, 1e-12);
  EXPECT_TRUE(r.is_stable);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(OrchestrationModel, LightLoad) {
  const OrchestrationResult r = solve(0.1, 0.5);
  EXPECT_NEAR(r.cluster_utilization, 0.05, 1e-15);
  EXPECT_NEAR(r.avg_wait_time_days.in(day), 0.013157894736842106, 1e-15);
  EXPECT_NEAR(r.avg_queue_length, 0.001315789473684211, 1e-15);
  EXPECT_EQ(solve(0.0, 2.0).avg_wait_time_days, Seconds{});
}

TEST(OrchestrationModel, SaturatedClusterIsUnstableWithInfiniteWaits) {
  for (double lambda : {0.5, 1.0}) {
    const OrchestrationResult r = solve(lambda, 2.0);
    EXPECT_GE(r.cluster_utilization, 1.0);
    EXPECT_FALSE(r.is_stable);
    EXPECT_TRUE(std::isinf(r.avg_wait_time_days.in(day)));
    EXPECT_TRUE(std::isinf(r.avg_queue_length));
  }
}

TEST(OrchestrationModel, NegativeInputsAreAcceptedWithWarnings) {
  const OrchestrationResult r = solve(-0.1, 1.0);
  EXPECT_NEAR(r.cluster_utilization, -0.1, 1e-15);
  EXPECT_TRUE(r.is_stable);
  EXPECT_EQ(r.warnings.size(), 1u);
  const OrchestrationResult d = solve(0.5, -2.0);
  EXPECT_NEAR(d.cluster_utilization, -1.0, 1e-15);
  EXPECT_NEAR(d.avg_wait_time_days.in(day), 0.5, 1e-15);  // ρ / (2μ(1-ρ)) with μ = -0.5
  EXPECT_EQ(d.warnings.size(), 1u);
}

TEST(OrchestrationModel, RejectsBadInputs) {
  expect_input_error([] { (void)solve(0.4, 0.0); }, "avg_job_duration_days", "non-zero");
  expect_input_error(
      [] {
        (void)orchestration(
            {.fleet = nullptr, .arrival_rate_jobs_per_day = 1, .avg_job_duration_days = 1});
      },
      "fleet", "missing");
  expect_input_error(
      [] {
        (void)orchestration(
            {.fleet = Registry::builtin()->fleet("Research_256"), .avg_job_duration_days = 1});
      },
      "arrival_rate_jobs_per_day", "missing");
  expect_input_error(
      [] {
        (void)orchestration(
            {.fleet = Registry::builtin()->fleet("Research_256"), .arrival_rate_jobs_per_day = 1});
      },
      "avg_job_duration_days", "missing");
}

}  // namespace
}  // namespace mlsysim::fleet
