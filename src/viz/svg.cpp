#include "viz/svg.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mlsysim::viz {

std::string_view palette::series(std::size_t i) {
  return kSeries[i % (sizeof(kSeries) / sizeof(kSeries[0]))];
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters are not allowed in XML 1.0 (tab, newline, return are).
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string num(double v) {
  if (!std::isfinite(v)) return "0";
  std::string s = fmt::format("{:.2f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::size_t text_chars(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

double text_width(std::string_view text, double font_size) {
  return 0.6 * font_size * static_cast<double>(text_chars(text));
}

Box text_box(double x, double y, std::string_view text, const TextStyle& style) {
  const double w = text_width(text, style.size);
  const double start = style.anchor == Anchor::kStart    ? 0.0
                       : style.anchor == Anchor::kMiddle ? -w / 2
                                                         : -w;
  if (style.vertical) {
    // rotate(-90 x y): the text runs upwards from (x, y); its top is to the left.
    return {x - 0.8 * style.size, y - start - w, x + 0.2 * style.size, y - start};
  }
  return {x + start, y - 0.8 * style.size, x + start + w, y + 0.2 * style.size};
}

Svg::Svg(double width, double height, std::string_view title) : width_(width), height_(height) {
  out_ = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"{2}\" font-size=\"{3}\">\n",
      num(width), num(height), xml_escape(kFontFamily), num(kFontSize));
  out_ += fmt::format("  <title>{}</title>\n", xml_escape(title));
  out_ += fmt::format(
      "  <style>\n"
      "    text {{ fill: {ink}; }}\n"
      "    .title {{ font-weight: 600; }}\n"
      "    .tick-label, .note, .subtitle {{ fill: {muted}; }}\n"
      "    .axis {{ stroke: {ink}; stroke-width: 1; }}\n"
      "    .tick {{ stroke: {ink}; stroke-width: 1; }}\n"
      "    .grid {{ stroke: {grid}; stroke-width: 1; }}\n"
      "    .roof {{ stroke: {ink}; stroke-width: 2; fill: none; }}\n"
      "    .peak {{ stroke: {muted}; stroke-width: 1; stroke-dasharray: 2 3; fill: none; }}\n"
      "    .ridge {{ stroke: {muted}; stroke-width: 1; stroke-dasharray: 4 3; }}\n"
      "    .series {{ stroke-width: 2; fill: none; }}\n"
      "    .constraint {{ stroke: {over}; stroke-width: 1.5; stroke-dasharray: 6 4; }}\n"
      "    .leader {{ stroke: {muted}; stroke-width: 0.75; }}\n"
      "    .limit {{ stroke: {ink}; stroke-width: 2; }}\n"
      "    .marker {{ stroke: #ffffff; stroke-width: 1; }}\n"
      "    .dominated {{ fill: {faded}; stroke: none; }}\n"
      "    .front-line {{ stroke: {ink}; stroke-width: 1.5; fill: none; }}\n"
      "    .bar {{ fill: {ok}; }}\n"
      "    .bar.over {{ fill: {over}; }}\n"
      "    .over-label {{ fill: {over}; font-weight: 600; }}\n"
      "    .region-memory {{ fill: {memr}; }}\n"
      "    .region-compute {{ fill: {compr}; }}\n"
      "    .region-label {{ fill: {muted}; font-style: italic; }}\n"
      "  </style>\n"
      "  <rect class=\"background\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" "
      "fill=\"#ffffff\"/>\n",
      fmt::arg("ink", palette::kInk), fmt::arg("muted", palette::kMuted),
      fmt::arg("grid", palette::kGrid), fmt::arg("over", palette::kOver),
      fmt::arg("ok", palette::kOk), fmt::arg("faded", palette::kFaded),
      fmt::arg("memr", palette::kMemoryRegion), fmt::arg("compr", palette::kComputeRegion),
      fmt::arg("w", num(width)), fmt::arg("h", num(height)));
}

void Svg::indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }

void Svg::begin_group(std::string_view cls) {
  indent();
  out_ += fmt::format("<g class=\"{}\">\n", xml_escape(cls));
  ++depth_;
}

void Svg::end_group() {
  --depth_;
  indent();
  out_ += "</g>\n";
}

namespace {
std::string paint(std::string_view attr, std::string_view colour) {
  return colour.empty() ? std::string() : fmt::format(" {}=\"{}\"", attr, xml_escape(colour));
}
std::string points(const std::vector<double>& xy) {
  std::string s;
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
    if (i > 0) s += ' ';
    s += num(xy[i]) + ',' + num(xy[i + 1]);
  }
  return s;
}
}  // namespace

void Svg::line(double x1, double y1, double x2, double y2, std::string_view cls,
               std::string_view stroke) {
  indent();
  out_ += fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>\n",
                      xml_escape(cls), num(x1), num(y1), num(x2), num(y2), paint("stroke", stroke));
}

void Svg::rect(double x, double y, double w, double h, std::string_view cls,
               std::string_view fill) {
  indent();
  out_ += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>\n",
                      xml_escape(cls), num(x), num(y), num(std::max(w, 0.0)), num(std::max(h, 0.0)),
                      paint("fill", fill));
}

void Svg::circle(double cx, double cy, double r, std::string_view cls, std::string_view fill,
                 std::string_view tooltip) {
  indent();
  const std::string head =
      fmt::format("<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"{}", xml_escape(cls), num(cx),
                  num(cy), num(r), paint("fill", fill));
  if (tooltip.empty()) {
    out_ += head + "/>\n";
  } else {
    out_ += fmt::format("{}><title>{}</title></circle>\n", head, xml_escape(tooltip));
  }
}

void Svg::polyline(const std::vector<double>& xy, std::string_view cls, std::string_view stroke) {
  indent();
  out_ += fmt::format("<polyline class=\"{}\" points=\"{}\"{}/>\n", xml_escape(cls), points(xy),
                      paint("stroke", stroke));
}

void Svg::polygon(const std::vector<double>& xy, std::string_view cls, std::string_view fill) {
  indent();
  out_ += fmt::format("<polygon class=\"{}\" points=\"{}\"{}/>\n", xml_escape(cls), points(xy),
                      paint("fill", fill));
}

void Svg::text(double x, double y, std::string_view content, const TextStyle& style) {
  indent();
  std::string attrs =
      fmt::format("class=\"{}\" x=\"{}\" y=\"{}\"", xml_escape(style.cls), num(x), num(y));
  if (style.anchor == Anchor::kMiddle) attrs += " text-anchor=\"middle\"";
  if (style.anchor == Anchor::kEnd) attrs += " text-anchor=\"end\"";
  if (style.size != kFontSize) attrs += fmt::format(" font-size=\"{}\"", num(style.size));
  if (style.vertical) attrs += fmt::format(" transform=\"rotate(-90 {} {})\"", num(x), num(y));
  attrs += paint("fill", style.fill);
  out_ += fmt::format("<text {}>{}</text>\n", attrs, xml_escape(content));
}

std::string Svg::finish() {
  out_ += "</svg>\n";
  return std::move(out_);
}

}  // namespace mlsysim::viz
