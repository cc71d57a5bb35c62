// Internal: a small, fast JSON writer. Doubles print in their shortest round-trip form; infinity
// and NaN become the strings "inf", "-inf", "nan" (JSON has no such numbers).
#pragma once

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <string_view>

namespace mlsysim::io {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(1024); }
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    comma();
    string_literal(k);
    out_ += ':';
    after_key_ = true;
  }
  /// A key known to need no escaping (an identifier such as a field name).
  void plain_key(std::string_view k) {
    comma();
    out_ += '"';
    out_ += k;
    out_ += "\":";
    after_key_ = true;
  }
  void null() { scalar("null"); }
  void boolean(bool b) { scalar(b ? "true" : "false"); }
  void number(double v) {
    comma();
    if (std::isnan(v)) {
      out_ += "\"nan\"";
    } else if (std::isinf(v)) {
      out_ += v > 0 ? "\"inf\"" : "\"-inf\"";
    } else {
      char buf[32];
      const char* end = fmt::format_to(buf, FMT_COMPILE("{}"), v);
      out_.append(buf, static_cast<std::size_t>(end - buf));
    }
  }
  void integer(long long v) {
    comma();
    char buf[24];
    const char* end = fmt::format_to(buf, FMT_COMPILE("{}"), v);
    out_.append(buf, static_cast<std::size_t>(end - buf));
  }
  void string(std::string_view s) {
    comma();
    string_literal(s);
  }
  /// Inserts already-serialized JSON.
  void raw(std::string_view json) {
    comma();
    out_ += json;
  }

  [[nodiscard]] const std::string& str() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }
  void clear() {
    out_.clear();
    first_ = true;
    after_key_ = false;
  }

 private:
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_ += ',';
    first_ = false;
  }
  void open(char c) {
    comma();
    out_ += c;
    first_ = true;
  }
  void close(char c) {
    out_ += c;
    first_ = false;
  }
  void scalar(std::string_view s) {
    comma();
    out_ += s;
  }
  /// The length of the well-formed UTF-8 sequence at s[i] (a byte >= 0x80), or 0.
  static std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return 0;
    }
    if (i + n > s.size() || b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k) {
      if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    }
    return n;
  }

  void string_literal(std::string_view s) {
    out_ += '"';
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {
        // UTF-8 passes through; a byte that starts no valid sequence becomes U+FFFD, so that
        // the output stays valid JSON whatever the input echoed in a message held.
        const std::size_t n = utf8_length(s, i);
        if (n > 0) {
          i += n - 1;
          continue;
        }
        out_.append(s.data() + start, i - start);
        start = i + 1;
        out_ += "\\ufffd";
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + start, i - start);
      start = i + 1;
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\t':
          out_ += "\\t";
          break;
        case '\r':
          out_ += "\\r";
          break;
        default:
          fmt::format_to(std::back_inserter(out_), "\\u{:04x}", c);
      }
    }
    out_.append(s.data() + start, s.size() - start);
    out_ += '"';
  }

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

/// Re-indents compact JSON (two spaces per level) for people to read. Arrays of scalars stay on
/// one line.
inline std::string pretty_json(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() * 2);
  int depth = 0;
  bool in_string = false;
  auto newline = [&] {
    out += '\n';
    out.append(static_cast<std::size_t>(2 * depth), ' ');
  };
  auto scalar_array_ahead = [&](std::size_t i) {  // '[' at i holds no object or array
    bool str = false;
    for (std::size_t j = i + 1; j < compact.size(); ++j) {
      const char c = compact[j];
      if (str) {
        if (c == '\\')
          ++j;
        else if (c == '"')
          str = false;
      } else if (c == '"') {
        str = true;
      } else if (c == '{' || c == '[') {
        return false;
      } else if (c == ']') {
        return true;
      }
    }
    return true;
  };
  int flat = 0;  // inside a one-line array of scalars
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < compact.size())
        out += compact[++i];
      else if (c == '"')
        in_string = false;
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
      case '{':
      case '[':
        out += c;
        if (c == '[' && scalar_array_ahead(i)) {
          ++flat;
          break;
        }
        ++depth;
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) break;
        newline();
        break;
      case '}':
      case ']':
        if (c == ']' && flat > 0) {
          --flat;
          out += c;
          break;
        }
        --depth;
        if (i > 0 && compact[i - 1] != '{' && compact[i - 1] != '[') newline();
        out += c;
        break;
      case ',':
        out += c;
        if (flat > 0) {
          out += ' ';
        } else {
          newline();
        }
        break;
      case ':':
        out += ": ";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace mlsysim::io
