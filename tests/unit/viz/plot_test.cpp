#include "mlsysim/viz/plot.hpp"

#include <gtest/gtest.h>

#include <string>

#include "expect_input_error.hpp"
#include "mlsysim/node/engine.hpp"
#include "viz/plot_api.hpp"

namespace mlsysim::viz {
namespace {

using testing::expect_input_error;

const Registry& zoo() {
  static auto r = Registry::builtin();
  return *r;
}

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(Roofline, OneMarkerPerWorkloadLabelledWithEnginesBottleneck) {
  const std::string svg =
      roofline_svg({.hardware = "H100",
                    .workloads = {{.model = "Llama3_8B"}, {.model = "ResNet50", .batch_size = 64}}},
                   zoo());
  EXPECT_EQ(count(svg, "class=\"marker workload\""), 2U);
  EXPECT_NE(svg.find(">Llama-3.1-8B (memory-bound)</text>"), std::string::npos);
  EXPECT_NE(svg.find(">ResNet-50, batch 64 (compute-bound)</text>"), std::string::npos);
  // The ridge: attainable peak (989 TFLOP/s x 0.5) over 3.35 TB/s.
  EXPECT_NE(svg.find("ridge point: 147.6 FLOP/byte"), std::string::npos);
  // Byte-identical on every run.
  EXPECT_EQ(
      svg,
      roofline_svg({.hardware = "H100",
                    .workloads = {{.model = "Llama3_8B"}, {.model = "ResNet50", .batch_size = 64}}},
                   zoo()));
}

TEST(Roofline, BadInputNamesTheField) {
  expect_input_error([] { (void)roofline_svg({.hardware = "H1000"}, zoo()); }, "hardware");
  expect_input_error(
      [] { (void)roofline_svg({.hardware = "H100", .workloads = {{.model = "Lama3"}}}, zoo()); },
      "workloads[0]");
  expect_input_error([] { (void)roofline_svg({.hardware = "H100", .efficiency = 1.5}, zoo()); },
                     "efficiency");
}

TEST(RenderPlot, TheLabsJsonDrawsWhatTheCommandLineDraws) {
  const std::string body = R"({"hardware": "H100", "workloads": ["Llama3_8B",
      {"model": "ResNet50", "batch_size": 64}], "precision": "fp16", "batch_size": 1,
      "seq_len": 2048})";
  EXPECT_EQ(
      render_plot("roofline", body, zoo()),
      roofline_svg({.hardware = "H100",
                    .workloads = {{.model = "Llama3_8B"}, {.model = "ResNet50", .batch_size = 64}}},
                   zoo()));
}

TEST(RenderPlot, PlanSweepAndPareto) {
  const std::string plan = render_plot("plan",
                                       R"({"plan": "version: \"1\"\nname: one\n)"
                                       R"(workload: {name: Llama3_70B}\n)"
                                       R"(hardware: {name: H100}\n"})",
                                       zoo());
  EXPECT_NE(plan.find("class=\"bar over\""), std::string::npos);  // 141 GB > 80 GiB
  const std::string spec =
      "space: {hardware: [A100, H100], batch_size: [1, 8, 64]}\n"
      "objective: ['minimize: latency', 'minimize: energy']\n"
      "constraints: ['latency < 40']\n"
      "evaluator: {resolver: Engine, fixed: {model: Llama3_8B}}\n";
  std::string body = "{\"spec\": \"";
  for (char c : spec) body += c == '\n' ? std::string("\\n") : std::string(1, c);
  body += "\"}";
  const std::string pareto = render_plot("pareto", body, zoo());
  EXPECT_GE(count(pareto, "class=\"marker front\""), 1U);
  const std::string sweep = render_plot("sweep", body, zoo());
  EXPECT_EQ(count(sweep, "<polyline class=\"series\""), 2U);  // one line per device
  EXPECT_EQ(count(sweep, "<line class=\"constraint\""), 1U);
}

TEST(Sweep, LinesRunLeftToRightAndSkipPointsWithoutAValue) {
  // batch_size -3 is rejected by Engine: no point, and no stretch of the x axis for it.
  const std::string svg = sweep_svg(
      "space: {batch_size: [8, -3, 1, 64]}\nobjective: 'minimize: latency'\n"
      "evaluator: {resolver: Engine, fixed: {model: Llama3_8B, hardware: H100}}\n",
      "spec.yaml", zoo());
  EXPECT_EQ(count(svg, "<polyline class=\"series\""), 1U);
  EXPECT_EQ(count(svg, "<circle class=\"point\""), 3U);
  EXPECT_EQ(svg.find(">-"), std::string::npos);  // no negative tick
  const std::string head = "<polyline class=\"series\" points=\"";
  const auto line = svg.find(head);
  ASSERT_NE(line, std::string::npos);
  // The first vertex is the leftmost (batch 1 at the plot's left edge).
  EXPECT_EQ(svg.substr(line + head.size(), 3), "78,");
}

TEST(RenderPlot, BadBodiesNameTheField) {
  expect_input_error([] { (void)render_plot("rooflin", "{}", zoo()); }, "kind", "roofline");
  expect_input_error([] { (void)render_plot("roofline", R"({"hardwar": "H100"})", zoo()); },
                     "hardwar", "did you mean 'hardware'");
  expect_input_error(
      [] { (void)render_plot("roofline", R"({"hardware": "H100", "workloads": 3})", zoo()); },
      "workloads");
  expect_input_error([] { (void)render_plot("sweep", R"({"spec": 1})", zoo()); }, "spec");
  expect_input_error([] { (void)render_plot("plan", R"({"plan": "name: [x"})", zoo()); }, "plan");
  const std::string bad_axis =
      R"({"spec": "space: {batch_size: [1, 2]}\nobjective: 'minimize: latency'\nevaluator: )"
      R"({resolver: Engine, fixed: {model: Llama3_8B, hardware: H100}}\nplot: {x: batch}"})";
  expect_input_error([&] { (void)render_plot("sweep", bad_axis, zoo()); }, "plot.x", "batch_size");
  const std::string one_objective =
      R"({"spec": "space: {batch_size: [1, 2]}\nobjective: 'minimize: latency'\nevaluator: )"
      R"({resolver: Engine, fixed: {model: Llama3_8B, hardware: H100}}"})";
  expect_input_error([&] { (void)render_plot("pareto", one_objective, zoo()); }, "objective");
}

}  // namespace
}  // namespace mlsysim::viz
