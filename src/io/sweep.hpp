// Internal: the typed sweep kernel that every catalog resolver gets from its description, so a
// design-space search (optimize/dse.hpp) runs any resolver at full speed. Built once per search:
// `fixed` is parsed once into the resolver's Inputs, each candidate list once into typed values
// with a setter, each metric path once into a typed getter on the Result. A point then costs one
// setter per changed parameter, one Solve with text off (QuietScope) and one call per metric.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/binding.hpp"
#include "mlsysim/core/quiet.hpp"
#include "mlsysim/fleet/distributed.hpp"
#include "mlsysim/node/engine.hpp"

namespace mlsysim::io {

/// What a sweep needs: the fixed inputs, the parameters with their candidates (in the space's
/// order) and the metric paths the objectives and constraints read.
struct SweepPlan {
  const Tree* fixed = nullptr;  ///< a mapping of inputs, or null
  std::vector<std::pair<std::string, const std::vector<Tree>*>> params;
  std::vector<std::string> metrics;  ///< dotted paths ("latency", "performance.metrics.mfu")
};

enum class Outcome {
  kOk,          ///< evaluated; the metrics are written
  kFailed,      ///< the resolver rejected the point (the reference skips it)
  kInfeasible,  ///< a SystemEvaluation whose feasibility level did not PASS (skipped)
};

/// Evaluates points on one thread. Not thread-safe; make one per thread.
class SweepWorker {
 public:
  virtual ~SweepWorker() = default;
  /// Evaluates the point whose candidate indices are `digits` (one per parameter); on kOk writes
  /// one value per metric into `metrics` (NaN: the path led to no number).
  virtual Outcome eval(const std::uint32_t* digits, double* metrics) = 0;
  /// The message of the first failed evaluation, if any.
  [[nodiscard]] const std::string& first_error() const { return first_error_; }

