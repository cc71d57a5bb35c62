// Hugging Face-style config.json → ModelArch (and the registry's Workload view of it).
//
// JSON is YAML, so the file goes through the data-file reader and every error carries
// file:line:column. Parameter counts are computed from the shapes, the way the modelling code
// of each family builds its layers (gated FFN for Llama-style models, biases where the family
// has them, multi-head latent attention for DeepSeek), and checked in the tests against the
// counts the model cards publish.
#include "mlsysim/realistic/hf_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <limits>
#include <vector>

#include "core/suggest.hpp"
#include "io/tree.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/registry/entities.hpp"

namespace mlsysim::realistic {

namespace {

using io::Tree;

enum class Family { kLlama, kMixtral, kQwenMoe, kDeepSeek, kNeoX, kFalcon };

struct FamilyName {
  std::string_view model_type;
  std::string_view architecture_class;  ///< architectures[0] of the same family
  Family family;
};

constexpr std::array<FamilyName, 13> kFamilies{{
    {"llama", "LlamaForCausalLM", Family::kLlama},
    {"mistral", "MistralForCausalLM", Family::kLlama},
    {"qwen2", "Qwen2ForCausalLM", Family::kLlama},
    {"qwen3", "Qwen3ForCausalLM", Family::kLlama},
    {"mixtral", "MixtralForCausalLM", Family::kMixtral},
    {"qwen2_moe", "Qwen2MoeForCausalLM", Family::kQwenMoe},
    {"qwen3_moe", "Qwen3MoeForCausalLM", Family::kQwenMoe},
    {"deepseek_v2", "DeepseekV2ForCausalLM", Family::kDeepSeek},
    {"deepseek_v3", "DeepseekV3ForCausalLM", Family::kDeepSeek},
    {"gpt_neox", "GPTNeoXForCausalLM", Family::kNeoX},
    {"falcon", "FalconForCausalLM", Family::kFalcon},
    {"RefinedWeb", "RWForCausalLM", Family::kFalcon},
    {"RefinedWebModel", "RWForCausalLM", Family::kFalcon},
}};

/// Reads the keys of one configuration; unknown keys are ignored (configs carry many settings
/// that do not change the architecture: dtypes, token ids, rope scaling, ...).
class Config {
 public:
  Config(const Tree& root, std::string file) : root_(root), file_(std::move(file)) {}

  [[nodiscard]] const Tree* find(std::initializer_list<std::string_view> keys) const {
    for (auto k : keys) {
      if (const Tree* t = root_.get(k); t != nullptr && !t->is_null()) return t;
    }
    return nullptr;
  }

  /// A positive integer under the first of `keys` present; nullopt when none is.
  [[nodiscard]] std::optional<int> count(std::initializer_list<std::string_view> keys,
                                         bool allow_zero = false) const {
    const Tree* t = find(keys);
    if (t == nullptr) return std::nullopt;
    const std::string key = key_of(*t, keys);
    const long long v = io::read_integer(*t, key);
    if (v < (allow_zero ? 0 : 1) || v > std::numeric_limits<int>::max() / 16) {
      io::fail(*t, key, "registry.invalid",
               fmt::format("{}: {} is out of range (expected an integer from {} to {})", key, v,
                           allow_zero ? 0 : 1, std::numeric_limits<int>::max() / 16));
    }
    return static_cast<int>(v);
  }

  /// Like count(), but the key must be present.
  [[nodiscard]] int required(std::initializer_list<std::string_view> keys,
                             std::string_view what) const {
    if (auto v = count(keys)) return *v;
    throw RegistryError(file_, root_.mark.line, root_.mark.column, std::string(*keys.begin()),
                        fmt::format("{}: '{}' is missing ({}); a {} configuration states it", file_,
                                    *keys.begin(), what, family_label_));
  }

  [[nodiscard]] std::optional<bool> flag(std::string_view key) const {
    const Tree* t = find({key});
    if (t == nullptr) return std::nullopt;
    return io::read_bool(*t, key);
  }

  [[nodiscard]] std::optional<double> number(std::string_view key) const {
    const Tree* t = find({key});
    if (t == nullptr) return std::nullopt;
    return io::read_number(*t, key);
  }

  void set_family_label(std::string label) { family_label_ = std::move(label); }
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const Tree& root() const { return root_; }

