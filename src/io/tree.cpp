#include "io/tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/suggest.hpp"
#include "mlsysim/core/limits.hpp"

namespace mlsysim::io {
namespace {

bool parse_number(std::string_view s, double& out, bool& integral) {
  if (s.empty()) return false;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  long long i = 0;
  auto ri = std::from_chars(first, last, i);
  if (ri.ec == std::errc() && ri.ptr == last) {
    out = static_cast<double>(i);
    integral = true;
    return true;
  }
  double d = 0;
  auto rd = std::from_chars(first, last, d);
  if (rd.ec == std::errc() && rd.ptr == last && std::isfinite(d)) {
    out = d;
    integral = false;
    return true;
  }
  return false;
}

// What one document may hold (limits.hpp); a YAML alias counts again at each use, so an alias
// bomb or an alias that contains itself stops here instead of expanding without end.
struct Budget {
  std::size_t values = 0;
  int depth = 0;
};

Tree from_yaml(const YAML::Node& n, const std::shared_ptr<const std::string>& file,
               Budget& budget) {
  Tree t;
  t.mark = {file, n.Mark().line + 1, n.Mark().column + 1};
  if (++budget.values > limits::kMaxValues) {
    throw RegistryError(*file, t.mark.line, t.mark.column, "",
                        fmt::format("more than {} values in one document (aliases count at each "
                                    "use)",
                                    limits::kMaxValues));
  }
  if ((n.IsSequence() || n.IsMap()) && budget.depth >= limits::kMaxDepth) {
    throw RegistryError(*file, t.mark.line, t.mark.column, "",
                        fmt::format("nested more than {} levels deep (or an alias that contains "
                                    "itself)",
                                    limits::kMaxDepth));
  }
  if (n.IsMap() && n.size() > limits::kMaxKeys) {
    throw RegistryError(*file, t.mark.line, t.mark.column, "",
                        fmt::format("more than {} keys in one mapping", limits::kMaxKeys));
  }
  ++budget.depth;
  switch (n.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      t.kind = Tree::Kind::kNull;
      break;
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") {  // quoted: always a string
        t.kind = Tree::Kind::kString;
        t.text = s;
      } else if (s == "~" || s == "null" || s == "Null" || s == "NULL") {
        t.kind = Tree::Kind::kNull;
      } else if (s == "true" || s == "True" || s == "TRUE") {
        t.kind = Tree::Kind::kBool;
        t.boolean = true;
      } else if (s == "false" || s == "False" || s == "FALSE") {
        t.kind = Tree::Kind::kBool;
        t.boolean = false;
      } else if (parse_number(s, t.number, t.integral)) {
        t.kind = Tree::Kind::kNumber;
      } else {
        t.kind = Tree::Kind::kString;
        t.text = s;
      }
      break;
    }
    case YAML::NodeType::Sequence:
      t.kind = Tree::Kind::kList;
      for (const auto& item : n) t.items.push_back(from_yaml(item, file, budget));
      break;
    case YAML::NodeType::Map:
      t.kind = Tree::Kind::kMap;
      for (const auto& kv : n) {
        std::string key = kv.first.Scalar();
        for (const auto& [k, v] : t.fields) {
          if (k == key) {
            throw RegistryError(*file, kv.first.Mark().line + 1, kv.first.Mark().column + 1, key,
                                "duplicate key");
          }
        }
        Tree value = from_yaml(kv.second, file, budget);
        value.key_mark = {file, kv.first.Mark().line + 1, kv.first.Mark().column + 1};
        t.fields.emplace_back(std::move(key), std::move(value));
      }
      break;
  }
  --budget.depth;
  return t;
}

// Objects keep their keys in the order written (a design space's last key varies fastest).
using Json = nlohmann::ordered_json;

/// Checks a JSON text against limits.hpp before parsing it (the parser itself keeps no bound on
/// nesting, and an ordered object's keys cost quadratic time); returns the broken limit, if any.
std::string json_over_limits(std::string_view text) {
  if (text.size() > limits::kMaxTextBytes) {
    return fmt::format("the line is {} bytes long; the limit is {} bytes", text.size(),
                       limits::kMaxTextBytes);
  }
  struct Open {
    bool object;
    std::size_t members;
  };
  std::vector<Open> open;
  std::size_t values = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (open.size() >= static_cast<std::size_t>(limits::kMaxDepth)) {
          return fmt::format("nested more than {} levels deep", limits::kMaxDepth);
        }
        open.push_back({c == '{', 1});
        ++values;
        break;
      case ']':
      case '}':
        if (!open.empty()) open.pop_back();
        break;
      case ',':
        ++values;
        if (!open.empty() && open.back().object && ++open.back().members > limits::kMaxKeys) {
          return fmt::format("more than {} keys in one object", limits::kMaxKeys);
        }
        break;
      default:
        break;
    }
    if (values > limits::kMaxValues) {
      return fmt::format("more than {} values in one line", limits::kMaxValues);
    }
  }
  return {};
}

