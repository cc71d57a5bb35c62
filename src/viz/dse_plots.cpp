// `plot pareto` and `plot sweep`: pictures of a design-space search, evaluated by the DSE engine.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/suggest.hpp"
#include "io/tree.hpp"
#include "io/tree_json.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/optimize/dse.hpp"
#include "mlsysim/viz/plot.hpp"
#include "optimize/dse_engine.hpp"
#include "viz/axes.hpp"

namespace mlsysim::viz {
namespace {

/// The spec's optional `plot:` keys.
struct PlotKeys {
  std::string x, y, series;
};

PlotKeys plot_keys(const io::Tree& spec) {
  PlotKeys k;
  const io::Tree* p = spec.is_map() ? spec.get("plot") : nullptr;
  if (p == nullptr || !p->is_map()) return k;  // search() reports a plot: that is not a map
  io::MapReader r(*p, "plot.", "plot");
  if (const io::Tree* t = r.opt("x")) k.x = io::read_string(*t, "plot.x");
  if (const io::Tree* t = r.opt("y")) k.y = io::read_string(*t, "plot.y");
  if (const io::Tree* t = r.opt("series")) k.series = io::read_string(*t, "plot.series");
  r.finish();
  return k;
}

/// The unit of `path` in the best result, when the search reads its magnitude in that unit (a
/// `{value, unit}` whose value is the one the search read); empty otherwise.
std::string unit_of(const dse::Result& r, std::string_view path, double searched) {
  io::Tree t;
  try {
    t = io::tree_from_json(r.best_result_json);
  } catch (const Error&) {
    return {};
  }
  const io::Tree* cur = &t;
  std::size_t start = 0;
  while (cur != nullptr && start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    cur = cur->is_map() ? cur->get(path.substr(start, dot - start)) : nullptr;
    start = dot + 1;
  }
  if (cur == nullptr || !cur->is_map()) return {};
  const io::Tree* v = cur->get("value");
  const io::Tree* u = cur->get("unit");
  if (v == nullptr || u == nullptr || v->kind != io::Tree::Kind::kNumber ||
      u->kind != io::Tree::Kind::kString) {
    return {};
  }
  if (std::fabs(v->number - searched) > 1e-9 * std::max(std::fabs(searched), 1e-300)) return {};
  return u->text;
}

/// "latency (ms)": the metric with its unit when known.
std::string axis_label(std::string_view metric, const std::string& unit) {
  return unit.empty() ? std::string(metric) : fmt::format("{} ({})", metric, unit);
}

/// The value the best candidate read for metric `m` (for unit_of).
double best_value(const dse::Result& r, std::size_t m) {
  for (const auto& p : r.evaluated) {
    if (p.index == r.top.front().index) return p.metrics[m];
  }
  return std::nan("");
}

bool spans_decades(double lo, double hi, double ratio) { return lo > 0 && hi / lo >= ratio; }

dse::Result run(const io::Tree& spec, const Registry& registry,
                std::vector<std::string> extra = {}) {
  dse::Options o;
  o.keep_points = true;
  o.extra_metrics = std::move(extra);
  return dse::search(spec, registry, o);
}

std::string file_title(const std::string& file) {
  const auto slash = file.find_last_of('/');
  return slash == std::string::npos ? file : file.substr(slash + 1);
}

}  // namespace

std::string pareto_svg(std::string_view text, const std::string& file, const Registry& registry) {
  const io::Tree spec = dse::parse_spec(text, file);
  (void)plot_keys(spec);
  const dse::Result r = run(spec, registry);
  if (r.objectives.size() < 2) {
    throw InputError("input.invalid", "objective",
                     fmt::format("objective: a Pareto front needs two objectives (a list such as "
                                 "['minimize: latency', 'minimize: energy']); {} has {}",
                                 file, r.objectives.size()));
  }
  struct Pt {
    double x, y;
    std::size_t index;
  };
  std::vector<Pt> pts;
  for (const auto& p : r.evaluated) {
    if (p.status != dse::Point::Status::kKept) continue;
    if (!std::isfinite(p.metrics[0]) || !std::isfinite(p.metrics[1])) continue;
    pts.push_back({p.metrics[0], p.metrics[1], p.index});
  }
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  for (const auto& p : pts) {
    x_lo = std::min(x_lo, p.x);
    x_hi = std::max(x_hi, p.x);
    y_lo = std::min(y_lo, p.y);
    y_hi = std::max(y_hi, p.y);
  }
  if (pts.empty()) {
    throw InputError(
        "input.invalid", "objective",
        fmt::format("objective: no point of {} has finite values of both objectives", file));
  }
  const std::string x_unit = unit_of(r, r.objectives[0].metric, best_value(r, 0));
  const std::string y_unit = unit_of(r, r.objectives[1].metric, best_value(r, 1));
  const std::string title =
      fmt::format("Pareto front: {} against {}", r.objectives[0].metric, r.objectives[1].metric);
  Chart c(760, 500, title);
  const bool x_log = spans_decades(x_lo, x_hi, 50.0);
  const bool y_log = spans_decades(y_lo, y_hi, 50.0);
  c.set_x(x_lo, x_hi, x_log);
  c.set_y(y_lo, y_hi, y_log);
  c.draw_frame(axis_label(r.objectives[0].metric, x_unit),
               axis_label(r.objectives[1].metric, y_unit));

  std::vector<bool> on_front(pts.size(), false);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    for (const auto& f : r.pareto_front) on_front[i] = on_front[i] || f.index == pts[i].index;
  }
  c.svg.begin_group("points");
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (on_front[i]) continue;
    const double px = c.x(pts[i].x);
    const double py = c.y(pts[i].y);
    c.svg.circle(px, py, 3.5, "point dominated");
    c.labels.occupy({px - 3.5, py - 3.5, px + 3.5, py + 3.5});
  }
  c.svg.end_group();

  // The front, joined in order of the first objective (the engine's order), then its markers.
  std::vector<double> xy;
  for (const auto& f : r.pareto_front) {
    xy.push_back(c.x(f.objectives[0]));
    xy.push_back(c.y(f.objectives[1]));
  }
  c.svg.begin_group("front");
  if (xy.size() >= 4) c.svg.polyline(xy, "front-line");
  constexpr double kR = 5.5;
  std::vector<std::string> names;
  for (const auto& f : r.pareto_front) {
    std::string label;
    for (std::size_t p = 0; p < f.params.size(); ++p) {
      label += (p == 0 ? "" : ", ") + dse::candidate_text(f.params[p]);
    }
    const double px = c.x(f.objectives[0]);
    const double py = c.y(f.objectives[1]);
    c.svg.circle(px, py, kR, "marker front", palette::series(0),
                 fmt::format("{} — {:.6g}, {:.6g}", label, f.objectives[0], f.objectives[1]));
    c.labels.occupy({px - kR, py - kR, px + kR, py + kR});
    names.push_back(std::move(label));
  }
  c.svg.end_group();

  c.svg.begin_group("front-labels");
  for (std::size_t i = 0; i < r.pareto_front.size(); ++i) {
    const double px = c.x(r.pareto_front[i].objectives[0]);
    const double py = c.y(r.pareto_front[i].objectives[1]);
    c.label_point(px, py, kR, names[i], "label front-label", 3);
  }
  c.svg.end_group();
  c.labels.place(c.svg, c.right - 4, c.top + 14,
                 fmt::format("{} designs, {} on the front ({})", pts.size(), r.pareto_front.size(),
                             file_title(file)),
                 {.cls = "note", .anchor = Anchor::kEnd});
  return c.svg.finish();
}

