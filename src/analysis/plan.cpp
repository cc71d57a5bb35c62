#include "mlsysim/analysis/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "io/binding.hpp"
#include "io/json_writer.hpp"
#include "io/tree.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/core/precision.hpp"
#include "registry/registry_impl.hpp"

namespace mlsysim::analysis {

using io::MapReader;
using io::Tree;

namespace {

// ------------------------------------------------------------- reading, from the description ----
// The plan is read field by field from Describe<Plan>: the same list that generates the JSON
// Schema. Every value keeps its file:line:col, so each error points into the plan.

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

void check_range(double v, const Tree& at, const std::string& key, const FieldOpts& o,
                 std::string_view unit) {
  const bool below = o.min_open ? !(v > o.min) : !(v >= o.min);
  const bool above = o.max_open ? !(v < o.max) : !(v <= o.max);
  if (!std::isfinite(v) || below || above) {
    std::string got = detail::format_number(v);
    if (!unit.empty()) got += " " + std::string(unit);
    io::fail(at, key, "input.out_of_range",
             fmt::format("{} must be {}, got {}", key,
                         std::isfinite(v) ? detail::format_bound_rule(o) : "a finite number", got));
  }
}

template <class S>
S read_described(const Tree& t, const std::string& prefix, std::string_view what);

template <class T>
void read_field(T& out, const Tree& t, const std::string& key, const FieldOpts& o,
                std::string_view unit, double unit_size) {
  if constexpr (std::is_same_v<T, int>) {
    const long long v = io::read_integer(t, key);
    check_range(static_cast<double>(v), t, key, o, "");
    out = static_cast<int>(v);
  } else if constexpr (std::is_same_v<T, double>) {
    out = io::read_number(t, key);
    check_range(out, t, key, o, "");
  } else if constexpr (std::is_same_v<T, std::string>) {
    out = io::read_string(t, key);
  } else if constexpr (io::is_quantity<T>::value) {
    out = io::read_quantity<io::is_quantity<T>::dim>(t, key);
    check_range(out.in(units::si<io::is_quantity<T>::dim>) / unit_size, t, key, o, unit);
  } else if constexpr (io::is_optional<T>::value) {
    typename T::value_type v{};
    read_field(v, t, key, o, unit, unit_size);
    out = std::move(v);
  } else if constexpr (is_vector<T>::value) {
    if (t.kind != Tree::Kind::kList) {
      io::fail(t, key, "input.type", fmt::format("{}: expected a list, got {}", key, t.describe()));
    }
    out.clear();
    for (std::size_t i = 0; i < t.items.size(); ++i) {
      typename T::value_type v{};
      read_field(v, t.items[i], fmt::format("{}[{}]", key, i), o, unit, unit_size);
      out.push_back(std::move(v));
    }
  } else if constexpr (Described<T>) {
    out = read_described<T>(t, key + ".", key);
  } else {
    static_assert(sizeof(T) == 0, "no plan reader for this type");
  }
}

template <class S>
S read_described(const Tree& t, const std::string& prefix, std::string_view what) {
  MapReader r(t, prefix, what);
  S s{};
  for_each_field<S>([&](const auto& fd) {
    const Tree* v = fd.opts.required ? &r.req(fd.name) : r.opt(fd.name);
    if (v != nullptr)
      read_field(s.*(fd.member), *v, r.key(fd.name), fd.opts, fd.unit, fd.unit_size);
  });
  r.finish();
  return s;
}

/// The node of a nested key (`workload.name`), for messages; the root when it is absent.
const Tree& node_at(const Tree& root, std::initializer_list<std::string_view> path) {
  const Tree* t = &root;
  for (auto k : path) {
    const Tree* next = t->is_map() ? t->get(k) : nullptr;
    if (next == nullptr || next->is_null()) return *t;
    t = next;
  }
  return *t;
}

std::string read_text_file(const std::filesystem::path& p, std::string_view field, const Tree* at) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) {
    const std::string msg = fmt::format("{}: file '{}' not found", field, p.string());
    if (at != nullptr) io::fail(*at, field, "input.invalid", msg);
    throw InputError("input.invalid", std::string(field), msg);
  }
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) {
    throw InputError("input.invalid", std::string(field),
                     fmt::format("{}: cannot read '{}'", field, p.string()));
  }
  return ss.str();
}

bool is_yaml_path(std::string_view s) {
  auto ends = [&](std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  };
  return ends(".yaml") || ends(".yml");
}

