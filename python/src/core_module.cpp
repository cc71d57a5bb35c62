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

#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/registry/export.hpp"
#include "mlsysim/registry/registry.hpp"

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

// One catalog entry. The resolver objects live as long as the program (resolvers() is static).
struct PyResolver {
  const mlsysim::Resolver* r;
  [[nodiscard]] std::string solve_json(std::string_view json, const PyRegistry& reg) const {
    return r->solve_json(json, *reg.ptr);
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

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "The mlsysim C++ core: catalog of resolvers, registry, and a generic solve entry.";

  py::class_<PyRegistry>(m, "Registry")
      .def_static("builtin", [] { return PyRegistry{mlsysim::Registry::builtin()}; },
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
      .def_property_readonly("name", [](const PyResolver& p) { return std::string(p.r->info.name); })
      .def("info", [](const PyResolver& p) { return info_dict(*p.r); },
           "Name, type, summary and the described inputs and outputs.");

  m.def(
      "resolvers",
      [] {
        py::list out;
        for (const auto& r : mlsysim::resolvers()) out.append(PyResolver{&r});
        return out;
      },
      "Every resolver of the catalog, in the reference's order.");
}
