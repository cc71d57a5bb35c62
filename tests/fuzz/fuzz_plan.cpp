// Fuzzes a plan file: the YAML `mlsysim eval PLAN.yaml` reads, through the same calls (parse the
// plan, evaluate it with SystemEvaluator, check its assertions). The evaluation and its metrics
// must be finite; a bad plan must be an mlsysim::Error with a code.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

#include "contract.hpp"
#include "io/binding.hpp"
#include "io/json_writer.hpp"
#include "mlsysim/analysis/plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mlsysim;
  static const auto registry = Registry::builtin();
  // Model and hardware files named in a plan resolve against an empty folder.
  static const std::filesystem::path base =
      std::filesystem::temp_directory_path() / "mlsysim-fuzz-plan-empty";
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::expect_contract([&] {
    const analysis::ResolvedPlan plan = analysis::parse_plan(text, "plan.yaml", base, *registry);
    const analysis::SystemEvaluation e = analysis::evaluate(analysis::evaluator_inputs(plan));
    io::JsonWriter w;
    io::write_struct(w, e);
    fuzz::check_result_json(w.take(), text);
    for (const auto& [name, value] : analysis::plan_metrics(e)) {
      if (std::isnan(value)) fuzz::violation("a NaN metric", name);
    }
    for (const auto& v : analysis::check_assertions(plan.plan, e)) {
      if (v.message.empty()) fuzz::violation("a violation without a message", v.metric);
    }
  });
  return 0;
}
