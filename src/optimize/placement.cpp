#include "mlsysim/optimize/placement.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>

#include "core/text.hpp"
#include "mlsysim/ops/economics.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::optimize {

namespace {
constexpr std::string_view kGridPrefix = "Infra.Grids.";
constexpr double kKgPerTon = 1000.0;

/// The reference's `getattr(Infra.Grids, name, None)`: a built-in grid by its exact attribute
/// name ("Quebec", not "quebec" or "Infra.Grids.Quebec"), or null.
std::shared_ptr<const Grid> builtin_grid(std::string_view name) {
  for (const auto& g : Registry::builtin()->all_grids()) {
    const std::string& path = g->info.path;
    if (path.size() == kGridPrefix.size() + name.size() && path.starts_with(kGridPrefix) &&
        path.ends_with(name)) {
      return g;
    }
  }
  return nullptr;
}

std::string grid_names() {
  std::string out;
  for (const auto& g : Registry::builtin()->all_grids()) {
    if (!g->info.path.starts_with(kGridPrefix)) continue;
    if (!out.empty()) out += ", ";
    out += g->info.path.substr(kGridPrefix.size());
  }
  return out;
}
}  // namespace

PlacementResult placement(const PlacementInputs& in) {
  check_required(in);
  check_bounds(in);
  PlacementResult r;
  std::vector<PlacementCandidate> candidates;
  std::vector<std::string_view> unknown;
  std::vector<std::string> economics_warnings;  // the fleet's, the same in every region
  for (const std::string& name : in.regions) {
    std::shared_ptr<const Grid> grid = builtin_grid(name);
    if (!grid) {
      unknown.push_back(name);
      continue;
    }
    const ops::EconomicsResult e = ops::economics(
        {.fleet = in.fleet, .duration_days = in.duration_days, .grid = grid, .mfu = in.mfu});
    const double tons = e.carbon_footprint_kg / kKgPerTon;
    candidates.push_back({.region = name,
                          .tco = e.tco_usd,
                          .carbon = tons,
                          .pue = e.pue,
                          .objective = e.tco_usd + tons * in.carbon_tax_per_ton});
    if (candidates.size() == 1) economics_warnings = e.warnings;
  }
  if (candidates.empty()) {
    throw InputError(
        "input.invalid", "regions",
        fmt::format("No valid regions found for optimization. regions: {} names a grid; give "
                    "Infra.Grids names ({})",
                    in.regions.empty() ? std::string("the list is empty, so none")
                                       : fmt::format("none of '{}'", fmt::join(in.regions, "', '")),
                    grid_names()));
  }
  if (!unknown.empty() && !quiet()) {  // grid_names() builds text
    r.warnings.push_back(
        fmt::format("skipped {} region name(s) that are not Infra.Grids names, as the "
                    "reference does: '{}' (known: {})",
                    unknown.size(), fmt::join(unknown, "', '"), grid_names()));
  }
  detail::copy_notes(r.warnings, economics_warnings, "EconomicsModel: ");

  // All regions by objective, lowest first; the stable sort keeps ties in input order, so the
  // first is the reference's min() (the first minimum).
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& x, const auto& y) { return x.objective < y.objective; });
  const PlacementCandidate& best = candidates.front();
  r.objective_value = best.objective;
  r.best_config.region = best.region;
  r.best_region = best.region;
  r.lowest_tco = best.tco;
  r.carbon_footprint = best.carbon;
  r.pue = best.pue;
  r.total_searched = static_cast<int>(candidates.size());
  r.top_candidates = std::move(candidates);
  return r;
}

}  // namespace mlsysim::optimize
