// Pipeline — resolvers chained by name: each stage's result fields feed the next stage's inputs
// of the same name (errata E7: only the inputs a stage names are filled; only declared result
// fields are handed on, not computed properties).
//
//   auto zoo = Registry::builtin();
//   analysis::Pipeline p({"SingleNodeModel", "EconomicsModel"});
//   std::string out = p.run(R"({"model": "Llama3_8B", "hardware": "H100",
//                               "fleet": "Research_256", "duration_days": 30})", *zoo);
//   // {"SingleNodeModel": {...}, "EconomicsModel": {...}} — Economics got the node's mfu
//   std::puts(p.explain().c_str());
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim {
struct Resolver;
}

namespace mlsysim::analysis {

class Pipeline {
 public:
  /// Called after each stage with the stage's name and its result as JSON.
  using StageCallback = std::function<void(std::string_view stage, std::string_view result_json)>;

  /// Throws InputError for an empty list ("Pipeline requires at least one resolver.") or an
  /// unknown resolver name.
  explicit Pipeline(const std::vector<std::string>& resolvers, std::string name = "Pipeline");

  /// Runs the stages on a JSON object of inputs; returns a JSON object, stage name → result.
  /// A stage's error is thrown (InputError, OomError) naming the stage.
  [[nodiscard]] std::string run(std::string_view inputs_json, const Registry& registry,
                                const StageCallback& on_stage_end = {}) const;

  /// The stages with their walls, requirements, results and the inputs no earlier stage
  /// provides; the flow "A → B → C"; the domains covered.
  [[nodiscard]] std::string explain() const;

  [[nodiscard]] std::size_t size() const { return stages_.size(); }
  [[nodiscard]] const std::string& name() const { return name_; }
  /// "Pipeline(A → B)".
  [[nodiscard]] std::string repr() const;

 private:
  std::vector<const Resolver*> stages_;
  std::string name_;
};

}  // namespace mlsysim::analysis
