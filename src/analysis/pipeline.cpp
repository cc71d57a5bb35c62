#include "mlsysim/analysis/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "io/json_writer.hpp"
#include "io/tree.hpp"
#include "io/tree_json.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/walls.hpp"

namespace mlsysim::analysis {

Pipeline::Pipeline(const std::vector<std::string>& resolvers, std::string name)
    : name_(std::move(name)) {
  if (resolvers.empty()) {
    throw InputError("input.invalid", "pipeline",
                     "pipeline: Pipeline requires at least one resolver.");
  }
  for (const auto& r : resolvers) stages_.push_back(&find_resolver(r));
}

std::string Pipeline::run(std::string_view inputs_json, const Registry& registry,
                          const StageCallback& on_stage_end) const {
  io::Tree accumulated = io::tree_from_json(inputs_json);
  if (!accumulated.is_map()) {
    throw InputError("input.type", "", "Pipeline.run: expected a JSON object of inputs");
  }
  io::JsonWriter out;
  out.begin_object();
  for (const Resolver* stage : stages_) {
    // Only the inputs the stage names are passed (errata E7).
    io::Tree args;
    args.kind = io::Tree::Kind::kMap;
    const auto inputs = stage->inputs();
    for (const auto& [k, v] : accumulated.fields) {
      const bool named = std::any_of(inputs.begin(), inputs.end(),
                                     [&k = k](const FieldSchema& f) { return f.name == k; });
      if (named) args.fields.emplace_back(k, v);
    }
    const std::string line = stage->solve_json(io::tree_json(args), registry);
    io::Tree answer = io::tree_from_json(line);
    if (const io::Tree* err = answer.get("error")) {
      const io::Tree* msg = err->get("message");
      const io::Tree* code = err->get("code");
      const io::Tree* field = err->get("field");
      throw InputError(
          code ? code->text : "input.invalid", field ? field->text : "",
          fmt::format("{} stage {}: {}", name_, stage->info.name, msg ? msg->text : "failed"));
    }
    io::Tree result;
    for (auto& [k, v] : answer.fields) {
      if (k == "outputs") result = std::move(v);
    }
    const std::string result_json = io::tree_json(result);
    out.key(stage->info.name);
    out.raw(result_json);
    if (on_stage_end) on_stage_end(stage->info.name, result_json);
    // Every declared result field is handed on, replacing an input of the same name.
    for (auto& [k, v] : result.fields) {
      auto it = std::find_if(accumulated.fields.begin(), accumulated.fields.end(),
                             [&k = k](const auto& f) { return f.first == k; });
      if (it != accumulated.fields.end()) {
        it->second = std::move(v);
      } else {
        accumulated.fields.emplace_back(k, std::move(v));
      }
    }
  }
  out.end_object();
  return out.take();
}

std::string Pipeline::repr() const {
  std::string flow;
  for (const Resolver* s : stages_) {
    if (!flow.empty()) flow += " → ";
    flow += s->info.name;
  }
  return fmt::format("{}({})", name_, flow);
}

std::string Pipeline::explain() const {
  std::string out =
      fmt::format("{}: {} stage{}\n", name_, stages_.size(), stages_.size() == 1 ? "" : "s");
  std::vector<std::string> produced;
  std::vector<std::string_view> domains;
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    const Resolver& s = *stages_[i];
    std::string walls;
    for (const Wall* w : walls_for_resolver(s.info.name)) {
      walls += fmt::format("{}{} {}", walls.empty() ? "" : ", ", w->number, w->name);
      const std::string_view d = domain_name(w->domain);
      if (std::find(domains.begin(), domains.end(), d) == domains.end()) domains.push_back(d);
    }
    out += fmt::format("  {}. {} ({})\n", i + 1, s.info.name, s.info.type);
    out += fmt::format("       walls:    {}\n", walls.empty() ? "none" : walls);
    std::string req;
    for (auto r : s.info.requires_) req += fmt::format("{}{}", req.empty() ? "" : ", ", r);
    out += fmt::format("       requires: {}\n", req.empty() ? "nothing" : req);
    out += fmt::format("       produces: {}\n", s.info.produces);
    std::string fed;
    std::string missing;
    for (const auto& f : s.inputs()) {
      const bool from_earlier =
          std::find(produced.begin(), produced.end(), f.name) != produced.end();
      if (from_earlier) {
        fed += fmt::format("{}{}", fed.empty() ? "" : ", ", f.name);
      } else if (f.required) {
        missing += fmt::format("{}{}", missing.empty() ? "" : ", ", f.name);
      }
    }
    if (!fed.empty()) out += fmt::format("       fed by earlier stages: {}\n", fed);
    if (!missing.empty()) out += fmt::format("       inputs to supply: {}\n", missing);
    for (const auto& f : s.outputs()) produced.push_back(f.name);
  }
  std::string flow;
  for (const Resolver* s : stages_)
    flow += fmt::format("{}{}", flow.empty() ? "" : " → ", s->info.name);
  out += fmt::format("Flow: {}\n", flow);
  std::string doms;
  for (auto d : domains) doms += fmt::format("{}{}", doms.empty() ? "" : ", ", d);
  out += fmt::format("Domains: {}\n", doms.empty() ? "none" : doms);
  return out;
}

}  // namespace mlsysim::analysis
