#include <gtest/gtest.h>

#include <cmath>

#include "mlsysim/core/error.hpp"
#include "mlsysim/realistic/calibration.hpp"
#include "mlsysim/realistic/predict.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::realistic {
namespace {

TEST(RealisticCalibration, YamlRoundTrip) {
  Calibration c;
  c.set(Param::kHbm, 0.77);
  c.set(Param::kStepOverhead, 2.5e-3);
  c.provenance[static_cast<std::size_t>(Param::kHbm)] = {"a", "b"};
  c.bands["serving"] = {0.8, 1.3};
  const Calibration back = Calibration::parse(c.to_yaml(), "test");
  for (std::size_t i = 0; i < kParamCount; ++i) {
    EXPECT_NEAR(back.values()[i], c.values()[i], 1e-5 * c.values()[i]) << info(Param(i)).name;
  }
  EXPECT_EQ(back.provenance[static_cast<std::size_t>(Param::kHbm)],
            (std::vector<std::string>{"a", "b"}));
  EXPECT_DOUBLE_EQ(back.bands.at("serving").high, 1.3);
}

TEST(RealisticCalibration, RejectsUnknownAndOutOfRangeParameters) {
  EXPECT_THROW((void)Calibration::parse("parameters:\n  hbm_typo: {value: 0.8}\n", "t"),
               InputError);
  EXPECT_THROW((void)Calibration::parse("parameters:\n  hbm: {value: 7}\n", "t"), InputError);
  EXPECT_THROW((void)Calibration::parse("parameters: [", "t"), InputError);
}

TEST(RealisticCalibration, ShippedCalibrationIsFittedAndHasBands) {
  const Calibration& c = Calibration::builtin();
  EXPECT_FALSE(c.bands.empty());
  EXPECT_FALSE(c.provenance[static_cast<std::size_t>(Param::kHbm)].empty());
  for (std::size_t i = 0; i < kParamCount; ++i) {
    EXPECT_GE(c.values()[i], info(Param(i)).lo);
    EXPECT_LE(c.values()[i], info(Param(i)).hi);
  }
}

// Synthetic measurements made with known parameters: the fit must find them again.
TEST(RealisticCalibration, FitRecoversKnownParameters) {
  const auto zoo = Registry::builtin();
  const auto all = read_records(MLSYSIM_TEST_DIR "/realistic/calibration.json", *zoo);
  Calibration truth;
  truth.set(Param::kHbm, 0.7);
  truth.set(Param::kGemm16, 0.6);
  truth.set(Param::kGemm8, 0.65);
  std::vector<Record> synthetic;
  for (const auto& r : all) {
    if (r.category != "microbenchmark" || !r.metric) continue;
    if (*r.metric != "memory_bandwidth_gbs" && *r.metric != "gemm_tflops") continue;
    const auto p = predict(r, truth);
    if (!p.value) continue;
    Record s = r;
    s.measured = *p.value;
    synthetic.push_back(s);
  }
  ASSERT_GE(synthetic.size(), 10u);
  const Calibration fitted = fit(synthetic, Calibration{});
  EXPECT_NEAR(fitted.at(Param::kHbm), 0.7, 0.02);
  EXPECT_NEAR(fitted.at(Param::kGemm16) / fitted.at(Param::kGemm8), 0.6 / 0.65, 0.05);
  for (const auto& o : validate(synthetic, fitted)) {
    ASSERT_TRUE(o.error);
    EXPECT_LT(std::abs(*o.error), 0.05) << o.record->id;
  }
}

TEST(RealisticRecords, ReadsEveryRecordAndKeepsTheMeasurementApart) {
  const auto zoo = Registry::builtin();
  const auto recs = read_records(MLSYSIM_TEST_DIR "/realistic/calibration.json", *zoo);
  ASSERT_EQ(recs.size(), 137u);
  int with_target = 0;
  for (const auto& r : recs) {
    EXPECT_TRUE(r.why_not.empty()) << r.id << ": " << r.why_not;
    with_target += r.metric.has_value();
  }
  EXPECT_EQ(with_target, 136);
  EXPECT_THROW((void)read_records(MLSYSIM_TEST_DIR "/realistic/missing.json", *zoo), InputError);
}

TEST(RealisticRecords, IntervalsComeFromLeaveOneGroupOutResiduals) {
  const auto zoo = Registry::builtin();
  const auto recs = read_records(MLSYSIM_TEST_DIR "/realistic/calibration.json", *zoo);
  std::vector<Outcome> fake;
  for (const auto& r : recs) {
    if (!r.measured || !r.metric) continue;
    Outcome o{&r, {}, std::nullopt};
    o.prediction.value = *r.measured * 1.1;  // every prediction 10 % high
    fake.push_back(o);
  }
  const auto bands = bands_from(fake, 0.9);
  for (const auto& [cat, b] : bands) {
    EXPECT_LE(b.low, 1.0 / 1.1 + 1e-9) << cat;
    EXPECT_GE(b.high, 1.0) << cat;
  }
}

}  // namespace
}  // namespace mlsysim::realistic