 protected:
  std::string first_error_;
};

class SweepKernel {
 public:
  virtual ~SweepKernel() = default;
  [[nodiscard]] virtual std::unique_ptr<SweepWorker> worker() const = 0;
  /// Evaluates one point with text on and returns the result object as JSON; throws as the
  /// resolver does.
  [[nodiscard]] virtual std::string result_json(const std::uint32_t* digits) const = 0;
  /// Per metric path: whether it names a number of the result at all (false: always the worst).
  std::vector<bool> resolved;
  /// The result type's name, for messages.
  std::string result_name;
};

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

/// Reads one number from a result; NaN when the path reaches no number at run time.
template <class S>
using Getter = std::function<double(const S&)>;

/// A step that a result answers beyond its described fields, or a field the reference stores in
/// another unit than the display unit (errata E8, E9).
template <class S>
struct MetricHook {
  Getter<S> get;
  bool quantity = false;  ///< a quantity: `.magnitude` / `.m` may follow
};

template <class S>
struct MetricHooks {
  static std::optional<MetricHook<S>> find(std::string_view /*step*/) { return std::nullopt; }
};

/// PerformanceProfile: sizes in bytes (GB for Transformer training), peaks and bandwidths in the
/// registry unit of the one used, and the computed `energy_per_inference` (= energy).
template <>
struct MetricHooks<node::PerformanceProfile> {
  using P = node::PerformanceProfile;
  static std::optional<MetricHook<P>> find(std::string_view step) {
    using namespace units;
    if (step == "energy_per_inference") {
      return MetricHook<P>{[](const P& p) { return p.energy.in(si<kEnergy>); }, true};
    }
    if (step == "memory_footprint") {
      return MetricHook<P>{
          [](const P& p) { return p.memory_footprint.in(si<kData>) / p.stored_units.footprint; },
          true};
    }
    if (step == "offload_spill_bytes") {
      return MetricHook<P>{[](const P& p) {
                             return p.offload_spill_bytes ? p.offload_spill_bytes->in(si<kData>) /
                                                                p.stored_units.footprint
                                                          : kNoValue;
                           },
                           true};
    }
    if (step == "peak_flops_actual") {
      return MetricHook<P>{[](const P& p) {
                             return p.peak_flops_actual.in(si<kFlopRate>) /
                                    p.stored_units.peak_flops;
                           },
                           true};
    }
    if (step == "peak_bw_actual") {
      return MetricHook<P>{
          [](const P& p) { return p.peak_bw_actual.in(si<kBandwidth>) / p.stored_units.peak_bw; },
          true};
    }
    if (step == "offload_effective_bw") {
      return MetricHook<P>{[](const P& p) {
                             return p.offload_effective_bw
                                        ? p.offload_effective_bw->in(si<kBandwidth>) /
                                              p.stored_units.peak_bw
                                        : kNoValue;
                           },
                           true};
    }
    return std::nullopt;
  }
};

/// DistributedResult: a collective's latency is in seconds when it ran (degree > 1) and "0 ms"
/// otherwise; communication_latency takes the unit of the DP term.
template <>
struct MetricHooks<fleet::DistributedResult> {
  using R = fleet::DistributedResult;
  static std::optional<MetricHook<R>> find(std::string_view step) {
    using namespace units;
    auto in_s_if = [](units::Seconds R::*m, auto ran) {
      return MetricHook<R>{[m, ran](const R& r) {
                             const double s = (r.*m).in(si<kTime>);
                             return ran(r) ? s : s * 1e3;
                           },
                           true};
    };
    if (step == "dp_communication_latency" || step == "communication_latency") {
      return in_s_if(step == "dp_communication_latency" ? &R::dp_communication_latency
                                                        : &R::communication_latency,
                     [](const R& r) { return r.parallelism.dp > 1; });
    }
    if (step == "tp_communication_latency") {
      return in_s_if(&R::tp_communication_latency, [](const R& r) { return r.parallelism.tp > 1; });
    }
    if (step == "ep_communication_latency") {
      return in_s_if(&R::ep_communication_latency, [](const R& r) { return r.parallelism.ep > 1; });
    }
    return std::nullopt;
  }
};

/// After a number, a path may only go on with `.magnitude` or `.m` of a quantity.
inline bool number_tail_ok(const std::vector<std::string>& steps, std::size_t i, bool quantity) {
  if (i == steps.size()) return true;
  return quantity && i + 1 == steps.size() && (steps[i] == "magnitude" || steps[i] == "m");
}

template <class S>
Getter<S> compile_metric(const std::vector<std::string>& steps, std::size_t i);

/// A getter on a value of type T (a field's value), or none when the path can never give a number.
template <class T>
Getter<T> leaf_getter(double unit_size, const std::vector<std::string>& steps, std::size_t i) {
  if constexpr (Described<T>) {
    return compile_metric<T>(steps, i);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!number_tail_ok(steps, i, false)) return {};
    return [](const T& v) { return v ? 1.0 : 0.0; };
  } else if constexpr (std::is_arithmetic_v<T>) {
    if (!number_tail_ok(steps, i, false)) return {};
    return [](const T& v) { return static_cast<double>(v); };
  } else if constexpr (is_quantity<T>::value) {
    if (!number_tail_ok(steps, i, true)) return {};
    return [unit_size](const T& v) { return v.in(units::si<is_quantity<T>::dim>) / unit_size; };
  } else if constexpr (is_stated<T>::value) {
    if (!number_tail_ok(steps, i, true)) return {};
    return [unit_size](const T& v) {
      return v.unit.empty() ? v.q.in(units::si<is_stated<T>::dim>) / unit_size : v.magnitude;
    };
  } else if constexpr (is_any_quantity_of<T>::value) {
    if (!number_tail_ok(steps, i, true)) return {};
    return [](const T& v) { return v.magnitude(); };
  } else if constexpr (is_optional<T>::value) {
    Getter<typename T::value_type> inner = leaf_getter<typename T::value_type>(unit_size, steps, i);
    if (!inner) return {};
    return [inner](const T& v) { return v ? inner(*v) : kNoValue; };
  } else if constexpr (std::is_same_v<T, std::vector<std::pair<std::string, double>>>) {
    // A mapping: the next step is a key; a missing key is null.
    if (i + 1 != steps.size()) return {};
    return [key = steps[i]](const T& v) {
      for (const auto& [k, x] : v) {
        if (k == key) return x;
      }
      return kNoValue;
    };
  } else {
    return {};  // text, lists and references are not numbers
  }
}

template <class S>
Getter<S> compile_metric(const std::vector<std::string>& steps, std::size_t i) {
  if (i >= steps.size()) return {};  // a whole object is not a number
  const std::string& step = steps[i];
  if (auto hook = MetricHooks<S>::find(step)) {
    if (!number_tail_ok(steps, i + 1, hook->quantity)) return {};
    return std::move(hook->get);
  }
  Getter<S> out;
  bool matched = false;
  for_each_field<S>([&](const auto& fd) {
    if (matched || fd.name != step) return;
    matched = true;
    using T = typename std::decay_t<decltype(fd)>::value_type;
    Getter<T> inner = leaf_getter<T>(fd.unit_size, steps, i + 1);
    if (inner) out = [m = fd.member, inner = std::move(inner)](const S& s) { return inner(s.*m); };
  });
  return out;
}

