// Numbers for humans (the `solve` table, the scorecards).
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "io/binding.hpp"

namespace mlsysim::io {

std::string human_number(double x) {
  const double a = std::abs(x);
  if (!(a >= 1e6 && a < 1e15)) return fmt::format("{:.6g}", x);
  const std::string digits = fmt::format("{:.0f}", a);
  std::string out = x < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace mlsysim::io
