#include "lab/api.hpp"

#include <fmt/format.h>

#include <exception>

#include "core/suggest.hpp"
#include "io/json_writer.hpp"
#include "io/resolver_entry.hpp"
#include "io/tree.hpp"
#include "io/tree_json.hpp"
#include "lab/assets.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/realistic/resolvers.hpp"
#include "mlsysim/registry/export.hpp"
#include "optimize/dse_engine.hpp"
#include "viz/plot_api.hpp"

namespace mlsysim::lab {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kFaithful = "faithful";
constexpr std::string_view kRealistic = "realistic";

/// The pictures whose search runs realistic with `?fidelity=realistic` (their spec's fidelity);
/// the roofline draws the datasheet ceilings and the plan picture its faithful demand.
constexpr std::string_view kRealisticPlots[] = {"sweep", "pareto"};

void check_fidelity(std::string_view fidelity) {
  if (fidelity == kFaithful || fidelity == kRealistic) return;
  const auto near = detail::closest(fidelity, {std::string(kFaithful), std::string(kRealistic)}, 1);
  throw InputError("input.invalid", "fidelity",
                   fmt::format("fidelity: '{}' is not one of faithful, realistic{}", fidelity,
                               near.empty() ? "" : " (did you mean '" + near[0] + "'?)"));
}

/// "A, B and C".
std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

/// The fidelity a query string asks for: `fidelity=faithful|realistic` is the API's only query
/// parameter (default faithful); another parameter is an error rather than silently ignored.
std::string fidelity_of(std::string_view query) {
  std::string fidelity(kFaithful);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (key != "fidelity") {
      throw InputError("input.unknown_field", std::string(key),
                       fmt::format("{}: unknown query parameter; the API takes only "
                                   "fidelity=faithful|realistic",
                                   key));
    }
    fidelity = eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1));
    check_fidelity(fidelity);
  }
  return fidelity;
}

/// The plot request's body at `fidelity`: a realistic sweep or pareto runs its search realistic
/// unless the spec states a fidelity; a realistic roofline or plan is refused.
std::string plot_body(std::string_view kind, std::string_view body, std::string_view fidelity) {
  if (fidelity != kRealistic) return std::string(body);
  if (kind == "roofline" || kind == "plan") {
    throw InputError("input.invalid", "fidelity",
                     fmt::format("fidelity: the {} picture has no realistic variant; realistic "
                                 "pictures: sweep and pareto",
                                 kind));
  }
  if (kind != "sweep" && kind != "pareto") return std::string(body);  // render_plot: unknown kind
  io::Tree tree;
  io::Tree spec;
  try {
    tree = io::tree_from_json(body);
    const io::Tree* text = tree.is_map() ? tree.get("spec") : nullptr;
    if (text == nullptr || text->kind != io::Tree::Kind::kString) return std::string(body);
    spec = dse::parse_spec(text->text, "spec");
  } catch (const Error&) {
    return std::string(body);  // render_plot reports it, with the spec's line and column
  }
  dse::default_fidelity(spec, fidelity);
  for (auto& [k, v] : tree.fields) {
    if (k == "spec") v.text = io::tree_json(spec);
  }
  return io::tree_json(tree);
}

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

ApiResponse solve(std::string_view name, std::string_view fidelity, std::string_view body,
                  const Registry& registry) {
  const Resolver& r = resolver_at(name, fidelity);
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

/// GET /api/fidelity: {"fidelities", "realistic": {"resolvers", "plots"}}.
ApiResponse fidelity_json() {
  io::JsonWriter w;
  w.begin_object();
  w.key("fidelities");
  w.begin_array();
  w.string(kFaithful);
  w.string(kRealistic);
  w.end_array();
  w.key("realistic");
  w.begin_object();
  w.key("resolvers");
  w.begin_array();
  for (const auto& name : realistic_resolvers()) w.string(name);
  w.end_array();
  w.key("plots");
  w.begin_array();
  for (auto kind : kRealisticPlots) w.string(kind);
  w.end_array();
  w.end_object();
  w.end_object();
  return {200, std::string(kJson), w.take() + "\n"};
}

ApiResponse route(std::string_view method, std::string_view path, std::string_view query,
                  std::string_view body, const Registry& registry) {
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
    return solve(rest, fidelity_of(query), body, registry);
  }
  if (segment_after(path, "/api/plot/", rest)) {
    if (method != "POST") return wrong_method(method, path, "POST");
    try {
      const std::string fidelity = fidelity_of(query);
      check_plot_size(rest, body);
      return {200, "image/svg+xml",
              viz::render_plot(rest, plot_body(rest, body, fidelity), registry)};
    } catch (const InputError& e) {
      return error(e.field() == "kind" ? 404 : 400, e.code(), e.field(), e.what());
    }
  }
  if (path == "/api/fidelity") {
    if (!is_get(method)) return wrong_method(method, path, "GET");
    (void)fidelity_of(query);
    return fidelity_json();
  }
  if (path == "/api/zoo") {
    if (!is_get(method)) return wrong_method(method, path, "GET");
    (void)fidelity_of(query);
    return {200, std::string(kJson), registry_json(registry) + "\n"};
  }
  if (path == "/api/schema" || segment_after(path, "/api/schema/", rest)) {
    if (!is_get(method)) return wrong_method(method, path, "GET");
    (void)fidelity_of(query);  // the realistic variants take the same inputs
    try {
      return schema(path == "/api/schema" ? std::string_view() : rest);
    } catch (const InputError& e) {
      return error(404, e.code(), e.field(), e.what());
    }
  }
  return not_found(path);
}

}  // namespace

const Resolver& resolver_at(std::string_view name, std::string_view fidelity) {
  check_fidelity(fidelity);
  const Resolver& faithful = find_resolver(name);
  if (fidelity == kFaithful) return faithful;
  if (const Resolver* r = realistic::find_resolver(faithful.info.name)) return *r;
  throw InputError("input.invalid", "fidelity",
                   fmt::format("fidelity: {} has no realistic variant; {} have one",
                               faithful.info.name, listed(realistic_resolvers())));
}

const std::vector<std::string>& realistic_resolvers() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& r : resolvers()) {
      if (realistic::find_resolver(r.info.name) != nullptr) out.emplace_back(r.info.name);
    }
    return out;
  }();
  return names;
}

std::string error_json(std::string_view code, std::string_view field, std::string_view message) {
  io::JsonWriter w;
  io::write_error(w, code, field, message);
  return w.take();
}

ApiResponse handle_api(std::string_view method, std::string_view path, std::string_view body,
                       const Registry& registry) noexcept {
  try {
    // A request line has no control characters (HTTP forbids them); refusing them here also keeps
    // every message that echoes a path or query part printable and whole.
    for (std::size_t i = 0; i < path.size(); ++i) {
      const auto ch = static_cast<unsigned char>(path[i]);
      if (ch < 0x20 || ch == 0x7f) {
        return error(400, "input.invalid", "path",
                     fmt::format("path: byte {} is the control character 0x{:02x}; a request path "
                                 "is printable text",
                                 i, ch));
      }
    }
    std::string_view query;
    if (const auto q = path.find('?'); q != std::string_view::npos) {
      query = path.substr(q + 1);
      path = path.substr(0, q);
    }
    if (body.size() > kMaxBody) {
      return error(
          413, "http.too_large", "body",
          fmt::format("the request body has {} bytes; at most {} are read", body.size(), kMaxBody));
    }
    try {
      return route(method, path, query, body, registry);
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
