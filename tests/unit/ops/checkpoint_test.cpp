#include "mlsysim/ops/checkpoint.hpp"

#include <gtest/gtest.h>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::ops {
namespace {

using namespace units;
using testing::expect_input_error;

CheckpointInputs inputs(std::string_view model, std::string_view hardware) {
  return {.model = Registry::builtin()->model(model),
          .hardware = Registry::builtin()->hardware(hardware)};
}

// Golden G24 (spec §11.3): Llama-3.1-70B with Adam on an H100 (7 GB/s local NVMe).
TEST(CheckpointModel, Llama70BOnH100) {
  const CheckpointResult r = checkpoint(inputs("Llama3_70B", "H100"));
  EXPECT_NEAR(r.checkpoint_size.in(GB), 988.4, 1e-9);
  EXPECT_NEAR(r.write_time_seconds.in(s), 141.2, 1e-9);
  EXPECT_NEAR(r.max_bandwidth_required.in(GB_per_s), 7.0, 1e-12);
  EXPECT_TRUE(r.storage_bottleneck);
  EXPECT_NEAR(r.mfu_penalty_pct, 141.2 / (4 * 3600.0), 1e-12);
  EXPECT_NEAR(r.mfu_penalty_pct, 0.009806, 1e-6);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_TRUE(r.constraint_trace.empty());
}

TEST(CheckpointModel, DeviceWithoutStorageWritesAtOneGBPerSecond) {
  const CheckpointResult r = checkpoint(inputs("Llama3_8B", "A100"));
  EXPECT_NEAR(r.checkpoint_size.in(GB), 112.42, 1e-9);
  EXPECT_NEAR(r.write_time_seconds.in(s), 112.42, 1e-9);
  EXPECT_NEAR(r.max_bandwidth_required.in(GB_per_s), 1.0, 1e-12);
  EXPECT_NEAR(r.mfu_penalty_pct, 0.0078069444444444445, 1e-15);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("1 GB/s"), std::string::npos);
}

TEST(CheckpointModel, OptimizerSetsBytesPerParameter) {
  CheckpointInputs in = inputs("Llama3_70B", "H100");
  in.optimizer = "ADAM";
  EXPECT_NEAR(checkpoint(in).checkpoint_size.in(GB), 988.4, 1e-9);
  in.optimizer = "sgd";
  const CheckpointResult sgd = checkpoint(in);
  EXPECT_NEAR(sgd.checkpoint_size.in(GB), 282.4, 1e-9);
  EXPECT_TRUE(sgd.warnings.empty());
  in.optimizer = "adamw";  // the reference counts only "adam" as 14 bytes
  const CheckpointResult adamw = checkpoint(in);
  EXPECT_NEAR(adamw.checkpoint_size.in(GB), 282.4, 1e-9);
  ASSERT_EQ(adamw.warnings.size(), 1u);
  EXPECT_NE(adamw.warnings[0].find("adamw"), std::string::npos);
}

TEST(CheckpointModel, WritersAndFileSystemLimit) {
  CheckpointInputs in = inputs("Llama3_70B", "H100");
  in.n_writers = 256;  // 1792 GB/s of devices, capped at 500 GB/s
  const CheckpointResult capped = checkpoint(in);
  EXPECT_NEAR(capped.write_time_seconds.in(s), 988.4 / 500.0, 1e-9);
  EXPECT_FALSE(capped.storage_bottleneck);
  EXPECT_NEAR(capped.max_bandwidth_required.in(GB_per_s), 7.0, 1e-12);  // per device
  in.n_writers = 4;
  EXPECT_NEAR(checkpoint(in).write_time_seconds.in(s), 988.4 / 28.0, 1e-9);
}

TEST(CheckpointModel, ZeroIntervalGivesFullPenalty) {
  CheckpointInputs in = inputs("Llama3_70B", "H100");
  in.checkpoint_interval_hours = 0.0;
  const CheckpointResult r = checkpoint(in);
  EXPECT_DOUBLE_EQ(r.mfu_penalty_pct, 1.0);
  ASSERT_EQ(r.warnings.size(), 1u);
}

TEST(CheckpointModel, RejectsBadInputs) {
  expect_input_error(
      [] {
        CheckpointInputs in = inputs("Llama3_70B", "H100");
        in.n_writers = 0;
        (void)checkpoint(in);
      },
      "n_writers", ">= 1");
  expect_input_error(
      [] {
        CheckpointInputs in = inputs("Llama3_70B", "H100");
        in.n_writers = -2;
        (void)checkpoint(in);
      },
      "n_writers");
  expect_input_error(
      [] {
        CheckpointInputs in = inputs("Llama3_70B", "H100");
        in.filesystem_limit_gbs = 0.0;
        (void)checkpoint(in);
      },
      "filesystem_limit_gbs", "> 0");
  expect_input_error(
      [] {
        CheckpointInputs in = inputs("Llama3_70B", "H100");
        in.checkpoint_interval_hours = -1.0;
        (void)checkpoint(in);
      },
      "checkpoint_interval_hours");
  expect_input_error([] { (void)checkpoint(inputs("DLRM", "H100")); }, "model",
                     "no parameter count");
  expect_input_error([] { (void)checkpoint({.hardware = Registry::builtin()->hardware("H100")}); },
                     "model", "missing");
}

}  // namespace
}  // namespace mlsysim::ops
