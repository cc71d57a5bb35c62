// Internal: turns a resolver's pure function and its described Inputs / Result into a catalog
// entry (`solve --jsonl`, `solve --set`, schema). Each domain registers its resolvers with
// `make_resolver<Inputs, Result, &solve>(info)` in its own `src/<domain>/catalog.cpp`; nothing
// here is written per resolver.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/binding.hpp"
#include "io/sweep.hpp"
#include "io/tree_entry.hpp"
#include "io/tree_writer.hpp"
#include "mlsysim/core/catalog.hpp"

namespace mlsysim::io {

void write_error(JsonWriter& w, std::string_view code, std::string_view field,
                 std::string_view message);

/// One row per output field for humans; a nested result (the detail of a resolver that another one
/// builds on) becomes one row per field of its own, named `outer.inner`, except its notes
/// (`constraint_trace`, `warnings`), which stay in the JSON: the outer result reports them.
template <class S>
void add_rows(std::vector<OutputValue>& rows, const S& s, const std::string& prefix) {
  for_each_field<S>([&](const auto& fd) {
    using T = typename std::decay_t<decltype(fd)>::value_type;
    const T& v = s.*(fd.member);
    std::string name = prefix + std::string(fd.name);
    if constexpr (Described<T>) {
      add_rows(rows, v, name + ".");
    } else if (!prefix.empty() && (fd.name == "constraint_trace" || fd.name == "warnings")) {
      return;
    } else {
      JsonWriter one;
      write_value(one, v, fd.unit, fd.unit_size);
      rows.push_back(
          {std::move(name), one.take(), text_value(v, fd.unit, fd.unit_size), std::string(fd.doc)});
    }
  });
}

/// A result as the command line shows it: its JSON, one row per output and its feasibility.
template <class Out>
Evaluation evaluation_of(const Out& out) {
  Evaluation ev;
  JsonWriter w;
  w.begin_object();
  w.key("outputs");
  write_struct(w, out);
  w.end_object();
  ev.json = w.take();
  add_rows(ev.outputs, out, "");
  for_each_field<Out>([&](const auto& fd) {
    using T = typename std::decay_t<decltype(fd)>::value_type;
    if constexpr (std::is_same_v<T, bool>) {
      if (fd.name == "feasible" || fd.name == "is_feasible") ev.feasible = out.*(fd.member);
    }
  });
  return ev;
}

template <class In, class Out, Out (*Solve)(const In&)>
struct Binding {
  static std::string solve_json(std::string_view json, const Registry& registry) {
    JsonWriter w;
    try {
      const Tree t = tree_from_json(json);
      const In in = read_struct<In>(t, registry.impl());
      const Out out = Solve(in);
      w.begin_object();
      w.key("outputs");
      write_struct(w, out);
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
      t.fields.emplace_back(k, tree_from_flag(v));
    }
    const In in = read_struct<In>(t, registry.impl());
    return evaluation_of(Solve(in));
  }

  /// The in-process entry (io/tree_entry.hpp): no JSON text; errors are thrown.
  static Tree solve_tree(const Tree& t, const Registry& registry) {
    const In in = read_struct<In>(t, registry.impl());
    const Out out = Solve(in);
    TreeWriter w;
    write_struct(w, out);
    return w.take();
  }

  static std::unique_ptr<SweepKernel> sweep(const SweepPlan& plan, const Registry& registry,
                                            std::string_view name) {
    return std::make_unique<TypedSweep<In, Out, Solve>>(plan, registry, name);
  }

  static std::vector<FieldSchema> inputs() { return schema_of<In>(); }
  static std::vector<FieldSchema> outputs() { return schema_of<Out>(); }
};

template <class In, class Out, Out (*Solve)(const In&)>
Resolver make_resolver(ResolverInfo info) {
  using B = Binding<In, Out, Solve>;
  register_tree_entry(info.name, &B::solve_tree);
  return {std::move(info), &B::solve_json, &B::evaluate, &B::inputs, &B::outputs, &B::sweep};
}

}  // namespace mlsysim::io