Tree from_json(const Json& j) {
  Tree t;
  switch (j.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      t.kind = Tree::Kind::kNull;
      break;
    case Json::value_t::boolean:
      t.kind = Tree::Kind::kBool;
      t.boolean = j.get<bool>();
      break;
    case Json::value_t::number_integer:
      t.kind = Tree::Kind::kNumber;
      t.number = static_cast<double>(j.get<long long>());
      t.integral = true;
      break;
    case Json::value_t::number_unsigned:
      t.kind = Tree::Kind::kNumber;
      t.number = static_cast<double>(j.get<unsigned long long>());
      t.integral = true;
      break;
    case Json::value_t::number_float:
      t.kind = Tree::Kind::kNumber;
      t.number = j.get<double>();
      break;
    case Json::value_t::string:
      t.kind = Tree::Kind::kString;
      t.text = j.get<std::string>();
      break;
    case Json::value_t::array:
      t.kind = Tree::Kind::kList;
      t.items.reserve(j.size());
      for (const auto& item : j) t.items.push_back(from_json(item));
      break;
    case Json::value_t::object:
      t.kind = Tree::Kind::kMap;
      t.fields.reserve(j.size());
      for (const auto& [k, v] : j.items()) t.fields.emplace_back(k, from_json(v));
      break;
    case Json::value_t::binary:
      t.kind = Tree::Kind::kNull;
      break;
  }
  return t;
}

}  // namespace

std::string Tree::describe() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return boolean ? "true" : "false";
    case Kind::kNumber:
      return fmt::format("{}", number);
    case Kind::kString:
      return "'" + text + "'";
    case Kind::kList:
      return "a list";
    case Kind::kMap:
      return "an object";
  }
  return "?";
}

Tree tree_from_yaml(std::string_view text, const std::string& file) {
  auto name = std::make_shared<const std::string>(file);
  try {
    if (text.size() > limits::kMaxTextBytes) {
      throw RegistryError(file, 1, 1, "",
                          fmt::format("the file is {} bytes long; the limit is {} bytes",
                                      text.size(), limits::kMaxTextBytes));
    }
    Budget budget;
    return from_yaml(YAML::Load(std::string(text)), name, budget);
  } catch (const YAML::Exception& e) {
    throw RegistryError(file, e.mark.line + 1, e.mark.column + 1, "", e.msg);
  }
}

Tree tree_from_json(std::string_view text) {
  if (std::string over = json_over_limits(text); !over.empty()) {
    throw InputError("input.limit", "", "input too large: " + over);
  }
  // Parse without exceptions (a malformed line is routine input, not an exceptional event).
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) {
    std::string shown(text.substr(0, 80));
    throw InputError("input.malformed", "",
                     fmt::format("malformed JSON: '{}{}'", shown, text.size() > 80 ? "..." : ""));
  }
  return from_json(j);
}

Tree tree_from_flag(std::string_view text) {
  if (!json_over_limits(text).empty()) return Tree::string(std::string(text));
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_discarded()) return from_json(j);
  return Tree::string(std::string(text));
}

void fail(const Tree& at, std::string_view key, std::string_view code, const std::string& message) {
  if (at.mark.file) {
    // Messages already name the key; the RegistryError adds file:line.
    throw RegistryError(*at.mark.file, at.mark.line, at.mark.column, "", message);
  }
  throw InputError(std::string(code), std::string(key), message);
}

std::string read_string(const Tree& t, std::string_view key) {
  if (t.kind == Tree::Kind::kString) return t.text;
  if (t.kind == Tree::Kind::kNumber) return fmt::format("{}", t.number);
  fail(t, key, "input.type", fmt::format("{}: expected a string, got {}", key, t.describe()));
}

bool read_bool(const Tree& t, std::string_view key) {
  if (t.kind == Tree::Kind::kBool) return t.boolean;
  if (t.kind == Tree::Kind::kString) {
    if (t.text == "true" || t.text == "True" || t.text == "1") return true;
    if (t.text == "false" || t.text == "False" || t.text == "0") return false;
  }
  if (t.kind == Tree::Kind::kNumber && (t.number == 0.0 || t.number == 1.0)) return t.number != 0.0;
  fail(t, key, "input.type", fmt::format("{}: expected true or false, got {}", key, t.describe()));
}

