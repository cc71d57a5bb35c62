// Compile-time dimensioned quantities.
//
// A Quantity<D> stores one double in SI base units (s, m, kg, K, byte, FLOP, USD). The raw number
// leaves only through the unit slot `q.in(unit)`; quantities of different dimensions cannot be
// added, compared or assigned to each other, so `989 TFLOP/s + 3.35 TB/s` does not compile.
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>

namespace mlsysim::units {

/// Exponents of the base dimensions. A structural type, so it can be a template argument.
struct Dim {
  std::int8_t time = 0;
  std::int8_t length = 0;
  std::int8_t mass = 0;
  std::int8_t temperature = 0;
  std::int8_t data = 0;
  std::int8_t compute = 0;
  std::int8_t money = 0;

  friend constexpr bool operator==(Dim, Dim) = default;
};

constexpr Dim operator*(Dim a, Dim b) {
  return {static_cast<std::int8_t>(a.time + b.time),
          static_cast<std::int8_t>(a.length + b.length),
          static_cast<std::int8_t>(a.mass + b.mass),
          static_cast<std::int8_t>(a.temperature + b.temperature),
          static_cast<std::int8_t>(a.data + b.data),
          static_cast<std::int8_t>(a.compute + b.compute),
          static_cast<std::int8_t>(a.money + b.money)};
}
constexpr Dim operator/(Dim a, Dim b) {
  return {static_cast<std::int8_t>(a.time - b.time),
          static_cast<std::int8_t>(a.length - b.length),
          static_cast<std::int8_t>(a.mass - b.mass),
          static_cast<std::int8_t>(a.temperature - b.temperature),
          static_cast<std::int8_t>(a.data - b.data),
          static_cast<std::int8_t>(a.compute - b.compute),
          static_cast<std::int8_t>(a.money - b.money)};
}

inline constexpr Dim kOne{};
inline constexpr Dim kTime{.time = 1};
inline constexpr Dim kLength{.length = 1};
inline constexpr Dim kMass{.mass = 1};
inline constexpr Dim kTemperature{.temperature = 1};
inline constexpr Dim kData{.data = 1};
inline constexpr Dim kCompute{.compute = 1};
inline constexpr Dim kMoney{.money = 1};
inline constexpr Dim kRate = kOne / kTime;
inline constexpr Dim kBandwidth = kData / kTime;
inline constexpr Dim kFlopRate = kCompute / kTime;
inline constexpr Dim kIntensity = kCompute / kData;
inline constexpr Dim kEnergy = kMass * kLength * kLength / (kTime * kTime);
inline constexpr Dim kPower = kEnergy / kTime;
inline constexpr Dim kVolume = kLength * kLength * kLength;

template <Dim D>
class Quantity;

/// A named unit of dimension D: its spelling and its size. `q.in(ms)` reads q in milliseconds.
template <Dim D>
struct Unit;

template <Dim D>
class Quantity {
 public:
  static constexpr Dim dimension = D;

  constexpr Quantity() = default;

  /// Builds a quantity from a value in SI base units. Used by unit definitions and the parsers.
  [[nodiscard]] static constexpr Quantity from_si(double v) {
    Quantity q;
    q.si_ = v;
    return q;
  }

  /// The unit slot: the magnitude of this quantity expressed in `unit`.
  [[nodiscard]] constexpr double in(Quantity unit) const { return si_ / unit.si_; }
  [[nodiscard]] constexpr double in(const Unit<D>& unit) const;

  /// The plain number of a dimensionless quantity.
  [[nodiscard]] constexpr double value() const requires(D == kOne) { return si_; }

  constexpr Quantity& operator+=(Quantity o) {
    si_ += o.si_;
    return *this;
  }
  constexpr Quantity& operator-=(Quantity o) {
    si_ -= o.si_;
    return *this;
  }
  constexpr Quantity& operator*=(double k) {
    si_ *= k;
    return *this;
  }
  constexpr Quantity& operator/=(double k) {
    si_ /= k;
    return *this;
  }

  friend constexpr Quantity operator+(Quantity a, Quantity b) { return from_si(a.si_ + b.si_); }
  friend constexpr Quantity operator-(Quantity a, Quantity b) { return from_si(a.si_ - b.si_); }
  friend constexpr Quantity operator-(Quantity a) { return from_si(-a.si_); }
  friend constexpr Quantity operator*(Quantity a, double k) { return from_si(a.si_ * k); }
  friend constexpr Quantity operator*(double k, Quantity a) { return from_si(k * a.si_); }
  friend constexpr Quantity operator/(Quantity a, double k) { return from_si(a.si_ / k); }
  friend constexpr Quantity<kOne / D> operator/(double k, Quantity a) {
    return Quantity<kOne / D>::from_si(k / a.si_);
  }
  template <Dim E>
  friend constexpr Quantity<D * E> operator*(Quantity a, Quantity<E> b) {
    return Quantity<D * E>::from_si(a.si_ * b.in(Quantity<E>::from_si(1.0)));
  }
  template <Dim E>
  friend constexpr Quantity<D / E> operator/(Quantity a, Quantity<E> b) {
    return Quantity<D / E>::from_si(a.si_ / b.in(Quantity<E>::from_si(1.0)));
  }

  friend constexpr bool operator==(Quantity a, Quantity b) { return a.si_ == b.si_; }
  friend constexpr auto operator<=>(Quantity a, Quantity b) { return a.si_ <=> b.si_; }

 private:
  double si_ = 0.0;
};

template <Dim D>
struct Unit {
  std::string_view symbol;
  Quantity<D> size;
};

template <Dim D>
constexpr double Quantity<D>::in(const Unit<D>& unit) const {
  return in(unit.size);
}

/// The SI base unit of a dimension: `q.in(si<D>)` is the SI magnitude.
template <Dim D>
inline constexpr Quantity<D> si = Quantity<D>::from_si(1.0);

// The quantity types the models use.
using Dimensionless = Quantity<kOne>;
using Seconds = Quantity<kTime>;
using Bytes = Quantity<kData>;
using Flops = Quantity<kCompute>;
using FlopRate = Quantity<kFlopRate>;
using Bandwidth = Quantity<kBandwidth>;
using Rate = Quantity<kRate>;
using Intensity = Quantity<kIntensity>;
using Joules = Quantity<kEnergy>;
using Watts = Quantity<kPower>;
using Kilograms = Quantity<kMass>;
using Usd = Quantity<kMoney>;
using Liters = Quantity<kVolume>;

}  // namespace mlsysim::units
