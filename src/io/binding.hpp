// Internal: the generic bridge between described structs and the document tree / JSON. Every
// resolver's catalog entry is an instantiation of these templates; nothing here is written per
// resolver.
#pragma once

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/suggest.hpp"
#include "io/json_writer.hpp"
#include "io/tree.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/describe.hpp"
#include "registry/registry_impl.hpp"

namespace mlsysim::io {

template <class T>
struct is_quantity : std::false_type {};
template <units::Dim D>
struct is_quantity<units::Quantity<D>> : std::true_type {
  static constexpr units::Dim dim = D;
};
/// A run-time quantity that may have one of a few dimensions (units::AnyQuantityOf).
template <class T>
struct is_any_quantity_of : std::false_type {};
template <units::Dim... Ds>
struct is_any_quantity_of<units::AnyQuantityOf<Ds...>> : std::true_type {};
/// A quantity that keeps the unit it was given in (read and written as stated).
template <class T>
struct is_stated : std::false_type {};
template <units::Dim D>
struct is_stated<units::Stated<D>> : std::true_type {
  static constexpr units::Dim dim = D;
};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_shared : std::false_type {};
template <class T>
struct is_shared<std::shared_ptr<const T>> : std::true_type {
  using element = T;
};

// ------------------------------------------------------------------------------- reading -------

template <class T>
void read_value(T& out, const Tree& t, const std::string& key, const Registry::Impl& reg) {
  if constexpr (std::is_same_v<T, bool>) {
    out = read_bool(t, key);
  } else if constexpr (std::is_integral_v<T>) {
    const long long v = read_integer(t, key);
    if (v < static_cast<long long>(std::numeric_limits<T>::min()) ||
        v > static_cast<long long>(std::numeric_limits<T>::max())) {
      fail(t, key, "input.out_of_range", fmt::format("{}: {} is out of range", key, v));
    }
    out = static_cast<T>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    out = read_number(t, key);
  } else if constexpr (std::is_same_v<T, std::string>) {
    out = read_string(t, key);
  } else if constexpr (is_quantity<T>::value) {
    out = read_quantity<is_quantity<T>::dim>(t, key);
  } else if constexpr (is_any_quantity_of<T>::value) {
    units::AnyQuantity q = read_any_quantity(t, key);
    if (!T::allows(q.dim())) {
      fail(t, key, "input.unit",
           T::what_expected(key) + ", got '" + q.str() + "' (" + units::dimension_name(q.dim()) +
               ")");
    }
    out = T(std::move(q), key);
  } else if constexpr (is_stated<T>::value) {
    out = read_stated<is_stated<T>::dim>(t, key);
  } else if constexpr (is_optional<T>::value) {
    if (t.is_null()) {
      out.reset();
    } else {
      typename T::value_type v{};
      read_value(v, t, key, reg);
      out = std::move(v);
    }
  } else if constexpr (is_vector<T>::value) {
    if (t.kind != Tree::Kind::kList) {
      fail(t, key, "input.type", fmt::format("{}: expected a list, got {}", key, t.describe()));
    }
    out.clear();
    for (std::size_t i = 0; i < t.items.size(); ++i) {
      typename T::value_type v{};
      read_value(v, t.items[i], fmt::format("{}[{}]", key, i), reg);
      out.push_back(std::move(v));
    }
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Hardware>>) {
    out = t.is_null() ? nullptr : hardware_ref(t, key, reg);
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Workload>>) {
    out = t.is_null() ? nullptr : workload_ref(t, key, reg);
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Fleet>>) {
    out = t.is_null() ? nullptr : fleet_ref(t, key, reg);
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Fabric>>) {
    out = t.is_null() ? nullptr : fabric_ref(t, key, reg);
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Node>>) {
    out = t.is_null() ? nullptr : node_ref(t, key, reg);
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Grid>>) {
    out = t.is_null() ? nullptr : grid_ref(t, key, reg);
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Datacenter>>) {
    out = t.is_null() ? nullptr : datacenter_ref(t, key, reg);
  } else {
    static_assert(sizeof(T) == 0, "no reader for this input type");
  }
}

/// Fills a described struct from a mapping; unknown keys are errors with "did you mean".
template <class S>
S read_struct(const Tree& t, const Registry::Impl& reg) {
  if (!t.is_map()) {
    throw InputError("input.type", "",
                     fmt::format("expected a JSON object of inputs, got {}", t.describe()));
  }
  S s{};
  for (const auto& kv : t.fields) {
    // Named references, not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const std::string& key = kv.first;
    const Tree& value = kv.second;
    bool found = false;
    for_each_field<S>([&](const auto& fd) {
      if (found || fd.name != key) return;
      found = true;
      read_value(s.*(fd.member), value, key, reg);
    });
    if (!found) {
      std::vector<std::string> names;
      for_each_field<S>([&](const auto& fd) { names.emplace_back(fd.name); });
      auto near = detail::closest(key, names, 1);
      throw InputError(
          "input.unknown_field", key,
          fmt::format("unknown input '{}'{}", key,
                      near.empty() ? std::string() : "; did you mean '" + near.front() + "'?"));
    }
  }
  return s;
}

// ------------------------------------------------------------------------------- writing -------

template <class W, class S>
void write_struct(W& w, const S& s);

template <class E>
std::string entity_label(const E& e) {
  return e.info.path.empty() ? e.info.name : e.info.path;
}

/// Writes one value with a JsonWriter (JSON text) or a TreeWriter (an in-process tree).
template <class W, class T>
void write_value(W& w, const T& v, std::string_view unit, double unit_size) {
  if constexpr (std::is_same_v<T, bool>) {
    w.boolean(v);
  } else if constexpr (std::is_integral_v<T>) {
    w.integer(static_cast<long long>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    w.number(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.string(v);
  } else if constexpr (is_quantity<T>::value) {
    w.begin_object();
    w.plain_key("value");
    w.number(v.in(units::si<is_quantity<T>::dim>) / unit_size);
    w.plain_key("unit");
    w.string(unit);
    w.end_object();
  } else if constexpr (is_any_quantity_of<T>::value) {
    w.begin_object();
    w.plain_key("value");
    w.number(v.magnitude());
    w.plain_key("unit");
    w.string(v.unit());
    w.end_object();
  } else if constexpr (is_stated<T>::value) {
    // In its stated unit; a value stated in SI (built in code) is written in the display unit.
    w.begin_object();
    w.plain_key("value");
    w.number(v.unit.empty() ? v.q.in(units::si<is_stated<T>::dim>) / unit_size : v.magnitude);
    w.plain_key("unit");
    w.string(v.unit.empty() ? unit : std::string_view(v.unit));
    w.end_object();
  } else if constexpr (is_optional<T>::value) {
    if (v) {
      write_value(w, *v, unit, unit_size);
    } else {
      w.null();
    }
  } else if constexpr (std::is_same_v<T, std::vector<std::pair<std::string, double>>>) {
    w.begin_object();
    for (const auto& [k, x] : v) {
      w.key(k);
      w.number(x);
    }
    w.end_object();
  } else if constexpr (is_vector<T>::value) {
    w.begin_array();
    for (const auto& x : v) write_value(w, x, unit, unit_size);
    w.end_array();
  } else if constexpr (is_shared<T>::value) {
    if (v) {
      w.string(entity_label(*v));
    } else {
      w.null();
    }
  } else if constexpr (Described<T>) {
    write_struct(w, v);
  } else {
    static_assert(sizeof(T) == 0, "no writer for this output type");
  }
}

template <class W, class S>
void write_struct(W& w, const S& s) {
  w.begin_object();
  for_each_field<S>([&](const auto& fd) {
    w.plain_key(fd.name);
    write_value(w, s.*(fd.member), fd.unit, fd.unit_size);
  });
  w.end_object();
}

/// A number for humans: 6 significant digits; from a million up (below 1e15), the whole number
/// with thousands separators (8,298,030 rather than 8.29803e+06).
std::string human_number(double x);

/// A number and its unit for humans ("5.6034 ms"; the bare number when the unit is empty).
inline std::string human_number(double x, std::string_view unit) {
  return unit.empty() ? human_number(x) : human_number(x) + " " + std::string(unit);
}

/// A value for humans: numbers as human_number gives them, quantities with their unit.
template <class T>
std::string text_value(const T& v, std::string_view unit, double unit_size) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_integral_v<T>) {
    return fmt::format("{}", v);
  } else if constexpr (std::is_floating_point_v<T>) {
    return human_number(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return v;
  } else if constexpr (is_quantity<T>::value) {
    return human_number(v.in(units::si<is_quantity<T>::dim>) / unit_size, unit);
  } else if constexpr (is_any_quantity_of<T>::value) {
    return human_number(v.magnitude(), v.unit());
  } else if constexpr (is_stated<T>::value) {
    if (v.unit.empty()) return text_value(v.q, unit, unit_size);
    return human_number(v.magnitude, v.unit);
  } else if constexpr (is_optional<T>::value) {
    return v ? text_value(*v, unit, unit_size) : std::string("-");
  } else if constexpr (std::is_same_v<T, std::vector<std::pair<std::string, double>>>) {
    std::string out;
    for (const auto& [k, x] : v)
      out += fmt::format("{}{}={}", out.empty() ? "" : ", ", k, human_number(x));
    return out;
  } else if constexpr (is_vector<T>::value) {
    std::string out;
    for (const auto& x : v) {
      if (!out.empty()) out.push_back('\n');
      out += text_value(x, unit, unit_size);
    }
    return out;
  } else if constexpr (is_shared<T>::value) {
    return v ? entity_label(*v) : std::string("-");
  } else if constexpr (Described<T>) {
    // A struct inside a list (say, one candidate of an optimizer): "name=value, ..." on one line,
    // a nested struct in parentheses.
    std::string out;
    for_each_field<T>([&](const auto& fd) {
      using F = typename std::decay_t<decltype(fd)>::value_type;
      std::string x = text_value(v.*(fd.member), fd.unit, fd.unit_size);
      if constexpr (Described<F>) x = "(" + x + ")";
      if (!out.empty()) out += ", ";
      out += fmt::format("{}={}", fd.name, x);
    });
    return out;
  } else {
    static_assert(sizeof(T) == 0, "no text form for this output type");
  }
}

// ------------------------------------------------------------------------------- schema --------

template <class T>
std::string type_name() {
  if constexpr (std::is_same_v<T, bool>) {
    return "bool";
  } else if constexpr (std::is_integral_v<T>) {
    return "int";
  } else if constexpr (std::is_floating_point_v<T>) {
    return "number";
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "string";
  } else if constexpr (is_quantity<T>::value || is_any_quantity_of<T>::value ||
                       is_stated<T>::value) {
    return "quantity";
  } else if constexpr (is_optional<T>::value) {
    return type_name<typename T::value_type>();
  } else if constexpr (std::is_same_v<T, std::vector<std::pair<std::string, double>>>) {
    return "map of numbers";
  } else if constexpr (is_vector<T>::value) {
    return "list of " + type_name<typename T::value_type>();
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Hardware>>) {
    return "HardwareNode";
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Workload>>) {
    return "Workload";
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Fleet>>) {
    return "Fleet";
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Fabric>>) {
    return "NetworkFabric";
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Node>>) {
    return "Node";
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Grid>>) {
    return "GridProfile";
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Datacenter>>) {
    return "Datacenter";
  } else {
    return "object";
  }
}

template <class T>
std::string dimension_of() {
  if constexpr (is_quantity<T>::value) {
    return units::dimension_name(is_quantity<T>::dim);
  } else if constexpr (is_any_quantity_of<T>::value) {
    return T::allowed_names();
  } else if constexpr (is_stated<T>::value) {
    return units::dimension_name(is_stated<T>::dim);
  } else if constexpr (is_optional<T>::value) {
    return dimension_of<typename T::value_type>();
  } else {
    return {};
  }
}

template <class S>
std::vector<FieldSchema> schema_of() {
  std::vector<FieldSchema> out;
  const S defaults{};
  for_each_field<S>([&](const auto& fd) {
    using T = typename std::decay_t<decltype(fd)>::value_type;
    FieldSchema f;
    f.name = std::string(fd.name);
    f.type = type_name<T>();
    f.unit = std::string(fd.unit);
    f.dimension = dimension_of<T>();
    f.doc = std::string(fd.doc);
    f.required = fd.opts.required;
    JsonWriter w;
    write_value(w, defaults.*(fd.member), fd.unit, fd.unit_size);
    f.default_json = fd.opts.required ? "null" : w.take();
    if (std::isfinite(fd.opts.min)) f.min = fd.opts.min;
    if (std::isfinite(fd.opts.max)) f.max = fd.opts.max;
    f.min_open = fd.opts.min_open;
    f.max_open = fd.opts.max_open;
    out.push_back(std::move(f));
  });
  return out;
}

}  // namespace mlsysim::io
