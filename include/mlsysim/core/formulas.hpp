// Closed-form equations shared by the resolvers (the reference's formulas module).
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/core/constants.hpp"
#include "mlsysim/units/quantity.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::formulas {

/// Activation bytes: L · c · S · B · H · precision_bytes with c = 2 (full recomputation),
/// 10 (selective), 34 (none).
[[nodiscard]] units::Bytes activation_memory(double layers, double seq_len, double batch,
                                             double hidden, double precision_bytes,
                                             std::string_view strategy);

/// Paged KV cache: sequence length padded to whole pages. `fragmentation` is the padded fraction.
struct PagedKv {
  units::Bytes bytes;
  double fragmentation = 0.0;
};
[[nodiscard]] PagedKv paged_kv_cache_size(double layers, double kv_heads, double head_dim,
                                          double seq_len, double batch, double page_size,
                                          double bytes_per_element);

enum class Bound { kCompute, kMemory };
[[nodiscard]] std::string_view bound_name(Bound b);  // "Compute" / "Memory"

/// The roofline decision: memory-bound iff the memory time strictly exceeds the compute time.
struct Roofline {
  units::Seconds compute_time;
  units::Seconds memory_time;
  Bound bound = Bound::kCompute;
  units::Intensity intensity;  ///< ops / bytes (0 when there is no compute)
};
[[nodiscard]] Roofline bottleneck(units::Flops ops, units::Bytes bytes, units::FlopRate rate,
                                  units::Bandwidth bandwidth);

/// M/M/c queue (Erlang C). Unstable (λ ≥ cμ or μ = 0) gives ρ = 1 and infinite waits.
struct QueueWaits {
  double utilization = 0.0;
  double wait_probability = 0.0;
  units::Seconds p50_wait;
  units::Seconds p99_wait;
  bool stable = true;
};
[[nodiscard]] QueueWaits mmc_queue(double arrival_rate, double service_rate, double servers);

/// Average accelerator power at a model FLOPs utilization: TDP · (0.3 + 0.7 · MFU).
[[nodiscard]] inline units::Watts average_power(units::Watts tdp, double mfu) {
  return tdp * (constants::kIdlePowerFraction + constants::kDynamicPowerFraction * mfu);
}

/// calc_checkpoint_size: parameters · bytes per parameter (14 with Adam: fp16 weights, fp32
/// master weights and two fp32 moments; 4 otherwise).
[[nodiscard]] inline units::Bytes checkpoint_size(double params, double bytes_per_param) {
  return params * bytes_per_param * units::B;
}

}  // namespace mlsysim::formulas
