// Internal: the small SVG writer every picture is drawn with. Self-contained output (no external
// fonts, scripts or styles), XML-escaped text, numbers formatted deterministically, and one
// palette and one type for every plot.
//
//   Svg svg(640, 420, "Roofline of NVIDIA H100");
//   svg.line(60, 380, 620, 380, "axis");
//   svg.text(340, 410, "arithmetic intensity (FLOP/byte)", {.cls = "axis-label", .anchor =
//   Anchor::kMiddle}); std::string out = svg.finish();
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlsysim::viz {

/// One palette for every plot (colour-blind safe, as Okabe and Ito).
namespace palette {
inline constexpr std::string_view kSeries[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                               "#56b4e9", "#d55e00", "#f0e442", "#000000"};
inline constexpr std::string_view kInk = "#222222";
inline constexpr std::string_view kMuted = "#767676";
inline constexpr std::string_view kGrid = "#e5e5e5";
inline constexpr std::string_view kMemoryRegion = "#e8f1f8";
inline constexpr std::string_view kComputeRegion = "#fdf3e1";
inline constexpr std::string_view kOk = "#009e73";
inline constexpr std::string_view kOver = "#d62728";
inline constexpr std::string_view kFaded = "#b8b8b8";
/// The i-th series colour (cycling).
[[nodiscard]] std::string_view series(std::size_t i);
}  // namespace palette

/// The one font stack: the system's sans-serif, nothing to download.
inline constexpr std::string_view kFontFamily =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
inline constexpr double kFontSize = 12.0;       ///< labels, ticks
inline constexpr double kTitleFontSize = 15.0;  ///< the title

/// Escapes text for XML content and attribute values (& < > " ').
[[nodiscard]] std::string xml_escape(std::string_view text);
/// A coordinate or length: at most two decimals, no trailing zeros, never "-0".
[[nodiscard]] std::string num(double v);
/// Characters (UTF-8 code points) in `text`: what the width estimate counts.
[[nodiscard]] std::size_t text_chars(std::string_view text);
/// The estimated width of `text` at `font_size`: 0.6 x font size per character.
[[nodiscard]] double text_width(std::string_view text, double font_size);

enum class Anchor { kStart, kMiddle, kEnd };

struct TextStyle {
  std::string cls{};  ///< the class attribute (styled once in the header)
  Anchor anchor = Anchor::kStart;
  double size = kFontSize;
  bool vertical = false;    ///< rotated -90 degrees about (x, y)
  std::string_view fill{};  ///< empty: the class's colour
};

/// An axis-aligned box (the estimated extent of a text, a bar, ...).
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] bool overlaps(const Box& o) const {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
};

/// The box a text occupies by the estimate: width 0.6 x size per character, from 0.8 x size above
/// the baseline to 0.2 x size below (rotated for vertical text).
[[nodiscard]] Box text_box(double x, double y, std::string_view text, const TextStyle& style);

class Svg {
 public:
  /// Starts a document of `width` x `height` px with a <title> and the shared style sheet.
  Svg(double width, double height, std::string_view title);

  [[nodiscard]] double width() const { return width_; }
  [[nodiscard]] double height() const { return height_; }

  /// <g class="...">; groups nest.
  void begin_group(std::string_view cls);
  void end_group();

  void line(double x1, double y1, double x2, double y2, std::string_view cls,
            std::string_view stroke = {});
  void rect(double x, double y, double w, double h, std::string_view cls,
            std::string_view fill = {});
  void circle(double cx, double cy, double r, std::string_view cls, std::string_view fill = {},
              std::string_view tooltip = {});
  /// A polyline through the points (x0, y0, x1, y1, ...).
  void polyline(const std::vector<double>& xy, std::string_view cls, std::string_view stroke = {});
  /// A closed polygon.
  void polygon(const std::vector<double>& xy, std::string_view cls, std::string_view fill = {});
  void text(double x, double y, std::string_view content, const TextStyle& style);

  /// Closes the document and returns it.
  [[nodiscard]] std::string finish();

 private:
  void indent();
  std::string out_;
  double width_;
  double height_;
  int depth_ = 1;
};

}  // namespace mlsysim::viz
