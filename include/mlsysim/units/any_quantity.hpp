// Run-time quantities: the edge where unit strings from users, data files and JSON enter.
//
// `AnyQuantity::parse("3.35 TB / s")` understands the spellings the reference model and its
// registry use (`80 GiB`, `989 TFLOPs / s`, `400 Gbps`, `millisecond`, `GB / second`,
// `1 / second`, `kilowatt_hour`, `gCO2e/kWh`, `USD`), and `as<D>()` turns it into a compile-time
// Quantity, throwing UnitError when the dimension does not match.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

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

/// `dimension_name` of each dimension, joined with " or " ("compute (FLOP) or time").
[[nodiscard]] std::string dimension_names(const Dim* dims, std::size_t n);

/// "<what>: expected a compute (FLOP) or time quantity such as '16 GFLOP' or '50 ms'".
[[nodiscard]] std::string expected_one_of(std::string_view what, const Dim* dims, std::size_t n);

/// A run-time quantity restricted to a few dimensions: an input that may be given, say, as a FLOP
/// count *or* as a time. Constructing one of another dimension throws UnitError; the generic input
/// reader rejects it with a unit error naming the field, and `schema` lists the allowed dimensions.
///
///   units::AnyQuantityOf<kCompute, kTime> budget{1000.0, units::day};  // or {1e23, units::FLOP}
///   budget.is<kTime>();                                               // true
template <Dim... Ds>
class AnyQuantityOf : public AnyQuantity {
 public:
  static_assert(sizeof...(Ds) > 0, "list at least one allowed dimension");
  static constexpr std::array<Dim, sizeof...(Ds)> dimensions{Ds...};

  [[nodiscard]] static constexpr bool allows(Dim d) { return ((d == Ds) || ...); }
  [[nodiscard]] static std::string allowed_names() {
    return dimension_names(dimensions.data(), dimensions.size());
  }

  /// Dimensionless zero: a placeholder until assigned (it is none of the allowed dimensions).
  AnyQuantityOf() = default;
  /// `what` names the value in the error message when its dimension is not allowed.
  explicit AnyQuantityOf(AnyQuantity q, std::string_view what = "value")
      : AnyQuantity(std::move(q)) {
    if (!allows(dim())) {
      throw UnitError(std::string(what), what_expected(what) + ", got '" + str() + "' (" +
                                             dimension_name(dim()) + ")");
    }
  }
  /// `magnitude` in `unit` (a spelling `parse_unit` reads, such as "flop", "TFLOP", "day").
  AnyQuantityOf(double magnitude, std::string_view unit)
      : AnyQuantityOf(AnyQuantity(magnitude, unit)) {}
  /// `magnitude` in a compile-time unit of an allowed dimension: {1000.0, units::day}.
  template <Dim D>
  requires(allows(D)) AnyQuantityOf(double magnitude, const Unit<D>& unit)
      : AnyQuantityOf(AnyQuantity(magnitude, unit.symbol)) {}

  /// Whether the value has dimension D.
  template <Dim D>
  [[nodiscard]] bool is() const {
    return dim() == D;
  }

  /// "value: expected a compute (FLOP) or time quantity such as '16 GFLOP' or '50 ms'".
  [[nodiscard]] static std::string what_expected(std::string_view what) {
    return expected_one_of(what, dimensions.data(), dimensions.size());
  }
};

}  // namespace mlsysim::units
