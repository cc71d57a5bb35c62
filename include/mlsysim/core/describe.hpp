// One description per struct. C++20 has no reflection, so each resolver's Inputs and Result
// struct lists its fields once: name (the reference's spelling), member, unit, doc, and for inputs
// the allowed range. JSON/YAML parsing, CLI flags, `mlsysim schema`, the table renderer, the
// Python bindings and input validation all read this one list.
//
//   template <> struct Describe<EngineInputs> {
//     static constexpr auto fields() {
//       return std::tuple{field("batch_size", &EngineInputs::batch_size, "samples per step",
//                               {.min = 1})};
//     }
//   };
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "mlsysim/core/error.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim {

/// Specialized for every described struct.
template <class S>
struct Describe;

template <class S>
concept Described = requires {
  Describe<S>::fields();
};

/// The allowed range of a numeric input (inclusive unless *_open) and whether it is required.
struct FieldOpts {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  bool max_open = false;
  bool required = false;
};

template <class S, class T>
struct Field {
  using struct_type = S;
  using value_type = T;
  std::string_view name;
  T S::*member;
  std::string_view doc;
  std::string_view unit;   ///< display unit of a quantity field ("ms"), empty otherwise
  double unit_size = 1.0;  ///< SI size of the display unit
  FieldOpts opts{};
};

/// A plain field (numbers, flags, strings, registry references, nested results).
template <class S, class T>
constexpr Field<S, T> field(std::string_view name, T S::*member, std::string_view doc,
                            FieldOpts opts = {}) {
  return {name, member, doc, {}, 1.0, opts};
}

/// A quantity field, shown and written in `unit`.
template <class S, class T, units::Dim D>
constexpr Field<S, T> field(std::string_view name, T S::*member, const units::Unit<D>& unit,
                            std::string_view doc, FieldOpts opts = {}) {
  return {name, member, doc, unit.symbol, unit.size.in(units::si<D>), opts};
}

/// The field list of S, built once at compile time.
template <class S>
inline constexpr auto fields_of = Describe<S>::fields();

/// Calls f(field) for every described field of S.
template <class S, class F>
constexpr void for_each_field(F&& f) {
  std::apply([&](const auto&... fd) { (f(fd), ...); }, fields_of<S>);
}

/// The number of described fields of S.
template <class S>
constexpr std::size_t field_count() {
  return std::tuple_size_v<decltype(Describe<S>::fields())>;
}

namespace detail {
std::string format_bound_rule(const FieldOpts& o);
std::string format_number(double v);

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_quantity : std::false_type {};
template <units::Dim D>
struct is_quantity<units::Quantity<D>> : std::true_type {};
}  // namespace detail

/// Checks every numeric field of `s` against its described range; throws InputError
/// ("batch_size must be >= 1, got 0"). Quantity fields are checked in their display unit
/// ("cpu_throughput must be > 0, got 0 GB/s"). Non-finite numbers are always rejected.
template <class S>
void check_bounds(const S& s) {
  for_each_field<S>([&](const auto& fd) {
    using T = typename std::decay_t<decltype(fd)>::value_type;
    auto check = [&](double v) {
      const FieldOpts& o = fd.opts;
      const bool below = o.min_open ? !(v > o.min) : !(v >= o.min);
      const bool above = o.max_open ? !(v < o.max) : !(v <= o.max);
      if (!std::isfinite(v) || below || above) {
        std::string got = detail::format_number(v);
        if (!fd.unit.empty()) got += " " + std::string(fd.unit);
        throw InputError::out_of_range(
            std::string(fd.name),
            std::isfinite(v) ? detail::format_bound_rule(o) : "a finite number", got);
      }
    };
    auto check_value = [&](const auto& v) {
      using V = std::decay_t<decltype(v)>;
      if constexpr (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>) {
        check(static_cast<double>(v));
      } else if constexpr (detail::is_quantity<V>::value) {
        check(v.in(units::si<V::dimension>) / fd.unit_size);
      }
    };
    if constexpr (detail::is_optional<T>::value) {
      if (const auto& v = s.*(fd.member)) check_value(*v);
    } else {
      check_value(s.*(fd.member));
    }
  });
}

/// Throws InputError (input.missing) for a required field that is empty: a null reference, or an
/// optional number with no value (a required input that has no default, such as `seq_len`).
template <class S>
void check_required(const S& s) {
  for_each_field<S>([&](const auto& fd) {
    using T = typename std::decay_t<decltype(fd)>::value_type;
    bool missing = false;
    if constexpr (requires(const T& t) { t == nullptr; }) {
      missing = s.*(fd.member) == nullptr;
    } else if constexpr (detail::is_optional<T>::value) {
      missing = !(s.*(fd.member)).has_value();
    }
    if (fd.opts.required && missing) {
      throw InputError("input.missing", std::string(fd.name),
                       std::string(fd.name) + ": required input is missing");
    }
  });
}

}  // namespace mlsysim
