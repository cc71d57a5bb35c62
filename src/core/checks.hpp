// Internal: input checks the resolvers share.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "mlsysim/core/error.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::detail {

/// Throws InputError on `field` unless `q` > 0. The message names the value — `what` of `owner`
/// ("the memory bandwidth of 'NVIDIA H100'"; no owner when empty) — and says `why` it must be
/// positive. Nothing is formatted unless the check fails.
template <units::Dim D>
void require_positive(units::Quantity<D> q, const units::Unit<D>& unit, std::string_view field,
                      std::string_view what, std::string_view owner, std::string_view why) {
  if (q > units::Quantity<D>{}) return;
  const std::string subject =
      owner.empty() ? std::string(what) : fmt::format("{} of '{}'", what, owner);
  throw InputError("input.out_of_range", std::string(field),
                   fmt::format("{}: {} is {} {}; it must be > 0 ({})", field, subject, q.in(unit),
                               unit.symbol, why));
}

}  // namespace mlsysim::detail
