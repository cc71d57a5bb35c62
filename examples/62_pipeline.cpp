// Pipeline: SingleNodeModel then EconomicsModel. The node's mfu is handed on by name, so the
// month's energy reflects Llama-3.1-8B's MFU on H100 at batch 8, not 1.0.
#include <cstdio>
#include <string>

#include "mlsysim/analysis/pipeline.hpp"
#include "mlsysim/registry/registry.hpp"

int main() {
  using namespace mlsysim;
  auto zoo = Registry::builtin();
  const analysis::Pipeline p({"SingleNodeModel", "EconomicsModel"});
  std::printf("%s\n%s\n", p.repr().c_str(), p.explain().c_str());
  const std::string out = p.run(
      R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": 8,
          "fleet": "Research_256", "duration_days": 30})",
      *zoo, [](std::string_view stage, std::string_view result) {
        std::printf("stage %.*s done (%zu bytes of result)\n", static_cast<int>(stage.size()),
                    stage.data(), result.size());
      });
  const auto at = out.find("\"tco_usd\":");
  std::printf("EconomicsModel.tco_usd = %s\n",
              out.substr(at + 10, out.find(',', at) - at - 10).c_str());
}
