#include "viz/plot_api.hpp"

#include <fmt/format.h>

#include "core/suggest.hpp"
#include "io/tree.hpp"
#include "mlsysim/analysis/plan.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/viz/plot.hpp"

namespace mlsysim::viz {
namespace {

int read_count(const io::Tree& t, std::string_view key) {
  const long long n = io::read_integer(t, key);
  if (n < 1 || n > 1'000'000'000) {
    throw InputError::out_of_range(std::string(key), ">= 1", std::to_string(n));
  }
  return static_cast<int>(n);
}

RooflineSpec roofline_spec(const io::Tree& body) {
  io::MapReader r(body, "", "body");
  RooflineSpec spec;
  spec.hardware = io::read_string(r.req("hardware"), "hardware");
  if (const io::Tree* t = r.opt("precision")) spec.precision = io::read_string(*t, "precision");
  if (const io::Tree* t = r.opt("efficiency")) spec.efficiency = io::read_number(*t, "efficiency");
  int batch = 1;
  int seq_len = 2048;
  if (const io::Tree* t = r.opt("batch_size")) batch = read_count(*t, "batch_size");
  if (const io::Tree* t = r.opt("seq_len")) seq_len = read_count(*t, "seq_len");
  if (const io::Tree* ws = r.opt("workloads")) {
    if (ws->kind != io::Tree::Kind::kList) {
      io::fail(*ws, "workloads", "input.type",
               fmt::format("workloads: expected a list of model names or objects, got {}",
                           ws->describe()));
    }
    for (std::size_t i = 0; i < ws->items.size(); ++i) {
      const io::Tree& w = ws->items[i];
      const std::string key = fmt::format("workloads[{}]", i);
      RooflineWorkload entry{.model = {}, .batch_size = batch, .seq_len = seq_len};
      if (w.is_map()) {
        io::MapReader wr(w, key + ".", key);
        entry.model = io::read_string(wr.req("model"), key + ".model");
        if (const io::Tree* t = wr.opt("batch_size")) {
          entry.batch_size = read_count(*t, key + ".batch_size");
        }
        if (const io::Tree* t = wr.opt("seq_len")) entry.seq_len = read_count(*t, key + ".seq_len");
        wr.finish();
      } else {
        entry.model = io::read_string(w, key);
      }
      spec.workloads.push_back(std::move(entry));
    }
  }
  r.finish();
  return spec;
}

std::string text_field(const io::Tree& body, std::string_view key) {
  io::MapReader r(body, "", "body");
  std::string text = io::read_string(r.req(key), key);
  r.finish();
  return text;
}

}  // namespace

std::string render_plot(std::string_view kind, std::string_view json_body,
                        const Registry& registry) {
  static const std::vector<std::string> kKinds = {"roofline", "sweep", "pareto", "plan"};
  if (kind != "roofline" && kind != "sweep" && kind != "pareto" && kind != "plan") {
    const auto near = detail::closest(kind, kKinds, 1);
    throw InputError("input.unknown_entry", "kind",
                     fmt::format("kind: unknown plot '{}'; expected roofline, sweep, pareto or "
                                 "plan{}",
                                 kind, near.empty() ? "" : " (did you mean '" + near[0] + "'?)"));
  }
  const io::Tree body = io::tree_from_json(json_body);
  if (!body.is_map()) {
    throw InputError("input.type", "body",
                     fmt::format("body: expected a JSON object, got {}", body.describe()));
  }
  if (kind == "roofline") return roofline_svg(roofline_spec(body), registry);
  // The spec and the plan are YAML text: their errors (file:line in the text) name the field.
  const std::string_view field = kind == "plan" ? "plan" : "spec";
  const std::string text = text_field(body, field);
  try {
    if (kind == "plan") return plan_svg(analysis::parse_plan(text, "plan", ".", registry));
    if (kind == "pareto") return pareto_svg(text, "spec", registry);
    return sweep_svg(text, "spec", registry);
  } catch (const RegistryError& e) {
    const std::string key = e.key().empty() ? std::string(field) : e.key();
    throw InputError(e.code(), key, e.what());
  }
}

}  // namespace mlsysim::viz
