// A quantity as a data sheet states it: the SI value plus the magnitude and unit as declared.
//
// The reference model computes on declared magnitudes in a few places (see docs/quirks.md), and
// users read values best as their sources state them (`80 GiB`, not 85899345920 B).
#pragma once

#include <string>

#include "mlsysim/units/quantity.hpp"

namespace mlsysim::units {

template <Dim D>
struct Stated {
  Quantity<D> q{};           ///< the value (SI inside)
  double magnitude = 0.0;    ///< the number as declared, in `unit`
  double unit_factor = 1.0;  ///< SI size of one declared unit
  std::string unit;          ///< the declared spelling, e.g. "GiB", "TB/s"

  /// A stated value built in code: `Stated<kData>::of(80.0, GiB)`.
  [[nodiscard]] static Stated of(double magnitude, const Unit<D>& u) {
    return {magnitude * u.size, magnitude, u.size.in(si<D>), std::string(u.symbol)};
  }
  /// A stated value from a plain Quantity, declared in SI units.
  [[nodiscard]] static Stated of(Quantity<D> value) {
    return {value, value.in(si<D>), 1.0, std::string()};
  }
  /// The value times `factor`, still in the declared unit (as multiplying a pint quantity does:
  /// the declared magnitude is scaled, then converted).
  [[nodiscard]] Stated scaled(double factor) const {
    const double m = magnitude * factor;
    return {Quantity<D>::from_si(m * unit_factor), m, unit_factor, unit};
  }
};

}  // namespace mlsysim::units
