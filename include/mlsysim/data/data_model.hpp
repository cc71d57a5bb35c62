// DataModel — can storage and the host link feed the accelerator? (Wall 8 Ingestion.)
//
//   auto zoo = Registry::builtin();
//   auto r = data::data_model({.workload_data_rate = 5.0 * units::GB_per_s,
//                              .hardware = zoo->hardware("H100")});
//   r.supply_bw.in(units::GB_per_s);   // 7: NVMe storage (7 GB/s) under PCIe Gen5 (64 GB/s)
//   r.utilization;                     // 0.714286: demand / supply
//   r.is_stalled;                      // false
//
// supply = min(storage bandwidth, host-link bandwidth), a missing one counting as 0;
// utilization = demand / supply (∞ when there is no supply); stalled iff utilization > 1.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::data {

struct DataInputs {
  std::optional<units::Bandwidth> workload_data_rate;  ///< required: the data the workload reads
  std::shared_ptr<const Hardware> hardware;
};

/// The reference's DataResult.
struct DataResult {
  std::vector<std::string> constraint_trace;
  bool is_stalled = false;
  double utilization = 0.0;
  units::Bandwidth demand_bw;
  units::Bandwidth supply_bw;
  std::string bottleneck;
  units::Bandwidth margin;
  std::vector<std::string> warnings;
};

/// DataModel.solve. Throws InputError for bad inputs; a stalled pipeline is a result.
[[nodiscard]] DataResult data_model(const DataInputs& in);

}  // namespace mlsysim::data

namespace mlsysim {

template <>
struct Describe<data::DataInputs> {
  static constexpr auto fields() {
    using I = data::DataInputs;
    using namespace units;
    return std::tuple{
        field("workload_data_rate", &I::workload_data_rate, GB_per_s,
              "the rate at which the workload consumes data (any data/time unit: '5 GB/s', "
              "'19 TB/hour', '400 Gbps')",
              {.required = true}),
        field("hardware", &I::hardware,
              "the accelerator whose storage and host link (interconnect) supply the data",
              {.required = true}),
    };
  }
};

template <>
struct Describe<data::DataResult> {
  static constexpr auto fields() {
    using R = data::DataResult;
    using namespace units;
    return std::tuple{
        field("constraint_trace", &R::constraint_trace, "the ingestion-wall check"),
        field("is_stalled", &R::is_stalled,
              "whether the demand exceeds the supply (utilization > 1): the accelerator waits "
              "for data"),
        field("utilization", &R::utilization,
              "demand / supply (inf when the device lists no storage or host link)"),
        field("demand_bw", &R::demand_bw, GB_per_s, "the workload's data rate"),
        field("supply_bw", &R::supply_bw, GB_per_s,
              "min(storage bandwidth, host-link bandwidth); a missing one counts as 0"),
        field("bottleneck", &R::bottleneck,
              "Storage (when it is the slower, non-zero link) or Interconnect"),
        field("margin", &R::margin, GB_per_s, "supply - demand (negative when stalled)"),
        field("warnings", &R::warnings, "assumptions the model had to make"),
    };
  }
};

}  // namespace mlsysim