/// Splits a metric path on ".".
inline std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> steps;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    steps.emplace_back(path.substr(start, dot == std::string_view::npos ? path.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return steps;
}

/// Sets one input field from a pre-parsed candidate list.
template <class In>
class Setter {
 public:
  virtual ~Setter() = default;
  virtual void apply(In& in, std::uint32_t k) const = 0;
};

template <class In, class T>
class FieldSetter final : public Setter<In> {
 public:
  FieldSetter(T In::*member, std::vector<T> values) : member_(member), values_(std::move(values)) {
    if constexpr (is_shared<T>::value) {
      // Points hold non-owning aliases (the owners stay here), so setting a reference on every
      // point touches no shared reference count across threads.
      owners_ = values_;
      for (auto& v : values_) v = T(std::shared_ptr<const void>(), v.get());
    }
  }
  void apply(In& in, std::uint32_t k) const override { in.*member_ = values_[k]; }

 private:
  T In::*member_;
  std::vector<T> values_;
  std::vector<T> owners_;
};

template <class Out>
concept HasFeasibilityLevel = requires(const Out& o) {
  { o.feasibility.status } -> std::convertible_to<std::string>;
};

template <class In, class Out, Out (*Solve)(const In&)>
class TypedSweep final : public SweepKernel {
 public:
  TypedSweep(const SweepPlan& plan, const Registry& registry, std::string_view resolver) {
    result_name = std::string(resolver);
    const Registry::Impl& reg = registry.impl();
    if (plan.fixed != nullptr && !plan.fixed->is_null()) {
      try {
        base_ = read_struct<In>(*plan.fixed, reg);
      } catch (const InputError& e) {
        const std::string field =
            e.field().empty() ? "evaluator.fixed" : "evaluator.fixed." + e.field();
        throw InputError(e.code(), field,
                         fmt::format("{}: {} (inputs of {})", field, e.what(), resolver));
      }
    }
    for (const auto& param : plan.params) {
      // Named references, not a structured binding: clang 14 (the fuzz build) cannot capture one.
      const auto& name = param.first;
      const auto& candidates = param.second;
      bool found = false;
      for_each_field<In>([&](const auto& fd) {
        if (found || fd.name != name) return;
        found = true;
        using T = typename std::decay_t<decltype(fd)>::value_type;
        std::vector<T> values;
        values.reserve(candidates->size());
        for (std::size_t i = 0; i < candidates->size(); ++i) {
          T v{};
          read_value(v, (*candidates)[i], fmt::format("space.{}[{}]", name, i), reg);
          values.push_back(std::move(v));
        }
        setters_.push_back(std::make_unique<FieldSetter<In, T>>(fd.member, std::move(values)));
      });
      if (!found) {
        std::vector<std::string> names;
        for_each_field<In>([&](const auto& fd) { names.emplace_back(fd.name); });
        auto near = detail::closest(name, names, 1);
        throw InputError(
            "input.unknown_field", "space." + name,
            fmt::format("space.{}: '{}' is not an input of {}{}", name, name, resolver,
                        near.empty() ? std::string() : "; did you mean '" + near.front() + "'?"));
      }
    }
    for (const auto& path : plan.metrics) {
      metrics_.push_back(compile_metric<Out>(split_path(path), 0));
      resolved.push_back(static_cast<bool>(metrics_.back()));
    }
  }

  class Worker final : public SweepWorker {
   public:
    explicit Worker(const TypedSweep& k)
        : k_(k), in_(k.base_), last_(k.setters_.size(), UINT32_MAX) {}
    Outcome eval(const std::uint32_t* digits, double* metrics) override {
      for (std::size_t p = 0; p < last_.size(); ++p) {
        if (digits[p] != last_[p]) {
          k_.setters_[p]->apply(in_, digits[p]);
          last_[p] = digits[p];
        }
      }
      QuietScope quiet;
      try {
        const Out r = Solve(in_);
        if constexpr (HasFeasibilityLevel<Out>) {
          if (r.feasibility.status != "PASS") return Outcome::kInfeasible;
        }
        for (std::size_t m = 0; m < k_.metrics_.size(); ++m) {
          metrics[m] = k_.metrics_[m] ? k_.metrics_[m](r) : kNoValue;
        }
        return Outcome::kOk;
      } catch (const std::exception& e) {
        if (first_error_.empty()) first_error_ = e.what();
        return Outcome::kFailed;
      }
    }

   private:
    const TypedSweep& k_;
    In in_;
    std::vector<std::uint32_t> last_;
  };

  [[nodiscard]] std::unique_ptr<SweepWorker> worker() const override {
    return std::make_unique<Worker>(*this);
  }

  [[nodiscard]] std::string result_json(const std::uint32_t* digits) const override {
    In in = base_;
    for (std::size_t p = 0; p < setters_.size(); ++p) setters_[p]->apply(in, digits[p]);
    const Out r = Solve(in);
    JsonWriter w;
    write_struct(w, r);
    return w.take();
  }

 private:
  In base_{};
  std::vector<std::unique_ptr<Setter<In>>> setters_;
  std::vector<Getter<Out>> metrics_;
};

}  // namespace mlsysim::io
