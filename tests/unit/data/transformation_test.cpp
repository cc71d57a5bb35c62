#include "mlsysim/data/transformation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_input_error.hpp"

namespace mlsysim::data {
namespace {

using namespace units;
using testing::expect_input_error;

TransformationInputs inputs(int batch, Bytes sample, Bandwidth cpu, Seconds step) {
  return {.batch_size = batch,
          .sample_size_bytes = sample,
          .cpu_throughput = cpu,
          .accelerator_step_time = step};
}

// Golden of spec §8.2.
TEST(TransformationModel, CpuIsTheBottleneck) {
  const auto r = transformation(inputs(256, 500.0 * KB, 2.0 * GB_per_s, 50.0 * ms));
  EXPECT_DOUBLE_EQ(r.transform_time.in(ms), 64.0);
  EXPECT_DOUBLE_EQ(r.accelerator_step_time.in(ms), 50.0);
  EXPECT_TRUE(r.is_bottleneck);
  EXPECT_DOUBLE_EQ(r.accelerator_utilization, 0.78125);
  EXPECT_DOUBLE_EQ(r.slowdown_factor, 1.28);
  EXPECT_NE(r.constraint_trace[0].find("BOTTLENECK"), std::string::npos);
}

TEST(TransformationModel, CpuKeepsUp) {
  const auto r = transformation(inputs(32, 4.0 * MB, 10.0 * GB_per_s, 50.0 * ms));
  EXPECT_DOUBLE_EQ(r.transform_time.in(ms), 12.8);
  EXPECT_FALSE(r.is_bottleneck);
  EXPECT_DOUBLE_EQ(r.accelerator_utilization, 1.0);
  EXPECT_DOUBLE_EQ(r.slowdown_factor, 1.0);
}

TEST(TransformationModel, EqualTimesAreNotABottleneck) {
  const auto r = transformation(inputs(100, 1.0 * MB, 1.0 * GB_per_s, 100.0 * ms));
  EXPECT_DOUBLE_EQ(r.transform_time.in(ms), 100.0);
  EXPECT_FALSE(r.is_bottleneck);  // strict comparison, as in the reference
}

TEST(TransformationModel, ZeroAcceleratorStep) {
  const auto r = transformation(inputs(64, 500.0 * KB, 2.0 * GB_per_s, Seconds{}));
  EXPECT_DOUBLE_EQ(r.transform_time.in(ms), 16.0);
  EXPECT_TRUE(r.is_bottleneck);
  EXPECT_DOUBLE_EQ(r.accelerator_utilization, 0.0);
  EXPECT_TRUE(std::isinf(r.slowdown_factor));
}

TEST(TransformationModel, ZeroAndNegativeBatches) {
  const auto zero = transformation(inputs(0, 500.0 * KB, 2.0 * GB_per_s, 50.0 * ms));
  EXPECT_DOUBLE_EQ(zero.transform_time.in(ms), 0.0);
  EXPECT_TRUE(zero.warnings.empty());
  const auto negative = transformation(inputs(-1, 500.0 * KB, 2.0 * GB_per_s, 50.0 * ms));
  EXPECT_DOUBLE_EQ(negative.transform_time.in(ms), -0.25);
  EXPECT_DOUBLE_EQ(negative.accelerator_utilization, 1.0);
  ASSERT_EQ(negative.warnings.size(), 1u);
}

TEST(TransformationModel, BadInputs) {
  expect_input_error([] { (void)transformation(inputs(64, 500.0 * KB, Bandwidth{}, 50.0 * ms)); },
                     "cpu_throughput", "must be > 0, got 0 GB/s");
  expect_input_error(
      [] { (void)transformation(inputs(64, 500.0 * KB, -2.0 * GB_per_s, 50.0 * ms)); },
      "cpu_throughput", "> 0");
  expect_input_error(
      [] { (void)transformation(inputs(64, -500.0 * KB, 2.0 * GB_per_s, 50.0 * ms)); },
      "sample_size_bytes", "must be >= 0, got -500 KB");
  expect_input_error(
      [] { (void)transformation(inputs(64, 500.0 * KB, 2.0 * GB_per_s, -5.0 * ms)); },
      "accelerator_step_time", ">= 0");
  TransformationInputs missing = inputs(64, 500.0 * KB, 2.0 * GB_per_s, 50.0 * ms);
  missing.batch_size.reset();
  expect_input_error([&] { (void)transformation(missing); }, "batch_size", "required");
}

}  // namespace
}  // namespace mlsysim::data
