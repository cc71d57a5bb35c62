// `plot plan`: the scorecard as bars — what the plan demands against what it is allowed.
#include "mlsysim/analysis/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "mlsysim/viz/plot.hpp"
#include "viz/axes.hpp"

namespace mlsysim::viz {
namespace {

/// The unit of each SystemEvaluation metric (docs/plans.md, "Metrics usable in assertions").
std::string_view metric_unit(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kUnits[] = {
      {"feasibility.memory_used_gb", "GB"},
      {"feasibility.memory_capacity_gb", "GB"},
      {"feasibility.memory_utilization", "fraction"},
      {"performance.latency", "ms"},
      {"performance.throughput", "samples/s"},
      {"performance.mfu", "fraction"},
      {"performance.step_latency", "ms"},
      {"performance.comm_overhead", "ms"},
      {"performance.fleet_throughput", "samples/s"},
      {"macro.tco_usd", "USD"},
      {"macro.carbon_footprint", "t CO2e"},
      {"macro.energy_cost", "USD"},
      {"macro.capex", "USD"},
  };
  for (const auto& [k, u] : kUnits) {
    if (k == path) return u;
  }
  return {};
}

struct Row {
  std::string name;
  std::string_view unit;
  std::optional<double> value;
  std::optional<double> max;
  std::optional<double> min;
  std::string_view max_word = "max";
  [[nodiscard]] bool over() const {
    return !value || (max && *value > *max) || (min && *value < *min);
  }
};

std::string g6(double v) { return fmt::format("{:.6g}", v); }

std::string with_unit(double v, std::string_view unit) {
  if (unit.empty() || unit == "fraction") return g6(v);
  if (unit == "USD") return fmt::format("${}", g6(v));
  return fmt::format("{} {}", g6(v), unit);
}

std::string verdict(const Row& r) {
  if (!r.value) return "not in this evaluation";
  std::string limits;
  if (r.max) limits += fmt::format("{} {}", r.max_word, with_unit(*r.max, r.unit));
  if (r.min) limits += (limits.empty() ? "min " : ", min ") + with_unit(*r.min, r.unit);
  std::string out = with_unit(*r.value, r.unit);
  if (limits.empty()) return out;
  return fmt::format("{} of {}{}", out, limits,
                     r.over() ? (r.max && *r.value > *r.max ? " — exceeds" : " — below") : "");
}

}  // namespace

std::string plan_svg(const analysis::ResolvedPlan& plan) {
  const analysis::SystemEvaluation e = analysis::evaluate(analysis::evaluator_inputs(plan));
  std::vector<Row> rows;
  const auto used = analysis::plan_metric(e, "feasibility.memory_used_gb");
  const auto capacity = analysis::plan_metric(e, "feasibility.memory_capacity_gb");
  if (used && capacity) {
    rows.push_back(
        {"memory used against device capacity", "GB", used, capacity, std::nullopt, "capacity"});
  }
  bool cost_bounded = false;
  if (plan.plan.constraints) {
    for (const auto& a : plan.plan.constraints->asserts) {
      const std::string path = analysis::plan_metric_path(a.metric);
      cost_bounded = cost_bounded || path == "macro.tco_usd";
      rows.push_back({path, metric_unit(path), analysis::plan_metric(e, a.metric), a.max, a.min});
    }
  }
  if (const auto tco = analysis::plan_metric(e, "macro.tco_usd"); tco && !cost_bounded) {
    rows.push_back({"macro.tco_usd", "USD", tco, std::nullopt, std::nullopt});
  }

  constexpr double kWidth = 760;
  constexpr double kTop = 84;
  constexpr double kRowH = 78;
  constexpr double kLeft = 24;
  constexpr double kRight = kWidth - 24;
  const double height = kTop + kRowH * static_cast<double>(std::max<std::size_t>(rows.size(), 1));
  const bool passed =
      e.passed_all && std::none_of(rows.begin(), rows.end(), [](const Row& r) { return r.over(); });
  const std::string title = fmt::format("Plan: {}", plan.plan.name);
  Svg svg(kWidth, height, title);
  LabelPlacer labels(Box{0, 0, kWidth, height});
  labels.fixed(svg, kLeft, 28, title,
               {.cls = "title", .anchor = Anchor::kStart, .size = kTitleFontSize});
  labels.fixed(svg, kLeft, 50,
               fmt::format("{} on {} — {}", plan.model->name(),
                           plan.fleet ? fmt::format("{} x {}", plan.plan.hardware.nodes,
                                                    plan.hardware->name())
                                      : plan.hardware->name(),
                           passed ? "every limit met" : "a limit is exceeded"),
               {.cls = passed ? "subtitle" : "subtitle over-label", .anchor = Anchor::kStart});
  if (rows.empty()) {
    labels.fixed(svg, kLeft, kTop + 20, "the evaluation has no metric to draw",
                 {.cls = "note", .anchor = Anchor::kStart});
  }

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const double y0 = kTop + kRowH * static_cast<double>(i);
    svg.begin_group(r.over() ? "row over" : "row");
    const std::string name = r.unit.empty() ? r.name : fmt::format("{} ({})", r.name, r.unit);
    labels.fixed(svg, kLeft, y0 + 8, name, {.cls = "axis-label", .anchor = Anchor::kStart});
    labels.fixed(svg, kRight, y0 + 8, verdict(r),
                 {.cls = r.over() ? "value over-label" : "value", .anchor = Anchor::kEnd});
    double hi = 0.0;
    for (const auto& v : {r.value, r.max, r.min}) {
      if (v) hi = std::max(hi, *v);
    }
    double lo = 0.0;
    nice_linear_domain(lo, hi, 4, /*from_zero=*/true);
    const Scale x{false, lo, hi, kLeft, kRight};
    const double bar_y = y0 + 18;
    constexpr double kBarH = 18;
    if (r.value) {
      const std::string cls = r.over() ? "bar over" : (r.max || r.min) ? "bar" : "bar unbounded";
      svg.rect(std::min(x(0.0), x(*r.value)), bar_y, std::fabs(x(*r.value) - x(0.0)), kBarH, cls,
               r.max || r.min ? std::string_view{} : palette::series(0));
    }
    for (const auto& limit : {r.max, r.min}) {
      if (limit) svg.line(x(*limit), bar_y - 4, x(*limit), bar_y + kBarH + 4, "limit");
    }
    const double axis_y = bar_y + kBarH + 6;
    svg.line(kLeft, axis_y, kRight, axis_y, "axis x-axis");
    for (const auto& t : linear_ticks(lo, hi, 4)) {
      svg.line(x(t.value), axis_y, x(t.value), axis_y + 4, "tick x-tick");
      const TextStyle ts{.cls = "tick-label x-tick-label", .anchor = Anchor::kMiddle};
      labels.fixed_if_free(svg, x(t.value), axis_y + 16, t.label, ts);
    }
    svg.end_group();
  }
  return svg.finish();
}

}  // namespace mlsysim::viz
