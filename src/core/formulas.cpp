#include "mlsysim/core/formulas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "mlsysim/units/units.hpp"

namespace mlsysim::formulas {

using namespace units;

Bytes activation_memory(double layers, double seq_len, double batch, double hidden,
                        double precision_bytes, std::string_view strategy) {
  double c = 34.0;
  if (strategy == "full") {
    c = 2.0;
  } else if (strategy == "selective") {
    c = 10.0;
  }
  const double per_layer = c * seq_len * batch * hidden * precision_bytes;
  return layers * per_layer * B;
}

PagedKv paged_kv_cache_size(double layers, double kv_heads, double head_dim, double seq_len,
                            double batch, double page_size, double bytes_per_element) {
  const double padded = std::ceil(seq_len / page_size) * page_size;
  const double frag = padded <= 0 ? 0.0 : (padded - seq_len) / padded;
  const double bytes = 2.0 * layers * kv_heads * head_dim * padded * batch * bytes_per_element;
  return {bytes * B, frag};
}

std::string_view bound_name(Bound b) { return b == Bound::kMemory ? "Memory" : "Compute"; }

Roofline bottleneck(Flops ops, Bytes bytes, FlopRate rate, Bandwidth bandwidth) {
  const Seconds tc = ops / rate;
  const Seconds tm = bytes / bandwidth;
  constexpr double kTiny = 1e-15;  // ms
  if (tc.in(ms) < kTiny) return {Seconds{}, tm, Bound::kMemory, Intensity{}};
  if (tm.in(ms) < kTiny) {
    return {tc, Seconds{}, Bound::kCompute,
            Intensity::from_si(std::numeric_limits<double>::infinity())};
  }
  return {tc, tm, tm > tc ? Bound::kMemory : Bound::kCompute, ops / bytes};
}

QueueWaits mmc_queue(double arrival_rate, double service_rate, double servers) {
  const double c = std::max(1.0, std::trunc(servers));
  const double inf = std::numeric_limits<double>::infinity();
  if (arrival_rate >= c * service_rate || service_rate == 0.0) {
    return {1.0, 1.0, inf * s, inf * s, false};
  }
  const double rho = arrival_rate / (c * service_rate);
  const double a = c * rho;
  // Erlang C through the Erlang B recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), which never
  // overflows and needs no logarithms: C = B / (1 − ρ(1 − B)). The reference evaluates the same
  // probability as a log-sum-exp over the Erlang C terms; the two agree to rounding.
  double erlang_b = 1.0;
  const auto n = static_cast<long long>(c);
  for (long long k = 1; k <= n; ++k) {
    erlang_b = a * erlang_b / (static_cast<double>(k) + a * erlang_b);
  }
  double p_wait = erlang_b / (1.0 - rho * (1.0 - erlang_b));
  p_wait = std::clamp(p_wait, 0.0, 1.0);
  const double r = c * service_rate * (1.0 - rho);
  const double p50 = p_wait < 0.5 ? 0.0 : -std::log(0.5 / p_wait) / r;
  const double p99 = p_wait < 0.01 ? 0.0 : -std::log(0.01 / p_wait) / r;
  return {rho, p_wait, p50 * s, p99 * s, true};
}

}  // namespace mlsysim::formulas
