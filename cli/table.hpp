// Plain-text tables for the command line (renderers only lay out text; they do no math).
#pragma once

#include <string>
#include <vector>

namespace mlsysim::cli {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_align;  ///< per column; numbers read best right-aligned

  /// Renders with a rule under the header; cells may hold several lines.
  [[nodiscard]] std::string render() const;
};

/// Display width of UTF-8 text (code points; our symbols are all single-width).
[[nodiscard]] std::size_t display_width(const std::string& s);

}  // namespace mlsysim::cli
