// Internal: one generic document tree that YAML files, JSON lines and CLI flags all become, so
// entity and resolver-input parsing is written once. Every node remembers where it came from
// (file:line:column for data files; nothing for JSON input, whose errors name the field instead).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/core/error.hpp"
#include "mlsysim/units/any_quantity.hpp"
#include "mlsysim/units/stated.hpp"

namespace mlsysim::io {

struct Mark {
  std::shared_ptr<const std::string> file;  ///< null for input that is not a file
  int line = 0;
  int column = 0;
};

class Tree {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kList, kMap };

  // Declared here, defaulted below the class: clang 14 (the fuzz build) otherwise instantiates
  // std::pair<std::string, Tree> before Tree is complete.
  Tree();
  ~Tree();
  Tree(const Tree&);
  Tree(Tree&&) noexcept;
  Tree& operator=(const Tree&);
  Tree& operator=(Tree&&) noexcept;

  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0.0;
  bool integral = false;  ///< a number written without fraction or exponent
  std::string text;
  std::vector<Tree> items;
  std::vector<std::pair<std::string, Tree>> fields;
  Mark mark;
  Mark key_mark;  ///< where the key of this value is, for a value in a mapping of a data file

  [[nodiscard]] bool is_null() const { return kind == Kind::kNull; }
  [[nodiscard]] bool is_map() const { return kind == Kind::kMap; }
  [[nodiscard]] const Tree* get(std::string_view key) const;
  /// A short description of the value for error messages: `'abc'`, `42`, `a list`, ...
  [[nodiscard]] std::string describe() const;

  static Tree string(std::string s) {
    Tree t;
    t.kind = Kind::kString;
    t.text = std::move(s);
    return t;
  }
};

inline Tree::Tree() = default;
inline Tree::~Tree() = default;
inline Tree::Tree(const Tree&) = default;
inline Tree::Tree(Tree&&) noexcept = default;
inline Tree& Tree::operator=(const Tree&) = default;
inline Tree& Tree::operator=(Tree&&) noexcept = default;

inline const Tree* Tree::get(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

/// Parses a YAML document (a data file). Throws RegistryError with file:line on a syntax error.
[[nodiscard]] Tree tree_from_yaml(std::string_view text, const std::string& file);
/// Parses one JSON value. Throws InputError (input.malformed) on a syntax error.
[[nodiscard]] Tree tree_from_json(std::string_view text);
/// Reads a command-line value: JSON if it parses as JSON, otherwise the plain string.
[[nodiscard]] Tree tree_from_flag(std::string_view text);

/// Throws the right error for a bad value: a RegistryError (file:line) for data files, an
/// InputError naming `key` for everything else.
[[noreturn]] void fail(const Tree& at, std::string_view key, std::string_view code,
                       const std::string& message);

// ---------------------------------------------------------------------------- value readers ----
[[nodiscard]] std::string read_string(const Tree& t, std::string_view key);
[[nodiscard]] bool read_bool(const Tree& t, std::string_view key);
[[nodiscard]] double read_number(const Tree& t, std::string_view key);
[[nodiscard]] long long read_integer(const Tree& t, std::string_view key);
/// A quantity written as `"80 GiB"`, `{"value": 80, "unit": "GiB"}`, or (dimensionless) a number.
[[nodiscard]] units::AnyQuantity read_any_quantity(const Tree& t, std::string_view key);

template <units::Dim D>
[[nodiscard]] units::Quantity<D> read_quantity(const Tree& t, std::string_view key) {
  units::AnyQuantity q = read_any_quantity(t, key);
  if (!(q.dim() == D)) {
    fail(t, key, "input.unit",
         std::string(key) + ": expected a " + units::dimension_name(D) + " such as '" +
             units::example_unit(D) + "', got '" + q.str() + "' (" +
             units::dimension_name(q.dim()) + ")");
  }
  return units::Quantity<D>::from_si(q.si());
}

template <units::Dim D>
[[nodiscard]] units::Stated<D> read_stated(const Tree& t, std::string_view key) {
  units::AnyQuantity q = read_any_quantity(t, key);
  units::Quantity<D> v = read_quantity<D>(t, key);
  return {v, q.magnitude(), q.unit_factor(), q.unit()};
}

/// Walks the keys of a mapping, so that keys nobody asked for are reported as unknown.
class MapReader {
 public:
  /// `prefix` is prepended to key names in messages ("memory." -> "memory.capacity").
  MapReader(const Tree& t, std::string prefix, std::string_view what);

  [[nodiscard]] const Tree* opt(std::string_view key);
  [[nodiscard]] const Tree& req(std::string_view key);
  [[nodiscard]] std::string key(std::string_view k) const { return prefix_ + std::string(k); }
  [[nodiscard]] const Tree& tree() const { return tree_; }
  /// Throws for every key that was not read, with "did you mean" among the keys that were.
  void finish() const;

 private:
  const Tree& tree_;
  std::string prefix_;
  std::vector<std::string> asked_;
  std::vector<bool> used_;
};

}  // namespace mlsysim::io
