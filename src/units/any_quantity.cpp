#include "mlsysim/units/any_quantity.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "mlsysim/core/limits.hpp"

namespace mlsysim::units {
namespace {

struct Symbol {
  double factor;
  Dim dim;
  bool prefixable;  // may take SI / long prefixes (and IEC prefixes for data)
};

constexpr Dim kD = kData;
constexpr Dim kC = kCompute;

const std::unordered_map<std::string_view, Symbol>& symbols() {
  static const std::unordered_map<std::string_view, Symbol> table = [] {
    std::unordered_map<std::string_view, Symbol> t;
    auto add = [&t](std::initializer_list<std::string_view> names, double f, Dim d, bool p) {
      for (auto n : names) t.emplace(n, Symbol{f, d, p});
    };
    // time
    add({"s", "sec", "second", "seconds"}, 1.0, kTime, true);
    add({"min", "minute", "minutes"}, 60.0, kTime, false);
    add({"h", "hr", "hour", "hours"}, 3600.0, kTime, false);
    add({"d", "day", "days"}, 86400.0, kTime, false);
    add({"week", "weeks"}, 604800.0, kTime, false);
    add({"month", "months"}, 31557600.0 / 12.0, kTime, false);
    add({"year", "years", "yr"}, 31557600.0, kTime, false);
    add({"MS"}, 1e-3, kTime, false);  // legacy uppercase spellings of the reference
    add({"US"}, 1e-6, kTime, false);
    add({"NS"}, 1e-9, kTime, false);
    add({"Hz", "hertz"}, 1.0, kRate, true);
    // data
    add({"B", "byte", "bytes"}, 1.0, kD, true);
    add({"b", "bit", "bits"}, 0.125, kD, true);
    add({"bps"}, 0.125, kBandwidth, true);
    // compute: FLOPs/flops are counts, FLOPS/OPS/TOPS are rates (1e12 op/s)
    add({"flop", "flops", "FLOP", "FLOPs", "Flop", "op", "ops", "OP", "OPs"}, 1.0, kC, true);
    add({"FLOPS", "OPS"}, 1.0, kFlopRate, true);
    // energy and power
    add({"J", "joule", "joules"}, 1.0, kEnergy, true);
    add({"Wh", "watt_hour", "watthour"}, 3600.0, kEnergy, true);
    add({"kilowatt_hour"}, 3.6e6, kEnergy, false);
    add({"megawatt_hour"}, 3.6e9, kEnergy, false);
    add({"W", "watt", "watts"}, 1.0, kPower, true);
    // mass (carbon is mass)
    add({"g", "gram", "grams"}, 1e-3, kMass, true);
    add({"gCO2e", "gCO2", "gCO2eq"}, 1e-3, kMass, true);
    add({"t", "tonne", "tonnes", "ton", "tons"}, 1e3, kMass, false);
    add({"tCO2e", "tCO2"}, 1e3, kMass, false);
    // length and volume
    add({"m", "meter", "meters", "metre", "metres"}, 1.0, kLength, true);
    add({"L", "l", "liter", "liters", "litre", "litres"}, 1e-3, kVolume, true);
    // temperature (deltas only)
    add({"kelvin"}, 1.0, kTemperature, false);
    // money (EUR is a 1:1 alias, as in the reference)
    add({"USD", "usd", "dollar", "dollars", "$", "EUR"}, 1.0, kMoney, false);
    // dimensionless counts
    add({"count",         "counts",  "param",  "params",  "parameter", "parameters",
         "token",         "tokens",  "sample", "samples", "request",   "requests",
         "query",         "queries", "job",    "jobs",    "step",      "steps",
         "dimensionless", "image",   "images", "item",    "items"},
        1.0, kOne, false);
    add({"Kparam"}, 1e3, kOne, false);
    add({"Mparam"}, 1e6, kOne, false);
    add({"Bparam"}, 1e9, kOne, false);
    add({"Tparam"}, 1e12, kOne, false);
    add({"percent", "%"}, 0.01, kOne, false);
    return t;
  }();
  return table;
}

struct Prefix {
  std::string_view text;
  double factor;
};
constexpr std::array<Prefix, 10> kLongPrefixes{{{"kilo", 1e3},
                                                {"mega", 1e6},
                                                {"giga", 1e9},
                                                {"tera", 1e12},
                                                {"peta", 1e15},
                                                {"exa", 1e18},
                                                {"milli", 1e-3},
                                                {"micro", 1e-6},
                                                {"nano", 1e-9},
                                                {"pico", 1e-12}}};
constexpr std::array<Prefix, 6> kIecPrefixes{{{"Ki", 1024.0},
                                              {"Mi", 1048576.0},
                                              {"Gi", 1073741824.0},
                                              {"Ti", 1099511627776.0},
                                              {"Pi", 1125899906842624.0},
                                              {"Ei", 1152921504606846976.0}}};
constexpr std::array<Prefix, 14> kSiPrefixes{{{"k", 1e3},
                                              {"K", 1e3},
                                              {"M", 1e6},
                                              {"G", 1e9},
                                              {"T", 1e12},
                                              {"P", 1e15},
                                              {"E", 1e18},
                                              {"Z", 1e21},
                                              {"c", 1e-2},
                                              {"m", 1e-3},
                                              {"u", 1e-6},
                                              {"µ", 1e-6},
                                              {"μ", 1e-6},
                                              {"n", 1e-9}}};

std::optional<Symbol> lookup_symbol(std::string_view sym) {
  const auto& t = symbols();
  if (auto it = t.find(sym); it != t.end()) return it->second;
  auto prefixed = [&](std::string_view rest, double f, bool data_only) -> std::optional<Symbol> {
    auto it = t.find(rest);
    if (it == t.end() || !it->second.prefixable) return std::nullopt;
    if (data_only && !(it->second.dim == kD || it->second.dim == kBandwidth)) return std::nullopt;
    return Symbol{f * it->second.factor, it->second.dim, false};
  };
  for (const auto& p : kIecPrefixes) {
    if (sym.size() > p.text.size() && sym.substr(0, p.text.size()) == p.text) {
      if (auto s = prefixed(sym.substr(p.text.size()), p.factor, true)) return s;
    }
  }
  for (const auto& p : kLongPrefixes) {
    if (sym.size() > p.text.size() && sym.substr(0, p.text.size()) == p.text) {
      if (auto s = prefixed(sym.substr(p.text.size()), p.factor, false)) return s;
    }
  }
  for (const auto& p : kSiPrefixes) {
    if (sym.size() > p.text.size() && sym.substr(0, p.text.size()) == p.text) {
      if (auto s = prefixed(sym.substr(p.text.size()), p.factor, false)) return s;
    }
  }
  return std::nullopt;
}

// Recursive-descent parser over unit expressions:
//   expr   := term { ('*' | '/' | '·' | <space>) term }
//   term   := factor [ ('^' | '**') number ]
//   factor := symbol | number | '(' expr ')'
class UnitParser {
 public:
  explicit UnitParser(std::string_view text) : text_(text) {}

