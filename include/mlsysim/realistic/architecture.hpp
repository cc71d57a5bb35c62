// ModelArch — the architecture of a model as the realistic layer needs it: every field a published
// configuration states (a Hugging Face config.json, a paper's table, a validation record's `model`
// object), nothing derived.
//
//   realistic::ModelArch llama2_70b;
//   llama2_70b.parameters = 69e9;
//   llama2_70b.layers = 80;
//   llama2_70b.hidden_dim = 8192;
//   llama2_70b.heads = 64;
//   llama2_70b.kv_heads = 8;      // GQA: the KV cache is 8/64 of a multi-head one
//
// Unset convention: every field except `architecture` and `name` is a std::optional; an empty
// optional means "not stated by the source". Consumers derive what is missing (head_dim =
// hidden_dim / heads, kv_heads = heads, active_parameters = parameters, ...) in one place —
// realistic/transformer.hpp — never by reading 0 as a value. A stated 0 (e.g. sliding_window = 0,
// first_dense_layers = 0) is a value.
//
// Mixture of experts: `ffn_dim` is the width of one expert's FFN for architecture
// kMoeTransformer when `moe_ffn_dim` is unset (the validation format's convention). An importer
// that knows both widths (DeepSeek-style configs) sets `moe_ffn_dim` to the expert width and
// `ffn_dim` to the dense layers' width; the first `first_dense_layers` layers are dense.
//
// Multi-head latent attention (DeepSeek-V2/V3): `kv_lora_rank` set means the KV cache holds the
// compressed latent (kv_lora_rank + qk_rope_head_dim per token per layer) instead of
// 2·kv_heads·head_dim.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlsysim::realistic {

enum class Architecture {
  kTransformer,         ///< decoder-only (dense) language model
  kTransformerEncoder,  ///< encoder-only (BERT-style)
  kMoeTransformer,      ///< decoder-only mixture of experts
  kCnn,                 ///< convolutional network (ResNet, RetinaNet, U-Net 3D, ...)
  kDiffusion,           ///< latent diffusion (U-Net or DiT denoiser + text encoder + VAE)
};

/// "transformer", "transformer_encoder", "moe_transformer", "cnn", "diffusion".
[[nodiscard]] std::string_view to_string(Architecture a);
/// Parses the names above; std::nullopt for anything else.
[[nodiscard]] std::optional<Architecture> parse_architecture(std::string_view s);

struct ModelArch {
  std::string name;  ///< for humans only
  Architecture architecture = Architecture::kTransformer;

  // --- sizes ------------------------------------------------------------------------------------
  std::optional<double> parameters;         ///< total parameter count (embeddings included)
  std::optional<double> active_parameters;  ///< parameters used per token (MoE); else = parameters

  // --- transformer shape
  // --------------------------------------------------------------------------
  std::optional<int> layers;
  std::optional<int> hidden_dim;  ///< d_model
  std::optional<int> heads;       ///< query heads
  std::optional<int> kv_heads;    ///< key/value heads (GQA/MQA); unset = heads (MHA)
  std::optional<int> head_dim;    ///< unset = hidden_dim / heads
  std::optional<int> ffn_dim;     ///< FFN intermediate width (per expert for MoE, see above)
  std::optional<int> vocab_size;
  std::optional<int> max_seq_len;     ///< trained context length
  std::optional<int> sliding_window;  ///< attention window in tokens (Mistral, Gemma); unset = full
  std::optional<bool> tied_embeddings;  ///< input and output embeddings share one matrix

  // --- mixture of experts
  // -------------------------------------------------------------------------
  std::optional<int> experts;            ///< routed experts per MoE layer
  std::optional<int> experts_per_token;  ///< routed experts each token visits (top-k)
  std::optional<int> shared_experts;     ///< always-active experts per MoE layer (DeepSeek, Qwen)
  std::optional<int> moe_ffn_dim;        ///< width of one expert's FFN when it differs from ffn_dim
  std::optional<int> first_dense_layers;  ///< leading layers with a dense FFN (DeepSeek: 3)

  // --- multi-head latent attention (MLA)
  // ----------------------------------------------------------
  std::optional<int> kv_lora_rank;      ///< latent KV width; set = MLA
  std::optional<int> q_lora_rank;       ///< latent query width (unset = full-rank queries)
  std::optional<int> qk_rope_head_dim;  ///< rotary part of each query/key head
  std::optional<int> qk_nope_head_dim;  ///< non-rotary part of each query/key head
  std::optional<int> v_head_dim;        ///< value head width

  // --- CNN and diffusion
  // --------------------------------------------------------------------------
  std::optional<double> flops_per_sample;         ///< forward FLOPs per sample (FLOPs = 2 × MACs)
  std::optional<int> input_resolution;            ///< image side in pixels
  std::optional<int> latent_resolution;           ///< diffusion latent side
  std::optional<double> unet_parameters;          ///< diffusion denoiser parameter count
  std::optional<double> text_encoder_parameters;  ///< diffusion text encoder(s) parameter count
};

/// How a model family builds its layers, for counting parameters from the shapes. The defaults
/// are Llama's: a gated FFN (up, gate, down), no biases, two RMS norms per layer.
struct LayerConventions {
  bool gated_ffn = true;        ///< false: two-matrix FFN (GPT-NeoX, Falcon)
  bool qkv_bias = false;        ///< biases on the query/key/value projections (Qwen2, GPT-NeoX)
  bool out_bias = false;        ///< biases on the output projections (GPT-NeoX)
  bool layernorm_bias = false;  ///< LayerNorm (weight and bias) rather than RMSNorm
  int norms_per_layer = 2;
  double shared_expert_width = 0;  ///< FFN width of the shared experts; 0: shared_experts × expert
  bool shared_expert_gate = false;  ///< a sigmoid gate on the shared expert (Qwen MoE)
};

struct ParameterCount {
  double total = 0;   ///< every parameter, embeddings included
  double active = 0;  ///< the ones a token uses (MoE: the routed experts it visits)
};

/// Parameter counts from the shapes: attention (GQA/MQA, or multi-head latent attention when
/// kv_lora_rank is set), dense FFNs, routed and shared experts after the first_dense_layers, the
/// router, norms and embeddings (tied: once). Needs layers, hidden_dim and heads (InputError on
/// `model.layers`, ... otherwise); an unset ffn_dim is 4·hidden_dim, an unset vocabulary 0.
[[nodiscard]] ParameterCount count_parameters(const ModelArch& m, const LayerConventions& c = {});

}  // namespace mlsysim::realistic
