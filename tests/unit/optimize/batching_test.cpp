#include "mlsysim/optimize/batching.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/node/tail_latency.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::optimize {
namespace {

using namespace units;
using testing::expect_input_error;

BatchingInputs inputs(int seq_len, double sla_ms, double qps, int replicas = 1, int max = 256) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model("Llama3_8B"),
          .hardware = zoo->hardware("H100"),
          .seq_len = seq_len,
          .sla_latency_ms = sla_ms,
          .arrival_rate_qps = qps,
          .num_replicas = replicas,
          .max_search_batch = max};
}

/// The reference's exhaustive backend, written out: every b of the grid, argmin of −b over the
/// batches meeting the SLA.
int exhaustive(const BatchingInputs& in) {
  int best = 0;
  for (int b = 1; b <= in.max_search_batch; ++b) {
    const node::ServingResult s = node::serving({.model = in.model,
                                                 .hardware = in.hardware,
                                                 .seq_len = in.seq_len,
                                                 .batch_size = b,
                                                 .precision = in.precision,
                                                 .efficiency = in.efficiency});
    if (!s.feasible) continue;
    const double service = (s.ttft + s.itl * static_cast<double>(*in.seq_len)).in(ms);
    const node::TailLatencyResult t =
        node::tail_latency({.arrival_rate_qps = *in.arrival_rate_qps / b,
                            .service_latency_ms = service,
                            .num_replicas = in.num_replicas});
    if (t.is_stable && !(t.p99_latency.in(ms) > *in.sla_latency_ms)) best = b;
  }
  return best;
}

// Golden G30 of spec §13.2.
TEST(BatchingOptimizer, Llama8BOnH100) {
  const BatchingResult r = batching(inputs(128, 10000.0, 20.0));
  EXPECT_TRUE(r.is_feasible);
  EXPECT_EQ(r.best_batch_size, 256);
  EXPECT_EQ(r.best_config.max_batch_size, 256);
  EXPECT_NEAR(r.p99_latency.in(ms), 7844.51, 1e-2);
  EXPECT_NEAR(r.slo_violation_probability, 0.63126, 1e-5);
  EXPECT_DOUBLE_EQ(r.max_throughput, 2560.0);  // λ x seq_len
  EXPECT_DOUBLE_EQ(r.objective_value, 2560.0);
  EXPECT_EQ(r.total_searched, 256);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(BatchingOptimizer, TighterSlaOrLongerSequencesAreInfeasible) {
  for (const BatchingInputs& in : {inputs(128, 5000.0, 20.0), inputs(512, 10000.0, 20.0)}) {
    const BatchingResult r = batching(in);
    EXPECT_FALSE(r.is_feasible);
    EXPECT_EQ(r.best_batch_size, 0);
    EXPECT_EQ(r.best_config.max_batch_size, 0);
    EXPECT_DOUBLE_EQ(r.max_throughput, 0.0);
    EXPECT_DOUBLE_EQ(r.objective_value, 0.0);
    EXPECT_DOUBLE_EQ(r.p99_latency.in(ms), 0.0);
    EXPECT_DOUBLE_EQ(r.slo_violation_probability, 0.0);
    EXPECT_EQ(r.total_searched, 256);
    ASSERT_FALSE(r.warnings.empty());
    EXPECT_NE(r.warnings[0].find("no batch from 1 to 256"), std::string::npos);
  }
}

// Conformance case BatchingOptimizer-bf73a55f46.
TEST(BatchingOptimizer, TwoReplicas) {
  const BatchingResult r = batching(inputs(512, 20000.0, 5.0, 2, 64));
  EXPECT_TRUE(r.is_feasible);
  EXPECT_EQ(r.best_batch_size, 64);
  EXPECT_DOUBLE_EQ(r.max_throughput, 2560.0);
  EXPECT_NEAR(r.p99_latency.in(ms), 8555.682743632275, 1e-9);
  EXPECT_NEAR(r.slo_violation_probability, 0.1927489198914479, 1e-12);
  EXPECT_EQ(r.total_searched, 64);
}

// The downward scan gives the exhaustive grid's answer, also where the device memory or the SLA
// binds inside the grid.
TEST(BatchingOptimizer, MatchesTheExhaustiveGrid) {
  const struct {
    BatchingInputs in;
    int expected;
  } cases[] = {
      {inputs(8192, 1e6, 0.1), 29},        // memory binds
      {inputs(128, 1500.0, 0.5), 175},     // the SLA binds: service grows with the batch
      {inputs(128, 1200.0, 0.2, 2), 113},  // two replicas
      {inputs(128, 3000.0, 2.0, 1, 64), 64}, {inputs(512, 5000.0, 50.0, 2, 64), 0},
  };
  for (const auto& c : cases) {
    const BatchingResult r = batching(c.in);
    EXPECT_EQ(r.best_batch_size, c.expected) << *c.in.sla_latency_ms;
    EXPECT_EQ(r.best_batch_size, exhaustive(c.in)) << *c.in.sla_latency_ms;
    EXPECT_EQ(r.is_feasible, c.expected > 0);
  }
}

TEST(BatchingOptimizer, ThroughputIgnoresTheBatch) {
  // max_throughput is λ x seq_len whatever batch is chosen (a reference quirk).
  const BatchingResult small = batching(inputs(512, 20000.0, 5.0, 2, 16));
  const BatchingResult large = batching(inputs(512, 20000.0, 5.0, 2, 64));
  EXPECT_EQ(small.best_batch_size, 16);
  EXPECT_GT(small.p99_latency.in(ms), large.p99_latency.in(ms));
  EXPECT_EQ(large.best_batch_size, 64);
  EXPECT_DOUBLE_EQ(small.max_throughput, large.max_throughput);
}

TEST(BatchingOptimizer, BadInputs) {
  BatchingInputs in = inputs(128, 10000.0, 20.0);
  in.max_search_batch = 0;
  expect_input_error([&] { (void)batching(in); }, "max_search_batch", "in [1, 1000000]");
  in.max_search_batch = -5;
  expect_input_error([&] { (void)batching(in); }, "max_search_batch", "in [1, 1000000]");
  in = inputs(128, 0.0, 20.0);
  expect_input_error([&] { (void)batching(in); }, "sla_latency_ms", "> 0");
  in = inputs(128, 10000.0, -1.0);
  expect_input_error([&] { (void)batching(in); }, "arrival_rate_qps", ">= 0");
  in = inputs(0, 10000.0, 20.0);
  expect_input_error([&] { (void)batching(in); }, "seq_len", ">= 1");
  in = inputs(128, 10000.0, 20.0);
  in.seq_len.reset();
  expect_input_error([&] { (void)batching(in); }, "seq_len", "missing");
  in = inputs(128, 10000.0, 20.0);
  in.efficiency = 0.0;
  expect_input_error([&] { (void)batching(in); }, "efficiency");
  in = inputs(128, 10000.0, 20.0);
  in.model = Registry::builtin()->model("ResNet50");
  expect_input_error([&] { (void)batching(in); }, "model", "Transformer");
}

}  // namespace
}  // namespace mlsysim::optimize
