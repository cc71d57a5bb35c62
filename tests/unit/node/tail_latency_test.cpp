#include "mlsysim/node/tail_latency.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_input_error.hpp"

namespace mlsysim::node {
namespace {

using namespace units;
using testing::expect_input_error;

TailLatencyInputs inputs(double qps, int replicas = 1, double cv = 1.0) {
  return {.arrival_rate_qps = qps,
          .service_latency_ms = 10.0,
          .num_replicas = replicas,
          .service_time_cv = cv};
}

// Golden values of spec §7.6 (service latency 10 ms).
TEST(TailLatencyModel, SingleServerAtHalfLoad) {
  const TailLatencyResult r = tail_latency(inputs(50));
  EXPECT_DOUBLE_EQ(r.queue_utilization, 0.5);
  EXPECT_TRUE(r.is_stable);
  EXPECT_NEAR(r.p50_latency.in(ms), 10.0, 1e-12);  // P(wait) = 0.5: the median request never waits
  EXPECT_NEAR(r.p99_latency.in(ms), 88.2405, 1e-4);
  EXPECT_NEAR(r.slo_headroom_ratio, 1.5648, 1e-4);
  EXPECT_DOUBLE_EQ(r.slo_violation_probability,
                   r.slo_headroom_ratio);  // a ratio, not a probability
  EXPECT_TRUE(r.constraint_trace.empty());
}

TEST(TailLatencyModel, HeavierLoadAndVariableService) {
  const TailLatencyResult r = tail_latency(inputs(80));
  EXPECT_DOUBLE_EQ(r.queue_utilization, 0.8);
  EXPECT_NEAR(r.p50_latency.in(ms), 33.5002, 1e-4);
  EXPECT_NEAR(r.p99_latency.in(ms), 229.1013, 1e-4);
  EXPECT_NEAR(r.slo_headroom_ratio, 4.3820, 1e-4);

  const TailLatencyResult cv2 = tail_latency(inputs(80, 1, 2.0));  // Kingman: waits x 2.5
  EXPECT_NEAR(cv2.p50_latency.in(ms), 68.7505, 1e-4);
  EXPECT_NEAR(cv2.p99_latency.in(ms), 557.7533, 1e-4);
  EXPECT_NEAR(cv2.slo_headroom_ratio, 10.955, 1e-3);
}

TEST(TailLatencyModel, ReplicaPool) {
  const TailLatencyResult r = tail_latency(inputs(300, 4));
  EXPECT_DOUBLE_EQ(r.queue_utilization, 0.75);
  EXPECT_NEAR(r.p50_latency.in(ms), 10.1869, 1e-4);
  EXPECT_NEAR(r.p99_latency.in(ms), 49.3072, 1e-4);
  EXPECT_NEAR(r.slo_headroom_ratio, 0.78614, 1e-5);
}

TEST(TailLatencyModel, OverloadedPoolIsUnstable) {
  const TailLatencyResult r = tail_latency(inputs(150));  // λ = 150/s > μ = 100/s
  EXPECT_FALSE(r.is_stable);
  EXPECT_DOUBLE_EQ(r.queue_utilization, 1.0);
  EXPECT_TRUE(std::isinf(r.p50_latency.in(ms)));
  EXPECT_TRUE(std::isinf(r.p99_latency.in(ms)));
  EXPECT_DOUBLE_EQ(r.slo_headroom_ratio, 1.0);

  TailLatencyInputs zero = inputs(50);
  zero.service_latency_ms = 0.0;  // no service rate: unstable, as in the reference
  EXPECT_FALSE(tail_latency(zero).is_stable);
}

TEST(TailLatencyModel, IdlePoolNeverWaits) {
  const TailLatencyResult r = tail_latency(inputs(0.0, 8));
  EXPECT_DOUBLE_EQ(r.queue_utilization, 0.0);
  EXPECT_DOUBLE_EQ(r.p99_latency.in(ms), 10.0);
  EXPECT_DOUBLE_EQ(r.slo_headroom_ratio, 0.0);
}

TEST(TailLatencyModel, FewerThanOneReplicaCountsAsOneWithAWarning) {
  const TailLatencyResult one = tail_latency(inputs(50, 1));
  for (int c : {0, -3}) {
    const TailLatencyResult r = tail_latency(inputs(50, c));
    EXPECT_DOUBLE_EQ(r.p99_latency.in(ms), one.p99_latency.in(ms));
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("num_replicas"), std::string::npos);
  }
}

TEST(TailLatencyModel, RejectsBadInputsNamingTheField) {
  expect_input_error([] { (void)tail_latency(inputs(50, 1, -1.0)); }, "service_time_cv", ">= 0");
  expect_input_error([] { (void)tail_latency(inputs(-1.0)); }, "arrival_rate_qps", ">= 0");
  expect_input_error([] { (void)tail_latency(inputs(std::nan(""))); }, "arrival_rate_qps",
                     "finite");
  TailLatencyInputs in = inputs(50);
  in.service_latency_ms = -10.0;
  expect_input_error([&] { (void)tail_latency(in); }, "service_latency_ms", ">= 0");
  in.service_latency_ms.reset();
  expect_input_error([&] { (void)tail_latency(in); }, "service_latency_ms", "missing");
  in = inputs(50);
  in.num_replicas = 2000000;
  expect_input_error([&] { (void)tail_latency(in); }, "num_replicas", "<= 1000000");
}

}  // namespace
}  // namespace mlsysim::node