 private:
  std::string key_of(const Tree& t, std::initializer_list<std::string_view> keys) const {
    for (auto k : keys) {
      if (root_.get(k) == &t) return std::string(k);
    }
    return std::string(*keys.begin());
  }

  const Tree& root_;
  std::string file_;
  std::string family_label_ = "model";
};

FamilyName identify(const Config& c) {
  std::vector<std::string> known;
  for (const auto& f : kFamilies) known.emplace_back(f.model_type);
  if (const Tree* mt = c.find({"model_type"})) {
    const std::string type = io::read_string(*mt, "model_type");
    for (const auto& f : kFamilies) {
      if (f.model_type == type) return f;
    }
    std::string hint;
    if (auto s = detail::closest(type, known, 1); !s.empty()) {
      hint = fmt::format(" (did you mean '{}'?)", s.front());
    }
    io::fail(*mt, "model_type", "registry.invalid",
             fmt::format("model_type: '{}' is not a family the importer knows{}; expected one of "
                         "{}",
                         type, hint, hf_families()));
  }
  if (const Tree* archs = c.find({"architectures"});
      archs != nullptr && archs->kind == Tree::Kind::kList && !archs->items.empty()) {
    const std::string cls = io::read_string(archs->items.front(), "architectures[0]");
    for (const auto& f : kFamilies) {
      if (f.architecture_class == cls) return f;
    }
    io::fail(archs->items.front(), "architectures[0]", "registry.invalid",
             fmt::format("architectures[0]: '{}' is not a model class the importer knows; "
                         "expected a model_type of {}",
                         cls, hf_families()));
  }
  throw RegistryError(c.file(), c.root().mark.line, c.root().mark.column, "model_type",
                      fmt::format("{}: neither 'model_type' nor 'architectures' says which model "
                                  "family this is; expected a model_type of {}",
                                  c.file(), hf_families()));
}

}  // namespace

std::string_view hf_families() {
  return "llama, mistral, mixtral, qwen2, qwen3, qwen2_moe, qwen3_moe, deepseek_v2, deepseek_v3, "
         "gpt_neox, falcon";
}

bool is_config_path(std::string_view name) {
  if (name.size() < 5) return false;
  std::string tail(name.substr(name.size() - 5));
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return tail == ".json";
}

ModelArch parse_hf_config(std::string_view json_text, const std::string& file) {
  const Tree root = io::tree_from_yaml(json_text, file);
  if (!root.is_map()) {
    throw RegistryError(file, root.mark.line, root.mark.column, "",
                        fmt::format("{}: expected a JSON object (a model configuration), got {}",
                                    file, root.describe()));
  }
  Config c(root, file);
  const FamilyName fam = identify(c);
  c.set_family_label(std::string(fam.model_type));

  ModelArch a;
  a.architecture = Architecture::kTransformer;
  if (const Tree* n = c.find({"_name_or_path"}); n != nullptr && n->kind == Tree::Kind::kString) {
    a.name = n->text;
  }
  a.hidden_dim = c.required({"hidden_size", "n_embed", "d_model"}, "the model width");
  a.layers = c.required({"num_hidden_layers", "n_layer", "num_layers"}, "the number of layers");
  a.heads = c.required({"num_attention_heads", "n_head"}, "the number of attention heads");
  a.vocab_size = c.required({"vocab_size"}, "the vocabulary size");
  a.max_seq_len = c.count({"max_position_embeddings", "seq_length", "max_seq_len"});
  a.kv_heads = c.count({"num_key_value_heads", "num_kv_heads", "n_head_kv"});
  a.head_dim = c.count({"head_dim"});

  LayerConventions s;
  switch (fam.family) {
    case Family::kLlama:
    case Family::kMixtral:
    case Family::kQwenMoe:
    case Family::kDeepSeek:
      a.ffn_dim = c.required({"intermediate_size"}, "the FFN width");
      a.tied_embeddings = c.flag("tie_word_embeddings").value_or(false);
      s.qkv_bias = fam.model_type == "qwen2" || fam.model_type == "qwen2_moe" ||
                   c.flag("attention_bias").value_or(false);
      s.out_bias = c.flag("attention_bias").value_or(false) && fam.model_type != "qwen2";
      break;
    case Family::kNeoX:
      a.ffn_dim = c.count({"intermediate_size"}).value_or(4 * *a.hidden_dim);
      a.tied_embeddings = c.flag("tie_word_embeddings").value_or(false);
      s.gated_ffn = false;
      s.qkv_bias = s.out_bias = s.layernorm_bias = true;
      s.norms_per_layer = 2;
      break;
    case Family::kFalcon: {
      a.ffn_dim = c.count({"ffn_hidden_size"}).value_or(4 * *a.hidden_dim);
      a.tied_embeddings = c.flag("tie_word_embeddings").value_or(true);
      const bool new_arch = c.flag("new_decoder_architecture").value_or(false);
      if (!a.kv_heads && !new_arch && c.flag("multi_query").value_or(true)) a.kv_heads = 1;
      s.gated_ffn = false;
      s.qkv_bias = s.out_bias = c.flag("bias").value_or(false);
      s.layernorm_bias = true;
      // Falcon-40B style (two layer norms) vs Falcon-7B (one shared by the parallel branches).
      s.norms_per_layer = new_arch || !c.flag("parallel_attn").value_or(true) ? 2 : 1;
      if (c.flag("alibi").value_or(false)) a.max_seq_len = a.max_seq_len.value_or(2048);
      break;
    }
  }

  // Sliding-window attention: Mistral states it; Qwen2 carries a window it uses only when
  // use_sliding_window is true.
  const bool qwen =
      fam.model_type == "qwen2" || fam.model_type == "qwen2_moe" || fam.model_type == "qwen3";
  if (!qwen || c.flag("use_sliding_window").value_or(false)) {
    a.sliding_window = c.count({"sliding_window"});
  }

  if (fam.family == Family::kMixtral) {
    a.experts = c.required({"num_local_experts"}, "the number of experts");
    a.experts_per_token = c.required({"num_experts_per_tok"}, "the experts per token");
  } else if (fam.family == Family::kQwenMoe) {
    a.experts = c.required({"num_experts"}, "the number of experts");
    a.experts_per_token = c.required({"num_experts_per_tok"}, "the experts per token");
    a.moe_ffn_dim = c.required({"moe_intermediate_size"}, "the expert FFN width");
    if (auto sw = c.count({"shared_expert_intermediate_size"}, true); sw && *sw > 0) {
      s.shared_expert_width = *sw;
      s.shared_expert_gate = true;
      a.shared_experts = std::max(1, *sw / *a.moe_ffn_dim);
    }
    if (const Tree* mlp_only = c.find({"mlp_only_layers"});
        mlp_only != nullptr && mlp_only->kind == Tree::Kind::kList && !mlp_only->items.empty()) {
      io::fail(*mlp_only, "mlp_only_layers", "registry.invalid",
               "mlp_only_layers: dense layers interleaved with MoE layers are not supported; "
               "expected an empty list");
    }
  } else if (fam.family == Family::kDeepSeek) {
    a.experts = c.count({"n_routed_experts"});
    if (a.experts) {
      a.experts_per_token = c.required({"num_experts_per_tok"}, "the experts per token");
      a.moe_ffn_dim = c.required({"moe_intermediate_size"}, "the expert FFN width");
      a.shared_experts = c.count({"n_shared_experts"}, true).value_or(0);
      a.first_dense_layers = c.count({"first_k_dense_replace"}, true).value_or(0);
      if (auto freq = c.count({"moe_layer_freq"}); freq && *freq != 1) {
        io::fail(*c.find({"moe_layer_freq"}), "moe_layer_freq", "registry.invalid",
                 fmt::format("moe_layer_freq: {} is not supported; expected 1 (every layer after "
                             "first_k_dense_replace is a mixture of experts)",
                             *freq));
      }
    }
    a.kv_lora_rank = c.count({"kv_lora_rank"});
    if (a.kv_lora_rank) {
      a.q_lora_rank = c.count({"q_lora_rank"});
      a.qk_rope_head_dim = c.required({"qk_rope_head_dim"}, "the rotary part of a head");
      a.qk_nope_head_dim = c.required({"qk_nope_head_dim"}, "the non-rotary part of a head");
      a.v_head_dim = c.required({"v_head_dim"}, "the value head width");
      a.head_dim = *a.qk_nope_head_dim + *a.qk_rope_head_dim;
    }
  }
  if (a.experts) a.architecture = Architecture::kMoeTransformer;

  if (!a.kv_heads) a.kv_heads = a.heads;
  if (*a.kv_heads > *a.heads || *a.heads % *a.kv_heads != 0) {
    const Tree* t = c.find({"num_key_value_heads", "num_kv_heads", "n_head_kv"});
    io::fail(t != nullptr ? *t : root, "num_key_value_heads", "registry.invalid",
             fmt::format("num_key_value_heads: {} must divide num_attention_heads ({})",
                         *a.kv_heads, *a.heads));
  }
  if (!a.head_dim) {
    if (*a.hidden_dim % *a.heads != 0) {
      io::fail(*c.find({"num_attention_heads", "n_head"}), "num_attention_heads",
               "registry.invalid",
               fmt::format("num_attention_heads: {} does not divide hidden_size ({}) and no "
                           "head_dim is stated",
                           *a.heads, *a.hidden_dim));
    }
    a.head_dim = *a.hidden_dim / *a.heads;
  }
  if (a.experts && *a.experts_per_token > *a.experts) {
    io::fail(*c.find({"num_experts_per_tok"}), "num_experts_per_tok", "registry.invalid",
             fmt::format("num_experts_per_tok: {} exceeds the number of experts ({})",
                         *a.experts_per_token, *a.experts));
  }
  if (a.first_dense_layers && *a.first_dense_layers > *a.layers) {
    io::fail(*c.find({"first_k_dense_replace"}), "first_k_dense_replace", "registry.invalid",
             fmt::format("first_k_dense_replace: {} exceeds num_hidden_layers ({})",
                         *a.first_dense_layers, *a.layers));
  }
  const ParameterCount n = count_parameters(a, s);
  a.parameters = n.total;
  a.active_parameters = n.active;
  return a;
}

ModelArch read_hf_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError("input.invalid", "model",
                     fmt::format("model: cannot read the configuration file '{}' (expected a "
                                 "Hugging Face config.json on disk)",
                                 file.string()));
  }
  constexpr std::streamsize kMaxBytes = 16 << 20;
  std::string text(static_cast<std::size_t>(kMaxBytes) + 1, '\0');
  in.read(text.data(), kMaxBytes + 1);
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (static_cast<std::streamsize>(text.size()) > kMaxBytes) {
    throw InputError("input.invalid", "model",
                     fmt::format("model: '{}' is larger than 16 MiB; a model configuration is a "
                                 "few kilobytes",
                                 file.string()));
  }
  return parse_hf_config(text, file.string());
}