/// A name, or a YAML file of the registry's format (its `aliases` mean nothing outside the zoo).
template <class Ref>
auto resolve(const Tree& at, const std::string& value, std::string_view field,
             std::string_view kind, const std::filesystem::path& base_dir, Ref ref) {
  if (!is_yaml_path(value)) return ref(at, field);
  std::filesystem::path p(value);
  if (p.is_relative()) p = base_dir / p;
  const std::string text = read_text_file(p, field, &at);
  Tree t = io::tree_from_yaml(text, p.string());
  if (!t.is_map()) {
    io::fail(
        t, kind, "input.type",
        fmt::format("{}: expected a mapping of keys to values, got {}", p.string(), t.describe()));
  }
  std::erase_if(t.fields, [](const auto& kv) { return kv.first == "aliases"; });
  return ref(t, kind);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// ----------------------------------------------------------------------------- JSON Schema ------

template <class S>
void schema_object(io::JsonWriter& w, std::string_view description);

template <class T>
struct is_optional_struct : std::false_type {};
template <Described T>
struct is_optional_struct<std::optional<T>> : std::true_type {};

template <class T>
void schema_type(io::JsonWriter& w, const FieldOpts& o, std::string_view unit) {
  if constexpr (io::is_optional<T>::value) {
    schema_type<typename T::value_type>(w, o, unit);
  } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, double>) {
    w.key("type");
    w.string(std::is_same_v<T, int> ? "integer" : "number");
    if (std::isfinite(o.min)) {
      w.key(o.min_open ? "exclusiveMinimum" : "minimum");
      w.number(o.min);
    }
    if (std::isfinite(o.max)) {
      w.key(o.max_open ? "exclusiveMaximum" : "maximum");
      w.number(o.max);
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.key("type");
    w.string("string");
  } else if constexpr (io::is_quantity<T>::value) {
    // "50 GB/s" or {"value": 50, "unit": "GB/s"}; any unit of the dimension.
    w.key("x-dimension");
    w.string(units::dimension_name(io::is_quantity<T>::dim));
    w.key("x-unit");
    w.string(unit);
    w.key("oneOf");
    w.begin_array();
    w.begin_object();
    w.key("type");
    w.string("string");
    w.key("pattern");
    w.string(R"(^\s*[-+]?[0-9.]+([eE][-+]?[0-9]+)?\s*\S+\s*$)");
    w.end_object();
    w.begin_object();
    w.key("type");
    w.string("object");
    w.key("properties");
    w.begin_object();
    w.key("value");
    w.begin_object();
    w.key("type");
    w.string("number");
    w.end_object();
    w.key("unit");
    w.begin_object();
    w.key("type");
    w.string("string");
    w.end_object();
    w.end_object();
    w.key("required");
    w.begin_array();
    w.string("value");
    w.string("unit");
    w.end_array();
    w.key("additionalProperties");
    w.boolean(false);
    w.end_object();
    w.end_array();
  } else if constexpr (is_vector<T>::value) {
    using E = typename T::value_type;
    w.key("type");
    w.string("array");
    w.key("items");
    if constexpr (Described<E>) {
      schema_object<E>(w, "");
    } else {
      w.begin_object();
      schema_type<E>(w, o, unit);
      w.end_object();
    }
  } else {
    static_assert(sizeof(T) == 0, "no schema for this plan type");
  }
}

template <class S>
void schema_object(io::JsonWriter& w, std::string_view description) {
  w.begin_object();
  if (!description.empty()) {
    w.key("description");
    w.string(description);
  }
  w.key("type");
  w.string("object");
  w.key("additionalProperties");
  w.boolean(false);
  w.key("required");
  w.begin_array();
  for_each_field<S>([&](const auto& fd) {
    if (fd.opts.required) w.string(fd.name);
  });
  w.end_array();
  w.key("properties");
  w.begin_object();
  const S defaults{};
  for_each_field<S>([&](const auto& fd) {
    using T = typename std::decay_t<decltype(fd)>::value_type;
    w.key(fd.name);
    if constexpr (Described<T>) {
      schema_object<T>(w, fd.doc);
    } else if constexpr (is_optional_struct<T>::value) {
      schema_object<typename T::value_type>(w, fd.doc);
    } else {
      w.begin_object();
      w.key("description");
      w.string(fd.doc);
      schema_type<T>(w, fd.opts, fd.unit);
      const auto& d = defaults.*(fd.member);
      bool has_default = !fd.opts.required;
      if constexpr (io::is_optional<T>::value) has_default = d.has_value();
      if constexpr (is_vector<T>::value) has_default = false;
      if (has_default) {
        w.key("default");
        if constexpr (io::is_quantity<T>::value) {
          w.string(fmt::format(
              "{} {}",
              detail::format_number(d.in(units::si<io::is_quantity<T>::dim>) / fd.unit_size),
              fd.unit));
        } else {
          io::write_value(w, d, fd.unit, fd.unit_size);
        }
      }
      w.end_object();
    }
  });
  w.end_object();
  w.end_object();
}

}  // namespace

