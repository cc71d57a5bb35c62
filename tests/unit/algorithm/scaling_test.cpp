#include "mlsysim/algorithm/scaling.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "expect_input_error.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::algorithm {
namespace {

using namespace units;
using testing::expect_input_error;

ScalingResult solve(ScalingBudget budget, std::optional<double> target = std::nullopt) {
  return scaling({.compute_budget = budget, .target_model_size = target});
}

// Golden values of spec §9.1.
TEST(ScalingModel, ChinchillaOptimumForAFlopBudget) {
  const ScalingResult r = solve({1e23, FLOP});
  EXPECT_DOUBLE_EQ(r.compute_budget_flops.in(FLOP), 1e23);
  EXPECT_DOUBLE_EQ(r.optimal_parameters, std::sqrt(1e23 / 120.0));
  EXPECT_NEAR(r.optimal_parameters, 2.88675e10, 1e5);
  EXPECT_NEAR(r.optimal_tokens, 5.77350e11, 1e6);
  EXPECT_DOUBLE_EQ(r.tokens_per_parameter, 20.0);
  EXPECT_TRUE(r.constraint_trace.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ScalingModel, TimeBudgetIsH100GpuDays) {
  const ScalingResult r = solve({1000.0, day});
  EXPECT_DOUBLE_EQ(r.compute_budget_flops.in(FLOP), 3.417984e22);  // 86.4e6 s x 989e12 x 0.4
  EXPECT_NEAR(r.optimal_parameters, 1.68770e10, 1e5);
  EXPECT_NEAR(r.optimal_tokens, 3.37539e11, 1e6);
  // Any time unit takes the GPU-time path (errata F4): one week of one GPU.
  EXPECT_NEAR(solve({1.0, "week"}).compute_budget_flops.in(FLOP), 2.3925888e20, 1e6);
  EXPECT_DOUBLE_EQ(solve({24.0, hour}).compute_budget_flops.in(FLOP),
                   solve({1.0, day}).compute_budget_flops.in(FLOP));
}

TEST(ScalingModel, FixedModelSizeSolvesForTokens) {
  const ScalingResult r = solve({1e23, FLOP}, 70e9);
  EXPECT_DOUBLE_EQ(r.optimal_parameters, 70e9);
  EXPECT_NEAR(r.optimal_tokens, 2.38095e11, 1e6);
  EXPECT_NEAR(r.tokens_per_parameter, 3.4014, 1e-4);
  // Conformance case ScalingModel-06b0af4e3e: 100 GPU-days with a 70B target.
  const ScalingResult days = solve({100.0, day}, 70e9);
  EXPECT_NEAR(days.optimal_tokens, 8138057142.857142, 1e-3);
  EXPECT_NEAR(days.tokens_per_parameter, 0.11625795918367346, 1e-15);
}

TEST(ScalingModel, ZeroTargetMeansNoTarget) {
  // Errata F1 (conformance ScalingModel-69e7186294): the reference tests the target for truth.
  const ScalingResult r = solve({1e20, FLOP}, 0.0);
  EXPECT_NEAR(r.optimal_parameters, 912870929.1752769, 1e-5);
  EXPECT_NEAR(r.optimal_tokens, 18257418583.50554, 1e-4);
  EXPECT_DOUBLE_EQ(r.tokens_per_parameter, 20.0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("no target"), std::string::npos);
}

TEST(ScalingModel, ZeroBudgetGivesZeroSizes) {
  const ScalingResult r = solve({0.0, FLOP});
  EXPECT_EQ(r.optimal_parameters, 0.0);
  EXPECT_EQ(r.optimal_tokens, 0.0);
  EXPECT_EQ(r.tokens_per_parameter, 0.0);  // no parameters: the ratio is 0, not NaN
  const ScalingResult fixed = solve({0.0, FLOP}, 7e9);
  EXPECT_EQ(fixed.optimal_tokens, 0.0);
  EXPECT_EQ(fixed.tokens_per_parameter, 0.0);
}

TEST(ScalingModel, PrefixedFlopUnitsAreConverted) {
  // The reference would read 1e9 TFLOP as 1e9 flop (errata F4); we convert and say so.
  const ScalingResult r = solve({1e9, TFLOP});
  EXPECT_DOUBLE_EQ(r.compute_budget_flops.in(FLOP), 1e21);
  EXPECT_DOUBLE_EQ(r.optimal_parameters, std::sqrt(1e21 / 120.0));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("reference reads the magnitude"), std::string::npos);
  EXPECT_TRUE(solve({1e21, FLOP}).warnings.empty());
}

TEST(ScalingModel, BadInputs) {
  expect_input_error([] { (void)scaling({}); }, "compute_budget", "missing");
  // The reference takes the square root of a negative budget (math domain error).
  expect_input_error([] { (void)solve({-1e20, FLOP}); }, "compute_budget", ">= 0");
  // With a target the reference would return negative tokens; rejected too (errata F3).
  expect_input_error([] { (void)solve({-1e20, FLOP}, 7e9); }, "compute_budget", ">= 0");
  expect_input_error([] { (void)solve({-5.0, day}); }, "compute_budget", ">= 0");
  expect_input_error([] { (void)solve({1e23, FLOP}, -7e9); }, "target_model_size", ">= 0");
  expect_input_error(
      [] {
        (void)solve({1e23, FLOP}, std::numeric_limits<double>::infinity());
      },
      "target_model_size", "finite");
  expect_input_error([] { (void)solve({1e300, "EFLOP"}); }, "compute_budget", "finite");
  // A default-constructed budget is dimensionless: neither compute nor time.
  expect_input_error([] { (void)scaling({.compute_budget = ScalingBudget{}}); }, "compute_budget",
                     "compute (FLOP) or time");
}

TEST(ScalingBudget, AcceptsOnlyComputeOrTime) {
  EXPECT_TRUE(ScalingBudget(5.0, "ZFLOP").is<kCompute>());
  EXPECT_TRUE(ScalingBudget(3.0, "weeks").is<kTime>());
  EXPECT_THROW(ScalingBudget(5.0, "GB"), UnitError);       // bytes are data, not compute (F15)
  EXPECT_THROW(ScalingBudget(5.0, "TFLOP/s"), UnitError);  // a rate is not a budget
  EXPECT_THROW(ScalingBudget(5.0, ""), UnitError);
  try {
    (void)ScalingBudget(units::AnyQuantity(5.0, "GB"), "compute_budget");
    FAIL() << "expected a UnitError";
  } catch (const UnitError& e) {
    EXPECT_EQ(e.field(), "compute_budget");
    EXPECT_NE(std::string(e.what()).find("got '5 GB' (data)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ScalingBudget::allowed_names(), "compute (FLOP) or time");
}

// The generic reader: a budget of one of the allowed dimensions in any spelling; any other
// dimension is an input.unit error naming the field; the schema lists the allowed dimensions.
TEST(ScalingModel, GenericReaderAndSchema) {
  const Resolver& r = find_resolver("ScalingModel");
  auto zoo = Registry::builtin();
  const std::string ok = r.solve_json(R"({"compute_budget": {"value": 1, "unit": "day"}})", *zoo);
  EXPECT_NE(ok.find(R"("compute_budget_flops":{"value":3.417984e+19,"unit":"flop"})"),
            std::string::npos)
      << ok;
  EXPECT_NE(r.solve_json(R"({"compute_budget": "1e23 flop"})", *zoo).find("28867513459.48"),
            std::string::npos);
  for (const char* bad : {R"({"compute_budget": "5 GB"})", R"({"compute_budget": 1e23})",
                          R"({"compute_budget": "100 GB/s"})"}) {
    const std::string err = r.solve_json(bad, *zoo);
    EXPECT_NE(err.find(R"("code":"input.unit")"), std::string::npos) << err;
    EXPECT_NE(err.find(R"("field":"compute_budget")"), std::string::npos) << err;
    EXPECT_NE(err.find("compute (FLOP) or time"), std::string::npos) << err;
  }
  const std::string schema = schema_json(r);
  EXPECT_NE(schema.find(R"("dimension":"compute (FLOP) or time")"), std::string::npos) << schema;

  const Evaluation ev = r.evaluate({{"compute_budget", "1000 day"}}, *zoo);
  ASSERT_FALSE(ev.outputs.empty());
  EXPECT_EQ(ev.outputs[3].name, "compute_budget_flops");
  EXPECT_EQ(ev.outputs[3].text, "3.41798e+22 flop");
}

}  // namespace
}  // namespace mlsysim::algorithm