  UnitSpec parse() {
    skip_space();
    if (pos_ == text_.size()) return {};
    UnitSpec r = expr();
    skip_space();
    if (pos_ != text_.size()) fail(fmt::format("unexpected '{}'", text_.substr(pos_, 1)));
    // A subnormal size would lose digits of every value given in it.
    if (!std::isnormal(r.factor) || r.factor < 0.0) fail("its size is out of range");
    return r;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw UnitError("", fmt::format("cannot parse unit '{}': {}", text_, why));
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool at_op(std::string_view op) const { return text_.substr(pos_, op.size()) == op; }

  UnitSpec expr() {
    UnitSpec acc = term();
    for (;;) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] == ')') return acc;
      bool divide = false;
      if (at_op("**")) {
        fail("misplaced '**'");
      } else if (text_[pos_] == '*') {
        ++pos_;
      } else if (text_[pos_] == '/') {
        divide = true;
        ++pos_;
      } else if (at_op("·")) {
        pos_ += std::string_view("·").size();
      }  // else: implicit product (`kilowatt hour`)
      skip_space();
      UnitSpec rhs = term();
      acc = {divide ? acc.factor / rhs.factor : acc.factor * rhs.factor,
             combine(acc.dim, rhs.dim, divide ? -1 : 1)};
    }
  }

