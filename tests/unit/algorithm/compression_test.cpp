#include "mlsysim/algorithm/compression.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_input_error.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::algorithm {
namespace {

using namespace units;
using testing::expect_input_error;

CompressionInputs quantize(std::string_view model, std::string_view hw, double bits) {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model), .hardware = zoo->hardware(hw), .target_bitwidth = bits};
}

CompressionInputs prune(std::string_view model, double sparsity, std::string type,
                        std::string_view hw = "A100") {
  auto zoo = Registry::builtin();
  return {.model = zoo->model(model),
          .hardware = zoo->hardware(hw),
          .method = "pruning",
          .sparsity = sparsity,
          .sparsity_type = std::move(type)};
}

// Golden values of spec §9.3 (Llama-3.1-8B on H100; FP32 baseline 32.12 GB).
TEST(CompressionModel, Int8AndInt4OnH100) {
  const CompressionResult int8 = compression(quantize("Llama3_8B", "H100", 8));
  EXPECT_DOUBLE_EQ(int8.original_size_gb.in(GB), 32.12);
  EXPECT_DOUBLE_EQ(int8.compression_ratio, 4.0);
  EXPECT_DOUBLE_EQ(int8.compressed_size_gb.in(GB), 8.03);
  EXPECT_DOUBLE_EQ(int8.estimated_accuracy_delta, -0.002);
  EXPECT_DOUBLE_EQ(int8.memory_savings_pct, 75.0);
  EXPECT_DOUBLE_EQ(int8.inference_speedup, 4.0);  // memory-bound: speed follows bytes
  EXPECT_TRUE(int8.warnings.empty());

  const CompressionResult int4 = compression(quantize("Llama3_8B", "H100", 4));
  EXPECT_DOUBLE_EQ(int4.compression_ratio, 8.0);
  EXPECT_DOUBLE_EQ(int4.compressed_size_gb.in(GB), 4.015);
  EXPECT_DOUBLE_EQ(int4.estimated_accuracy_delta, -0.025);
  EXPECT_DOUBLE_EQ(int4.memory_savings_pct, 87.5);
  EXPECT_DOUBLE_EQ(int4.inference_speedup, 8.0);
}

TEST(CompressionModel, AccuracyDeltaByWidth) {
  const auto delta = [](double bits) {
    return compression(quantize("Llama3_8B", "H100", bits)).estimated_accuracy_delta;
  };
  EXPECT_EQ(delta(32), 0.0);
  EXPECT_EQ(delta(16), 0.0);
  EXPECT_EQ(delta(8), -0.002);
  EXPECT_EQ(delta(12), -0.025);  // [QUIRK] every width from 4 to 15 but 8 gets the INT4 delta
  EXPECT_EQ(delta(7.5), -0.025);
  EXPECT_EQ(delta(4), -0.025);
  EXPECT_EQ(delta(3), -0.05);
  EXPECT_EQ(delta(1), -0.05);
  EXPECT_DOUBLE_EQ(compression(quantize("Llama3_8B", "H100", 3)).compression_ratio, 32.0 / 3.0);
}

TEST(CompressionModel, ComputeBoundDevicesNeedANarrowPeak) {
  // ResNet-50 on an ESP32-S3 is compute-bound: the speed-up is the int8 peak over the default
  // peak, capped at the ratio; there is no int4 peak, so int4 gives nothing.
  EXPECT_DOUBLE_EQ(compression(quantize("ResNet50", "ESP32_S3", 8)).inference_speedup, 4.0);
  const CompressionResult int4 = compression(quantize("ResNet50", "ESP32_S3", 4));
  EXPECT_DOUBLE_EQ(int4.inference_speedup, 1.0);
  EXPECT_DOUBLE_EQ(int4.compression_ratio, 8.0);  // the size still shrinks
  ASSERT_EQ(int4.warnings.size(), 1u);
  EXPECT_NE(int4.warnings[0].find("'int4'"), std::string::npos);
  // Widths above 8 bits look for an fp<b> peak.
  const CompressionResult fp16 = compression(quantize("DS_CNN", "ESP32_S3", 16));
  EXPECT_DOUBLE_EQ(fp16.inference_speedup, 1.0);
  EXPECT_NE(fp16.warnings[0].find("'fp16'"), std::string::npos);
  // A non-integer width looks for "int7.5", as the reference does.
  EXPECT_NE(compression(quantize("ResNet50", "ESP32_S3", 7.5)).warnings[0].find("'int7.5'"),
            std::string::npos);
}

TEST(CompressionModel, SizeOnlyWorkloadUsesItsDeclaredSize) {
  // Errata F5 (conformance CompressionModel-cd3ed29288): DLRM has a model_size and no parameters.
  const CompressionResult r = compression(quantize("DLRM", "H100", 8));
  EXPECT_DOUBLE_EQ(r.original_size_gb.in(GB), 100.0);
  EXPECT_DOUBLE_EQ(r.compressed_size_gb.in(GB), 25.0);
  EXPECT_DOUBLE_EQ(r.inference_speedup, 4.0);
  EXPECT_DOUBLE_EQ(compression(quantize("DLRM", "H100", 4)).inference_speedup, 8.0);
  const CompressionResult structured = compression(prune("DLRM", 0.5, "structured", "H100"));
  EXPECT_DOUBLE_EQ(structured.compression_ratio, 2.0);
  EXPECT_DOUBLE_EQ(structured.inference_speedup, 2.0);
}

