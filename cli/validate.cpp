// `mlsysim validate FILE` and `mlsysim calibrate FILE -o calibration.yaml`: predicted vs measured
// for a file of measured scenarios (docs/realistic.md), and the fit of the realistic parameters.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "commands.hpp"
#include "io/json_writer.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/realistic/faithful.hpp"
#include "mlsysim/realistic/predict.hpp"
#include "mlsysim/realistic/resolvers.hpp"
#include "mlsysim/registry/registry.hpp"
#include "output.hpp"
#include "table.hpp"

namespace mlsysim::cli {

using realistic::Outcome;

namespace {

std::string num(double v) {
  if (v == 0) return "0";
  const double a = std::abs(v);
  if (a >= 1e5 || a < 1e-3) return fmt::format("{:.4g}", v);
  if (a >= 100) return fmt::format("{:.1f}", v);
  return fmt::format("{:.4g}", v);
}

std::string pct(double v) { return fmt::format("{:+.1f} %", 100 * v); }

void write_json(const std::vector<Outcome>& outcomes) {
  io::JsonWriter w;
  w.begin_array();
  for (const auto& o : outcomes) {
    w.begin_object();
    w.plain_key("id");
    w.string(o.record->id);
    w.plain_key("metric");
    if (o.record->metric)
      w.string(*o.record->metric);
    else
      w.null();
    w.plain_key("predicted");
    if (o.prediction.value) {
      w.number(*o.prediction.value);
      if (o.prediction.low && o.prediction.high) {
        w.plain_key("low");
        w.number(*o.prediction.low);
        w.plain_key("high");
        w.number(*o.prediction.high);
      }
    } else {
      w.null();
      w.plain_key("why_not");
      w.string(o.prediction.why_not);
    }
    w.end_object();
  }
  w.end_array();
  print(w.str() + "\n");
}

void stats_table(std::string_view title, const std::map<std::string, realistic::Stats>& m) {
  Table t;
  t.header = {std::string(title), "n", "median |err|", "mean |err|", "±10 %", "±25 %"};
  t.right_align = {false, true, true, true, true, true};
  for (const auto& [k, s] : m) {
    t.rows.push_back({k, fmt::format("{}", s.n), fmt::format("{:.1f} %", 100 * s.median_abs),
                      fmt::format("{:.1f} %", 100 * s.mean_abs),
                      fmt::format("{:.0f} %", 100 * s.within10),
                      fmt::format("{:.0f} %", 100 * s.within25)});
  }
  print(t.render());
}

void write_table(const std::vector<Outcome>& outcomes, std::string_view label) {
  Table t;
  t.header = {"id", "metric", "predicted", "measured", "error"};
  t.right_align = {false, false, true, true, true};
  for (const auto& o : outcomes) {
    const auto& r = *o.record;
    std::string pred = o.prediction.value ? num(*o.prediction.value) : "-";
    std::string meas = r.measured ? num(*r.measured) : "-";
    std::string err = o.error ? pct(*o.error) : o.prediction.why_not;
    if (o.prediction.low && o.prediction.high) {
      pred += fmt::format(" [{}, {}]", num(*o.prediction.low), num(*o.prediction.high));
    }
    t.rows.push_back({r.id, r.metric.value_or("-"), pred, meas, err});
  }
  print(t.render());
  const auto s = realistic::summarize(outcomes);
  print(fmt::format(
      "\n{}: {} records, {} with a target, {} predicted (coverage {:.2f}); median |err| {:.1f} %, "
      "mean |err| {:.1f} %, within ±10 % {:.0f} %, within ±25 % {:.0f} %",
      label, s.records, s.with_target, s.predicted, s.coverage, 100 * s.all.median_abs,
      100 * s.all.mean_abs, 100 * s.all.within10, 100 * s.all.within25));
  if (s.with_band > 0) {
    print(fmt::format("; {} of {} measured values inside [low, high]", s.in_band, s.with_band));
  }
  print("\n\n");
  stats_table("category", s.by_category);
  print("\n");
  stats_table("metric", s.by_metric);
}

}  // namespace

const Resolver& resolver_for(const GlobalOptions& g, std::string_view name) {
  const Resolver& faithful = find_resolver(name);
  if (g.fidelity != "realistic") return faithful;
  if (const Resolver* r = realistic::find_resolver(faithful.info.name)) return *r;
  note_faithful_only(g, faithful.info.name);
  return faithful;
}

void note_faithful_only(const GlobalOptions& g, std::string_view command) {
  if (g.fidelity != "realistic") return;
  std::fprintf(stderr, "note: %.*s has no realistic variant yet; it runs the faithful model\n",
               static_cast<int>(command.size()), command.data());
}

int run_validate(const GlobalOptions& g, const ValidateOptions& o) {
  const auto zoo = load_registry(g);
  const auto records = realistic::read_records(o.file, *zoo);
  std::vector<Outcome> outcomes;
  std::string label = g.fidelity;
  if (o.logo) {
    if (g.fidelity != "realistic") {
      throw InputError::invalid("--logo", "leave-one-group-out needs --fidelity realistic");
    }
    std::fprintf(stderr, "leave-one-group-out: refitting once per group...\n");
    outcomes = realistic::leave_one_group_out(records, realistic::Calibration{});
    label = "realistic, leave-one-group-out";
  } else if (g.fidelity == "faithful") {
    outcomes = realistic::faithful_validate(records, *zoo);
  } else {
    outcomes = realistic::validate(records, realistic::Calibration::active());
  }
  if (g.output == "json")
    write_json(outcomes);
  else
    write_table(outcomes, label);
  return kExitOk;
}

int run_calibrate(const GlobalOptions& g, const CalibrateOptions& o) {
  const auto zoo = load_registry(g);
  const auto records = realistic::read_records(o.file, *zoo);
  const realistic::Calibration start{};  // from the priors: the fit never sees a previous fit
  realistic::Calibration cal = realistic::fit(records, start);
  cal.fitted_on = o.file;
  std::fprintf(stderr, "fitted %zu parameters on %zu records\n", realistic::kParamCount,
               records.size());
  if (!o.no_logo) {
    std::fprintf(stderr, "leave-one-group-out: refitting once per group...\n");
    const auto logo = realistic::leave_one_group_out(records, start);
    cal.bands = realistic::bands_from(logo);
    const auto s = realistic::summarize(logo);
    cal.logo_summary["median_abs_err"] = s.all.median_abs;
    cal.logo_summary["mean_abs_err"] = s.all.mean_abs;
    cal.logo_summary["within_10pct"] = s.all.within10;
    cal.logo_summary["within_25pct"] = s.all.within25;
    cal.logo_summary["coverage"] = s.coverage;
    // Interval coverage of the LOGO predictions under the bands just derived.
    int in = 0, n = 0;
    for (const auto& oc : logo) {
      if (!oc.prediction.value || !oc.record->measured) continue;
      const auto it =
          cal.bands.find(realistic::band_class(oc.record->scenario, *oc.record->metric));
      if (it == cal.bands.end()) continue;
      ++n;
      const double q = *oc.record->measured / *oc.prediction.value;
      in += q >= it->second.low && q <= it->second.high;
    }
    cal.logo_summary["interval_coverage"] = n ? static_cast<double>(in) / n : 0.0;
    std::fprintf(stderr,
                 "leave-one-group-out: median |err| %.1f %%, within ±25 %% %.0f %%, interval "
                 "coverage %.2f\n",
                 100 * s.all.median_abs, 100 * s.all.within25,
                 cal.logo_summary["interval_coverage"]);
  }
  const std::string text = cal.to_yaml();
  if (o.out.empty() || o.out == "-") {
    print(text);
  } else {
    std::ofstream f(o.out);
    if (!f) throw InputError("input.invalid", "-o", fmt::format("cannot write '{}'", o.out));
    f << text;
    std::fprintf(stderr, "wrote %s\n", o.out.c_str());
  }
  return kExitOk;
}

}  // namespace mlsysim::cli
