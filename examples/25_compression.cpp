// CompressionModel: Llama-3.1-8B on one H100, quantized to INT8 and INT4, and pruned 90 %
// (unstructured) and 50 % (2:4 N:M sparsity).
#include <cstdio>

#include "mlsysim/algorithm/compression.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  using units::GB;
  auto zoo = Registry::builtin();
  const auto model = zoo->model("Llama3_8B");
  const auto h100 = zoo->hardware("H100");
  const auto show = [](const char* label, const algorithm::CompressionResult& r) {
    std::printf(
        "%-18s %7.3f GB -> %6.3f GB  ratio %5.2f  savings %4.1f%%  speed-up %5.2f  "
        "accuracy %+.6f\n",
        label, r.original_size_gb.in(GB), r.compressed_size_gb.in(GB), r.compression_ratio,
        r.memory_savings_pct, r.inference_speedup, r.estimated_accuracy_delta);
  };
  show("int8", algorithm::compression({.model = model, .hardware = h100, .target_bitwidth = 8}));
  show("int4", algorithm::compression({.model = model, .hardware = h100, .target_bitwidth = 4}));
  show("prune 90% unstr.", algorithm::compression({.model = model,
                                                   .hardware = h100,
                                                   .method = "pruning",
                                                   .sparsity = 0.9,
                                                   .sparsity_type = "unstructured"}));
  show("prune 50% 2:4", algorithm::compression({.model = model,
                                                .hardware = h100,
                                                .method = "pruning",
                                                .sparsity = 0.5,
                                                .sparsity_type = "n_m"}));
}
