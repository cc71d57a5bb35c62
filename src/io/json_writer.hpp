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
  void string_literal(std::string_view s) {
    out_ += '"';
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
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

}  // namespace mlsysim::io
