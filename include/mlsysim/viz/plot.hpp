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

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace mlsysim::viz
