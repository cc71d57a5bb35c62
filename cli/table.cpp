#include "table.hpp"

#include <algorithm>
#include <sstream>

namespace mlsysim::cli {

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

namespace {
std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  if (out.empty()) out.emplace_back();
  return out;
}
}  // namespace

std::string Table::render() const {
  const std::size_t ncol = header.size();
  std::vector<std::size_t> width(ncol, 0);
  for (std::size_t c = 0; c < ncol; ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < ncol && c < row.size(); ++c) {
      for (const auto& line : split_lines(row[c]))
        width[c] = std::max(width[c], display_width(line));
    }
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> lines(ncol);
    std::size_t height = 1;
    for (std::size_t c = 0; c < ncol; ++c) {
      lines[c] = split_lines(c < cells.size() ? cells[c] : std::string());
      height = std::max(height, lines[c].size());
    }
    for (std::size_t h = 0; h < height; ++h) {
      std::string line;
      for (std::size_t c = 0; c < ncol; ++c) {
        const std::string cell = h < lines[c].size() ? lines[c][h] : std::string();
        const std::size_t pad = width[c] - display_width(cell);
        const bool right = c < right_align.size() && right_align[c];
        if (c > 0) line += "  ";
        if (right)
          line += std::string(pad, ' ') + cell;
        else
          line += cell + (c + 1 < ncol ? std::string(pad, ' ') : std::string());
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  };
  emit(header);
  std::string rule;
  for (std::size_t c = 0; c < ncol; ++c) {
    if (c > 0) rule += "  ";
    for (std::size_t i = 0; i < width[c]; ++i) rule += "─";
  }
  out += rule + "\n";
  for (const auto& row : rows) emit(row);
  return out;
}

}  // namespace mlsysim::cli
