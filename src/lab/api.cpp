#include "lab/api.hpp"

#include <fmt/format.h>

#include <exception>

#include "io/json_writer.hpp"
#include "io/resolver_entry.hpp"
#include "io/tree.hpp"
#include "lab/assets.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/registry/export.hpp"
#include "optimize/dse_engine.hpp"
#include "viz/plot_api.hpp"

namespace mlsysim::lab {
namespace {

constexpr std::string_view kJson = "application/json";

ApiResponse error(int status, std::string_view code, std::string_view field,
                  std::string_view message) {
  return {status, std::string(kJson), error_json(code, field, message) + "\n"};
}

ApiResponse not_found(std::string_view path) {
  return error(404, "http.not_found", "path", fmt::format("no such path: {}", path));
}

ApiResponse wrong_method(std::string_view method, std::string_view path, std::string_view allowed) {
  return error(405, "http.method_not_allowed", "method",
               fmt::format("{} {}: expected {}", method, path, allowed));
}

std::string_view content_type_of(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  return "text/plain; charset=utf-8";
}

bool is_get(std::string_view method) { return method == "GET" || method == "HEAD"; }

/// The part of `path` after `prefix`, when it starts with it and names one segment.
bool segment_after(std::string_view path, std::string_view prefix, std::string_view& rest) {
  if (!path.starts_with(prefix)) return false;
  rest = path.substr(prefix.size());
  return !rest.empty() && rest.find('/') == std::string_view::npos;
}

/// Refuses a design-space search larger than kMaxSearchPoints: one request must not hold a server
/// thread for minutes. `spec` is what the search reads; one it cannot read is left to the search,
/// whose error the answer then carries.
void check_search_size(const io::Tree& spec) {
  const io::Tree* space = spec.is_map() ? spec.get("space") : nullptr;
  if (space == nullptr || !space->is_map()) return;
  double points = 1.0;
  for (const auto& [name, candidates] : space->fields) {
    points *= static_cast<double>(candidates.items.size());
  }
  if (points > static_cast<double>(kMaxSearchPoints)) {
    throw InputError::out_of_range(
        "space",
        fmt::format("at most {} points in the lab (mlsysim dse searches any size)",
                    kMaxSearchPoints),
        fmt::format("{:.0f} points", points));
  }
}

void check_search_size(std::string_view resolver, std::string_view body) {
  if (resolver != "DSE" && resolver != "dse") return;
  io::Tree spec;
  try {
    spec = io::tree_from_json(body);
  } catch (const InputError&) {
    return;
  }
  check_search_size(spec);
}

void check_plot_size(std::string_view kind, std::string_view body) {
  if (kind != "sweep" && kind != "pareto") return;
  const io::Tree* text = nullptr;
  io::Tree tree;
  try {
    tree = io::tree_from_json(body);
    text = tree.is_map() ? tree.get("spec") : nullptr;
    if (text == nullptr || text->kind != io::Tree::Kind::kString) return;
    check_search_size(dse::parse_spec(text->text, "spec"));
  } catch (const RegistryError&) {
  } catch (const InputError& e) {
    if (e.field() == "space") throw;
  }
}

ApiResponse solve(std::string_view name, std::string_view body, const Registry& registry) {
  const Resolver& r = find_resolver(name);  // UnknownEntry -> 404 below
  check_search_size(r.info.name, body);
  std::string answer = r.solve_json(body, registry);
  const int status = answer.starts_with("{\"error\"") ? 400 : 200;
  answer += '\n';
  return {status, std::string(kJson), std::move(answer)};
}

ApiResponse schema(std::string_view name) {
  if (!name.empty()) return {200, std::string(kJson), schema_json(find_resolver(name)) + "\n"};
  std::string out = "[";
  for (const auto& r : resolvers()) {
    if (out.size() > 1) out += ',';
    out += schema_json(r);
  }
  out += "]\n";
  return {200, std::string(kJson), std::move(out)};
}

ApiResponse route(std::string_view method, std::string_view path, std::string_view body,
                  const Registry& registry) {
  if (path == "/") path = "/index.html";
  for (const auto& a : assets()) {
    if (a.path != path) continue;
    if (!is_get(method)) return wrong_method(method, path, "GET");
    return {200, std::string(content_type_of(path)), a.text};
  }
  std::string_view rest;
  if (segment_after(path, "/api/solve/", rest)) {
    if (method != "POST") return wrong_method(method, path, "POST");
    try {
      (void)find_resolver(rest);
    } catch (const InputError& e) {
      return error(404, e.code(), e.field(), e.what());
    }
    return solve(rest, body, registry);
  }
  if (segment_after(path, "/api/plot/", rest)) {
    if (method != "POST") return wrong_method(method, path, "POST");
    try {
      check_plot_size(rest, body);
      return {200, "image/svg+xml", viz::render_plot(rest, body, registry)};
    } catch (const InputError& e) {
      return error(e.field() == "kind" ? 404 : 400, e.code(), e.field(), e.what());
    }
  }
  if (path == "/api/zoo") {
    if (!is_get(method)) return wrong_method(method, path, "GET");
    return {200, std::string(kJson), registry_json(registry) + "\n"};
  }
  if (path == "/api/schema" || segment_after(path, "/api/schema/", rest)) {
    if (!is_get(method)) return wrong_method(method, path, "GET");
    try {
      return schema(path == "/api/schema" ? std::string_view() : rest);
    } catch (const InputError& e) {
      return error(404, e.code(), e.field(), e.what());
    }
  }
  return not_found(path);
}

}  // namespace

std::string error_json(std::string_view code, std::string_view field, std::string_view message) {
  io::JsonWriter w;
  io::write_error(w, code, field, message);
  return w.take();
}

ApiResponse handle_api(std::string_view method, std::string_view path, std::string_view body,
                       const Registry& registry) noexcept {
  try {
    if (const auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
    if (body.size() > kMaxBody) {
      return error(
          413, "http.too_large", "body",
          fmt::format("the request body has {} bytes; at most {} are read", body.size(), kMaxBody));
    }
    try {
      return route(method, path, body, registry);
    } catch (const InputError& e) {
      return error(400, e.code(), e.field(), e.what());
    } catch (const Error& e) {
      return error(400, e.code(), "", e.what());
    }
  } catch (const std::exception& e) {
    try {
      return error(500, "internal", "", e.what());
    } catch (...) {
    }
  } catch (...) {
  }
  return {500, std::string(kJson),
          "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}\n"};
}

}  // namespace mlsysim::lab
