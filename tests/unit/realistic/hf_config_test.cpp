// The config.json importer: every family's shapes, parameter counts against the published ones,
// and the errors a bad file gets.
#include "mlsysim/realistic/hf_config.hpp"

#include <gtest/gtest.h>

#include <string>

#include "expect_input_error.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::realistic {
namespace {

std::string config(const char* name) {
  return std::string(MLSYSIM_TEST_DIR) + "/realistic/hf/" + name;
}

TEST(HfConfig, LlamaDenseGqa) {
  const ModelArch a = read_hf_config(config("llama3_8b.json"));
  EXPECT_EQ(a.architecture, Architecture::kTransformer);
  EXPECT_EQ(*a.layers, 32);
  EXPECT_EQ(*a.hidden_dim, 4096);
  EXPECT_EQ(*a.heads, 32);
  EXPECT_EQ(*a.kv_heads, 8);
  EXPECT_EQ(*a.head_dim, 128);
  EXPECT_EQ(*a.ffn_dim, 14336);
  EXPECT_EQ(*a.vocab_size, 128256);
  EXPECT_EQ(*a.max_seq_len, 131072);
  EXPECT_FALSE(*a.tied_embeddings);
  EXPECT_FALSE(a.sliding_window.has_value());
  EXPECT_DOUBLE_EQ(*a.parameters, 8030261248.0);  // the model card's count
  EXPECT_DOUBLE_EQ(*a.active_parameters, *a.parameters);
}

TEST(HfConfig, MistralSlidingWindowAndQwenWindowOnlyWhenUsed) {
  const ModelArch m = read_hf_config(config("mistral_7b.json"));
  EXPECT_EQ(*m.sliding_window, 4096);
  EXPECT_DOUBLE_EQ(*m.parameters, 7241732096.0);
  const ModelArch q = read_hf_config(config("qwen2_7b.json"));
  EXPECT_FALSE(q.sliding_window.has_value());  // use_sliding_window: false
  EXPECT_EQ(*q.kv_heads, 4);
  EXPECT_DOUBLE_EQ(*q.parameters, 7615616512.0);  // with the q/k/v biases
}

TEST(HfConfig, MixtralExperts) {
  const ModelArch a = read_hf_config(config("mixtral_8x7b.json"));
  EXPECT_EQ(a.architecture, Architecture::kMoeTransformer);
  EXPECT_EQ(*a.experts, 8);
  EXPECT_EQ(*a.experts_per_token, 2);
  EXPECT_DOUBLE_EQ(*a.parameters, 46702792704.0);
  EXPECT_DOUBLE_EQ(*a.active_parameters, 12879925248.0);
}

TEST(HfConfig, QwenMoeSharedExpert) {
  const ModelArch a = read_hf_config(config("qwen2_57b_a14b.json"));
  EXPECT_EQ(*a.experts, 64);
  EXPECT_EQ(*a.moe_ffn_dim, 2560);
  EXPECT_EQ(*a.shared_experts, 8);
  // Qwen2-57B-A14B: 57.4B total, 14.2B active.
  EXPECT_NEAR(*a.parameters / 1e9, 57.4, 0.1);
  EXPECT_NEAR(*a.active_parameters / 1e9, 14.2, 0.1);
}

TEST(HfConfig, DeepSeekV3LatentAttention) {
  const ModelArch a = read_hf_config(config("deepseek_v3.json"));
  EXPECT_EQ(a.architecture, Architecture::kMoeTransformer);
  EXPECT_EQ(*a.kv_lora_rank, 512);
  EXPECT_EQ(*a.q_lora_rank, 1536);
  EXPECT_EQ(*a.qk_rope_head_dim, 64);
  EXPECT_EQ(*a.head_dim, 192);
  EXPECT_EQ(*a.first_dense_layers, 3);
  EXPECT_EQ(*a.shared_experts, 1);
  EXPECT_EQ(*a.moe_ffn_dim, 2048);
  EXPECT_EQ(*a.ffn_dim, 18432);
  // DeepSeek-V3: 671B total, 37B activated per token (the report's figures, without the
  // multi-token-prediction module).
  EXPECT_NEAR(*a.parameters / 1e9, 671.0, 1.0);
  EXPECT_NEAR(*a.active_parameters / 1e9, 37.0, 1.0);
}

TEST(HfConfig, NeoXAndFalcon) {
  const ModelArch p = read_hf_config(config("pythia_12b.json"));
  EXPECT_DOUBLE_EQ(*p.parameters, 11846072320.0);  // Pythia-12B, biases and layer norms included
  EXPECT_EQ(*p.kv_heads, 40);
  const ModelArch f = read_hf_config(config("falcon_40b.json"));
  EXPECT_EQ(*f.kv_heads, 8);
  EXPECT_EQ(*f.ffn_dim, 4 * 8192);
  EXPECT_TRUE(*f.tied_embeddings);
  EXPECT_NEAR(*f.parameters / 1e9, 41.3, 0.1);
}

TEST(HfConfig, FalconSevenBIsMultiQuery) {
  const ModelArch f = parse_hf_config(R"({"model_type": "falcon", "hidden_size": 4544,
      "num_attention_heads": 71, "num_hidden_layers": 32, "vocab_size": 65024,
      "multi_query": true, "parallel_attn": true, "new_decoder_architecture": false})",
                                      "falcon-7b.json");
  EXPECT_EQ(*f.kv_heads, 1);
  EXPECT_DOUBLE_EQ(*f.parameters, 6921720704.0);
}

