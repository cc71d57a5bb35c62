// `mlsysim plot roofline|sweep|pareto|plan`: self-contained SVG pictures, to stdout or --file.
#include "mlsysim/viz/plot.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "commands.hpp"
#include "mlsysim/analysis/plan.hpp"
#include "mlsysim/core/error.hpp"
#include "optimize/dse_engine.hpp"
#include "output.hpp"

namespace mlsysim::cli {
namespace {

/// "Llama3_8B" or "Llama3_8B:256" (a batch size for this workload).
viz::RooflineWorkload workload_of(const std::string& text, int batch, int seq_len, std::size_t i) {
  viz::RooflineWorkload w{.model = text, .batch_size = batch, .seq_len = seq_len};
  const auto colon = text.rfind(':');
  if (colon != std::string::npos) {
    w.model = text.substr(0, colon);
    const std::string n = text.substr(colon + 1);
    std::size_t used = 0;
    long long b = 0;
    try {
      b = std::stoll(n, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != n.size() || n.empty() || b < 1 || b > 1'000'000'000) {
      throw InputError("input.invalid", fmt::format("workloads[{}]", i),
                       fmt::format("--workload: expected MODEL or MODEL:BATCH_SIZE with a batch "
                                   "size >= 1, got '{}'",
                                   text));
    }
    w.batch_size = static_cast<int>(b);
  }
  return w;
}

void write_out(const PlotOptions& o, const std::string& svg) {
  if (o.file.empty()) {
    print(svg);
    return;
  }
  std::ofstream f(o.file, std::ios::binary);
  if (!f || !f.write(svg.data(), static_cast<std::streamsize>(svg.size())) || !f.flush()) {
    throw InputError("input.invalid", "file", fmt::format("--file: cannot write '{}'", o.file));
  }
}

}  // namespace

int run_plot(const GlobalOptions& g, const PlotOptions& o) {
  if (g.output != "table") {
    throw InputError("input.invalid", "output",
                     "--output does not apply to plot: a picture is SVG (use --file PATH to "
                     "write it to a file)");
  }
  auto registry = load_registry(g);
  if (o.kind == "roofline") {
    viz::RooflineSpec spec{.hardware = o.target};
    if (!o.precision.empty()) spec.precision = o.precision;
    if (o.efficiency) spec.efficiency = *o.efficiency;
    for (std::size_t i = 0; i < o.workloads.size(); ++i) {
      spec.workloads.push_back(workload_of(o.workloads[i], o.batch_size, o.seq_len, i));
    }
    write_out(o, viz::roofline_svg(spec, *registry));
    return kExitOk;
  }
  if (o.kind == "plan") {
    write_out(o, viz::plan_svg(analysis::load_plan(o.target, *registry)));
    return kExitOk;
  }
  const std::string text = dse::read_spec_file(o.target);
  write_out(o, o.kind == "pareto" ? viz::pareto_svg(text, o.target, *registry)
                                  : viz::sweep_svg(text, o.target, *registry));
  return kExitOk;
}

}  // namespace mlsysim::cli
