// Collective communication and fleet reliability: the closed forms the fleet resolvers share (the
// reference's formulas module, §5.1-§5.5 and §5.11). Quantities in, quantities out.
//
//   using namespace mlsysim::units;
//   collectives::ring_allreduce(1.0 * GB, 8, 50.0 * GB_per_s, 500.0 * ns).in(ms);  // 35.007
//   collectives::failure_probability(50.0 * hour, 14.0 * day);                    // 0.9988
//
// Ring all-reduce: 2(N-1)/N · M/β + 2(N-1)·α. All-to-all: (N-1)/N · M/β + (N-1)·α.
// Pipeline bubble: (P-1)/(V·M + P-1). Young-Daly: τ* = √(2·δ·MTBF). P(fail) = 1 - exp(-T/MTBF).
//
// Each function checks its own arguments and throws InputError naming the argument ("n",
// "bandwidth", ...); resolvers check their inputs first, so that the message names their field.
#pragma once

#include "mlsysim/units/units.hpp"

namespace mlsysim::collectives {

/// Per-message latency of an intra-node link (NVLink class), the reference's default α_intra.
inline constexpr units::Seconds kIntraNodeLatency = 500.0 * units::ns.size;
/// Per-message latency of an inter-node fabric when it lists none, the default α_inter.
inline constexpr units::Seconds kInterNodeLatency = 5.0 * units::us.size;

/// Ring all-reduce of `message` bytes over `n` ranks (n >= 1; 0 s for one rank; bandwidth > 0).
[[nodiscard]] units::Seconds ring_allreduce(units::Bytes message, double n,
                                            units::Bandwidth bandwidth, units::Seconds latency);

/// Binary-tree all-reduce: k = ceil(log2(max(n, 2))) levels, 2k·M/β + 2k·α (0 s for one rank).
[[nodiscard]] units::Seconds tree_allreduce(units::Bytes message, double n,
                                            units::Bandwidth bandwidth, units::Seconds latency);

/// All-to-all of `message` bytes per rank over `n` ranks (n >= 1, bandwidth > 0).
[[nodiscard]] units::Seconds all_to_all(units::Bytes message, double n, units::Bandwidth bandwidth,
                                        units::Seconds latency);

/// Two-level all-reduce (reference 0.1.1): a ring inside each node counted twice with the full
/// message (reduce-scatter and the symmetric broadcast), then a ring of M / G bytes across the
/// nodes: 2·ring(M, G, β_intra, α_intra) + ring(M/G, n_nodes, β_inter, α_inter).
[[nodiscard]] units::Seconds hierarchical_allreduce(
    units::Bytes message, double n_nodes, double gpus_per_node, units::Bandwidth intra_bandwidth,
    units::Bandwidth inter_bandwidth, units::Seconds intra_latency = kIntraNodeLatency,
    units::Seconds inter_latency = kInterNodeLatency);

/// Idle fraction of a pipeline of `stages` stages running `microbatches` micro-batches with
/// `virtual_stages` interleaved chunks per device: (P-1)/(V·M + P-1). All arguments >= 1.
[[nodiscard]] double pipeline_bubble(double stages, double microbatches,
                                     double virtual_stages = 1.0);

// ------------------------------------------------------------------------------ reliability ----

/// Component lifetimes of one node, the reference's defaults (hours).
inline constexpr units::Seconds kGpuMtbf = 50'000.0 * units::hour.size;
inline constexpr units::Seconds kNicMtbf = 150'000.0 * units::hour.size;
inline constexpr units::Seconds kPsuMtbf = 100'000.0 * units::hour.size;

/// One kind of component in a node: its MTBF and how many the node has.
struct Component {
  units::Seconds mtbf;
  double count = 0.0;
};

/// Node MTBF with independent components in series: 1/MTBF = Σ count_i / MTBF_i. Counts must be
/// >= 0 and MTBFs > 0; a node with no components never fails (∞).
[[nodiscard]] units::Seconds node_mtbf(Component gpus, Component nics, Component psus,
                                       Component other = {units::Seconds::from_si(1.0), 0.0});

/// MTBF of `n` identical units (n > 0): unit MTBF / n · correlation.
[[nodiscard]] units::Seconds cluster_mtbf(units::Seconds unit_mtbf, double n,
                                          double correlation = 1.0);

/// Probability of at least one failure in `duration` (exponential lifetimes): 1 - exp(-T/MTBF).
/// MTBF must be > 0; a negative duration gives a negative number, as in the reference.
[[nodiscard]] double failure_probability(units::Seconds mtbf, units::Seconds duration);

/// Young's optimal checkpoint interval √(2·δ·MTBF) (no "+δ" term). Both must be >= 0.
[[nodiscard]] units::Seconds young_daly_interval(units::Seconds checkpoint_time,
                                                 units::Seconds mtbf);

/// Availability of k redundant replicas of availability A: 1 - (1 - A)^k (A in [0, 1], k >= 0).
[[nodiscard]] double availability_stacked(double availability, double replicas);

/// Delivered FLOP/s: peak · MFU · scaling efficiency · goodput.
[[nodiscard]] units::FlopRate effective_flops(units::FlopRate peak, double mfu,
                                              double scaling_efficiency, double goodput);

}  // namespace mlsysim::collectives
