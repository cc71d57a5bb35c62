#include "mlsysim/core/catalog.hpp"

#include <algorithm>
#include <cctype>

#include "io/binding.hpp"
#include "mlsysim/core/walls.hpp"
#include "mlsysim/node/continuous_batching.hpp"
#include "mlsysim/node/efficiency.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/node/tail_latency.hpp"
#include "mlsysim/node/weight_streaming.hpp"

namespace mlsysim {
namespace {

using io::JsonWriter;
using io::Tree;

void write_error(JsonWriter& w, std::string_view code, std::string_view field,
                 std::string_view message) {
  w.begin_object();
  w.key("error");
  w.begin_object();
  w.key("code");
  w.string(code);
  if (!field.empty()) {
    w.key("field");
    w.string(field);
  }
  w.key("message");
  w.string(message);
  w.end_object();
  w.end_object();
}

template <class In, class Out, Out (*Solve)(const In&)>
struct Binding {
  static std::string solve_json(std::string_view json, const Registry& registry) {
    JsonWriter w;
    try {
      const Tree t = io::tree_from_json(json);
      const In in = io::read_struct<In>(t, registry.impl());
      const Out out = Solve(in);
      w.begin_object();
      w.key("outputs");
      io::write_struct(w, out);
      w.end_object();
    } catch (const InputError& e) {
      w.clear();
      write_error(w, e.code(), e.field(), e.what());
    } catch (const Error& e) {
      w.clear();
      write_error(w, e.code(), "", e.what());
    } catch (const std::exception& e) {
      w.clear();
      write_error(w, "internal", "", e.what());
    }
    return w.take();
  }

  static Evaluation evaluate(const std::vector<Setting>& settings, const Registry& registry) {
    Tree t;
    t.kind = Tree::Kind::kMap;
    for (const auto& [k, v] : settings) {
      if (t.get(k) != nullptr) {
        throw InputError("input.invalid", k, fmt::format("{}: set more than once", k));
      }
      t.fields.emplace_back(k, io::tree_from_flag(v));
    }
    const In in = io::read_struct<In>(t, registry.impl());
    const Out out = Solve(in);
    Evaluation ev;
    JsonWriter w;
    w.begin_object();
    w.key("outputs");
    io::write_struct(w, out);
    w.end_object();
    ev.json = w.take();
    for_each_field<Out>([&](const auto& fd) {
      JsonWriter one;
      io::write_value(one, out.*(fd.member), fd.unit, fd.unit_size);
      ev.outputs.push_back({std::string(fd.name), one.take(),
                            io::text_value(out.*(fd.member), fd.unit, fd.unit_size),
                            std::string(fd.doc)});
      using T = typename std::decay_t<decltype(fd)>::value_type;
      if constexpr (std::is_same_v<T, bool>) {
        if (fd.name == "feasible") ev.feasible = out.*(fd.member);
      }
    });
    return ev;
  }

