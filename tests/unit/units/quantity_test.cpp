#include <gtest/gtest.h>

#include "mlsysim/units/any_quantity.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::units {
namespace {

TEST(Quantity, ReadsValuesThroughTheUnitSlot) {
  constexpr Bandwidth bw = 3.35 * TB_per_s;
  static_assert(bw.in(GB_per_s) == 3350.0);
  EXPECT_DOUBLE_EQ((80.0 * GiB).in(GB), 85.89934592);
  EXPECT_DOUBLE_EQ((400.0 * Gbps).in(GB_per_s), 50.0);
  EXPECT_DOUBLE_EQ((1.0 * bit).in(B), 0.125);
}

TEST(Quantity, CombinesDimensions) {
  constexpr Flops ops = 16.06 * GFLOP;
  constexpr FlopRate peak = 989.0 * TFLOP_per_s;
  constexpr Seconds t = ops / peak;
  EXPECT_NEAR(t.in(ms), 0.016238624, 1e-9);
  constexpr Joules e = 700.0 * W * (2.0 * s);
  EXPECT_DOUBLE_EQ(e.in(J), 1400.0);
  EXPECT_DOUBLE_EQ((1.0 * kWh).in(J), 3.6e6);
  const Intensity ai = ops / (16.06 * GB);
  EXPECT_DOUBLE_EQ(ai.in(FLOP_per_B), 1.0);
  // Dimensionless results give their number through value().
  EXPECT_DOUBLE_EQ(((50.0 * ms) / (10.0 * ms)).value(), 5.0);
}

TEST(Quantity, ComparesWithinADimension) {
  EXPECT_LT(80.0 * GB, 80.0 * GiB);
  EXPECT_EQ(1000.0 * MB, 1.0 * GB);
  EXPECT_GT(1.0 * hour, 59.0 * minute);
}

struct Spelling {
  const char* text;
  double si;
  Dim dim;
};

class ParseSpellings : public ::testing::TestWithParam<Spelling> {};

TEST_P(ParseSpellings, ParsesTheReferenceSpellings) {
  const Spelling& c = GetParam();
  AnyQuantity q = AnyQuantity::parse(c.text);
  EXPECT_NEAR(q.si(), c.si, std::abs(c.si) * 1e-12) << c.text;
  EXPECT_TRUE(q.dim() == c.dim) << c.text << " is " << dimension_name(q.dim());
}

INSTANTIATE_TEST_SUITE_P(
    Registry, ParseSpellings,
    ::testing::Values(
        Spelling{"80 GiB", 85899345920.0, kData}, Spelling{"3.35 TB/s", 3.35e12, kBandwidth},
        Spelling{"3.35 TB / s", 3.35e12, kBandwidth}, Spelling{"989 TFLOPs / s", 989e12, kFlopRate},
        Spelling{"989 TFLOP/s", 989e12, kFlopRate},
        Spelling{"989.0 TFLOPs / second", 989e12, kFlopRate},
        Spelling{"1979 TOPS", 1979e12, kFlopRate}, Spelling{"400 Gbps", 50e9, kBandwidth},
        Spelling{"50 ms", 0.05, kTime}, Spelling{"1 millisecond", 1e-3, kTime},
        Spelling{"5 microsecond", 5e-6, kTime}, Spelling{"5 us", 5e-6, kTime},
        Spelling{"2 MS", 2e-3, kTime}, Spelling{"100 GB / second", 100e9, kBandwidth},
        Spelling{"20 1 / second", 20.0, kRate}, Spelling{"1 / second", 1.0, kRate},
        Spelling{"3 kilowatt_hour", 3 * 3.6e6, kEnergy}, Spelling{"15 watt_hour", 54000.0, kEnergy},
        Spelling{"1.5 kWh", 5.4e6, kEnergy}, Spelling{"700 watt", 700.0, kPower},
        Spelling{"23 kW", 23000.0, kPower},
        Spelling{"429 gCO2e/kWh", 0.429 / 3.6e6, kMass / kEnergy},
        Spelling{"1.8 L/kWh", 1.8e-3 / 3.6e6, kVolume / kEnergy},
        Spelling{"30000 USD", 30000.0, kMoney}, Spelling{"30000 dollar", 30000.0, kMoney},
        Spelling{"0.12 USD/kWh", 0.12 / 3.6e6, kMoney / kEnergy},
        Spelling{"512 KiB", 524288.0, kData}, Spelling{"8 MB", 8e6, kData},
        Spelling{"16.06e9 FLOP", 16.06e9, kCompute},
        Spelling{"16060000000 flop", 16.06e9, kCompute}, Spelling{"2 PFLOPs", 2e15, kCompute},
        Spelling{"100 flop / byte", 100.0, kIntensity}, Spelling{"8.03 Bparam", 8.03e9, kOne},
        Spelling{"50 %", 0.5, kOne}, Spelling{"0.5", 0.5, kOne}, Spelling{"2 h", 7200.0, kTime},
        Spelling{"14 day", 14 * 86400.0, kTime}, Spelling{"1 year", 31557600.0, kTime},
        Spelling{"150 kg", 150.0, kMass}, Spelling{"1.2 kg*m^2/s^2", 1.2, kEnergy},
        Spelling{"ms", 1e-3, kTime}));

TEST(AnyQuantity, KeepsTheDeclaredMagnitudeAndUnit) {
  AnyQuantity q = AnyQuantity::parse("80 GiB");
  EXPECT_EQ(q.magnitude(), 80.0);
  EXPECT_EQ(q.unit(), "GiB");
  EXPECT_EQ(q.unit_factor(), 1073741824.0);
  EXPECT_DOUBLE_EQ(q.in("GB"), 85.89934592);
}

TEST(AnyQuantity, ConvertsToCompileTimeQuantities) {
  Bandwidth bw = AnyQuantity::parse("3.35 TB/s").as<kBandwidth>("bandwidth");
  EXPECT_DOUBLE_EQ(bw.in(GB_per_s), 3350.0);
}

TEST(AnyQuantity, RejectsUnknownUnits) {
  try {
    (void)AnyQuantity::parse("3 TBps");
    FAIL() << "expected a UnitError";
  } catch (const UnitError& e) {
    EXPECT_NE(std::string(e.what()).find("TBps"), std::string::npos) << e.what();
    EXPECT_EQ(e.code(), "input.unit");
  }
  EXPECT_THROW((void)AnyQuantity::parse("fast"), UnitError);
  EXPECT_THROW((void)AnyQuantity::parse(""), UnitError);
  EXPECT_THROW((void)AnyQuantity::parse("nan ms"), UnitError);
  EXPECT_THROW((void)AnyQuantity::parse("inf GB"), UnitError);
  EXPECT_THROW((void)AnyQuantity::parse("3 GB/"), UnitError);
  EXPECT_THROW((void)AnyQuantity::parse("3 (GB"), UnitError);
}

TEST(AnyQuantity, RejectsTheWrongDimensionWithAClearMessage) {
  try {
    (void)AnyQuantity::parse("3.35 TB").as<kBandwidth>("network_bandwidth");
    FAIL() << "expected a UnitError";
  } catch (const UnitError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("network_bandwidth"), std::string::npos) << msg;
    EXPECT_NE(msg.find("bandwidth (data/time)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("100 GB/s"), std::string::npos) << msg;
    EXPECT_EQ(e.field(), "network_bandwidth");
  }
  // FLOP is its own dimension: a compute rate is not a bandwidth.
  EXPECT_THROW((void)AnyQuantity::parse("989 TFLOP/s").as<kBandwidth>(), UnitError);
}

TEST(AnyQuantity, NamesDimensions) {
  EXPECT_EQ(dimension_name(kTime), "time");
  EXPECT_EQ(dimension_name(kBandwidth), "bandwidth (data/time)");
  EXPECT_EQ(dimension_name(kData * kData), "data^2");
  EXPECT_EQ(dimension_name(kOne / kMoney), "1/money");
}

}  // namespace
}  // namespace mlsysim::units
