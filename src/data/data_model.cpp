#include "mlsysim/data/data_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/text.hpp"

namespace mlsysim::data {

using namespace units;

DataResult data_model(const DataInputs& in) {
  check_required(in);
  check_bounds(in);
  const Hardware& hw = *in.hardware;
  DataResult r;
  r.demand_bw = *in.workload_data_rate;
  if (r.demand_bw < Bandwidth{}) {
    detail::note(
        r.warnings,
        "workload_data_rate is negative ({} GB/s): the utilization and margin are computed as "
        "the reference does, but a negative rate has no physical meaning",
        r.demand_bw.in(GB_per_s));
  }

  // A link the device does not list supplies nothing.
  const Bandwidth storage = hw.storage ? hw.storage->bandwidth.q : Bandwidth{};
  const Bandwidth host = hw.interconnect ? hw.interconnect->bandwidth.q : Bandwidth{};
  if (!hw.storage) {
    detail::note(
        r.warnings,
        "'{}' lists no storage: its storage bandwidth counts as 0 GB/s, so nothing is supplied "
        "(as in the reference)",
        hw.name());
  }
  if (!hw.interconnect) {
    detail::note(
        r.warnings,
        "'{}' lists no host link (interconnect): its bandwidth counts as 0 GB/s, so nothing is "
        "supplied (as in the reference)",
        hw.name());
  }
  r.supply_bw = std::min(storage, host);
  r.utilization = r.supply_bw == Bandwidth{} ? std::numeric_limits<double>::infinity()
                                             : (r.demand_bw / r.supply_bw).value();
  r.is_stalled = r.utilization > 1.0;
  r.bottleneck = storage < host && storage > Bandwidth{} ? "Storage" : "Interconnect";
  r.margin = r.supply_bw - r.demand_bw;
  detail::note(
      r.constraint_trace,
      "Ingestion Wall: {}. Demand {} GB/s {} supply {} GB/s (storage {} GB/s, host link {} GB/s) "
      "on {}; bottleneck: {}.",
      r.is_stalled ? "STALLED" : "Passed", r.demand_bw.in(GB_per_s),
      r.is_stalled ? ">" : "<=", r.supply_bw.in(GB_per_s), storage.in(GB_per_s), host.in(GB_per_s),
      hw.name(), r.bottleneck);
  return r;
}

}  // namespace mlsysim::data
