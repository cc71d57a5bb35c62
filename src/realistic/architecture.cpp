#include "mlsysim/realistic/architecture.hpp"

#include <array>
#include <utility>

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

}  // namespace mlsysim::realistic
