#include "mlsysim/core/error.hpp"

#include <fmt/format.h>

namespace mlsysim {

InputError InputError::out_of_range(std::string field, std::string_view rule,
                                    std::string_view got) {
  std::string msg = fmt::format("{} must be {}, got {}", field, rule, got);
  return {"input.out_of_range", std::move(field), msg};
}

InputError InputError::invalid(std::string field, std::string_view message) {
  std::string msg = fmt::format("{}: {}", field, message);
  return {"input.invalid", std::move(field), msg};
}

namespace {
std::string unknown_message(std::string_view field, std::string_view name, std::string_view kind,
                            const std::vector<std::string>& suggestions, std::string_view note) {
  std::string msg = field.empty() ? fmt::format("unknown {} '{}'", kind, name)
                                  : fmt::format("{}: unknown {} '{}'", field, kind, name);
  if (!note.empty()) msg += fmt::format(" ({})", note);
  if (!suggestions.empty()) {
    msg += "; did you mean ";
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
      if (i > 0) msg += i + 1 == suggestions.size() ? " or " : ", ";
      msg += "'" + suggestions[i] + "'";
    }
    msg += "?";
  }
  return msg;
}
}  // namespace

UnknownEntry::UnknownEntry(std::string field, std::string name, std::string_view kind,
                           std::vector<std::string> suggestions, std::string_view note)
    : InputError("input.unknown_entry", field,
                 unknown_message(field, name, kind, suggestions, note)),
      name_(std::move(name)),
      suggestions_(std::move(suggestions)) {}

RegistryError::RegistryError(std::string file, int line, int column, std::string key,
                             const std::string& message)
    : Error("registry.invalid",
            fmt::format("{}:{}:{}: {}{}", file, line, column,
                        key.empty() ? std::string() : "'" + key + "': ", message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      key_(std::move(key)) {}

}  // namespace mlsysim
