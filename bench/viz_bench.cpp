// Cost of drawing a picture: the roofline of the H100 with three workloads (three Engine solves,
// the scales, the label placement and the SVG text), as `mlsysim plot roofline` and the lab draw
// it. The DSE pictures cost their search plus the same drawing.
#include <benchmark/benchmark.h>

#include <string>

#include "mlsysim/registry/registry.hpp"
#include "mlsysim/viz/plot.hpp"

namespace {

using namespace mlsysim;

void BM_RooflineSvg(benchmark::State& state) {
  auto zoo = Registry::builtin();
  const viz::RooflineSpec spec{.hardware = "H100",
                               .workloads = {{.model = "Llama3_8B"},
                                             {.model = "Llama3_8B", .batch_size = 256},
                                             {.model = "ResNet50", .batch_size = 64}}};
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string svg = viz::roofline_svg(spec, *zoo);
    bytes += svg.size();
    benchmark::DoNotOptimize(svg.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_RooflineSvg);

}  // namespace