TEST(HfConfig, ArchitecturesClassWhenModelTypeIsMissing) {
  const ModelArch a = parse_hf_config(
      R"({"architectures": ["LlamaForCausalLM"], "hidden_size": 2048, "intermediate_size": 8192,
          "num_attention_heads": 32, "num_hidden_layers": 16, "num_key_value_heads": 8,
          "vocab_size": 128256, "tie_word_embeddings": true})",
      "llama-1b.json");
  EXPECT_EQ(*a.head_dim, 64);
  EXPECT_NEAR(*a.parameters / 1e9, 1.236, 0.001);  // Llama-3.2-1B, tied embeddings
}

template <class Call>
std::string registry_error(Call&& call) {
  try {
    call();
  } catch (const RegistryError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a RegistryError";
  return {};
}

TEST(HfConfig, BadFilesNameTheKeyAndTheLine) {
  std::string msg = registry_error([] {
    (void)parse_hf_config("{\"model_type\": \"lama\",\n \"hidden_size\": 4096}", "c.json");
  });
  EXPECT_NE(msg.find("c.json:1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("did you mean 'llama'"), std::string::npos) << msg;

  msg = registry_error([] {
    (void)parse_hf_config(
        "{\"model_type\": \"llama\",\n \"hidden_size\": 4096,\n \"num_hidden_layers\": -2}",
        "c.json");
  });
  EXPECT_NE(msg.find("c.json:3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("num_hidden_layers"), std::string::npos) << msg;

  msg = registry_error([] {
    (void)parse_hf_config(R"({"model_type": "llama", "hidden_size": 4096, "num_hidden_layers": 2,
        "num_attention_heads": 32, "vocab_size": 10})",
                          "c.json");
  });
  EXPECT_NE(msg.find("'intermediate_size' is missing"), std::string::npos) << msg;

  msg = registry_error([] {
    (void)parse_hf_config(R"({"model_type": "llama", "hidden_size": 4096, "num_hidden_layers": 2,
        "num_attention_heads": 32, "num_key_value_heads": 5, "intermediate_size": 64,
        "vocab_size": 10})",
                          "c.json");
  });
  EXPECT_NE(msg.find("must divide num_attention_heads"), std::string::npos) << msg;

  msg = registry_error([] { (void)parse_hf_config("[1, 2]", "c.json"); });
  EXPECT_NE(msg.find("expected a JSON object"), std::string::npos) << msg;
  msg = registry_error([] { (void)parse_hf_config("{\"model_type\": ", "c.json"); });
  EXPECT_NE(msg.find("c.json"), std::string::npos) << msg;
}

TEST(HfConfig, ThePathWorksWhereverAModelNameDoes) {
  const auto zoo = Registry::builtin();
  const auto w = zoo->model(config("llama3_8b.json"), "model");
  EXPECT_EQ(w->name(), "llama3_8b");
  EXPECT_EQ(w->kind, WorkloadKind::kTransformer);
  EXPECT_EQ(*w->kv_heads, 8);
  EXPECT_DOUBLE_EQ(*w->parameters, 8030261248.0);
  ASSERT_NE(w->architecture_detail, nullptr);
  EXPECT_EQ(*w->architecture_detail->ffn_dim, 14336);
  const auto moe = zoo->model(config("mixtral_8x7b.json"), "model");
  EXPECT_EQ(moe->kind, WorkloadKind::kSparseTransformer);
  EXPECT_DOUBLE_EQ(*moe->active_parameters, 12879925248.0);
  testing::expect_input_error([&] { (void)zoo->model("no/such/config.json", "model"); }, "model",
                              "is not a file");
}

}  // namespace
}  // namespace mlsysim::realistic
