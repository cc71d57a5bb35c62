#include "mlsysim/core/collectives.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "mlsysim/core/error.hpp"

namespace mlsysim::collectives {

using namespace units;

namespace {

void require_at_least(double v, double lo, const char* name) {
  if (!(v >= lo))
    throw InputError::out_of_range(name, fmt::format(">= {}", lo), fmt::format("{}", v));
}

void require_positive_bw(Bandwidth bw, const char* name) {
  if (!(bw > Bandwidth{})) {
    throw InputError::out_of_range(name, "> 0 GB/s", fmt::format("{} GB/s", bw.in(GB_per_s)));
  }
}

}  // namespace

Seconds ring_allreduce(Bytes message, double n, Bandwidth bandwidth, Seconds latency) {
  require_at_least(n, 1.0, "n");
  if (n == 1.0) return Seconds{};
  require_positive_bw(bandwidth, "bandwidth");
  const double steps = n - 1.0;
  return 2.0 * steps / n * (message / bandwidth) + 2.0 * steps * latency;
}

Seconds tree_allreduce(Bytes message, double n, Bandwidth bandwidth, Seconds latency) {
  require_at_least(n, 1.0, "n");
  if (n == 1.0) return Seconds{};
  require_positive_bw(bandwidth, "bandwidth");
  const double levels = std::ceil(std::log2(std::max(n, 2.0)));
  return 2.0 * levels * (message / bandwidth) + 2.0 * levels * latency;
}

Seconds all_to_all(Bytes message, double n, Bandwidth bandwidth, Seconds latency) {
  require_at_least(n, 1.0, "n");
  require_positive_bw(bandwidth, "bandwidth");
  const double peers = n - 1.0;
  return peers / n * (message / bandwidth) + peers * latency;
}

Seconds hierarchical_allreduce(Bytes message, double n_nodes, double gpus_per_node,
                               Bandwidth intra_bandwidth, Bandwidth inter_bandwidth,
                               Seconds intra_latency, Seconds inter_latency) {
  require_at_least(gpus_per_node, 1.0, "gpus_per_node");
  const Seconds intra = ring_allreduce(message, gpus_per_node, intra_bandwidth, intra_latency);
  const Seconds inter =
      ring_allreduce(message / gpus_per_node, n_nodes, inter_bandwidth, inter_latency);
  return 2.0 * intra + inter;
}

double pipeline_bubble(double stages, double microbatches, double virtual_stages) {
  require_at_least(stages, 1.0, "stages");
  require_at_least(microbatches, 1.0, "microbatches");
  require_at_least(virtual_stages, 1.0, "virtual_stages");
  return (stages - 1.0) / (virtual_stages * microbatches + stages - 1.0);
}

Seconds node_mtbf(Component gpus, Component nics, Component psus, Component other) {
  Rate failure_rate{};
  for (const auto& [c, name] : {std::pair{gpus, "gpus"}, std::pair{nics, "nics"},
                                std::pair{psus, "psus"}, std::pair{other, "other"}}) {
    require_at_least(c.count, 0.0, name);
    if (c.count == 0.0) continue;
    if (!(c.mtbf > Seconds{})) {
      throw InputError::out_of_range(fmt::format("{}.mtbf", name), "> 0 h",
                                     fmt::format("{} h", c.mtbf.in(hour)));
    }
    failure_rate += c.count / c.mtbf;
  }
  if (failure_rate == Rate{}) return Seconds::from_si(std::numeric_limits<double>::infinity());
  return 1.0 / failure_rate;
}

Seconds cluster_mtbf(Seconds unit_mtbf, double n, double correlation) {
  if (!(n > 0.0)) throw InputError::out_of_range("n", "> 0", fmt::format("{}", n));
  return unit_mtbf / n * correlation;
}

double failure_probability(Seconds mtbf, Seconds duration) {
  if (!(mtbf > Seconds{})) {
    throw InputError::out_of_range("mtbf", "> 0 h", fmt::format("{} h", mtbf.in(hour)));
  }
  return 1.0 - std::exp(-(duration / mtbf).value());
}

Seconds young_daly_interval(Seconds checkpoint_time, Seconds mtbf) {
  if (!(checkpoint_time >= Seconds{})) {
    throw InputError::out_of_range("checkpoint_time", ">= 0 s",
                                   fmt::format("{} s", checkpoint_time.in(s)));
  }
  if (!(mtbf >= Seconds{})) {
    throw InputError::out_of_range("mtbf", ">= 0 h", fmt::format("{} h", mtbf.in(hour)));
  }
  return Seconds::from_si(std::sqrt(2.0 * checkpoint_time.in(s)*mtbf.in(s)));
}

double availability_stacked(double availability, double replicas) {
  if (!(availability >= 0.0 && availability <= 1.0)) {
    throw InputError::out_of_range("availability", "in [0, 1]", fmt::format("{}", availability));
  }
  require_at_least(replicas, 0.0, "replicas");
  return 1.0 - std::pow(1.0 - availability, replicas);
}

FlopRate effective_flops(FlopRate peak, double mfu, double scaling_efficiency, double goodput) {
  return peak * mfu * scaling_efficiency * goodput;
}

}  // namespace mlsysim::collectives
