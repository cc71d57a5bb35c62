// Pictures as self-contained SVG: a roofline with workloads on it, a plan's demand against its
// limits, a design-space Pareto front and a design-space sweep. No dependency, no external fonts
// or scripts; the same palette and type in every picture; byte-identical output on every run.
//
//   auto zoo = Registry::builtin();
//   std::string svg = viz::roofline_svg({.hardware = "H100",
//                                        .workloads = {{.model = "Llama3_8B"},
//                                                      {.model = "Llama3_8B", .batch_size = 256}}},
//                                       *zoo);
//
// Bad input throws InputError (an unknown name, a bad precision, a metric the spec cannot read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/analysis/plan.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::viz {

/// One workload on the roofline: a model evaluated by Engine at a batch size.
struct RooflineWorkload {
  std::string model{};
  int batch_size = 1;
  int seq_len = 2048;
};

/// `mlsysim plot roofline HARDWARE --workload M ...`.
struct RooflineSpec {
  std::string hardware{};
  std::vector<RooflineWorkload> workloads{};
  std::string precision = "fp16";
  double efficiency = 0.5;  ///< the fraction of peak Engine computes with (the attainable roof)
};

/// The roofline of a device: the peak and attainable compute ceilings at the precision, the
/// memory-bandwidth slope, the ridge point, the memory- and compute-bound regions, and each
/// workload at Engine's arithmetic intensity and achieved FLOP/s, labelled with its bottleneck.
[[nodiscard]] std::string roofline_svg(const RooflineSpec& spec, const Registry& registry);

/// A plan's scorecard as bars: demand against supply (memory against capacity), every SLA
/// assertion against its limit and the cost; red where a limit is exceeded. The plan comes from
/// analysis::load_plan or analysis::parse_plan.
[[nodiscard]] std::string plan_svg(const analysis::ResolvedPlan& plan);

/// A DSE spec's Pareto front over its first two objectives: every surviving point, the dominated
/// ones faded, the front's points joined and labelled with their parameters. `text` is the spec
/// (YAML, or JSON when `file` ends in .json).
[[nodiscard]] std::string pareto_svg(std::string_view text, const std::string& file,
                                     const Registry& registry);

/// A DSE spec as a sweep: one metric (`plot.y`, default the first objective) against one swept
/// parameter (`plot.x`, default the first numeric one), one line per value of another
/// (`plot.series`, default the first other parameter), the constraint on y as a dashed line.
[[nodiscard]] std::string sweep_svg(std::string_view text, const std::string& file,
                                    const Registry& registry);

}  // namespace mlsysim::viz