  // acc · rhs^sign, failing (rather than wrapping around) past kMaxExponent of any base unit.
  static constexpr int kMaxExponent = 12;
  Dim combine(Dim acc, Dim rhs, int sign) const {
    auto one = [&](std::int8_t a, std::int8_t b) {
      const int e = a + sign * b;
      if (e < -kMaxExponent || e > kMaxExponent) {
        fail(fmt::format("a base unit raised to a power beyond {}", kMaxExponent));
      }
      return static_cast<std::int8_t>(e);
    };
    return {one(acc.time, rhs.time),  one(acc.length, rhs.length),
            one(acc.mass, rhs.mass),  one(acc.temperature, rhs.temperature),
            one(acc.data, rhs.data),  one(acc.compute, rhs.compute),
            one(acc.money, rhs.money)};
  }

  UnitSpec term() {
    UnitSpec base = factor();
    skip_space();
    int power = 1;
    if (at_op("**") || (pos_ < text_.size() && text_[pos_] == '^')) {
      pos_ += at_op("**") ? 2 : 1;
      skip_space();
      std::size_t start = pos_;
      if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      int p = 0;
      auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, p);
      if (ec != std::errc() || ptr != text_.data() + pos_ || p < -9 || p > 9) {
        fail("expected a small integer power");
      }
      power = p;
    }
    Dim d{};
    for (int i = 0; i < std::abs(power); ++i) d = combine(d, base.dim, power > 0 ? 1 : -1);
    return {std::pow(base.factor, power), d};
  }

  UnitSpec factor() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a unit");
    if (text_[pos_] == '(') {
      if (++depth_ > limits::kMaxDepth) {
        fail(fmt::format("parentheses nested more than {} deep", limits::kMaxDepth));
      }
      ++pos_;
      UnitSpec inner = expr();
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ')') fail("missing ')'");
      ++pos_;
      --depth_;
      return inner;
    }
    std::size_t start = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '*' || c == '/' || c == '^' || c == '(' || c == ')') break;
      if (at_op("·")) break;
      ++pos_;
    }
    std::string_view sym = text_.substr(start, pos_ - start);
    if (sym.empty()) fail("expected a unit");
    // A plain number as a factor (`1 / second`).
    if (std::isdigit(static_cast<unsigned char>(sym[0])) != 0 || sym[0] == '.') {
      double v = 0;
      auto [ptr, ec] = std::from_chars(sym.data(), sym.data() + sym.size(), v);
      if (ec != std::errc() || ptr != sym.data() + sym.size()) {
        fail(fmt::format("unknown unit '{}'", sym));
      }
      return {v, kOne};
    }
    auto s = lookup_symbol(sym);
    if (!s) fail(fmt::format("unknown unit '{}'", sym));
    return {s->factor, s->dim};
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

struct NamedDim {
  Dim dim;
  std::string_view name;
  std::string_view example;
};
const std::array<NamedDim, 21> kNamedDims{{
    {kOne, "dimensionless", "0.5"},
    {kTime, "time", "50 ms"},
    {kLength, "length", "10 m"},
    {kMass, "mass", "150 kg"},
    {kTemperature, "temperature", "10 kelvin"},
    {kData, "data", "80 GB"},
    {kCompute, "compute (FLOP)", "16 GFLOP"},
    {kMoney, "money", "30000 USD"},
    {kRate, "rate (1/time)", "20 1/s"},
    {kBandwidth, "bandwidth (data/time)", "100 GB/s"},
    {kFlopRate, "compute rate (FLOP/time)", "989 TFLOP/s"},
    {kIntensity, "arithmetic intensity (FLOP/data)", "100 flop/B"},
    {kEnergy, "energy", "1.5 kWh"},
    {kPower, "power", "700 W"},
    {kVolume, "volume", "10 L"},
    {kMass / kEnergy, "carbon intensity (mass/energy)", "429 g/kWh"},
    {kVolume / kEnergy, "water intensity (volume/energy)", "1.8 L/kWh"},
    {kMoney / kEnergy, "energy price (money/energy)", "0.12 USD/kWh"},
    {kMoney / kTime, "cost rate (money/time)", "2.5 USD/h"},
    {kEnergy / kData, "energy per byte", "10 pJ/B"},
    {kTime / kData, "time per byte", "1 s/GB"},
}};

}  // namespace