std::string sweep_svg(std::string_view text, const std::string& file, const Registry& registry) {
  const io::Tree spec = dse::parse_spec(text, file);
  PlotKeys keys = plot_keys(spec);
  const io::Tree* space = spec.is_map() ? spec.get("space") : nullptr;
  std::vector<std::string> params;
  if (space != nullptr && space->is_map()) {
    for (const auto& [k, v] : space->fields) params.push_back(k);
  }
  auto numeric = [&](const std::string& name) {
    const io::Tree* cands = space->get(name);
    return cands != nullptr && cands->kind == io::Tree::Kind::kList &&
           std::all_of(cands->items.begin(), cands->items.end(),
                       [](const io::Tree& t) { return t.kind == io::Tree::Kind::kNumber; });
  };
  auto check_param = [&](const std::string& name, std::string_view key) {
    if (std::find(params.begin(), params.end(), name) != params.end()) return;
    const auto near = detail::closest(name, params, 1);
    throw InputError("input.unknown_field", std::string(key),
                     fmt::format("{}: '{}' is not a parameter of the space{}", key, name,
                                 near.empty() ? "" : " (did you mean '" + near[0] + "'?)"));
  };
  if (!params.empty()) {
    if (keys.x.empty()) {
      const auto it = std::find_if(params.begin(), params.end(), numeric);
      keys.x = it != params.end() ? *it : params.front();
    }
    check_param(keys.x, "plot.x");
    if (!keys.series.empty()) {
      check_param(keys.series, "plot.series");
      if (keys.series == keys.x) {
        throw InputError("input.invalid", "plot.series",
                         fmt::format("plot.series: '{}' is already the x axis", keys.series));
      }
    }
  }
  // The y metric: plot.y, else the first objective (read from the spec as the engine reads it).
  if (keys.y.empty()) {
    const io::Tree* obj = spec.is_map() ? spec.get("objective") : nullptr;
    if (obj != nullptr && obj->kind == io::Tree::Kind::kList && !obj->items.empty()) {
      obj = &obj->items.front();
    }
    if (obj != nullptr && obj->kind == io::Tree::Kind::kString) {
      keys.y = dse::parse_objective(obj->text).metric;
    }
  }
  const dse::Result r = run(spec, registry, {keys.y});
  const std::size_t ym = r.metric_paths.size() - 1;
  const auto xi = static_cast<std::size_t>(
      std::find(r.param_names.begin(), r.param_names.end(), keys.x) - r.param_names.begin());

  // The x positions: numbers as they are, anything else as evenly spaced categories.
  const bool x_numeric = numeric(keys.x);
  std::vector<std::string> categories;
  for (const auto& t : space->get(keys.x)->items)
    categories.push_back(dse::candidate_text(io::tree_json(t)));
  auto x_of = [&](const dse::Point& p) {
    if (x_numeric) return std::stod(p.params[xi]);
    return static_cast<double>(
        std::find(categories.begin(), categories.end(), dse::candidate_text(p.params[xi])) -
        categories.begin());
  };

  // One line per combination of the other parameters (the series first), in enumeration order.
  std::vector<std::size_t> others;
  if (!keys.series.empty()) {
    others.push_back(static_cast<std::size_t>(
        std::find(r.param_names.begin(), r.param_names.end(), keys.series) -
        r.param_names.begin()));
  }
  for (std::size_t p = 0; p < r.param_names.size(); ++p) {
    if (p != xi && std::find(others.begin(), others.end(), p) == others.end()) others.push_back(p);
  }
  struct Line {
    std::string label;
    std::vector<std::pair<double, double>> pts;  // NaN y: a gap
  };
  std::vector<Line> lines;
  std::map<std::string, std::size_t> by_label;
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  bool any = false;
  for (const auto& p : r.evaluated) {
    std::string label;
    for (std::size_t o : others)
      label += (label.empty() ? "" : ", ") + dse::candidate_text(p.params[o]);
    if (label.empty()) label = keys.y;  // a single line, named by its metric
    auto [it, fresh] = by_label.try_emplace(label, lines.size());
    if (fresh) lines.push_back({label, {}});
    const double x = x_of(p);
    const double y = p.metrics[ym];
    lines[it->second].pts.emplace_back(x, std::isfinite(y) ? y : std::nan(""));
    if (std::isfinite(y)) {
      any = true;
      x_lo = std::min(x_lo, x);
      x_hi = std::max(x_hi, x);
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
    }
  }
  // Each line runs left to right; a point without a value is a gap.
  for (auto& line : lines) {
    std::stable_sort(line.pts.begin(), line.pts.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  if (!any) {
    throw InputError("input.invalid", "plot.y",
                     fmt::format("plot.y: '{}' has no value on any point of {} (a metric path of "
                                 "the evaluator's result, such as an output name)",
                                 keys.y, file));
  }
  // Constraints on the y metric become dashed lines.
  std::vector<dse::Constraint> limits;
  if (const io::Tree* cs = spec.get("constraints"); cs != nullptr) {
    for (const auto& t : cs->items) {
      const dse::Constraint k = dse::parse_constraint(t.text);
      if (k.kind == dse::Constraint::Kind::kCheck && k.path == keys.y) {
        limits.push_back(k);
        y_lo = std::min(y_lo, k.threshold);
        y_hi = std::max(y_hi, k.threshold);
      }
    }
  }
  double best = std::nan("");
  for (const auto& p : r.evaluated) {
    if (p.index == r.top.front().index) best = p.metrics[ym];
  }
  const std::string y_unit = unit_of(r, keys.y, best);
  const std::string title = fmt::format("{} against {}", keys.y, keys.x);
  Chart c(760, 480, title);
  c.right = c.svg.width() - 190;  // room for the legend
  const bool x_log = x_numeric && spans_decades(x_lo, x_hi, 16.0);
  if (x_numeric) {
    c.set_x(x_lo, x_hi, x_log);
  } else {
    c.x = {false, -0.5, static_cast<double>(categories.size()) - 0.5, c.left, c.right};
    for (std::size_t i = 0; i < categories.size(); ++i) {
      c.x_ticks.push_back({static_cast<double>(i), categories[i]});
    }
  }
  c.set_y(y_lo, y_hi, spans_decades(y_lo, y_hi, 100.0), /*from_zero=*/y_lo >= 0);
  c.draw_frame(keys.x, axis_label(keys.y, y_unit));

  c.svg.begin_group("series");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view colour = palette::series(i);
    c.svg.begin_group("line");
    std::vector<double> xy;
    auto flush = [&] {
      if (xy.size() >= 4) c.svg.polyline(xy, "series", colour);
      xy.clear();
    };
    for (const auto& [x, y] : lines[i].pts) {
      if (std::isnan(y)) {
        flush();
        continue;
      }
      xy.push_back(c.x(x));
      xy.push_back(c.y(y));
    }
    flush();
    for (const auto& [x, y] : lines[i].pts) {
      if (!std::isnan(y)) {
        c.labels.occupy({c.x(x) - 3, c.y(y) - 3, c.x(x) + 3, c.y(y) + 3});
        c.svg.circle(c.x(x), c.y(y), 3, "point", colour,
                     fmt::format("{}: {} = {}, {} = {:.6g}", lines[i].label, keys.x,
                                 x_numeric ? si_label(x) : categories[static_cast<std::size_t>(x)],
                                 keys.y, y));
      }
    }
    c.svg.end_group();
  }
  c.svg.end_group();

  c.svg.begin_group("constraints");
  for (const auto& k : limits) {
    const double py = c.y(k.threshold);
    c.svg.line(c.left, py, c.right, py, "constraint");
  }
  c.svg.end_group();

  // The legend: one entry per line, right of the plot.
  // The legend, right of the plot: one entry per line, then the constraints.
  c.svg.begin_group("legend");
  const double lx = c.right + 18;
  double ly = c.top + 8;
  const TextStyle ts{.cls = "legend-label", .anchor = Anchor::kStart};
  const std::size_t entries = lines.size() + limits.size();
  for (std::size_t i = 0; i < entries; ++i, ly += 18) {
    const bool is_line = i < lines.size();
    const std::string label =
        is_line ? lines[i].label
                : fmt::format("constraint {}", limits[i - lines.size()].expression);
    if (ly + 18 > c.bottom && i + 1 < entries) {
      c.labels.fixed(c.svg, lx, ly + 4, fmt::format("… {} more", entries - i), ts);
      break;
    }
    c.svg.line(lx, ly, lx + 18, ly, is_line ? "series legend-swatch" : "constraint legend-swatch",
               is_line ? palette::series(i) : std::string_view{});
    c.labels.place(c.svg, lx + 24, ly + 4, label, ts, 0);
  }
  c.svg.end_group();
  return c.svg.finish();
}

}  // namespace mlsysim::viz
