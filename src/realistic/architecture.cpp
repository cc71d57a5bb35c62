#include "mlsysim/realistic/architecture.hpp"

#include <fmt/format.h>

#include <array>
#include <string>
#include <utility>

#include "mlsysim/core/error.hpp"

namespace mlsysim::realistic {

namespace {
constexpr std::array<std::pair<Architecture, std::string_view>, 5> kNames{{
    {Architecture::kTransformer, "transformer"},
    {Architecture::kTransformerEncoder, "transformer_encoder"},
    {Architecture::kMoeTransformer, "moe_transformer"},
    {Architecture::kCnn, "cnn"},
    {Architecture::kDiffusion, "diffusion"},
}};
}  // namespace

std::string_view to_string(Architecture a) {
  for (const auto& [arch, name] : kNames) {
    if (arch == a) return name;
  }
  return "transformer";
}

std::optional<Architecture> parse_architecture(std::string_view s) {
  for (const auto& [arch, name] : kNames) {
    if (name == s) return arch;
  }
  return std::nullopt;
}

namespace {

/// The parameters of one decoder layer, in all and as used by one token.
struct LayerParams {
  double total = 0.0;
  double active = 0.0;
  void add(double p) {
    total += p;
    active += p;
  }
};

int required(const std::optional<int>& v, std::string_view field) {
  if (!v || *v <= 0) {
    throw InputError("input.missing", fmt::format("model.{}", field),
                     fmt::format("model.{}: required (a positive count) to count parameters from "
                                 "the shapes",
                                 field));
  }
  return *v;
}

double attention_params(const ModelArch& a, double h, double heads, double kv, double hd,
                        const LayerConventions& c) {
  if (a.kv_lora_rank) {  // multi-head latent attention
    const double nope = a.qk_nope_head_dim.value_or(0), rope = a.qk_rope_head_dim.value_or(0);
    const double v = a.v_head_dim.value_or(hd);
    const double qk = heads * (nope + rope);
    double p = 0.0;
    if (a.q_lora_rank) {
      p += h * *a.q_lora_rank + *a.q_lora_rank + *a.q_lora_rank * qk;  // down, norm, up
    } else {
      p += h * qk;
    }
    p += h * (*a.kv_lora_rank + rope) + *a.kv_lora_rank;  // KV down projection + its norm
    p += *a.kv_lora_rank * heads * (nope + v);            // K (no-rope part) and V up
    p += heads * v * h;                                   // output projection
    return p;
  }
  const double q = heads * hd, k = kv * hd;
  double p = h * (q + 2.0 * k) + q * h;
  if (c.qkv_bias) p += q + 2.0 * k;
  if (c.out_bias) p += h;
  return p;
}

double ffn_params(double h, double width, const LayerConventions& c) {
  if (c.gated_ffn) return 3.0 * h * width;
  return 2.0 * h * width + (c.out_bias ? width + h : 0.0);
}

}  // namespace

ParameterCount count_parameters(const ModelArch& a, const LayerConventions& c) {
  const int layers = required(a.layers, "layers");
  const double h = required(a.hidden_dim, "hidden_dim");
  const double heads = required(a.heads, "heads");
  const double kv = a.kv_heads.value_or(static_cast<int>(heads));
  const double hd = a.head_dim ? *a.head_dim : h / heads;
  const double ffn = a.ffn_dim ? *a.ffn_dim : 4.0 * h;
  const double norm = c.layernorm_bias ? 2.0 * h : h;
  const int experts = a.experts.value_or(0);
  const int dense_layers =
      experts > 1 ? std::min(layers, std::max(0, a.first_dense_layers.value_or(0))) : layers;
  LayerParams per_dense, per_moe;
  for (LayerParams* l : {&per_dense, &per_moe}) {
    l->add(attention_params(a, h, heads, kv, hd, c));
    l->add(c.norms_per_layer * norm);
  }
  per_dense.add(ffn_params(h, ffn, c));
  if (experts > 1) {
    const double expert = ffn_params(h, a.moe_ffn_dim ? *a.moe_ffn_dim : ffn, c);
    per_moe.total += experts * expert;
    per_moe.active += std::min(experts, a.experts_per_token.value_or(experts)) * expert;
    per_moe.add(h * experts);  // router
    const double shared_width =
        c.shared_expert_width > 0
            ? c.shared_expert_width
            : a.shared_experts.value_or(0) * (a.moe_ffn_dim ? *a.moe_ffn_dim : ffn);
    if (shared_width > 0) per_moe.add(ffn_params(h, shared_width, c));
    if (c.shared_expert_gate && shared_width > 0) per_moe.add(h);
  }
  const double embed = static_cast<double>(a.vocab_size.value_or(0)) * h;
  const double embeddings = embed * (a.tied_embeddings.value_or(false) ? 1.0 : 2.0);
  const int moe_layers = layers - dense_layers;
  return {embeddings + norm + dense_layers * per_dense.total + moe_layers * per_moe.total,
          embeddings + norm + dense_layers * per_dense.active + moe_layers * per_moe.active};
}

}  // namespace mlsysim::realistic
