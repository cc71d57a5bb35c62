// What a workload costs: its lowered compute graph, KV-cache size and training memory, as the
// reference's workload types define them.
#pragma once

#include <optional>
#include <string_view>

#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/quantity.hpp"

namespace mlsysim {

/// A workload lowered to the roofline's two numbers (plus what the overheads need).
struct ComputationGraph {
  units::Flops total_ops;      ///< per inference (per token, per image, per denoising run)
  units::Bytes weight_bytes;   ///< weights at the chosen precision
  double parameter_count = 0;
  std::optional<int> layers;
};

/// Lowers a workload at `bytes_per_param`. Throws InputError when the weights would be zero
/// bytes (parameters = 0), which the roofline cannot divide by. `field` names the workload input.
[[nodiscard]] ComputationGraph lower(const Workload& w, double bytes_per_param,
                                     std::string_view field = "model");

/// Transformer attention shape with the reference's defaults for missing fields.
struct AttentionShape {
  int layers = 1;       ///< layers (1 if missing)
  int heads = 32;       ///< attention heads (32 if missing)
  int kv_heads = 32;    ///< KV heads (= heads if missing)
  int head_dim = 128;   ///< floor(hidden_dim / heads), hidden_dim 4096 if missing
};
[[nodiscard]] AttentionShape attention_shape(const Workload& w);

/// KV-cache bytes for `seq_len` tokens and `batch` sequences: 2·L·H_kv·d·S·B·bpp.
[[nodiscard]] units::Bytes kv_cache_size(const Workload& w, double seq_len, double batch,
                                         double bytes_per_element);

struct TrainingMemoryOptions {
  int batch_size = 1;
  int seq_len = 2048;
  std::string_view precision = "fp16";
  std::string_view optimizer = "adam";
  std::string_view strategy = "selective";  ///< activation recomputation: full | selective | none
  int zero_stage = 0;
  int dp_size = 1;
  bool is_lora = false;
  int lora_rank = 16;
};

/// Weights + gradients + optimizer state + activations per device, for a Transformer.
[[nodiscard]] units::Bytes training_memory(const Workload& w, const TrainingMemoryOptions& o);

}  // namespace mlsysim
