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
  units::Flops total_ops;     ///< per inference (per token, per image, per denoising run)
  units::Bytes weight_bytes;  ///< weights at the chosen precision
  double parameter_count = 0;
  std::optional<int> layers;
};

/// Lowers a workload at `bytes_per_param`. Throws InputError when the weights would be zero
/// bytes (parameters = 0), which the roofline cannot divide by. `field` names the workload input.
[[nodiscard]] ComputationGraph lower(const Workload& w, double bytes_per_param,
                                     std::string_view field = "model");

/// The reference's `size_in_bytes(bpp)`: P·bpp for a Transformer; for any other workload its
/// declared model_size when it has one (whatever the precision), else P·bpp. Throws InputError on
/// `field` when neither the size nor the parameter count is known.
[[nodiscard]] units::Bytes size_in_bytes(const Workload& w, double bytes_per_param,
                                         std::string_view field = "model");

/// Transformer attention shape with the reference's defaults for missing fields.
struct AttentionShape {
  int layers = 1;      ///< layers (1 if missing or 0, the reference's `layers or 1`)
  int heads = 32;      ///< attention heads (32 if missing)
  int kv_heads = 32;   ///< KV heads (= heads if missing)
  int head_dim = 128;  ///< floor(hidden_dim / heads), hidden_dim 4096 if missing
};
[[nodiscard]] AttentionShape attention_shape(const Workload& w);

/// KV-cache bytes for `seq_len` tokens and `batch` sequences: 2·L·H_kv·d·S·B·bpp.
[[nodiscard]] units::Bytes kv_cache_size(const Workload& w, double seq_len, double batch,
                                         double bytes_per_element);

/// Prefill FLOPs of `batch` sequences of `seq_len` tokens, of which `new_tokens` are computed (the
/// rest come from a prompt cache): linear 2·P·new·B plus attention 4·L·H·d·new·S·B, where every
/// new token attends to all S tokens (L, H, d as attention_shape gives them).
[[nodiscard]] units::Flops prefill_flops(const Workload& w, double new_tokens, double seq_len,
                                         double batch);

/// Throws InputError on `field` unless `w` is a Transformer (dense or MoE): `resolver` needs its
/// attention shape, which CNN, state-space, diffusion and generic workloads do not have.
void require_transformer(const Workload& w, std::string_view field, std::string_view resolver);

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
