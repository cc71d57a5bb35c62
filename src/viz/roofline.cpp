// `plot roofline`: the device's ceilings and each workload where Engine puts it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mlsysim/core/error.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/viz/plot.hpp"
#include "viz/axes.hpp"

namespace mlsysim::viz {

using namespace units;

namespace {

struct Placed {
  std::string label;
  double intensity;  ///< FLOP/byte
  double achieved;   ///< FLOP/s
};

std::string g4(double v) { return fmt::format("{:.4g}", v); }

}  // namespace

std::string roofline_svg(const RooflineSpec& spec, const Registry& registry) {
  const auto hw = registry.hardware(spec.hardware, "hardware");
  if (!(spec.efficiency > 0.0 && spec.efficiency <= 1.0)) {
    throw InputError::out_of_range("efficiency", "in (0, 1]", g4(spec.efficiency));
  }
  const auto& stated_peak = positive_peak_flops(*hw, spec.precision);
  const double peak = stated_peak.q.in(FLOP_per_s);
  const double attainable = peak * spec.efficiency;
  const double bw = hw->memory.bandwidth.q.in(B_per_s);
  if (!(bw > 0.0)) {
    throw InputError("input.out_of_range", "hardware",
                     fmt::format("hardware: the memory bandwidth of '{}' is 0; it has no "
                                 "roofline",
                                 hw->name()));
  }
  const double ridge = attainable / bw;

  // Engine's own numbers for each workload, so the picture agrees with `mlsysim eval`.
  std::vector<Placed> placed;
  for (std::size_t i = 0; i < spec.workloads.size(); ++i) {
    const RooflineWorkload& w = spec.workloads[i];
    const std::string field = fmt::format("workloads[{}]", i);
    const auto model = registry.model(w.model, field);
    const node::PerformanceProfile p = node::solve({.model = model,
                                                    .hardware = hw,
                                                    .batch_size = w.batch_size,
                                                    .precision = spec.precision,
                                                    .efficiency = spec.efficiency,
                                                    .seq_len = w.seq_len});
    const double ai = p.arithmetic_intensity.in(FLOP_per_B);
    const double achieved = p.mfu * peak;
    if (!(ai > 0.0) || !(achieved > 0.0)) {
      throw InputError("input.invalid", field,
                       fmt::format("{}: {} does no arithmetic on {} (intensity {} FLOP/byte); it "
                                   "has no place on a roofline",
                                   field, model->name(), hw->name(), g4(ai)));
    }
    std::string name = model->name();
    if (w.batch_size != 1) name += fmt::format(", batch {}", w.batch_size);
    std::string bound = p.bottleneck == "Memory" ? "memory-bound" : "compute-bound";
    if (!p.feasible) bound += ", does not fit";
    placed.push_back({fmt::format("{} ({})", name, bound), ai, achieved});
  }

  // Domains: a few decades either side of the ridge, and every workload.
  double x_lo = ridge / 100.0;
  double x_hi = ridge * 100.0;
  double y_lo = bw * x_lo;
  for (const auto& p : placed) {
    x_lo = std::min(x_lo, p.intensity / 3.0);
    x_hi = std::max(x_hi, p.intensity * 3.0);
    y_lo = std::min(y_lo, p.achieved / 3.0);
  }
  y_lo = std::max(y_lo, peak * 1e-4);
  for (const auto& p : placed) y_lo = std::min(y_lo, p.achieved / 3.0);

  Chart c(760, 480, fmt::format("Roofline of {} ({})", hw->name(), spec.precision));
  c.set_x(x_lo, x_hi, /*log=*/true);
  c.set_y(y_lo, peak * 4.0, /*log=*/true);
  const double px_ridge = c.x(ridge);

  c.svg.begin_group("regions");
  c.svg.rect(c.left, c.top, px_ridge - c.left, c.bottom - c.top, "region-memory");
  c.svg.rect(px_ridge, c.top, c.right - px_ridge, c.bottom - c.top, "region-compute");
  c.svg.end_group();
  c.draw_frame("arithmetic intensity (FLOP/byte)", "attainable performance (FLOP/s)");

  // The roofs: bandwidth slope up to the ridge, then the attainable compute ceiling; the peak.
  const double slope_x0 = std::max(c.x.lo, c.y.lo / bw);
  c.svg.begin_group("roofline");
  c.svg.polyline(
      {c.x(slope_x0), c.y(bw * slope_x0), px_ridge, c.y(attainable), c.right, c.y(attainable)},
      "roof");
  c.svg.line(c.left, c.y(peak), c.right, c.y(peak), "peak");
  c.svg.line(px_ridge, c.y(attainable), px_ridge, c.bottom, "ridge");
  c.svg.end_group();

  // Markers first, so that labels keep off them.
  c.svg.begin_group("workloads");
  constexpr double kR = 6.0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const double px = c.x(placed[i].intensity);
    const double py = c.y(placed[i].achieved);
    c.svg.circle(px, py, kR, "marker workload", palette::series(i), placed[i].label);
    c.labels.occupy({px - kR, py - kR, px + kR, py + kR});
  }
  c.svg.end_group();

  c.svg.begin_group("annotations");
  const TextStyle note{.cls = "annotation", .anchor = Anchor::kEnd};
  c.labels.place(c.svg, c.right - 6, c.y(peak) - 6,
                 fmt::format("peak {}: {}", spec.precision, si_quantity(peak, "FLOP/s")), note);
  c.labels.place(c.svg, c.right - 6, c.y(attainable) - 6,
                 fmt::format("compute ceiling, efficiency {}: {}", g4(spec.efficiency),
                             si_quantity(attainable, "FLOP/s")),
                 note);
  const std::string bw_text =
      hw->memory.bandwidth.unit.empty()
          ? si_quantity(bw, "B/s")
          : fmt::format("{} {}", g4(hw->memory.bandwidth.magnitude), hw->memory.bandwidth.unit);
  // The slope's label sits on the slope a third of the way to the ridge.
  const double lx = std::pow(10.0, (2 * std::log10(slope_x0) + std::log10(ridge)) / 3.0);
  c.labels.place(c.svg, c.x(lx) + 8, c.y(bw * lx) - 8, fmt::format("memory bandwidth {}", bw_text),
                 {.cls = "annotation", .anchor = Anchor::kStart});
  c.labels.place(c.svg, px_ridge + 6, c.bottom - 10,
                 fmt::format("ridge point: {} FLOP/byte", g4(ridge)),
                 {.cls = "annotation ridge-label", .anchor = Anchor::kStart});
  c.labels.place(c.svg, c.left + 8, c.top + 16, "memory-bound",
                 {.cls = "region-label", .anchor = Anchor::kStart});
  c.labels.place(c.svg, c.right - 8, c.top + 16, "compute-bound",
                 {.cls = "region-label", .anchor = Anchor::kEnd});
  c.svg.end_group();

  c.svg.begin_group("workload-labels");
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const double px = c.x(placed[i].intensity);
    const double py = c.y(placed[i].achieved);
    c.label_point(px, py, kR, placed[i].label, "label workload-label", 8);
  }
  c.svg.end_group();
  return c.svg.finish();
}

}  // namespace mlsysim::viz
