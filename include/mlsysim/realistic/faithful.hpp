// The faithful fidelity on measured scenarios: each record mapped onto the reference's own
// resolvers (Engine, ServingModel, DistributedModel, ReliabilityModel) exactly as a 0.1.1 user
// would call them, with the zoo entries as they are, so the original's error level shows.
#pragma once

#include <vector>

#include "mlsysim/realistic/predict.hpp"

namespace mlsysim {
class Registry;
}

namespace mlsysim::realistic {

/// The faithful prediction of one record (value or why_not); never throws for a bad scenario.
[[nodiscard]] Prediction faithful_predict(const Record& r, const Registry& zoo);

/// faithful_predict() for every record, with errors against the measurements.
[[nodiscard]] std::vector<Outcome> faithful_validate(const std::vector<Record>& records,
                                                     const Registry& zoo);

}  // namespace mlsysim::realistic
