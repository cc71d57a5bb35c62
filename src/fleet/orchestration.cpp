#include "mlsysim/fleet/orchestration.hpp"

#include <fmt/format.h>

#include <limits>

#include "core/text.hpp"

namespace mlsysim::fleet {

using namespace units;

OrchestrationResult orchestration(const OrchestrationInputs& in) {
  check_required(in);
  check_bounds(in);
  const double lambda = *in.arrival_rate_jobs_per_day;
  const double duration = *in.avg_job_duration_days;
  if (duration == 0.0) {
    throw InputError::out_of_range("avg_job_duration_days", "non-zero (days per job)", "0");
  }
  OrchestrationResult r;
  if (lambda < 0.0) {
    detail::note(
        r.warnings,
        "arrival_rate_jobs_per_day is negative ({}); the utilization is negative, as in the "
        "reference",
        lambda);
  }
  if (duration < 0.0) {
    detail::note(r.warnings,
                 "avg_job_duration_days is negative ({}); the service rate is negative, as in the "
                 "reference",
                 duration);
  }

  // M/D/1 (Pollaczek-Khinchine with deterministic service), in days.
  const double mu = 1.0 / duration;
  const double rho = lambda / mu;
  r.cluster_utilization = rho;
  r.is_stable = rho < 1.0;
  if (r.is_stable) {
    r.avg_wait_time_days = rho / (2.0 * mu * (1.0 - rho)) * day;
    r.avg_queue_length = rho * rho / (2.0 * (1.0 - rho));
  } else {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    r.avg_wait_time_days = kInf * day;
    r.avg_queue_length = kInf;
  }
  return r;
}

}  // namespace mlsysim::fleet
