#include "mlsysim/analysis/sensitivity.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/text.hpp"
#include "mlsysim/node/engine.hpp"

namespace mlsysim::analysis {

using namespace units;

namespace {

Seconds latency_on(const SensitivityInputs& in, std::shared_ptr<const Hardware> hw,
                   std::vector<std::string>* warnings) {
  node::PerformanceProfile p = node::solve({.model = in.model,
                                            .hardware = std::move(hw),
                                            .batch_size = in.batch_size,
                                            .precision = in.precision,
                                            .efficiency = in.efficiency});
  if (warnings) *warnings = std::move(p.warnings);
  return p.latency;
}

}  // namespace

SensitivityResult sensitivity(const SensitivityInputs& in) {
  check_required(in);
  check_bounds(in);
  SensitivityResult r;
  r.perturbation_pct = in.perturbation_pct;
  r.baseline_latency = latency_on(in, in.hardware, &r.warnings);
  const double f = 1.0 + in.perturbation_pct / 100.0;
  const Hardware& base = *in.hardware;

  // Peak FLOP/s: the default peak and every per-precision peak.
  auto faster = std::make_shared<Hardware>(base);
  faster->compute.peak_flops = base.compute.peak_flops.scaled(f);
  for (auto& [precision, peak] : faster->compute.precision_flops) peak = peak.scaled(f);
  // Memory bandwidth and capacity: the reference rebuilds the memory spec from these two values
  // alone, so on-chip SRAM and flash disappear from the perturbed device.
  auto memory_only = [&](Stated<kData> capacity, Stated<kBandwidth> bandwidth) {
    auto hw = std::make_shared<Hardware>(base);
    hw->memory = MemorySpec{};
    hw->memory.capacity = std::move(capacity);
    hw->memory.bandwidth = std::move(bandwidth);
    return hw;
  };
  const bool has_tiers = base.memory.sram_capacity || base.memory.sram_bandwidth ||
                         base.memory.flash_capacity || base.memory.flash_bandwidth;
  if (has_tiers) {
    detail::note(
        r.warnings,
        "'{}' has SRAM or flash tiers: the memory perturbations drop them, as in the reference",
        base.name());
  }

  const double t0 = r.baseline_latency.in(ms);
  auto relative = [&](std::shared_ptr<const Hardware> hw) {
    const double t = latency_on(in, std::move(hw), nullptr).in(ms);
    return t0 > 0.0 ? (t - t0) / t0 : 0.0;
  };
  r.flops_sensitivity = relative(faster);
  r.bw_sensitivity = relative(memory_only(base.memory.capacity, base.memory.bandwidth.scaled(f)));
  r.capacity_sensitivity =
      relative(memory_only(base.memory.capacity.scaled(f), base.memory.bandwidth));
  r.sensitivities = {{"peak_flops", r.flops_sensitivity},
                     {"memory_bandwidth", r.bw_sensitivity},
                     {"memory_capacity", r.capacity_sensitivity}};

  // The largest magnitude binds; ties go to the first knob.
  const auto* best = &r.sensitivities.front();
  for (const auto& s : r.sensitivities) {
    if (std::abs(s.second) > std::abs(best->second)) best = &s;
  }
  r.binding_constraint = best->first;
  detail::note(
      r.constraint_trace,
      "Sensitivity: a {}% step in {} changes the latency by {:.4g}% (baseline {} ms on {}).",
      in.perturbation_pct, best->first, 100.0 * best->second, t0, base.name());
  return r;
}

}  // namespace mlsysim::analysis