// --------------------------------------------------------------------------------- parsing -----

ResolvedPlan parse_plan(std::string_view yaml, const std::string& file,
                        const std::filesystem::path& base_dir, const Registry& registry) {
  const Tree root = io::tree_from_yaml(yaml, file);
  if (!root.is_map()) {
    io::fail(root, "plan", "input.type",
             fmt::format("plan: expected a mapping of keys (version, name, workload, hardware, "
                         "ops, constraints), got {}",
                         root.describe()));
  }
  ResolvedPlan out;
  out.plan = read_described<Plan>(root, "", "plan");
  Plan& p = out.plan;
  const Registry::Impl& reg = registry.impl();

  // Precision: one of the table's keys (the reference normalizes and checks it).
  {
    const Tree& at = node_at(root, {"hardware", "precision"});
    const std::string norm = lower(p.hardware.precision);
    bool known = false;
    (void)bytes_per_element(norm, &known);
    if (!known) {
      io::fail(at, "hardware.precision", "input.invalid",
               fmt::format("hardware.precision: '{}' is not one of fp32, tf32, bf16, fp16, fp8, "
                           "int8, int4",
                           p.hardware.precision));
    }
    p.hardware.precision = norm;
  }
  if (p.fidelity != "faithful" && p.fidelity != "realistic") {
    io::fail(node_at(root, {"fidelity"}), "fidelity", "input.invalid",
             fmt::format("fidelity: '{}' is not one of faithful, realistic", p.fidelity));
  }
  // Assertions: each bounds something.
  if (p.constraints) {
    for (std::size_t i = 0; i < p.constraints->asserts.size(); ++i) {
      const auto& a = p.constraints->asserts[i];
      const Tree* list = node_at(root, {"constraints", "assert"}).kind == Tree::Kind::kList
                             ? &node_at(root, {"constraints", "assert"})
                             : nullptr;
      const Tree& at = list != nullptr && i < list->items.size() ? list->items[i] : root;
      const std::string key = fmt::format("constraints.assert[{}]", i);
      if (!a.max && !a.min) {
        io::fail(at, key, "input.missing",
                 fmt::format("{}: assertion on '{}' gives neither max nor min", key, a.metric));
      }
      if (a.max && a.min && *a.min > *a.max) {
        io::fail(at, key, "input.invalid",
                 fmt::format("{}: min ({}) is above max ({}); no value can pass", key,
                             detail::format_number(*a.min), detail::format_number(*a.max)));
      }
    }
  }

  out.model = resolve(
      node_at(root, {"workload", "name"}), p.workload.name, "workload.name", "model", base_dir,
      [&](const Tree& t, std::string_view key) { return io::workload_ref(t, key, reg); });
  out.hardware = resolve(
      node_at(root, {"hardware", "name"}), p.hardware.name, "hardware.name", "hardware", base_dir,
      [&](const Tree& t, std::string_view key) { return io::hardware_ref(t, key, reg); });
  if (p.ops) {
    const Tree& at = node_at(root, {"ops", "region"});
    if (at.kind == Tree::Kind::kString) (void)io::grid_ref(at, "ops.region", reg);
  }

  // nodes > 1: the fleet (the reference's plan schema builds it the same way).
  const PlanHardware& h = p.hardware;
  if (h.nodes > 1) {
    const int per_node = h.accelerators_per_node.value_or(1);
    if (h.nodes % per_node != 0) {
      io::fail(node_at(root, {"hardware", "nodes"}), "hardware.nodes", "input.invalid",
               fmt::format("hardware.nodes must be divisible by hardware.accelerators_per_node "
                           "(got {} and {})",
                           h.nodes, per_node));
    }
    auto node = std::make_shared<Node>();
    node->info.name = fmt::format("{} Node", h.name);
    node->accelerator = out.hardware;
    node->accelerators_per_node = per_node;
    if (h.intra_node_bw) {
      node->intra_node_bw = units::Stated<units::kBandwidth>::of(*h.intra_node_bw);
    } else if (out.hardware->interconnect) {
      node->intra_node_bw = out.hardware->interconnect->bandwidth;
    } else {
      node->intra_node_bw = units::Stated<units::kBandwidth>::of(h.fabric_bandwidth);
    }
    auto fabric = std::make_shared<Fabric>();
    fabric->info.name = "Default Fabric";
    fabric->bandwidth = units::Stated<units::kBandwidth>::of(h.fabric_bandwidth);
    auto fleet = std::make_shared<Fleet>();
    fleet->info.name = fmt::format("{} Fleet", h.name);
    fleet->node = std::move(node);
    fleet->count = h.nodes / per_node;
    fleet->fabric = std::move(fabric);
    out.fleet = std::move(fleet);
  }
  return out;
}

