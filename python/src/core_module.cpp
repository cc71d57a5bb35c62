// mlsysim._core: the C++ core as seen from Python. Deliberately thin and generic: the catalog
// (every resolver, its described inputs and outputs), the registry (built-in zoo plus user YAML
// overlays, exported as JSON), and one entry point that solves a resolver from a JSON object of
// inputs. The pure-Python package `mlsysim` builds the original's API on top of these.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_writer.hpp"
#include "io/tree.hpp"
#include "io/tree_entry.hpp"
#include "mlsysim/analysis/pipeline.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/optimize/dse.hpp"
#include "mlsysim/realistic/hf_config.hpp"
#include "mlsysim/registry/export.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/realistic/calibration.hpp"
#include "mlsysim/realistic/resolvers.hpp"

namespace py = pybind11;

namespace {

using RegistryPtr = std::shared_ptr<const mlsysim::Registry>;

// A registry held by Python; shared_ptr<const T> is not a pybind11 holder, so wrap it.
struct PyRegistry {
  RegistryPtr ptr;
};

py::dict field_dict(const mlsysim::FieldSchema& f) {
  py::dict d;
  d["name"] = f.name;
  d["type"] = f.type;
  d["unit"] = f.unit;
  d["dimension"] = f.dimension;
  d["doc"] = f.doc;
  d["default_json"] = f.default_json;
  d["min"] = f.min ? py::cast(*f.min) : py::none();
  d["max"] = f.max ? py::cast(*f.max) : py::none();
  d["min_open"] = f.min_open;
  d["max_open"] = f.max_open;
  d["required"] = f.required;
  return d;
}

py::list fields(const std::vector<mlsysim::FieldSchema>& fs) {
  py::list out;
  for (const auto& f : fs) out.append(field_dict(f));
  return out;
}

using mlsysim::io::Tree;

// Python inputs -> the document tree every reader shares. Quantities and registry objects arrive
// already as {"value", "unit"} / names / ad-hoc mappings (the Python package converts them).
Tree to_tree(py::handle h, const std::string& key) {
  Tree t;
  if (h.is_none()) return t;
  if (py::isinstance<py::bool_>(h)) {
    t.kind = Tree::Kind::kBool;
    t.boolean = h.cast<bool>();
  } else if (py::isinstance<py::int_>(h)) {
    t.kind = Tree::Kind::kNumber;
    t.integral = true;
    try {
      t.number = static_cast<double>(h.cast<long long>());
    } catch (const py::cast_error&) {
      t.number = h.cast<double>();
    }
  } else if (py::isinstance<py::float_>(h)) {
    t.kind = Tree::Kind::kNumber;
    t.number = h.cast<double>();
  } else if (py::isinstance<py::str>(h)) {
    t.kind = Tree::Kind::kString;
    t.text = h.cast<std::string>();
  } else if (py::isinstance<py::dict>(h)) {
    t.kind = Tree::Kind::kMap;
    for (auto item : h.cast<py::dict>()) {
      std::string k = py::str(item.first).cast<std::string>();
      Tree v = to_tree(item.second, k);
      t.fields.emplace_back(std::move(k), std::move(v));
    }
  } else if (py::isinstance<py::list>(h) || py::isinstance<py::tuple>(h)) {
    t.kind = Tree::Kind::kList;
    std::size_t i = 0;
    for (auto item : h) t.items.push_back(to_tree(item, key + "[" + std::to_string(i++) + "]"));
  } else {
    throw mlsysim::InputError(
        "input.type", key,
        key + ": cannot read a Python " +
            py::str(py::type::of(h).attr("__name__")).cast<std::string>() +
            " (expected a number, string, bool, list, dict, quantity or registry object)");
  }
  return t;
}

py::object from_tree(const Tree& t) {
  switch (t.kind) {
    case Tree::Kind::kNull:
      return py::none();
    case Tree::Kind::kBool:
      return py::bool_(t.boolean);
    case Tree::Kind::kNumber:
      if (t.integral) return py::int_(static_cast<long long>(t.number));
      return py::float_(t.number);
    case Tree::Kind::kString:
      return py::str(t.text);
    case Tree::Kind::kList: {
      py::list l(t.items.size());
      for (std::size_t i = 0; i < t.items.size(); ++i) l[i] = from_tree(t.items[i]);
      return l;
    }
    case Tree::Kind::kMap: {
      py::dict d;
      for (const auto& [k, v] : t.fields) d[py::str(k)] = from_tree(v);
      return d;
    }
  }
  return py::none();
}

py::dict error_dict(std::string_view code, std::string_view field, std::string_view message) {
  py::dict e;
  e["code"] = std::string(code);
  e["field"] = std::string(field);
  e["message"] = std::string(message);
  py::dict d;
  d["error"] = e;
  return d;
}

// One catalog entry. The resolver objects live as long as the program (resolvers() is static).
struct PyResolver {
  const mlsysim::Resolver* r;
  mlsysim::io::TreeSolve tree_solve;

  [[nodiscard]] std::string solve_json(std::string_view json, const PyRegistry& reg) const {
    return r->solve_json(json, *reg.ptr);
  }

