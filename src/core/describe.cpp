#include "mlsysim/core/describe.hpp"

#include <fmt/format.h>

namespace mlsysim::detail {

std::string format_number(double v) { return fmt::format("{}", v); }

std::string format_bound_rule(const FieldOpts& o) {
  const bool has_min = std::isfinite(o.min);
  const bool has_max = std::isfinite(o.max);
  if (has_min && has_max) {
    return fmt::format("in {}{}, {}{}", o.min_open ? "(" : "[", o.min, o.max,
                       o.max_open ? ")" : "]");
  }
  if (has_min) return fmt::format("{} {}", o.min_open ? ">" : ">=", o.min);
  if (has_max) return fmt::format("{} {}", o.max_open ? "<" : "<=", o.max);
  return "a finite number";
}

}  // namespace mlsysim::detail
