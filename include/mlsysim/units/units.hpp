// Named unit constants. Values are built by multiplying a number by a unit (`80.0 * GiB`) and read
// back through the unit slot (`q.in(GB)`). Decimal byte prefixes are powers of ten, binary ones
// powers of two; a bit is 1/8 byte.
#pragma once

#include "mlsysim/units/quantity.hpp"

namespace mlsysim::units {

// Multiplying a number by a Unit gives a Quantity; Units also combine into compound units.
template <Dim D>
constexpr Quantity<D> operator*(double k, const Unit<D>& u) {
  return k * u.size;
}

// time
inline constexpr Unit<kTime> s{"s", Seconds::from_si(1.0)};
inline constexpr Unit<kTime> ms{"ms", Seconds::from_si(1e-3)};
inline constexpr Unit<kTime> us{"us", Seconds::from_si(1e-6)};
inline constexpr Unit<kTime> ns{"ns", Seconds::from_si(1e-9)};
inline constexpr Unit<kTime> minute{"min", Seconds::from_si(60.0)};
inline constexpr Unit<kTime> hour{"h", Seconds::from_si(3600.0)};
inline constexpr Unit<kTime> day{"day", Seconds::from_si(86400.0)};
inline constexpr Unit<kTime> year{"year", Seconds::from_si(31557600.0)};  // Julian year (pint)

// data
inline constexpr Unit<kData> B{"B", Bytes::from_si(1.0)};
inline constexpr Unit<kData> bit{"bit", Bytes::from_si(0.125)};
inline constexpr Unit<kData> KB{"KB", Bytes::from_si(1e3)};
inline constexpr Unit<kData> MB{"MB", Bytes::from_si(1e6)};
inline constexpr Unit<kData> GB{"GB", Bytes::from_si(1e9)};
inline constexpr Unit<kData> TB{"TB", Bytes::from_si(1e12)};
inline constexpr Unit<kData> PB{"PB", Bytes::from_si(1e15)};
inline constexpr Unit<kData> KiB{"KiB", Bytes::from_si(1024.0)};
inline constexpr Unit<kData> MiB{"MiB", Bytes::from_si(1048576.0)};
inline constexpr Unit<kData> GiB{"GiB", Bytes::from_si(1073741824.0)};
inline constexpr Unit<kData> TiB{"TiB", Bytes::from_si(1099511627776.0)};

// bandwidth
inline constexpr Unit<kBandwidth> B_per_s{"B/s", Bandwidth::from_si(1.0)};
inline constexpr Unit<kBandwidth> MB_per_s{"MB/s", Bandwidth::from_si(1e6)};
inline constexpr Unit<kBandwidth> GB_per_s{"GB/s", Bandwidth::from_si(1e9)};
inline constexpr Unit<kBandwidth> TB_per_s{"TB/s", Bandwidth::from_si(1e12)};
inline constexpr Unit<kBandwidth> Gbps{"Gbps", Bandwidth::from_si(1.25e8)};

// compute
inline constexpr Unit<kCompute> FLOP{"flop", Flops::from_si(1.0)};
inline constexpr Unit<kCompute> GFLOP{"GFLOP", Flops::from_si(1e9)};
inline constexpr Unit<kCompute> TFLOP{"TFLOP", Flops::from_si(1e12)};
inline constexpr Unit<kCompute> PFLOP{"PFLOP", Flops::from_si(1e15)};
inline constexpr Unit<kFlopRate> FLOP_per_s{"flop/s", FlopRate::from_si(1.0)};
inline constexpr Unit<kFlopRate> GFLOP_per_s{"GFLOP/s", FlopRate::from_si(1e9)};
inline constexpr Unit<kFlopRate> TFLOP_per_s{"TFLOP/s", FlopRate::from_si(1e12)};
inline constexpr Unit<kFlopRate> PFLOP_per_s{"PFLOP/s", FlopRate::from_si(1e15)};
inline constexpr Unit<kIntensity> FLOP_per_B{"flop/B", Intensity::from_si(1.0)};

// rates, energy, power
inline constexpr Unit<kRate> per_s{"1/s", Rate::from_si(1.0)};
inline constexpr Unit<kEnergy> J{"J", Joules::from_si(1.0)};
inline constexpr Unit<kEnergy> Wh{"Wh", Joules::from_si(3600.0)};
inline constexpr Unit<kEnergy> kWh{"kWh", Joules::from_si(3.6e6)};
inline constexpr Unit<kEnergy> MWh{"MWh", Joules::from_si(3.6e9)};
inline constexpr Unit<kPower> W{"W", Watts::from_si(1.0)};
inline constexpr Unit<kPower> kW{"kW", Watts::from_si(1e3)};
inline constexpr Unit<kPower> MW{"MW", Watts::from_si(1e6)};

// mass, volume, money
inline constexpr Unit<kMass> kg{"kg", Kilograms::from_si(1.0)};
inline constexpr Unit<kMass> g{"g", Kilograms::from_si(1e-3)};
inline constexpr Unit<kMass> tonne{"t", Kilograms::from_si(1e3)};
inline constexpr Unit<kVolume> L{"L", Liters::from_si(1e-3)};
inline constexpr Unit<kMoney> USD{"USD", Usd::from_si(1.0)};

inline constexpr Unit<kOne> one{"", Dimensionless::from_si(1.0)};

}  // namespace mlsysim::units
