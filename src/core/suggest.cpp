#include "core/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace mlsysim::detail {
namespace {
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
std::string lowered(std::string_view s) {
  std::string r(s);
  std::transform(r.begin(), r.end(), r.begin(), lower);
  return r;
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::string x = lowered(a);
  const std::string y = lowered(b);
  const std::size_t n = x.size();
  const std::size_t m = y.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::vector<std::string> closest(std::string_view name, const std::vector<std::string>& candidates,
                                 std::size_t max) {
  const std::string needle = lowered(name);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const std::string hay = lowered(c);
    std::size_t dist = edit_distance(needle, hay);
    const std::size_t limit = std::max<std::size_t>(2, std::max(needle.size(), hay.size()) / 3);
    const bool contains = needle.size() >= 2 && (hay.find(needle) != std::string::npos ||
                                                 needle.find(hay) != std::string::npos);
    if (contains) dist = std::min(dist, std::size_t{1});
    if (dist <= limit) scored.emplace_back(dist, c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [d, c] : scored) {
    if (std::find(out.begin(), out.end(), c) != out.end()) continue;
    out.push_back(c);
    if (out.size() == max) break;
  }
  return out;
}

}  // namespace mlsysim::detail
