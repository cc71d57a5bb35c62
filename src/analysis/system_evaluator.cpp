#include "mlsysim/analysis/system_evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "mlsysim/core/quiet.hpp"
#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/ops/economics.hpp"

namespace mlsysim::analysis {

using namespace units;

namespace {

/// "8,298,030": rounded to the nearest dollar, with thousands separators (errata E4).
std::string with_commas(double v) {
  std::string digits = fmt::format("{:.0f}", v);
  const bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.erase(0, 1);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return negative ? "-" + out : out;
}

/// The number of characters a UTF-8 string shows.
std::size_t display_width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

SystemEvaluation evaluate(const SystemEvaluatorInputs& in) {
  check_required(in);
  check_bounds(in);
  const bool text = !quiet();
  SystemEvaluation e;
  if (text) e.scenario_name = *in.scenario_name;

  const bool single = in.nodes == 1 || in.fleet_obj == nullptr;
  double mfu_forward = 1.0;  // what the Pipeline hands EconomicsModel: the node's MFU, if any
  if (single) {
    const node::PerformanceProfile p = node::solve({.model = in.model_obj,
                                                    .hardware = in.hardware_obj,
                                                    .batch_size = *in.batch_size,
                                                    .precision = *in.precision,
                                                    .efficiency = *in.efficiency,
                                                    .raise_errors = false});
    mfu_forward = p.mfu;
    const double used = p.memory_footprint.in(GB);
    const double cap = p.memory_capacity.in(GB);
    const char* status = p.feasible ? "PASS" : "FAIL";
    e.feasibility.status = status;
    e.feasibility.metrics = {{"memory_used_gb", used},
                             {"memory_capacity_gb", cap},
                             {"memory_utilization", p.memory_utilization}};
    e.performance.status = status;
    e.performance.metrics = {
        {"latency", p.latency.in(ms)}, {"throughput", p.throughput.in(per_s)}, {"mfu", p.mfu}};
    if (text) {
      e.feasibility.level_name = "Memory Feasibility";
      e.feasibility.summary = fmt::format("{:.1f} GB / {:.1f} GB used", used, cap);
      e.performance.level_name = "Single Node Performance";
      e.performance.summary =
          fmt::format("{} Bound{}", p.bottleneck, p.feasible ? "" : " (infeasible)");
    }
  } else {
    const fleet::DistributedResult d = fleet::distributed({.model = in.model_obj,
                                                           .fleet = in.fleet_obj,
                                                           .batch_size = *in.batch_size,
                                                           .precision = *in.precision,
                                                           .efficiency = *in.efficiency,
                                                           .tp_size = 1,
                                                           .pp_size = 1});
    e.feasibility.status = "PASS";
    e.performance.status = "PASS";
    e.performance.metrics = {{"step_latency", d.step_latency_total.in(ms)},
                             {"comm_overhead", d.communication_latency.in(ms)},
                             {"fleet_throughput", d.effective_throughput.in(per_s)}};
    if (text) {
      e.feasibility.level_name = "Feasibility";
      e.feasibility.summary = "Distributed Model Check Passed";
      e.performance.level_name = "Fleet Performance";
      e.performance.summary =
          fmt::format("Scaling Efficiency: {:.1f}%", d.scaling_efficiency * 100.0);
    }
  }

  if (in.fleet_obj != nullptr && in.duration_days.value_or(0.0) != 0.0) {
    const ops::EconomicsResult m = ops::economics(
        {.fleet = in.fleet_obj, .duration_days = in.duration_days, .mfu = mfu_forward});
    e.macro.status = "PASS";
    e.macro.metrics = {{"tco_usd", m.tco_usd},
                       {"carbon_footprint", m.carbon_footprint_kg / 1000.0},
                       {"energy_cost", m.opex_energy_usd},
                       {"capex", m.capex_usd}};
    if (text) {
      e.macro.level_name = "Economics & Sustainability";
      e.macro.summary = "TCO: $" + with_commas(m.tco_usd);
    }
  } else {
    e.macro.status = "SKIPPED";
    if (text) {
      e.macro.level_name = "Macro";
      e.macro.summary = "No Ops config provided";
    }
  }
  auto ok = [](const EvaluationLevel& l) { return l.status == "PASS" || l.status == "SKIPPED"; };
  e.passed_all = ok(e.feasibility) && ok(e.performance) && ok(e.macro);
  return e;
}

std::vector<std::pair<std::string, std::string>> SystemEvaluation::to_dict() const {
  std::vector<std::pair<std::string, std::string>> out{{"scenario", scenario_name}};
  for (const auto& [prefix, level] :
       {std::pair<std::string_view, const EvaluationLevel*>{"f", &feasibility},
        {"p", &performance},
        {"m", &macro}}) {
    out.emplace_back(fmt::format("{}_status", prefix), level->status);
    out.emplace_back(fmt::format("{}_summary", prefix), level->summary);
    for (const auto& [k, v] : level->metrics) {
      out.emplace_back(fmt::format("{}_{}", prefix, k), fmt::format("{}", v));
    }
  }
  return out;
}

std::string SystemEvaluation::scorecard() const {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("SYSTEM EVALUATION: {}", scenario_name));
  lines.emplace_back();  // the rule under the title
  for (const EvaluationLevel* l : {&feasibility, &performance, &macro}) {
    lines.push_back(fmt::format("[{}] {}: {}", l->status, l->level_name, l->summary));
    for (const auto& [k, v] : l->metrics) lines.push_back(fmt::format("    {:<20} {:.6g}", k, v));
  }
  lines.emplace_back();
  lines.push_back(fmt::format("Overall: {}", passed_all ? "PASSED" : "FAILED"));
  std::size_t width = 0;
  for (const auto& s : lines) width = std::max(width, display_width(s));
  std::string out = "╔" + repeat("═", width + 2) + "╗\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      out += "╟" + repeat("─", width + 2) + "╢\n";
      continue;
    }
    out += "║ " + lines[i] + std::string(width - display_width(lines[i]), ' ') + " ║\n";
  }
  out += "╚" + repeat("═", width + 2) + "╝\n";
  return out;
}

}  // namespace mlsysim::analysis
