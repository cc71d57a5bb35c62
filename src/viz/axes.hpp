// Internal: scales, "nice" ticks and the chart frame every x-y picture shares — plot area, grid,
// ticks with labels, axis labels with units, a title — and the label placer that keeps text from
// overlapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "viz/svg.hpp"

namespace mlsysim::viz {

/// Maps data values [lo, hi] onto pixels [from, to], linearly or logarithmically.
struct Scale {
  bool log = false;
  double lo = 0.0;
  double hi = 1.0;
  double from = 0.0;
  double to = 1.0;
  [[nodiscard]] double operator()(double v) const;
};

struct Tick {
  double value = 0.0;
  std::string label;  ///< empty: a minor tick (no label)
};

/// A number for a tick label: SI suffixes from 1,000 up (1k, 1.5M, 3G) and below 0.001
/// (500µ, 2n), otherwise the shortest text (at most 4 significant digits).
[[nodiscard]] std::string si_label(double v);

/// A value with an SI prefix on its unit: si_quantity(9.89e14, "FLOP/s") is "989 TFLOP/s".
[[nodiscard]] std::string si_quantity(double v, std::string_view unit);

/// A "nice" step of 1, 2 or 5 x 10^k for about `range / target` per step.
[[nodiscard]] double nice_step(double range, int target);
/// Linear ticks at multiples of a nice step covering [lo, hi] (about `target` of them).
[[nodiscard]] std::vector<Tick> linear_ticks(double lo, double hi, int target);
/// Log ticks: every decade labelled, 2 and 5 as minor ticks (labelled too when the range spans
/// at most two decades).
[[nodiscard]] std::vector<Tick> log_ticks(double lo, double hi);
/// A linear domain widened to nice step boundaries (and to include 0 when `from_zero`).
void nice_linear_domain(double& lo, double& hi, int target, bool from_zero);
/// A log domain widened to the nearest 1, 2 or 5 x 10^k on either side.
void nice_log_domain(double& lo, double& hi);

/// Places labels so that no two overlap: every drawn text's box is remembered; a new label is
/// tried at its anchor, then nudged up and down by steps of its height; if no spot is free inside
/// `bounds`, it is shortened with "…" and retried, then dropped.
class LabelPlacer {
 public:
  explicit LabelPlacer(Box bounds) : bounds_(bounds) {}
  /// Records a text (or another box) that is drawn as it is.
  void occupy(const Box& b) { taken_.push_back(b); }
  /// Draws `text` at (x, y) if it fits there, else at the nearest free nudge (inside `within`
  /// when given), else shortened (when `may_shorten`). Returns the y used, or nothing when it was
  /// dropped.
  std::optional<double> place(Svg& svg, double x, double y, std::string text,
                              const TextStyle& style, int max_nudges = 8,
                              const Box* within = nullptr, bool may_shorten = true);
  /// Draws a text whose position is fixed (titles, tick labels) and records its box.
  void fixed(Svg& svg, double x, double y, std::string_view text, const TextStyle& style);
  /// Draws a fixed text only where it touches nothing (tick labels); whether it was drawn.
  bool fixed_if_free(Svg& svg, double x, double y, std::string_view text, const TextStyle& style);
  [[nodiscard]] bool is_free(const Box& b) const;

 private:
  Box bounds_;
  std::vector<Box> taken_;
};

/// The frame of an x-y chart.
struct Chart {
  Chart(double width, double height, std::string title);
  std::string title;
  Svg svg;
  LabelPlacer labels;
  /// The plot area.
  double left = 78, top = 46, right, bottom;
  Scale x, y;
  std::vector<Tick> x_ticks, y_ticks;

  /// Sets the scales from data extents (widened to nice values) and picks the ticks.
  void set_x(double lo, double hi, bool log, bool from_zero = false);
  void set_y(double lo, double hi, bool log, bool from_zero = false);
  /// Grid, axes, ticks and their labels, the axis labels and the title.
  void draw_frame(std::string_view x_label, std::string_view y_label);
  /// Labels the marker of radius `r` at (px, py) inside the plot area: beside it on the right or
  /// the left, else nudged up or down (with a leader line to the marker), else shortened; false
  /// when dropped.
  bool label_point(double px, double py, double r, const std::string& text, std::string_view cls,
                   int max_nudges);
  /// Whether (px, py) lies in the plot area.
  [[nodiscard]] bool inside(double px, double py) const {
    return px >= left - 0.5 && px <= right + 0.5 && py >= top - 0.5 && py <= bottom + 0.5;
  }
};

}  // namespace mlsysim::viz