ResolvedPlan load_plan(const std::filesystem::path& file, const Registry& registry) {
  const std::string text = read_text_file(file, "plan", nullptr);
  return parse_plan(text, file.string(), file.parent_path(), registry);
}

// ------------------------------------------------------------------------------ evaluation -----

SystemEvaluatorInputs evaluator_inputs(const ResolvedPlan& plan) {
  const Plan& p = plan.plan;
  SystemEvaluatorInputs in;
  in.scenario_name = p.name;
  in.model_obj = plan.model;
  in.hardware_obj = plan.hardware;
  in.batch_size = p.workload.batch_size;
  in.precision = p.hardware.precision;
  in.efficiency = p.hardware.efficiency;
  in.fleet_obj = plan.fleet;
  in.nodes = p.hardware.nodes;
  if (p.ops) in.duration_days = p.ops->duration_days;
  return in;
}

std::vector<std::pair<std::string, double>> plan_metrics(const SystemEvaluation& e) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [level, l] :
       {std::pair<std::string_view, const EvaluationLevel*>{"feasibility", &e.feasibility},
        {"performance", &e.performance},
        {"macro", &e.macro}}) {
    for (const auto& [k, v] : l->metrics) out.emplace_back(fmt::format("{}.{}", level, k), v);
  }
  return out;
}

std::string plan_metric_path(std::string_view name) {
  // The flattened names of SystemEvaluation.to_dict: f_, p_, m_.
  static constexpr std::pair<std::string_view, std::string_view> kFlat[] = {
      {"f_", "feasibility."}, {"p_", "performance."}, {"m_", "macro."}};
  for (const auto& [flat, level] : kFlat) {
    if (name.substr(0, flat.size()) == flat) {
      return std::string(level) + std::string(name.substr(flat.size()));
    }
  }
  return std::string(name);
}

std::optional<double> plan_metric(const SystemEvaluation& e, std::string_view name) {
  const std::string path = plan_metric_path(name);
  for (const auto& [k, v] : plan_metrics(e)) {
    if (k == path) return v;
  }
  return std::nullopt;
}

std::vector<Violation> check_assertions(const Plan& plan, const SystemEvaluation& e) {
  std::vector<Violation> out;
  if (!plan.constraints) return out;
  const auto metrics = plan_metrics(e);
  for (const auto& a : plan.constraints->asserts) {
    const std::optional<double> v = plan_metric(e, a.metric);
    if (!v) {
      std::string names;
      for (const auto& [k, x] : metrics) names += (names.empty() ? "" : ", ") + k;
      out.push_back({a.metric, std::nullopt,
                     fmt::format("{} is not available in evaluation metrics (this evaluation has: "
                                 "{})",
                                 a.metric, names.empty() ? "none" : names)});
      continue;
    }
    if (a.max && *v > *a.max) {
      out.push_back({a.metric, v,
                     fmt::format("{} ({:.6g}) exceeds max ({})", a.metric, *v,
                                 detail::format_number(*a.max))});
    }
    if (a.min && *v < *a.min) {
      out.push_back({a.metric, v,
                     fmt::format("{} ({:.6g}) is below min ({})", a.metric, *v,
                                 detail::format_number(*a.min))});
    }
  }
  return out;
}

std::string plan_json_schema() {
  io::JsonWriter w;
  w.begin_object();
  w.key("$schema");
  w.string("https://json-schema.org/draft/2020-12/schema");
  w.key("$id");
  w.string("https://mlsysim.dev/schema/plan.json");
  w.key("title");
  w.string("mlsysim plan");
  w.key("description");
  w.string(
      "A declarative plan for `mlsysim eval PLAN.yaml` and `mlsysim optimize ... PLAN.yaml`: "
      "a workload, the hardware (one device, or nodes accelerators as a fleet), optional "
      "operations (economics) and SLA assertions.");
  w.end_object();
  // Merge the title block with the object schema of Plan.
  std::string head = w.take();
  io::JsonWriter body;
  schema_object<Plan>(body, "");
  std::string rest = body.take();
  head.pop_back();  // '}'
  return io::pretty_json(head + "," + rest.substr(1));
}

}  // namespace mlsysim::analysis