std::shared_ptr<const Workload> imported_workload(std::string_view path, std::string_view field) {
  const std::filesystem::path file{std::string(path)};
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw InputError("input.invalid", std::string(field),
                     fmt::format("{}: '{}' is not a file; a model name ending in .json is read "
                                 "as a Hugging Face config.json from disk",
                                 field.empty() ? "model" : field, path));
  }
  auto arch = std::make_shared<ModelArch>(read_hf_config(file));
  Workload w;
  const std::string stem = file.stem().string();
  const std::string dir = file.parent_path().filename().string();
  w.info.path = std::string(path);
  w.info.name = stem == "config" && !dir.empty() && dir != "." && dir != ".." ? dir : stem;
  if (arch->name.empty()) arch->name = w.info.name;
  w.info.file = file.string();
  w.info.source.kind = "literature";
  w.info.source.ref = fmt::format("imported from {}", file.string());
  const bool moe = arch->architecture == Architecture::kMoeTransformer;
  w.kind = moe ? WorkloadKind::kSparseTransformer : WorkloadKind::kTransformer;
  w.architecture = "Transformer";
  w.parameters = arch->parameters;
  w.layers = arch->layers;
  w.hidden_dim = arch->hidden_dim;
  w.heads = arch->heads;
  w.kv_heads = arch->kv_heads;
  if (moe) {
    w.active_parameters = arch->active_parameters;
    w.experts = arch->experts;
    w.active_experts_per_token = arch->experts_per_token;
  }
  w.architecture_detail = std::move(arch);
  return std::make_shared<const Workload>(std::move(w));
}

}  // namespace mlsysim::realistic
