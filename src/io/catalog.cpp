#include "mlsysim/core/catalog.hpp"

#include <algorithm>
#include <cctype>

#include "io/domains.hpp"
#include "io/resolver_entry.hpp"
#include "mlsysim/core/walls.hpp"

namespace mlsysim {
namespace io {

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

}  // namespace io

namespace {

using io::JsonWriter;

std::vector<Resolver> build_catalog() {
  std::vector<Resolver> c;
  register_node_resolvers(c);
  register_data_resolvers(c);
  register_algorithm_resolvers(c);
  register_fleet_resolvers(c);
  register_ops_resolvers(c);
  register_analysis_resolvers(c);
  register_optimize_resolvers(c);
  register_network_roofline(c);
  register_dse(c);
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
