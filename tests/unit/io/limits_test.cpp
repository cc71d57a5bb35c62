// Inputs built to exhaust the machine get an input error in bounded time and memory
// (mlsysim/core/limits.hpp, docs/reliability.md): deep nesting, huge lines, objects with too many
// keys, YAML aliases that expand or contain themselves, numbers with thousands of digits, a batch
// of 2^63, unit expressions nested or raised beyond reason, and design spaces too large to search.
#include "mlsysim/core/limits.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "io/tree.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/optimize/dse.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/units/any_quantity.hpp"

namespace mlsysim {
namespace {

const Registry& zoo() {
  static auto r = Registry::builtin();
  return *r;
}

/// The error code of one `solve --jsonl` answer (empty for a result).
std::string answer_code(std::string_view resolver, const std::string& line) {
  const auto j = nlohmann::json::parse(find_resolver(resolver).solve_json(line, zoo()));
  return j.contains("error") ? j["error"]["code"].get<std::string>() : std::string();
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(Limits, JsonNestingDepth) {
  const std::size_t ok = limits::kMaxDepth - 1;
  EXPECT_NO_THROW((void)io::tree_from_json(repeat("[", ok) + repeat("]", ok)));
  // A million brackets: an input error, not a stack overflow.
  EXPECT_EQ(answer_code("Engine", repeat("[", 1'000'000)), "input.limit");
  EXPECT_EQ(
      answer_code("Engine", R"({"model": )" + repeat("{\"a\":", 100) + "1" + repeat("}", 101)),
      "input.limit");
  // Brackets inside strings do not count.
  EXPECT_EQ(answer_code("Engine", R"({"model": ")" + repeat("[", 1000) + R"("})"),
            "input.unknown_entry");
}

TEST(Limits, JsonLineLengthValuesAndKeys) {
  const std::string huge = R"({"model": ")" + std::string(limits::kMaxTextBytes, 'x') + R"("})";
  EXPECT_EQ(answer_code("Engine", huge), "input.limit");
  std::string many = "[";
  for (std::size_t i = 0; i <= limits::kMaxValues; ++i) many += "0,";
  many += "0]";
  EXPECT_EQ(answer_code("Engine", many), "input.limit");
  std::string keys = "{";
  for (std::size_t i = 0; i <= limits::kMaxKeys; ++i)
    fmt::format_to(std::back_inserter(keys), "\"k{}\":0,", i);
  keys += "\"last\":0}";
  EXPECT_EQ(answer_code("Engine", keys), "input.limit");
}

TEST(Limits, HugeNumbersAreInputErrors) {
  // A number of thousands of digits, and a batch of 2^63: input errors, never UB or a wrap.
  const std::string digits(5000, '9');
  EXPECT_FALSE(
      answer_code("Engine",
                  R"({"model": "Llama3_8B", "hardware": "H100", "batch_size": )" + digits + "}")
          .empty());
  EXPECT_EQ(answer_code("Engine", R"({"model": "Llama3_8B", "hardware": "H100", )"
                                  R"("batch_size": 9223372036854775808})"),
            "input.type");
  EXPECT_EQ(answer_code("ServingModel", R"({"model": "Llama3_8B", "hardware": "H100", )"
                                        R"("seq_len": 4096, "batch_size": 1e300})"),
            "input.type");
  EXPECT_THROW((void)units::AnyQuantity::parse("1e999 GB"), UnitError);
  EXPECT_THROW((void)units::AnyQuantity::parse(digits + " GB"), UnitError);
}

RegistryError yaml_error(const std::string& text) {
  try {
    (void)io::tree_from_yaml(text, "limits.yaml");
  } catch (const RegistryError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text.substr(0, 200);
  return {"", 0, 0, "", ""};
}

TEST(Limits, YamlAliasBombAndSelfReference) {
  // Nine levels of ten aliases each: 10^9 values if expanded.
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    fmt::format_to(std::back_inserter(bomb), "a{}: &a{} [", i, i);
    for (int k = 0; k < 10; ++k)
      fmt::format_to(std::back_inserter(bomb), "{}*a{}", k ? ", " : "", i - 1);
    bomb += "]\n";
  }
  EXPECT_NE(std::string(yaml_error(bomb).what()).find("values in one document"), std::string::npos);
  // An alias inside its own anchor.
  EXPECT_NE(std::string(yaml_error("a: &a [1, *a]\n").what()).find("levels deep"),
            std::string::npos);
  EXPECT_NE(std::string(yaml_error("a: &a {b: *a}\n").what()).find("levels deep"),
            std::string::npos);
  // A registry file with an alias bomb: a registry error, with the file.
  try {
    (void)Registry::from_sources({{"bomb.yaml", bomb}});
    ADD_FAILURE() << "no error";
  } catch (const RegistryError& e) {
    EXPECT_EQ(e.file(), "bomb.yaml");
  }
}

TEST(Limits, YamlNestingAndSize) {
  const int ok = limits::kMaxDepth - 1;
  EXPECT_NO_THROW((void)io::tree_from_yaml(repeat("[", ok) + repeat("]", ok), "ok.yaml"));
  (void)yaml_error(repeat("[", 100'000));
  (void)yaml_error(repeat("- ", 5'000) + "x\n");
  (void)yaml_error("a: " + std::string(limits::kMaxTextBytes, 'x'));
}

TEST(Limits, UnitExpressions) {
  EXPECT_THROW((void)units::parse_unit(repeat("(", 10'000) + "s" + repeat(")", 10'000)), UnitError);
  // (s^8)^8)^4 is s^256: it must not wrap around to a dimensionless unit.
  EXPECT_THROW((void)units::parse_unit("((s^8)^8)^4"), UnitError);
  EXPECT_THROW((void)units::parse_unit("s^9 * s^9"), UnitError);
  EXPECT_THROW((void)units::parse_unit("1e300 * 1e300"), UnitError);  // no finite size
  EXPECT_THROW((void)units::AnyQuantity::parse("1e300 EB^9"), UnitError);
  EXPECT_EQ(units::parse_unit("kg*m^2/s^2").dim, units::kEnergy);
}

TEST(Limits, DseSpaceSize) {
  // 10 lists of 10 candidates: 10^10 points, over the limit; rejected before any evaluation.
  nlohmann::ordered_json space;
  for (int i = 0; i < 10; ++i) {
    space[fmt::format("p{}", i)] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  }
  const nlohmann::ordered_json spec = {
      {"space", space},
      {"objective", "minimize: latency"},
      {"evaluator", {{"resolver", "Engine"}, {"fixed", {{"model", "Llama3_8B"}}}}}};
  try {
    (void)dse::search_json(spec.dump(), zoo());
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), "input.limit");
  }
}

}  // namespace
}  // namespace mlsysim