TEST(CompressionModel, Pruning) {
  const CompressionResult s9 = compression(prune("Llama3_8B", 0.9, "unstructured"));
  EXPECT_NEAR(s9.compression_ratio, 10.0, 1e-12);
  EXPECT_NEAR(s9.compressed_size_gb.in(GB), 3.212, 1e-12);
  EXPECT_NEAR(s9.estimated_accuracy_delta, -0.060496474644129467, 1e-15);
  EXPECT_NEAR(s9.memory_savings_pct, 90.0, 1e-12);
  EXPECT_DOUBLE_EQ(s9.inference_speedup, 1.0);  // unstructured sparsity does not speed up

  const CompressionResult nm = compression(prune("Llama3_8B", 0.5, "n_m"));
  EXPECT_DOUBLE_EQ(nm.compression_ratio, 2.0);
  EXPECT_DOUBLE_EQ(nm.estimated_accuracy_delta, -0.001);
  EXPECT_DOUBLE_EQ(nm.inference_speedup, 2.0);
  EXPECT_DOUBLE_EQ(compression(prune("Llama3_8B", 0.56, "n_m")).inference_speedup, 1.0);
  EXPECT_DOUBLE_EQ(compression(prune("Llama3_8B", 0.52, "structured")).inference_speedup,
                   1.0 / (1.0 - 0.52));

  const CompressionResult all = compression(prune("Llama3_8B", 1.0, "structured"));
  EXPECT_DOUBLE_EQ(all.compression_ratio, 100.0);  // capped, not a division by zero
  EXPECT_DOUBLE_EQ(all.inference_speedup, 100.0);
  EXPECT_NEAR(all.estimated_accuracy_delta, -0.01 * std::exp(2.0), 1e-15);

  const CompressionResult none = compression(prune("ResNet50", 0.0, "structured"));
  EXPECT_DOUBLE_EQ(none.compression_ratio, 1.0);
  EXPECT_DOUBLE_EQ(none.memory_savings_pct, 0.0);
  EXPECT_DOUBLE_EQ(none.estimated_accuracy_delta, -0.001);
}

TEST(CompressionModel, OtherMethodsChangeNothing) {
  CompressionInputs in = quantize("ResNet50", "A100", 4);
  in.method = "distillation";
  const CompressionResult r = compression(in);
  EXPECT_DOUBLE_EQ(r.compression_ratio, 1.0);
  EXPECT_DOUBLE_EQ(r.compressed_size_gb.in(B), r.original_size_gb.in(B));
  EXPECT_DOUBLE_EQ(r.estimated_accuracy_delta, 0.0);
  EXPECT_DOUBLE_EQ(r.memory_savings_pct, 0.0);
  EXPECT_DOUBLE_EQ(r.inference_speedup, 1.0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("'distillation' is not modelled"), std::string::npos);
}

TEST(CompressionModel, BadInputs) {
  expect_input_error([] { (void)compression({}); }, "model", "missing");
  expect_input_error([] { (void)compression(quantize("ResNet50", "A100", 0)); }, "target_bitwidth",
                     ">= 1");
  expect_input_error([] { (void)compression(quantize("ResNet50", "A100", -8)); }, "target_bitwidth",
                     ">= 1");
  expect_input_error([] { (void)compression(quantize("ResNet50", "A100", NAN)); },
                     "target_bitwidth", "finite");
  // Sparsity is validated whatever the method, as in the reference.
  expect_input_error(
      [] {
        auto in = quantize("ResNet50", "A100", 8);
        in.sparsity = 1.5;
        (void)compression(in);
      },
      "sparsity", "[0, 1]");
  expect_input_error([] { (void)compression(prune("ResNet50", -0.1, "structured")); }, "sparsity",
                     "[0, 1]");
  expect_input_error([] { (void)compression(prune("ResNet50", 0.5, "2:4")); }, "sparsity_type",
                     "unstructured, structured or n_m");
  expect_input_error(
      [] {
        auto zoo = Registry::builtin();
        Workload w = *zoo->model("Llama3_8B");
        w.parameters = 0.0;
        auto in = quantize("Llama3_8B", "H100", 8);
        in.model = std::make_shared<const Workload>(w);
        (void)compression(in);
      },
      "model", "parameters");
  expect_input_error(
      [] {
        auto zoo = Registry::builtin();
        Hardware hw = *zoo->hardware("H100");
        hw.compute.peak_flops.q = FlopRate{};
        auto in = quantize("Llama3_8B", "H100", 8);
        in.hardware = std::make_shared<const Hardware>(hw);
        (void)compression(in);
      },
      "hardware", "peak");
  expect_input_error(
      [] {
        auto zoo = Registry::builtin();
        Hardware hw = *zoo->hardware("H100");
        hw.memory.bandwidth.q = Bandwidth{};
        auto in = quantize("Llama3_8B", "H100", 8);
        in.hardware = std::make_shared<const Hardware>(hw);
        (void)compression(in);
      },
      "hardware", "memory bandwidth");
}

}  // namespace
}  // namespace mlsysim::algorithm
