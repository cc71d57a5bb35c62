#include "mlsysim/analysis/network_roofline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/checks.hpp"
#include "core/text.hpp"
#include "mlsysim/core/constants.hpp"
#include "mlsysim/core/precision.hpp"

namespace mlsysim::analysis {

using namespace units;

node::PerformanceProfile network_roofline(const NetworkRooflineInputs& in) {
  check_required(in);
  check_bounds(in);
  const Workload& model = *in.model;
  const Fleet& fleet = *in.fleet;
  if (!(model.parameters.value_or(0.0) > 0.0)) {
    throw InputError("input.invalid", "model",
                     fmt::format("model: NetworkRooflineModel requires a workload with a "
                                 "parameter count; '{}' has none",
                                 model.name()));
  }
  node::PerformanceProfile p;
  const Hardware& acc = *fleet.node->accelerator;
  precision_warnings(acc, in.precision, /*uses_width=*/true, p.warnings);
  const double bpp = bytes_per_element(in.precision);
  const double n = static_cast<double>(fleet.total_accelerators());
  const FlopRate fleet_peak = peak_flops(acc, in.precision).q * n;
  const Bandwidth bw = fleet.fabric->bandwidth.q / fleet.fabric->oversubscription_ratio;
  detail::require_positive(fleet_peak, TFLOP_per_s, "fleet", "the fleet's peak compute",
                           fleet.name(), "the compute time divides by it");
  detail::require_positive(bw, GB_per_s, "fleet", "the fabric bandwidth", fleet.name(),
                           "the synchronization time divides by it");

  // One data-parallel step: 6·P FLOPs of training compute against a 2·P·b-byte gradient sync.
  const double params = *model.parameters;
  const Flops ops = 6.0 * params * FLOP;
  const Bytes sync = 2.0 * params * bpp * B;
  p.latency_compute = ops / (fleet_peak * in.efficiency);
  p.latency_memory = sync / bw;
  p.latency_overhead = Seconds{};
  p.latency = std::max(p.latency_compute, p.latency_memory);
  p.bottleneck = p.latency_memory > p.latency_compute ? "Network" : "Compute";
  p.arithmetic_intensity = ops / sync;
  p.throughput = 1.0 / p.latency;
  p.energy = Joules{};
  p.memory_footprint = sync;
  p.peak_flops_actual = fleet_peak * in.efficiency;
  p.peak_bw_actual = bw;
  p.mfu = std::min((ops / p.latency / fleet_peak).value(), 1.0);
  p.hfu = std::min(constants::kHfuMfuRatio * p.mfu, 1.0);
  p.feasible = true;
  const Intensity ridge = fleet_peak / bw;
  detail::note(p.constraint_trace,
               "Network Roofline: CI {} flop/B vs ridge {:.1f} flop/B; binding ceiling is {}.",
               p.arithmetic_intensity.in(FLOP_per_B), ridge.in(FLOP_per_B),
               p.bottleneck == "Network" ? "network" : "compute");
  return p;
}

}  // namespace mlsysim::analysis