double read_number(const Tree& t, std::string_view key) {
  if (t.kind == Tree::Kind::kNumber) return t.number;
  if (t.kind == Tree::Kind::kString) {
    double v = 0;
    bool integral = false;
    if (parse_number(t.text, v, integral)) return v;
    // "50 %" or "0.5" with a dimensionless unit
    try {
      units::AnyQuantity q = units::AnyQuantity::parse(t.text);
      if (q.dim() == units::kOne) return q.si();
    } catch (const UnitError&) {
    }
  }
  if (t.is_map() && t.get("value") != nullptr && t.get("unit") != nullptr) {
    units::AnyQuantity q = read_any_quantity(t, key);
    if (q.dim() == units::kOne) return q.si();
    fail(t, key, "input.unit",
         fmt::format("{}: expected a plain number, got '{}' (a {})", key, q.str(),
                     units::dimension_name(q.dim())));
  }
  fail(t, key, "input.type", fmt::format("{}: expected a number, got {}", key, t.describe()));
}

long long read_integer(const Tree& t, std::string_view key) {
  double v = read_number(t, key);
  if (!(std::abs(v) < 9.0e15) || std::floor(v) != v) {
    fail(t, key, "input.type", fmt::format("{}: expected an integer, got {}", key, t.describe()));
  }
  return static_cast<long long>(v);
}

units::AnyQuantity read_any_quantity(const Tree& t, std::string_view key) {
  try {
    if (t.kind == Tree::Kind::kString) return units::AnyQuantity::parse(t.text);
    if (t.kind == Tree::Kind::kNumber) return {t.number, ""};
    if (t.is_map()) {
      const Tree* v = t.get("value");
      const Tree* u = t.get("unit");
      if (v != nullptr && u != nullptr && t.fields.size() <= 4) {
        double mag = read_number(*v, key);
        std::string unit = u->is_null() ? std::string() : read_string(*u, key);
        units::AnyQuantity q{mag, unit};
        // As AnyQuantity::parse: `{"value": 1e300, "unit": "EB^9"}` overflows.
        if (const double si = q.si(); !std::isfinite(si) || (mag != 0.0 && !std::isnormal(si))) {
          throw UnitError(
              std::string(key),
              fmt::format("'{}' is out of range (expected a finite quantity)", q.str()));
        }
        return q;
      }
    }
  } catch (const UnitError& e) {
    fail(t, key, "input.unit", fmt::format("{}: {}", key, e.what()));
  }
  fail(
      t, key, "input.type",
      fmt::format("{}: expected a quantity such as '50 ms' or {{\"value\": 50, \"unit\": \"ms\"}}, "
                  "got {}",
                  key, t.describe()));
}

MapReader::MapReader(const Tree& t, std::string prefix, std::string_view what)
    : tree_(t), prefix_(std::move(prefix)), used_(t.fields.size(), false) {
  if (!t.is_map()) {
    std::string name = prefix_.empty() ? std::string(what) : prefix_.substr(0, prefix_.size() - 1);
    fail(t, name, "input.type",
         fmt::format("{}: expected a mapping of keys to values, got {}", name, t.describe()));
  }
}

const Tree* MapReader::opt(std::string_view key) {
  asked_.emplace_back(key);
  for (std::size_t i = 0; i < tree_.fields.size(); ++i) {
    if (tree_.fields[i].first == key) {
      used_[i] = true;
      return tree_.fields[i].second.is_null() ? nullptr : &tree_.fields[i].second;
    }
  }
  return nullptr;
}

const Tree& MapReader::req(std::string_view key) {
  const Tree* t = opt(key);
  if (t == nullptr) {
    // A missing key is most often a misspelled one: point at the misspelling.
    for (std::size_t i = 0; i < tree_.fields.size(); ++i) {
      const auto& [k, v] = tree_.fields[i];
      if (!used_[i] && detail::edit_distance(k, key) <= 2) {
        fail(v.mark.file ? v : tree_, this->key(k), "input.unknown_field",
             fmt::format("{}: unknown key; did you mean '{}'?", this->key(k), this->key(key)));
      }
    }
    fail(tree_, this->key(key), "input.missing",
         fmt::format("{}: required key is missing", this->key(key)));
  }
  return *t;
}

void MapReader::finish() const {
  for (std::size_t i = 0; i < tree_.fields.size(); ++i) {
    if (used_[i]) continue;
    const auto& [k, v] = tree_.fields[i];
    auto near = detail::closest(k, asked_, 1);
    std::string msg = fmt::format("{}: unknown key", key(k));
    if (!near.empty()) msg += fmt::format("; did you mean '{}'?", key(near.front()));
    if (v.key_mark.file) {  // point at the unknown key itself
      throw RegistryError(*v.key_mark.file, v.key_mark.line, v.key_mark.column, "", msg);
    }
    const Tree& at = v.mark.file ? v : tree_;
    fail(at, key(k), "input.unknown_field", msg);
  }
}

}  // namespace mlsysim::io
