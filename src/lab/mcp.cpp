#include "lab/mcp.hpp"

#include <fmt/format.h>

#include <exception>
#include <nlohmann/json.hpp>

#include "io/tree.hpp"
#include "io/tree_json.hpp"
#include "lab/api.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/registry/export.hpp"

namespace mlsysim::lab {
namespace {

using nlohmann::json;

constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;

/// A JSON-RPC error the dispatcher raises; becomes {"error": {"code", "message"}}.
struct RpcError {
  int code;
  std::string message;
};

/// Fields `eval` takes (the `mlsysim eval` options), described by Engine's inputs.
constexpr std::string_view kEvalFields[] = {"model",      "hardware", "batch_size", "precision",
                                            "efficiency", "seq_len",  "is_training"};

/// One line of the transport; invalid UTF-8 in a message becomes U+FFFD rather than an error.
std::string line_of(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json value_schema(const FieldSchema& f) {
  const auto named_or_object = [](std::string_view what) {
    return json{{"anyOf",
                 {json{{"type", "string"}, {"description", fmt::format("a registry {}", what)}},
                  json{{"type", "object"}, {"description", fmt::format("an ad-hoc {}", what)}}}}};
  };
  if (f.type == "int") return {{"type", "integer"}};
  if (f.type == "number") return {{"type", "number"}};
  if (f.type == "bool") return {{"type", "boolean"}};
  if (f.type == "string") return {{"type", "string"}};
  if (f.type == "object") return {{"type", "object"}};
  if (f.type == "list of string") return {{"type", "array"}, {"items", {{"type", "string"}}}};
  if (f.type == "string or list of strings") {
    return {{"anyOf",
             {json{{"type", "string"}}, json{{"type", "array"}, {"items", {{"type", "string"}}}}}}};
  }
  if (f.type == "map of lists") {
    return {{"type", "object"}, {"additionalProperties", {{"type", "array"}}}};
  }
  if (f.type == "quantity") {
    return {
        {"anyOf",
         {json{{"type", "string"}, {"description", fmt::format("e.g. \"1 {}\"", f.unit)}},
          json{{"type", "object"},
               {"properties", {{"value", {{"type", "number"}}}, {"unit", {{"type", "string"}}}}},
               {"required", {"value", "unit"}}}}}};
  }
  return named_or_object(f.type);  // Workload, HardwareNode, Fleet, ...: a name or an object
}

json input_schema(const std::vector<FieldSchema>& fields) {
  json props = json::object();
  json required = json::array();
  for (const auto& f : fields) {
    json p = value_schema(f);
    p["description"] = f.unit.empty() ? f.doc : fmt::format("{} (unit: {})", f.doc, f.unit);
    if (f.min) p[f.min_open ? "exclusiveMinimum" : "minimum"] = *f.min;
    if (f.max) p[f.max_open ? "exclusiveMaximum" : "maximum"] = *f.max;
    if (json d = json::parse(f.default_json, nullptr, false); !d.is_discarded() && !d.is_null()) {
      p["default"] = std::move(d);
    }
    if (f.required) required.push_back(f.name);
    props[f.name] = std::move(p);
  }
  json s{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = std::move(required);
  return s;
}

std::vector<FieldSchema> eval_fields() {
  std::vector<FieldSchema> out;
  for (const auto& f : find_resolver("Engine").inputs()) {
    for (auto name : kEvalFields) {
      if (f.name == name) out.push_back(f);
    }
  }
  return out;
}

json tools() {
  json list = json::array();
  for (const auto& r : resolvers()) {
    list.push_back({{"name", r.info.name},
                    {"description", fmt::format("{} ({})", r.info.summary, r.info.type)},
                    {"inputSchema", input_schema(r.inputs())}});
  }
  list.push_back({{"name", "eval"},
                  {"description",
                   "The quick roofline of a model on a device (Engine.solve): latency, "
                   "throughput, bottleneck, memory, MFU, energy"},
                  {"inputSchema", input_schema(eval_fields())}});
  list.push_back(
      {{"name", "dse"},
       {"description",
        "A design-space search from a spec (as `mlsysim dse SPEC.yaml` reads it): space, "
        "objective, constraints, evaluator, top"},
       {"inputSchema",
        {{"type", "object"},
         {"properties",
          {{"spec", {{"type", "string"}, {"description", "the search spec, YAML or JSON text"}}}}},
         {"required", {"spec"}},
         {"additionalProperties", false}}}});
  list.push_back(
      {{"name", "zoo"},
       {"description",
        "The registry: hardware, models, systems (fabrics, nodes, clusters, tiers) and infra "
        "(grids, datacenters, racks), every value as its source states it"},
       {"inputSchema",
        {{"type", "object"},
         {"properties",
          {{"group",
            {{"type", "string"},
             {"enum", {"all", "hardware", "models", "systems", "infra"}},
             {"default", "all"}}}}},
         {"additionalProperties", false}}}});
  return {{"tools", std::move(list)}};
}

/// The `solve --jsonl` answer line of one tool call.
std::string call_tool(const std::string& name, const json& args, const Registry& registry) {
  try {
    if (name == "eval") return find_resolver("Engine").solve_json(line_of(args), registry);
    if (name == "dse") {
      for (const auto& [k, v] : args.items()) {
        if (k != "spec") {
          throw InputError("input.unknown_field", k, fmt::format("{}: dse takes only spec", k));
        }
      }
      const auto spec = args.find("spec");
      if (spec == args.end()) throw InputError("input.missing", "spec", "spec: required");
      if (!spec->is_string()) {
        throw InputError("input.type", "spec", "spec: expected the spec as YAML or JSON text");
      }
      const io::Tree tree = io::tree_from_yaml(spec->get<std::string>(), "spec");
      return find_resolver("DSE").solve_json(io::tree_json(tree), registry);
    }
    if (name == "zoo") {
      std::string group = "all";
      for (const auto& [k, v] : args.items()) {
        if (k != "group") {
          throw InputError("input.unknown_field", k, fmt::format("{}: zoo takes only group", k));
        }
        if (!v.is_string()) throw InputError("input.type", "group", "group: expected a string");
        group = v.get<std::string>();
      }
      return "{\"outputs\":" + registry_json(registry, zoo_group_kinds(group)) + "}";
    }
    return find_resolver(name).solve_json(line_of(args), registry);
  } catch (const InputError& e) {
    return error_json(e.code(), e.field(), e.what());
  } catch (const Error& e) {
    return error_json(e.code(), "", e.what());
  }
}

bool is_tool(const std::string& name) {
  if (name == "eval" || name == "dse" || name == "zoo") return true;
  for (const auto& r : resolvers()) {
    if (r.info.name == name) return true;
  }
  return false;
}

json dispatch(const std::string& method, const json& params, const Registry& registry) {
  if (method == "initialize") {
    return {{"protocolVersion", kMcpProtocolVersion},
            {"capabilities", {{"tools", json::object()}}},
            {"serverInfo", {{"name", "mlsysim"}, {"version", "0.1.0"}}},
            {"instructions",
             "Analytical models of ML systems (MLSys·im 0.1.1): each resolver is a tool; inputs "
             "name registry entries (see the zoo tool) and quantities as \"50 ms\"."}};
  }
  if (method == "ping") return json::object();
  if (method == "tools/list") return tools();
  if (method == "tools/call") {
    if (!params.is_object()) throw RpcError{kInvalidParams, "tools/call: params must be an object"};
    const auto name = params.find("name");
    if (name == params.end() || !name->is_string()) {
      throw RpcError{kInvalidParams, "tools/call: params.name must be a tool name"};
    }
    if (!is_tool(name->get<std::string>())) {
      throw RpcError{kInvalidParams, fmt::format("Unknown tool: {}", name->get<std::string>())};
    }
    json args = json::object();
    if (const auto a = params.find("arguments"); a != params.end() && !a->is_null()) {
      if (!a->is_object()) {
        throw RpcError{kInvalidParams, "tools/call: params.arguments must be an object"};
      }
      args = *a;
    }
    const std::string text = call_tool(name->get<std::string>(), args, registry);
    return {{"content", {{{"type", "text"}, {"text", text}}}},
            {"isError", text.starts_with("{\"error\"")}};
  }
  throw RpcError{kMethodNotFound, fmt::format("Method not found: {}", method)};
}

json error_response(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

/// One message; null for a notification.
json answer(const json& msg, const Registry& registry) {
  if (!msg.is_object()) return error_response(nullptr, kInvalidRequest, "Invalid Request");
  const auto id_it = msg.find("id");
  const bool has_id = id_it != msg.end();
  json id = has_id ? *id_it : json(nullptr);
  if (has_id && !id.is_string() && !id.is_number() && !id.is_null()) id = nullptr;
  const auto method = msg.find("method");
  const auto version = msg.find("jsonrpc");
  if (version == msg.end() || *version != "2.0" || method == msg.end() || !method->is_string()) {
    // A response from the client (result / error, no method) needs no answer.
    if (method == msg.end() && (msg.contains("result") || msg.contains("error"))) return nullptr;
    return error_response(id, kInvalidRequest,
                          "Invalid Request: expected jsonrpc \"2.0\" and a method");
  }
  const json params = msg.value("params", json::object());
  try {
    json result = dispatch(method->get<std::string>(), params, registry);
    if (!has_id) return nullptr;
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
  } catch (const RpcError& e) {
    if (!has_id) return nullptr;
    return error_response(id, e.code, e.message);
  }
}

}  // namespace

std::string mcp_tools_json() { return line_of(tools()); }

std::optional<std::string> handle_mcp(std::string_view line, const Registry& registry) noexcept {
  try {
    json msg = json::parse(line, nullptr, false);
    if (msg.is_discarded()) {
      return line_of(error_response(nullptr, kParseError, "Parse error"));
    }
    if (msg.is_array()) {
      if (msg.empty()) return line_of(error_response(nullptr, kInvalidRequest, "Invalid Request"));
      json out = json::array();
      for (const auto& m : msg) {
        json a = answer(m, registry);
        if (!a.is_null()) out.push_back(std::move(a));
      }
      if (out.empty()) return std::nullopt;
      return line_of(out);
    }
    json a = answer(msg, registry);
    if (a.is_null()) return std::nullopt;
    return line_of(a);
  } catch (const std::exception& e) {
    try {
      return line_of(error_response(nullptr, kInternalError, e.what()));
    } catch (...) {
    }
  } catch (...) {
  }
  return std::string(
      R"({"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error"}})");
}

}  // namespace mlsysim::lab
