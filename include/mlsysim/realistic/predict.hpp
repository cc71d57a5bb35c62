// Predicting a measured record's target, and the validation and calibration loops built on it.
//
//   auto recs = realistic::read_records(path, *Registry::builtin());
//   auto p = realistic::predict(recs[0].scenario, *recs[0].metric, cal);   // value or why_not
//   auto fitted = realistic::fit(recs, realistic::Calibration{});          // least squares, log
//   auto logo = realistic::leave_one_group_out(recs, realistic::Calibration{});
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mlsysim/realistic/calibration.hpp"
#include "mlsysim/realistic/scenario.hpp"

namespace mlsysim::realistic {

struct Prediction {
  std::optional<double> value;  ///< in the metric's canonical unit (README: tokens/s, ms, s, ...)
  std::optional<double> low, high;
  std::string why_not;  ///< set when value is empty
};

/// The prediction class of a scenario and metric, read from the scenario alone: kernel,
/// reliability, training, time_to_train, power, llm_throughput, llm_latency or inference. The
/// calibration's prediction bands are kept per class.
[[nodiscard]] std::string band_class(const Scenario& s, const std::string& metric);

/// The realistic prediction of `metric` for a scenario, with the band of its class when the
/// calibration has one. Never throws for a scenario it cannot express: the result carries a
/// one-line `why_not`.
[[nodiscard]] Prediction predict(const Scenario& s, const std::string& metric,
                                 const Calibration& c);

/// predict() for a record (its read error, a null target, or the prediction).
[[nodiscard]] Prediction predict(const Record& r, const Calibration& c);

/// One record's outcome in a validation run.
struct Outcome {
  const Record* record = nullptr;
  Prediction prediction;
  std::optional<double> error;  ///< (predicted − measured) / measured, when both exist
};

/// The outcome of record `r` given its prediction: the error when both values exist.
[[nodiscard]] Outcome outcome_of(const Record& r, Prediction p);
/// Why a record cannot be predicted at all (an unreadable scenario, a null target); empty when
/// it can.
[[nodiscard]] std::string unpredictable(const Record& r);

struct Stats {
  int n = 0;
  double median_abs = 0, mean_abs = 0, within10 = 0, within25 = 0;
};
[[nodiscard]] Stats stats_of(const std::vector<double>& errors);

struct Summary {
  int records = 0, with_target = 0, predicted = 0;
  double coverage = 0;
  Stats all;
  std::map<std::string, Stats> by_category, by_metric;
  int in_band = 0, with_band = 0;
};
[[nodiscard]] Summary summarize(const std::vector<Outcome>& outcomes);

/// Predicts every record with calibration `c`.
[[nodiscard]] std::vector<Outcome> validate(const std::vector<Record>& records,
                                            const Calibration& c);

/// Fits the parameters to the records' measurements: robust least squares on log error with a
/// weak pull toward each parameter's prior, by deterministic coordinate descent in log space.
/// Records each parameter moved are written into its provenance.
[[nodiscard]] Calibration fit(const std::vector<Record>& records, const Calibration& start);

/// Leave-one-group-out: for each group, fit on the others and predict it. Returns one outcome per
/// record (predictions from the fit that never saw the record's group).
[[nodiscard]] std::vector<Outcome> leave_one_group_out(const std::vector<Record>& records,
                                                       const Calibration& start);

/// Prediction bands per band_class from LOGO outcomes: the 5th-95th percentile of measured /
/// predicted, widened until at least `coverage` of each class's LOGO residuals are inside.
[[nodiscard]] std::map<std::string, Band> bands_from(const std::vector<Outcome>& logo,
                                                     double coverage = 0.9);

}  // namespace mlsysim::realistic