  // {"outputs": {...}} or {"error": {"code", "field", "message"}}, as Python objects.
  [[nodiscard]] py::object solve(const py::dict& inputs, const PyRegistry& reg) const {
    if (tree_solve == nullptr) {
      py::object json = py::module_::import("json");
      return json.attr("loads")(solve_json(json.attr("dumps")(inputs).cast<std::string>(), reg));
    }
    try {
      const Tree in = to_tree(inputs, "");
      const Tree out = tree_solve(in, *reg.ptr);
      py::dict d;
      d["outputs"] = from_tree(out);
      return d;
    } catch (const mlsysim::InputError& e) {
      return error_dict(e.code(), e.field(), e.what());
    } catch (const mlsysim::Error& e) {
      return error_dict(e.code(), "", e.what());
    } catch (const py::error_already_set&) {
      throw;
    } catch (const std::exception& e) {
      return error_dict("internal", "", e.what());
    }
  }
};

py::dict info_dict(const mlsysim::Resolver& r) {
  py::dict d;
  d["name"] = std::string(r.info.name);
  d["type"] = std::string(r.info.type);
  d["produces"] = std::string(r.info.produces);
  py::list req;
  for (auto s : r.info.requires_) req.append(std::string(s));
  d["requires"] = req;
  d["summary"] = std::string(r.info.summary);
  d["inputs"] = fields(r.inputs());
  d["outputs"] = fields(r.outputs());
  d["schema_json"] = mlsysim::schema_json(r);
  return d;
}

void write_error_object(mlsysim::io::JsonWriter& w, std::string_view code, std::string_view field,
                        std::string_view message) {
  w.begin_object();
  w.key("error");
  w.begin_object();
  w.key("code");
  w.string(code);
  w.key("field");
  w.string(field);
  w.key("message");
  w.string(message);
  w.end_object();
  w.end_object();
}

// One design-space search, as `solve DSE` runs it, with what a caller merging several searches
// (sub-spaces evaluated on other machines) needs besides: each ranked and front candidate's
// enumeration index, and the counts and diagnostics even when nothing survives. Runs without
// the GIL. {"outputs": {...DSE outputs..., "top_index": [...], "front_index": [...]}} or
// {"error": {code, field, message}, "diagnostics": [...]}.
std::string dse_search(const std::string& spec_json, const PyRegistry& reg, unsigned threads) {
  mlsysim::io::JsonWriter w;
  auto error = [&](std::string_view code, std::string_view field, std::string_view message,
                   const std::vector<std::string>& diagnostics) {
    w.clear();
    w.begin_object();
    w.key("error");
    w.begin_object();
    w.key("code");
    w.string(code);
    w.key("field");
    w.string(field);
    w.key("message");
    w.string(message);
    w.end_object();
    w.key("diagnostics");
    w.begin_array();
    for (const auto& d : diagnostics) w.string(d);
    w.end_array();
    w.end_object();
  };
  auto indices = [](const std::vector<mlsysim::dse::Candidate>& cs) {
    std::string s = "[";
    for (std::size_t i = 0; i < cs.size(); ++i) {
      s += (i ? "," : "") + std::to_string(cs[i].index);
    }
    return s + "]";
  };
  try {
    mlsysim::dse::Options options;
    options.threads = threads;
    const mlsysim::dse::Result r = mlsysim::dse::search_json(spec_json, *reg.ptr, options);
    std::string body = r.to_json();
    body.pop_back();  // the closing brace: the indices follow
    body +=
        ",\"top_index\":" + indices(r.top) + ",\"front_index\":" + indices(r.pareto_front) + "}";
    w.begin_object();
    w.key("outputs");
    w.raw(body);
    w.end_object();
  } catch (const mlsysim::dse::NoValidConfiguration& e) {
    error(e.code(), "", e.what(), e.diagnostics());
  } catch (const mlsysim::InputError& e) {
    error(e.code(), e.field(), e.what(), {});
  } catch (const mlsysim::Error& e) {
    error(e.code(), "", e.what(), {});
  } catch (const std::exception& e) {
    error("internal", "", e.what(), {});
  }
  return w.take();
}

// The stages of a Pipeline as the C++ Pipeline runs and explains them.
std::string pipeline_run(const std::vector<std::string>& stages, const std::string& inputs_json,
                         const PyRegistry& reg) {
  mlsysim::io::JsonWriter w;
  try {
    const mlsysim::analysis::Pipeline p(stages);
    const std::string out = p.run(inputs_json, *reg.ptr);
    w.begin_object();
    w.key("outputs");
    w.raw(out);
    w.end_object();
  } catch (const mlsysim::InputError& e) {
    w.clear();
    write_error_object(w, e.code(), e.field(), e.what());
  } catch (const mlsysim::Error& e) {
    w.clear();
    write_error_object(w, e.code(), "", e.what());
  }
  return w.take();
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "The mlsysim C++ core: catalog of resolvers, registry, and a generic solve entry.";

  py::class_<PyRegistry>(m, "Registry")
      .def_static(
          "builtin", [] { return PyRegistry{mlsysim::Registry::builtin()}; },
          "The built-in zoo (embedded at build time).")
      .def_static(
          "with_overlays",
          [](const std::vector<std::filesystem::path>& dirs) {
            try {
              return PyRegistry{mlsysim::Registry::with_overlays(dirs)};
            } catch (const mlsysim::Error& e) {
              throw py::value_error(e.what());
            }
          },
          py::arg("paths"),
          "The built-in zoo plus the YAML files found (recursively) in `paths`, in order.")
      .def_static(
          "from_environment",
          [](const std::vector<std::filesystem::path>& dirs) {
            try {
              return PyRegistry{mlsysim::Registry::from_environment(dirs)};
            } catch (const mlsysim::Error& e) {
              throw py::value_error(e.what());
            }
          },
          py::arg("paths"),
          "As the command line reads it: the built-in zoo, the directories in "
          "MLSYSIM_REGISTRY_PATH, then `paths`.")
      .def(
          "to_json", [](const PyRegistry& r) { return mlsysim::registry_json(*r.ptr, {}); },
          "Every entry as one JSON object keyed by path.")
      .def(
          "kind_of",
          [](const PyRegistry& r, std::string_view name) -> py::object {
            auto k = r.ptr->kind_of(name);
            if (!k) return py::none();
            return py::str(std::string(mlsysim::entry_kind_name(*k)));
          },
          py::arg("name"), "The kind of entry a name resolves to, or None.");

  py::class_<PyResolver>(m, "Resolver")
      .def("solve_json", &PyResolver::solve_json, py::arg("json"), py::arg("registry"),
           "Solves one JSON object of inputs; returns {\"outputs\": ...} or {\"error\": ...} "
           "as JSON text. Never raises.")
      .def("solve", &PyResolver::solve, py::arg("inputs"), py::arg("registry"),
           "Solves a dict of inputs (numbers, strings, lists, dicts; quantities as {value, unit}); "
           "returns {\"outputs\": ...} or {\"error\": ...}. Never raises for bad input.")
      .def_property_readonly("in_process",
                             [](const PyResolver& p) { return p.tree_solve != nullptr; })
      .def_property_readonly("name",
                             [](const PyResolver& p) { return std::string(p.r->info.name); })
      .def(
          "info", [](const PyResolver& p) { return info_dict(*p.r); },
          "Name, type, summary and the described inputs and outputs.");

  m.def(
      "resolvers",
      [] {
        py::list out;
        for (const auto& r : mlsysim::resolvers()) {
          out.append(PyResolver{&r, mlsysim::io::tree_entry(r.info.name)});
        }
        return out;
      },
      "Every resolver of the catalog, in the reference's order.");

  m.def(
      "realistic_resolver",
      [](std::string_view name) -> py::object {
        const mlsysim::Resolver* r = mlsysim::realistic::find_resolver(name);
        if (r == nullptr) return py::none();
        return py::cast(PyResolver{r, nullptr});
      },
      py::arg("name"),
      "The realistic variant of a resolver (by its canonical name), or None when it has none.");
  m.def(
      "set_calibration",
      [](const std::string& path) {
        try {
          mlsysim::realistic::Calibration::set_active(mlsysim::realistic::Calibration::load(path));
        } catch (const mlsysim::Error& e) {
          throw py::value_error(e.what());
        }
      },
      py::arg("path"),
      "Makes a calibration YAML (from `mlsysim calibrate`) the one realistic resolvers use.");
  m.def(
      "model_config_json",
      [](const std::string& path) {
        try {
          return mlsysim::model_json(*mlsysim::realistic::imported_workload(path, "path"));
        } catch (const mlsysim::Error& e) {
          throw py::value_error(e.what());
        }
      },
      py::arg("path"),
      "A Hugging Face config.json read from disk, as the zoo exports a model (JSON text).");
  m.def(
      "dse_search",
      [](const std::string& spec_json, const PyRegistry& reg, unsigned threads) {
        py::gil_scoped_release release;
        return dse_search(spec_json, reg, threads);
      },
      py::arg("spec_json"), py::arg("registry"), py::arg("threads") = 0U,
      "One design-space search (the spec `solve DSE` reads) on `threads` cores (0: every core). "
      "Returns JSON text: {\"outputs\": {..., \"top_index\", \"front_index\"}} or "
      "{\"error\": ..., \"diagnostics\": [...]}. Never raises for bad input.");
  m.def(
      "pipeline_run",
      [](const std::vector<std::string>& stages, const std::string& inputs_json,
         const PyRegistry& reg) { return pipeline_run(stages, inputs_json, reg); },
      py::arg("stages"), py::arg("inputs_json"), py::arg("registry"),
      "Runs a Pipeline of catalog resolvers; JSON text {\"outputs\": {stage: result}} or "
      "{\"error\": ...}.");
  m.def(
      "pipeline_text",
      [](const std::vector<std::string>& stages) {
        try {
          const mlsysim::analysis::Pipeline p(stages);
          return py::make_tuple(p.repr(), p.explain());
        } catch (const mlsysim::Error& e) {
          throw py::value_error(e.what());
        }
      },
      py::arg("stages"), "(repr, explain()) of a Pipeline of catalog resolvers.");
}
