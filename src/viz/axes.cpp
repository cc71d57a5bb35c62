#include "viz/axes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace mlsysim::viz {

double Scale::operator()(double v) const {
  double t = 0.0;
  if (log) {
    t = (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
  } else {
    t = (v - lo) / (hi - lo);
  }
  return from + t * (to - from);
}

namespace {

/// The shortest text of `v` with at most 3 significant decimals after rounding noise is removed.
std::string plain(double v) {
  std::string s = fmt::format("{:.4g}", v);
  if (s.find('e') != std::string::npos) s = fmt::format("{:.10f}", v);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace

std::string si_label(double v) {
  const double a = std::fabs(v);
  if (a == 0.0) return "0";
  struct Prefix {
    double factor;
    const char* suffix;
  };
  static constexpr Prefix kBig[] = {{1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
  static constexpr Prefix kSmall[] = {{1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}, {1e-12, "p"}};
  if (a >= 1e3 * (1 - 1e-12)) {
    for (const auto& p : kBig) {
      if (a >= p.factor * (1 - 1e-12)) return plain(v / p.factor) + p.suffix;
    }
  }
  if (a < 1e-3 * (1 - 1e-12)) {
    for (const auto& p : kSmall) {
      if (a >= p.factor * (1 - 1e-12)) return plain(v / p.factor) + p.suffix;
    }
    return fmt::format("{:.0e}", v);
  }
  return plain(v);
}

std::string si_quantity(double v, std::string_view unit) {
  static constexpr std::pair<double, std::string_view> kPrefixes[] = {
      {1e18, "E"}, {1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1.0, ""}};
  for (const auto& [factor, prefix] : kPrefixes) {
    if (std::fabs(v) >= factor * (1 - 1e-12)) {
      return fmt::format("{:.4g} {}{}", v / factor, prefix, unit);
    }
  }
  return fmt::format("{:.4g} {}", v, unit);
}

double nice_step(double range, int target) {
  if (!(range > 0) || target < 1) return 1.0;
  const double raw = range / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double nice = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0;
  return nice * mag;
}

void nice_linear_domain(double& lo, double& hi, int target, bool from_zero) {
  if (from_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  if (!(hi > lo)) {
    const double pad = lo == 0.0 ? 1.0 : std::fabs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step(hi - lo, target);
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
}

void nice_log_domain(double& lo, double& hi) {
  // Out to the nearest 1, 2 or 5 x 10^k on either side.
  auto down = [](double v) {
    const double decade = std::pow(10.0, std::floor(std::log10(v) + 1e-9));
    for (double m : {5.0, 2.0, 1.0}) {
      if (m * decade <= v * (1 + 1e-9)) return m * decade;
    }
    return decade;
  };
  auto up = [](double v) {
    const double decade = std::pow(10.0, std::floor(std::log10(v) - 1e-9));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
      if (m * decade >= v * (1 - 1e-9)) return m * decade;
    }
    return 10.0 * decade;
  };
  lo = down(lo);
  hi = up(hi);
  if (!(hi > lo)) hi = lo * 10.0;
}

std::vector<Tick> linear_ticks(double lo, double hi, int target) {
  const double step = nice_step(hi - lo, target);
  std::vector<Tick> out;
  const auto first = static_cast<long long>(std::ceil(lo / step - 1e-9));
  const auto last = static_cast<long long>(std::floor(hi / step + 1e-9));
  for (long long i = first; i <= last; ++i) {
    const double v = static_cast<double>(i) * step;
    out.push_back({v, si_label(std::fabs(v) < step * 1e-9 ? 0.0 : v)});
  }
  return out;
}

std::vector<Tick> log_ticks(double lo, double hi) {
  std::vector<Tick> out;
  const int d0 = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  const int d1 = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  const bool label_minor = d1 - d0 <= 2;
  for (int d = d0; d <= d1; ++d) {
    const double decade = std::pow(10.0, d);
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * decade;
      if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
      out.push_back({v, m == 1.0 || label_minor ? si_label(v) : std::string()});
    }
  }
  return out;
}

bool LabelPlacer::fixed_if_free(Svg& svg, double x, double y, std::string_view text,
                                const TextStyle& style) {
  if (!is_free(text_box(x, y, text, style))) return false;
  fixed(svg, x, y, text, style);
  return true;
}

bool LabelPlacer::is_free(const Box& b) const {
  if (b.x0 < bounds_.x0 || b.x1 > bounds_.x1 || b.y0 < bounds_.y0 || b.y1 > bounds_.y1) {
    return false;
  }
  return std::none_of(taken_.begin(), taken_.end(), [&](const Box& t) { return t.overlaps(b); });
}

std::optional<double> LabelPlacer::place(Svg& svg, double x, double y, std::string text,
                                         const TextStyle& style, int max_nudges, const Box* within,
                                         bool may_shorten) {
  const double step = style.size * 1.1;
  for (int attempt = 0; attempt < 3 && !text.empty(); ++attempt) {
    for (int k = 0; k <= max_nudges; ++k) {
      for (int sign : {1, -1}) {
        if (k == 0 && sign == -1) continue;
        const double yy = y + sign * k * step;
        const Box b = text_box(x, yy, text, style);
        const bool inside = within == nullptr || (b.x0 >= within->x0 && b.x1 <= within->x1 &&
                                                  b.y0 >= within->y0 && b.y1 <= within->y1);
        if (inside && is_free(b)) {
          svg.text(x, yy, text, style);
          taken_.push_back(b);
          return yy;
        }
      }
    }
    if (!may_shorten) break;
    // Shorten: keep the first two thirds and mark the cut.
    std::size_t keep = text_chars(text) * 2 / 3;
    if (keep < 4) break;
    std::size_t bytes = 0;
    std::size_t chars = 0;
    while (bytes < text.size()) {
      if ((static_cast<unsigned char>(text[bytes]) & 0xC0) != 0x80) {
        if (chars == keep) break;
        ++chars;
      }
      ++bytes;
    }
    text = text.substr(0, bytes) + "…";
  }
  return std::nullopt;
}

void LabelPlacer::fixed(Svg& svg, double x, double y, std::string_view text,
                        const TextStyle& style) {
  svg.text(x, y, text, style);
  taken_.push_back(text_box(x, y, text, style));
}

Chart::Chart(double width, double height, std::string title_text)
    : title(std::move(title_text)),
      svg(width, height, title),
      labels(Box{0, 0, width, height}),
      right(width - 24),
      bottom(height - 56) {}

namespace {

/// A scale over [lo, hi] widened to nice values, and its ticks.
Scale nice_scale(double lo, double hi, bool log, bool from_zero, int target, double from, double to,
                 std::vector<Tick>& ticks) {
  if (log) {
    nice_log_domain(lo, hi);
    ticks = log_ticks(lo, hi);
  } else {
    nice_linear_domain(lo, hi, target, from_zero);
    ticks = linear_ticks(lo, hi, target);
  }
  return {log, lo, hi, from, to};
}

}  // namespace

void Chart::set_x(double lo, double hi, bool log, bool from_zero) {
  x = nice_scale(lo, hi, log, from_zero, 6, left, right, x_ticks);
}

void Chart::set_y(double lo, double hi, bool log, bool from_zero) {
  y = nice_scale(lo, hi, log, from_zero, 5, bottom, top, y_ticks);
}

bool Chart::label_point(double px, double py, double r, const std::string& text,
                        std::string_view cls, int max_nudges) {
  const Box area{left, top, right, bottom};
  for (const bool beside : {true, false}) {
    for (Anchor side : {Anchor::kStart, Anchor::kEnd}) {
      const double lx = side == Anchor::kStart ? px + r + 4 : px - r - 4;
      const TextStyle style{.cls = std::string(cls), .anchor = side};
      const auto ly = labels.place(svg, lx, py + 4, text, style, beside ? 0 : max_nudges, &area,
                                   /*may_shorten=*/!beside);
      if (!ly) continue;
      if (*ly != py + 4) {
        // Nudged: a leader from the marker to the label's middle height.
        svg.line(px, py, lx, *ly - 0.3 * style.size, "leader");
      }
      return true;
    }
  }
  return false;
}

void Chart::draw_frame(std::string_view x_label, std::string_view y_label) {
  svg.begin_group("grid");
  for (const auto& t : x_ticks) svg.line(x(t.value), top, x(t.value), bottom, "grid");
  for (const auto& t : y_ticks) svg.line(left, y(t.value), right, y(t.value), "grid");
  svg.end_group();

  svg.begin_group("axes");
  svg.line(left, bottom, right, bottom, "axis x-axis");
  svg.line(left, top, left, bottom, "axis y-axis");
  const TextStyle tick_x{.cls = "tick-label x-tick-label", .anchor = Anchor::kMiddle};
  const TextStyle tick_y{.cls = "tick-label y-tick-label", .anchor = Anchor::kEnd};
  for (const auto& t : x_ticks) {
    const double px = x(t.value);
    svg.line(px, bottom, px, bottom + (t.label.empty() ? 3 : 6), "tick x-tick");
    if (!t.label.empty()) labels.fixed_if_free(svg, px, bottom + 20, t.label, tick_x);
  }
  for (const auto& t : y_ticks) {
    const double py = y(t.value);
    svg.line(left - (t.label.empty() ? 3 : 6), py, left, py, "tick y-tick");
    if (!t.label.empty()) labels.fixed_if_free(svg, left - 9, py + 4, t.label, tick_y);
  }
  labels.fixed(svg, (left + right) / 2, bottom + 42, x_label,
               {.cls = "axis-label x-axis-label", .anchor = Anchor::kMiddle});
  labels.fixed(svg, 18, (top + bottom) / 2, y_label,
               {.cls = "axis-label y-axis-label", .anchor = Anchor::kMiddle, .vertical = true});
  svg.end_group();
  labels.fixed(svg, left, 26, title,
               {.cls = "title", .anchor = Anchor::kStart, .size = kTitleFontSize});
}

}  // namespace mlsysim::viz
