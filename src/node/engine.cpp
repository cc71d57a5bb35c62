#include "mlsysim/node/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/text.hpp"
#include "mlsysim/core/constants.hpp"
#include "mlsysim/core/formulas.hpp"
#include "mlsysim/core/precision.hpp"
#include "mlsysim/registry/workload.hpp"

namespace mlsysim::node {

using namespace units;

namespace {
constexpr double kActivationTrafficRatio = 0.1;  // activation bytes per sample, x weights
constexpr Bandwidth kOffloadFallbackBw = 64.0 * GB_per_s.size;  // no host link listed
}  // namespace

PerformanceProfile solve(const EngineInputs& in) {
  check_required(in);
  check_bounds(in);
  const Workload& model = *in.model;
  const Hardware& hw = *in.hardware;
  PerformanceProfile r;

  precision_warnings(hw, in.precision, /*uses_width=*/true, r.warnings);
  const double bpp = bytes_per_element(in.precision);
  const auto& stated_peak = positive_peak_flops(hw, in.precision);
  const FlopRate peak = stated_peak.q;
  r.stored_units.peak_flops = stated_peak.unit_factor;

  const ComputationGraph graph = lower(model, bpp);
  const Bytes weights = graph.weight_bytes;

  // Training runs forward + backward (3x), or 4x with activation recomputation.
  Flops ops_base = graph.total_ops;
  Bytes footprint = weights;
  if (in.is_training) {
    ops_base = ops_base * (in.activation_recomputation ? 4.0 : 3.0);
    if (model.is_transformer()) {
      footprint =
          training_memory(model, {.batch_size = in.batch_size,
                                  .seq_len = in.seq_len,
                                  .precision = in.precision,
                                  .strategy = in.activation_recomputation ? "selective" : "none",
                                  .zero_stage = in.zero_stage,
                                  .dp_size = in.dp_size,
                                  .is_lora = in.is_lora});
    } else {
      footprint = weights * (in.is_lora ? 1.1 : 3.0);
    }
  }

  const Bytes capacity = hw.memory.capacity.q;
  r.feasible = footprint <= capacity;
  detail::note(r.constraint_trace, "Memory Wall: {}. Required {} GB {} Available {} GB on {}.",
               r.feasible ? "Passed" : "FAILED", footprint.in(GB), r.feasible ? "<=" : ">",
               capacity.in(GB), hw.name());
  if (!r.feasible && in.raise_errors) {
    throw OomError(fmt::format("Model '{}' requires {} GB but hardware '{}' has only {} GB.",
                               model.name(), footprint.in(GB), hw.name(), capacity.in(GB)),
                   footprint.in(B), capacity.in(B));
  }

  const FlopRate effective_peak = peak * in.efficiency;

  // The bandwidth the weights stream at: the host link when spilling, on-chip SRAM when the
  // weights fit there, flash when the device executes in place, HBM/DRAM otherwise.
  // The reference keeps each bandwidth in its declared unit (errata E8); the offload path keeps
  // the unit of the smaller of HBM and host link, the 64 GB/s fallback is in GB/s.
  Bandwidth bw = hw.memory.bandwidth.q;
  double bw_unit = hw.memory.bandwidth.unit_factor;
  std::string_view bw_source = "memory bandwidth";
  if (!r.feasible) {
    const Bandwidth link = hw.interconnect ? hw.interconnect->bandwidth.q : kOffloadFallbackBw;
    const double link_unit = hw.interconnect ? hw.interconnect->bandwidth.unit_factor : 1e9;
    if (link < hw.memory.bandwidth.q) {
      bw = link;
      bw_unit = link_unit;
    }
    bw_source = "offload (host link) bandwidth";
    r.offload_spill_bytes = footprint - capacity;
    r.offload_effective_bw = bw;
  } else if (hw.memory.sram_capacity && hw.memory.sram_bandwidth &&
             weights <= hw.memory.sram_capacity->q) {
    bw = hw.memory.sram_bandwidth->q;
    bw_unit = hw.memory.sram_bandwidth->unit_factor;
    bw_source = "SRAM bandwidth";
  } else if (hw.memory.flash_bandwidth) {
    bw = hw.memory.flash_bandwidth->q;
    bw_unit = hw.memory.flash_bandwidth->unit_factor;
    bw_source = "flash bandwidth";
  }
  r.stored_units.peak_bw = bw_unit;
  r.stored_units.footprint = in.is_training && model.is_transformer() ? GB.size.in(B) : 1.0;
  if (!(bw > Bandwidth{})) {
    throw InputError("input.out_of_range", "hardware",
                     fmt::format("hardware: the {} of '{}' is 0; the memory time would be "
                                 "infinite",
                                 bw_source, hw.name()));
  }

  const double batch = in.batch_size;
  const Flops ops = ops_base * batch;
  const Bytes traffic = weights + kActivationTrafficRatio * weights * batch;
  r.latency_compute = ops == Flops{} ? Seconds{} : ops / effective_peak;
  r.latency_memory = traffic / bw;
  const formulas::Roofline roof = formulas::bottleneck(ops, traffic, effective_peak, bw);
  r.bottleneck = formulas::bound_name(roof.bound);
  r.arithmetic_intensity = roof.intensity;

  const int layers = graph.layers.value_or(0) != 0 ? *graph.layers : 1;
  r.latency_overhead =
      hw.dispatch_tax.q + layers * constants::kLayerTaxMs * (in.is_training ? 3.0 : 1.0) * ms;
  r.latency = std::max(r.latency_compute, r.latency_memory) + r.latency_overhead;

  const bool has_time = r.latency > Seconds{};
  r.throughput = has_time ? batch / r.latency : Rate{};
  r.mfu = has_time ? std::clamp((ops / r.latency / peak).value(), 0.0, 1.0) : 0.0;
  r.hfu = std::min(constants::kHfuMfuRatio * r.mfu, 1.0);
  r.energy = hw.tdp ? formulas::average_power(hw.tdp->q, r.mfu) * r.latency : Joules{};
  r.memory_footprint = footprint;
  r.memory_capacity = capacity;
  r.memory_utilization = capacity > Bytes{}    ? (footprint / capacity).value()
                         : footprint > Bytes{} ? std::numeric_limits<double>::infinity()
                                               : 0.0;
  r.peak_flops_actual = effective_peak;
  r.peak_bw_actual = bw;
  return r;
}

}  // namespace mlsysim::node
