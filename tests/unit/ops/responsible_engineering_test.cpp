#include "mlsysim/ops/responsible_engineering.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "expect_input_error.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::ops {
namespace {

using namespace units;
using testing::expect_input_error;

ResponsibleEngineeringInputs hours(double h, double epsilon = 1.0) {
  return {.base_training_time = Stated<kTime>::of(h, hour), .epsilon = epsilon};
}

// Golden G25 (spec §11.4): 100 h of training at ε = 1 and ε = 10.
TEST(ResponsibleEngineeringModel, DpSgdAtEpsilonOneAndTen) {
  const ResponsibleEngineeringResult r = responsible_engineering(hours(100.0));
  EXPECT_DOUBLE_EQ(r.dp_slowdown_factor, 3.0);
  EXPECT_DOUBLE_EQ(r.effective_training_time.magnitude, 300.0);
  EXPECT_EQ(r.effective_training_time.unit, "h");
  EXPECT_NEAR(r.effective_training_time.q.in(hour), 300.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.additional_data_requirement, 100.0);
  EXPECT_DOUBLE_EQ(r.privacy_cost_ratio, 3.0);
  EXPECT_DOUBLE_EQ(r.fairness_data_ratio, 100.0);
  EXPECT_DOUBLE_EQ(r.epsilon, 1.0);
  EXPECT_DOUBLE_EQ(r.delta, 1e-5);
  EXPECT_DOUBLE_EQ(r.min_subgroup_prevalence, 0.01);
  EXPECT_TRUE(r.warnings.empty());

  const ResponsibleEngineeringResult ten = responsible_engineering(hours(100.0, 10.0));
  EXPECT_DOUBLE_EQ(ten.dp_slowdown_factor, 1.2);
  EXPECT_NEAR(ten.effective_training_time.magnitude, 120.0, 1e-12);
}

TEST(ResponsibleEngineeringModel, KeepsTheInputUnit) {
  constexpr Unit<kTime> week{"week", 7.0 * day.size};
  const ResponsibleEngineeringResult r =
      responsible_engineering({.base_training_time = Stated<kTime>::of(3.5, week), .epsilon = 0.1});
  EXPECT_DOUBLE_EQ(r.dp_slowdown_factor, 21.0);
  EXPECT_DOUBLE_EQ(r.effective_training_time.magnitude, 73.5);
  EXPECT_EQ(r.effective_training_time.unit, "week");
  EXPECT_NEAR(r.effective_training_time.q.in(s), 44452800.0, 1e-6);
}

TEST(ResponsibleEngineeringModel, FloorsAreAcceptedWithWarnings) {
  // Pinned by the reference's conformance cases: ε <= 0 counts as 0.01 and a prevalence of 0 as
  // 1e-6.
  const ResponsibleEngineeringResult zero = responsible_engineering(hours(240.0, 0.0));
  EXPECT_DOUBLE_EQ(zero.dp_slowdown_factor, 201.0);
  EXPECT_EQ(zero.warnings.size(), 1u);
  const ResponsibleEngineeringResult negative = responsible_engineering(hours(240.0, -1.0));
  EXPECT_DOUBLE_EQ(negative.dp_slowdown_factor, 201.0);
  EXPECT_DOUBLE_EQ(negative.epsilon, -1.0);

  ResponsibleEngineeringInputs in = hours(240.0);
  in.min_subgroup_prevalence = 0.0;
  const ResponsibleEngineeringResult rare = responsible_engineering(in);
  EXPECT_DOUBLE_EQ(rare.additional_data_requirement, 1e6);
  EXPECT_EQ(rare.warnings.size(), 1u);
  in.min_subgroup_prevalence = 1.0;
  EXPECT_DOUBLE_EQ(responsible_engineering(in).additional_data_requirement, 1.0);

  const ResponsibleEngineeringResult back = responsible_engineering(hours(-1.0));
  EXPECT_DOUBLE_EQ(back.effective_training_time.magnitude, -3.0);
  EXPECT_EQ(back.warnings.size(), 1u);
}

TEST(ResponsibleEngineeringModel, RejectsBadInputs) {
  expect_input_error([] { (void)responsible_engineering({}); }, "base_training_time", "missing");
  expect_input_error(
      [] {
        ResponsibleEngineeringInputs in = hours(10.0);
        in.min_subgroup_prevalence = 1.5;
        (void)responsible_engineering(in);
      },
      "min_subgroup_prevalence", "[0, 1]");
  expect_input_error(
      [] {
        ResponsibleEngineeringInputs in = hours(10.0);
        in.min_subgroup_prevalence = -0.1;
        (void)responsible_engineering(in);
      },
      "min_subgroup_prevalence");
  expect_input_error(
      [] {
        ResponsibleEngineeringInputs in = hours(10.0);
        in.delta = 2.0;
        (void)responsible_engineering(in);
      },
      "delta");
  expect_input_error(
      [] { (void)responsible_engineering(hours(10.0, std::numeric_limits<double>::quiet_NaN())); },
      "epsilon", "finite");
}

TEST(ResponsibleEngineeringModel, JsonNeedsATimeQuantity) {
  using nlohmann::json;
  const Resolver& res = find_resolver("ResponsibleEngineeringModel");
  const Registry& zoo = *Registry::builtin();
  json bare = json::parse(res.solve_json(R"({"base_training_time": 10.0})", zoo));
  ASSERT_TRUE(bare.contains("error"));
  EXPECT_EQ(bare["error"]["code"], "input.unit");
  EXPECT_EQ(bare["error"]["field"], "base_training_time");
  json size = json::parse(res.solve_json(R"({"base_training_time": "5 GB"})", zoo));
  ASSERT_TRUE(size.contains("error"));
  EXPECT_EQ(size["error"]["code"], "input.unit");

  json ok = json::parse(res.solve_json(R"({"base_training_time": "10 day"})", zoo));
  EXPECT_DOUBLE_EQ(ok["outputs"]["effective_training_time"]["value"].get<double>(), 30.0);
  EXPECT_EQ(ok["outputs"]["effective_training_time"]["unit"], "day");
}

}  // namespace
}  // namespace mlsysim::ops
