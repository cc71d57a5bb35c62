// Run-time quantities: the edge where unit strings from users, data files and JSON enter.
//
// `AnyQuantity::parse("3.35 TB / s")` understands the spellings the reference model and its
// registry use (`80 GiB`, `989 TFLOPs / s`, `400 Gbps`, `millisecond`, `GB / second`,
// `1 / second`, `kilowatt_hour`, `gCO2e/kWh`, `USD`), and `as<D>()` turns it into a compile-time
// Quantity, throwing UnitError when the dimension does not match.
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/core/error.hpp"
#include "mlsysim/units/quantity.hpp"

namespace mlsysim::units {

/// A parsed unit expression: its size in SI base units and its dimension.
struct UnitSpec {
  double factor = 1.0;
  Dim dim{};
};

/// Parses a unit expression such as `TB / s`, `TFLOPs/second`, `g/kWh`, `1/s` or `` (none).
/// Throws UnitError for an unknown symbol or malformed expression.
[[nodiscard]] UnitSpec parse_unit(std::string_view text);

/// A human-readable name of a dimension: `data/time`, `energy`, `dimensionless`.
[[nodiscard]] std::string dimension_name(Dim d);

/// A typical unit of a dimension, used in error messages ("e.g. `100 GB/s`").
[[nodiscard]] std::string example_unit(Dim d);

/// A quantity whose dimension is known only at run time. Keeps the magnitude and unit as written.
class AnyQuantity {
 public:
  AnyQuantity() = default;
  /// A quantity of `magnitude` in `unit` (parsed); throws UnitError for an unknown unit.
  AnyQuantity(double magnitude, std::string_view unit);

  /// Parses `<number> <unit>`; a bare number is dimensionless. Throws UnitError.
  [[nodiscard]] static AnyQuantity parse(std::string_view text);

  [[nodiscard]] double magnitude() const { return magnitude_; }
  [[nodiscard]] const std::string& unit() const { return unit_; }
  [[nodiscard]] double unit_factor() const { return spec_.factor; }
  [[nodiscard]] Dim dim() const { return spec_.dim; }
  [[nodiscard]] double si() const { return magnitude_ * spec_.factor; }

  /// The value as a Quantity<D>. `what` names the value in the error message.
  template <Dim D>
  [[nodiscard]] Quantity<D> as(std::string_view what = "value") const {
    if (!(spec_.dim == D)) throw_mismatch(what, D);
    return Quantity<D>::from_si(si());
  }

  /// The value expressed in `unit`; throws UnitError if the dimensions differ.
  [[nodiscard]] double in(std::string_view unit) const;

  /// `3.35 TB/s` style text (magnitude as written, unit as written).
  [[nodiscard]] std::string str() const;

 private:
  [[noreturn]] void throw_mismatch(std::string_view what, Dim expected) const;

  double magnitude_ = 0.0;
  std::string unit_;
  UnitSpec spec_{};
};

}  // namespace mlsysim::units