UnitSpec parse_unit(std::string_view text) { return UnitParser(trim(text)).parse(); }

std::string dimension_name(Dim d) {
  for (const auto& n : kNamedDims) {
    if (n.dim == d) return std::string(n.name);
  }
  static constexpr std::array<std::string_view, 7> kBase{"time", "length",  "mass", "temperature",
                                                         "data", "compute", "money"};
  const std::array<int, 7> e{d.time, d.length, d.mass, d.temperature, d.data, d.compute, d.money};
  std::string num;
  std::string den;
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e[i] == 0) continue;
    std::string& part = e[i] > 0 ? num : den;
    if (!part.empty()) part += "·";
    part += kBase[i];
    if (std::abs(e[i]) != 1) part += fmt::format("^{}", std::abs(e[i]));
  }
  if (num.empty()) num.push_back('1');
  return den.empty() ? num : num + "/" + den;
}

std::string dimension_names(const Dim* dims, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += " or ";
    out += dimension_name(dims[i]);
  }
  return out;
}

std::string expected_one_of(std::string_view what, const Dim* dims, std::size_t n) {
  std::string examples;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) examples += " or ";
    examples += fmt::format("'{}'", example_unit(dims[i]));
  }
  return fmt::format("{}: expected a {} quantity such as {}", what, dimension_names(dims, n),
                     examples);
}

std::string example_unit(Dim d) {
  for (const auto& n : kNamedDims) {
    if (n.dim == d) return std::string(n.example);
  }
  return "a value with a unit";
}

AnyQuantity::AnyQuantity(double magnitude, std::string_view unit)
    : magnitude_(magnitude), unit_(trim(unit)), spec_(parse_unit(unit)) {}

AnyQuantity AnyQuantity::parse(std::string_view text) {
  std::string_view t = trim(text);
  if (t.empty()) throw UnitError("", "expected a quantity such as '50 ms', got an empty string");
  // The number is the longest prefix that parses as a floating-point literal.
  double v = 0;
  const char* first = t.data();
  const char* last = t.data() + t.size();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec == std::errc::result_out_of_range) {
    throw UnitError("", fmt::format("number out of range in '{}'", t));
  }
  if (ec != std::errc()) {
    // No leading number: a bare unit means one of it (`ms`), as pint reads it.
    try {
      return AnyQuantity(1.0, t);
    } catch (const UnitError&) {
      throw UnitError(
          "", fmt::format("expected a quantity such as '50 ms' or '3.35 TB/s', got '{}'", t));
    }
  }
  if (!std::isfinite(v)) {
    throw UnitError("", fmt::format("expected a finite number in '{}'", t));
  }
  std::string unit(trim(std::string_view(ptr, static_cast<std::size_t>(last - ptr))));
  if (!unit.empty() && unit.front() == '/') unit.insert(0, "1 ");  // `1 / second`
  AnyQuantity q;
  try {
    q = AnyQuantity(v, unit);
  } catch (const UnitError& e) {
    throw UnitError("", fmt::format("in '{}': {}", t, e.what()));
  }
  // `1e300 EB^9` overflows; a subnormal value would have lost digits, and 1e-300 of a tiny unit
  // would have become 0.
  if (const double si = q.si(); !std::isfinite(si) || (v != 0.0 && !std::isnormal(si))) {
    throw UnitError("", fmt::format("'{}' is out of range (expected a finite quantity)", t));
  }
  return q;
}

double AnyQuantity::in(std::string_view unit) const {
  UnitSpec target = parse_unit(unit);
  if (!(target.dim == spec_.dim)) throw_mismatch(unit, target.dim);
  return si() / target.factor;
}

std::string AnyQuantity::str() const {
  return unit_.empty() ? fmt::format("{}", magnitude_) : fmt::format("{} {}", magnitude_, unit_);
}

void AnyQuantity::throw_mismatch(std::string_view what, Dim expected) const {
  throw UnitError(
      std::string(what),
      fmt::format("{}: expected a {} such as '{}', got '{}' ({})", what, dimension_name(expected),
                  example_unit(expected), str(), dimension_name(spec_.dim)));
}

}  // namespace mlsysim::units
