// The error model. Bad input raises an exception with a stable code; infeasible designs are
// results (`feasible = false` plus a trace), never exceptions.
//
// Codes (stable, documented in docs/errors.md):
//   input.out_of_range   a number outside its allowed range       (CLI exit 1)
//   input.invalid        a value of the right type that is not allowed
//   input.type           a value of the wrong type (a string where a number is expected, ...)
//   input.unit           an unknown unit or a unit of the wrong dimension
//   input.unknown_entry  a registry name that does not exist (with suggestions)
//   input.unknown_field  an input field the resolver does not take
//   input.missing        a required input that was not given
//   input.malformed      text that cannot be parsed (JSON, YAML)
//   registry.invalid     a registry data file that breaks the schema (with file:line)
//   infeasible.oom       the model does not fit and the caller asked for an exception
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mlsysim {

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  [[nodiscard]] const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

/// Bad user input. `field()` names the offending input when there is one.
class InputError : public Error {
 public:
  InputError(std::string code, std::string field, const std::string& message)
      : Error(std::move(code), message), field_(std::move(field)) {}
  [[nodiscard]] const std::string& field() const noexcept { return field_; }

  /// "<field> must be <rule>, got <value>" (code input.out_of_range).
  static InputError out_of_range(std::string field, std::string_view rule, std::string_view got);
  /// "<field>: <message>" (code input.invalid).
  static InputError invalid(std::string field, std::string_view message);

 private:
  std::string field_;
};

/// A unit string that cannot be parsed, or a quantity of the wrong dimension.
class UnitError : public InputError {
 public:
  UnitError(std::string field, const std::string& message)
      : InputError("input.unit", std::move(field), message) {}
};

/// A registry name that does not exist. `suggestions()` holds the closest names.
class UnknownEntry : public InputError {
 public:
  /// `note` (optional) is appended, e.g. "'Llama3_8B' is a model, not a hardware".
  UnknownEntry(std::string field, std::string name, std::string_view kind,
               std::vector<std::string> suggestions, std::string_view note = {});
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::vector<std::string>& suggestions() const noexcept {
    return suggestions_;
  }

 private:
  std::string name_;
  std::vector<std::string> suggestions_;
};

/// A registry or scenario file that breaks the schema; carries the file and line.
class RegistryError : public Error {
 public:
  RegistryError(std::string file, int line, int column, std::string key,
                const std::string& message);
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] int line() const noexcept { return line_; }
  [[nodiscard]] int column() const noexcept { return column_; }
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string key_;
};

/// Raised by Engine.solve when the model does not fit and `raise_errors` is set.
class OomError : public Error {
 public:
  OomError(const std::string& message, double required_bytes, double available_bytes)
      : Error("infeasible.oom", message),
        required_bytes_(required_bytes),
        available_bytes_(available_bytes) {}
  [[nodiscard]] double required_bytes() const noexcept { return required_bytes_; }
  [[nodiscard]] double available_bytes() const noexcept { return available_bytes_; }

 private:
  double required_bytes_;
  double available_bytes_;
};

}  // namespace mlsysim
