#include <gtest/gtest.h>

#include "mlsysim/realistic/faithful.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::realistic {
namespace {

// The faithful mapping runs the 0.1.1 resolvers on every record: each gets a value or a reason,
// and the original's error level shows next to the realistic one.
TEST(RealisticFaithful, EveryRecordGetsAValueOrAReasonAndTheOriginalsErrorShows) {
  const auto zoo = Registry::builtin();
  const auto recs = read_records(MLSYSIM_TEST_DIR "/realistic/calibration.json", *zoo);
  const auto faithful = faithful_validate(recs, *zoo);
  ASSERT_EQ(faithful.size(), recs.size());
  for (const auto& o : faithful) {
    EXPECT_TRUE(o.prediction.value.has_value() != !o.prediction.why_not.empty()) << o.record->id;
  }
  const Summary f = summarize(faithful);
  const Summary r = summarize(validate(recs, Calibration::builtin()));
  EXPECT_GT(f.all.median_abs, 0.3);
  EXPECT_LT(r.all.median_abs, 0.10);
  EXPECT_GE(r.coverage, 0.9);
  EXPECT_LT(r.all.median_abs, f.all.median_abs);
}

}  // namespace
}  // namespace mlsysim::realistic