  static std::vector<FieldSchema> inputs() { return io::schema_of<In>(); }
  static std::vector<FieldSchema> outputs() { return io::schema_of<Out>(); }
};

template <class In, class Out, Out (*Solve)(const In&)>
Resolver make(ResolverInfo info) {
  using B = Binding<In, Out, Solve>;
  return {std::move(info), &B::solve_json, &B::evaluate, &B::inputs, &B::outputs};
}

std::vector<Resolver> build_catalog() {
  std::vector<Resolver> c;
  c.push_back(make<node::EngineInputs, node::PerformanceProfile, &node::solve>(
      {"Engine",
       "model",
       "PerformanceProfile",
       {"workload", "hardware"},
       "Single-accelerator roofline: latency, throughput, bottleneck, memory, MFU, energy"}));
  c.push_back(make<node::EngineInputs, node::PerformanceProfile, &node::solve>(
      {"SingleNodeModel",
       "model",
       "PerformanceProfile",
       {"workload", "hardware"},
       "Engine.solve as a resolver (Walls 1 Compute and 2 Memory)"}));
  c.push_back(make<node::EfficiencyInputs, node::EfficiencyResult, &node::efficiency>(
      {"EfficiencyModel",
       "model",
       "EfficiencyResult",
       {"workload", "hardware"},
       "Achievable MFU by dominant kernel type, with occupancy and memory-stall losses"}));
  c.push_back(make<node::ServingInputs, node::ServingResult, &node::serving>(
      {"ServingModel",
       "model",
       "ServingResult",
       {"workload", "hardware"},
       "LLM serving: prefill TTFT, decode ITL and KV-cache fit (disaggregated, speculative, "
       "prompt caching)"}));
  c.push_back(make<node::ContinuousBatchingInputs, node::ContinuousBatchingResult,
                   &node::continuous_batching>(
      {"ContinuousBatchingModel",
       "model",
       "ContinuousBatchingResult",
       {"workload", "hardware"},
       "PagedAttention + continuous batching: concurrent requests, decode throughput, speed-up"}));
  c.push_back(
      make<node::WeightStreamingInputs, node::WeightStreamingResult, &node::weight_streaming>(
          {"WeightStreamingModel",
           "model",
           "WeightStreamingResult",
           {"workload", "hardware"},
           "Wafer-scale inference with weights streamed per layer: injection vs compute bound"}));
  c.push_back(make<node::TailLatencyInputs, node::TailLatencyResult, &node::tail_latency>(
      {"TailLatencyModel",
       "model",
       "TailLatencyResult",
       {"hardware"},
       "M/M/c queueing: P50/P99 latency, utilization and SLO headroom of a replica pool"}));
  return c;
}

std::string fold(std::string_view s) {
  std::string r(s);
  std::transform(r.begin(), r.end(), r.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return r;
}

}  // namespace

const std::vector<Resolver>& resolvers() {
  static const std::vector<Resolver> catalog = build_catalog();
  return catalog;
}

const Resolver& find_resolver(std::string_view name) {
  for (const auto& r : resolvers()) {
    if (r.info.name == name) return r;
  }
  for (const auto& r : resolvers()) {
    if (fold(r.info.name) == fold(name)) return r;
  }
  std::vector<std::string> names;
  for (const auto& r : resolvers()) names.emplace_back(r.info.name);
  throw UnknownEntry("resolver", std::string(name), "resolver", detail::closest(name, names, 3));
}

std::string schema_json(const Resolver& r) {
  JsonWriter w;
  auto fields = [&](const std::vector<FieldSchema>& fs, bool inputs) {
    w.begin_array();
    for (const auto& f : fs) {
      w.begin_object();
      w.key("name");
      w.string(f.name);
      w.key("type");
      w.string(f.type);
      if (!f.unit.empty()) {
        w.key("unit");
        w.string(f.unit);
      }
      if (!f.dimension.empty()) {
        w.key("dimension");
        w.string(f.dimension);
      }
      if (inputs) {
        w.key("required");
        w.boolean(f.required);
        w.key("default");
        w.raw(f.default_json);
        if (f.min) {
          w.key(f.min_open ? "exclusive_minimum" : "minimum");
          w.number(*f.min);
        }
        if (f.max) {
          w.key(f.max_open ? "exclusive_maximum" : "maximum");
          w.number(*f.max);
        }
      }
      w.key("doc");
      w.string(f.doc);
      w.end_object();
    }
    w.end_array();
  };
  w.begin_object();
  w.key("resolver");
  w.string(r.info.name);
  w.key("type");
  w.string(r.info.type);
  w.key("summary");
  w.string(r.info.summary);
  w.key("walls");
  w.begin_array();
  for (const Wall* wall : walls_for_resolver(r.info.name)) {
    w.begin_object();
    w.key("number");
    w.integer(wall->number);
    w.key("name");
    w.string(wall->name);
    w.key("domain");
    w.string(domain_name(wall->domain));
    w.end_object();
  }
  w.end_array();
  w.key("requires");
  w.begin_array();
  for (auto q : r.info.requires_) w.string(q);
  w.end_array();
  w.key("produces");
  w.string(r.info.produces);
  w.key("inputs");
  fields(r.inputs(), true);
  w.key("outputs");
  fields(r.outputs(), false);
  w.end_object();
  return w.take();
}

}  // namespace mlsysim
