// Model import: a Hugging Face-style `config.json` read from disk (never the network) into a
// ModelArch with every architecture field, its parameter counts computed from the shapes.
//
//   auto arch = realistic::read_hf_config("models/Llama-3.1-8B/config.json");
//   *arch.parameters          // 8,030,261,248 (untied embeddings, computed)
//   *arch.kv_heads            // 8
//
// A path to a `.json` file is accepted wherever a model name is (`mlsysim eval
// ./Llama-3.1-8B/config.json H100`, `--set model=cfg.json`, `model:` in plans and DSE specs,
// Python): the registry imports it with `imported_workload`.
//
// Families (by `model_type`, else by `architectures[0]`): Llama (llama), Mistral (mistral),
// Mixtral (mixtral), Qwen2/2.5/3 (qwen2, qwen3), Qwen MoE (qwen2_moe, qwen3_moe),
// DeepSeek-V2/V3 with multi-head latent attention (deepseek_v2, deepseek_v3), GPT-NeoX
// (gpt_neox), Falcon (falcon, RefinedWeb, RefinedWebModel). A bad file is a RegistryError with
// file:line:column naming the key, the value and what was expected.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "mlsysim/realistic/architecture.hpp"

namespace mlsysim {
struct Workload;
}

namespace mlsysim::realistic {

/// Reads and parses a configuration file. Throws InputError (input.invalid) when the file cannot
/// be read, RegistryError for bad contents.
[[nodiscard]] ModelArch read_hf_config(const std::filesystem::path& file);

/// Parses configuration text; `file` names it in messages.
[[nodiscard]] ModelArch parse_hf_config(std::string_view json_text, const std::string& file);

/// The model families the importer knows, as `model_type` names them.
[[nodiscard]] std::string_view hf_families();

/// True when `name` is meant as a configuration file rather than a zoo name (it ends in `.json`).
[[nodiscard]] bool is_config_path(std::string_view name);

/// The registry view of a configuration file: a TransformerWorkload (SparseTransformerWorkload
/// for mixtures of experts) with the faithful fields filled from the architecture and the full
/// ModelArch attached (`Workload::architecture_detail`). Its path is the file's path, its name
/// the model's directory name (or the file's stem when the file is not called config.json).
[[nodiscard]] std::shared_ptr<const Workload> imported_workload(std::string_view path,
                                                                std::string_view field);

}  // namespace mlsysim::realistic
