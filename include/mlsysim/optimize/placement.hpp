// PlacementOptimizer — the grid region where a fleet costs least, TCO plus a carbon tax (Tier 3
// legacy optimizer; no wall of its own: it searches EconomicsModel, Wall 17).
//
//   auto zoo = Registry::builtin();
//   auto r = optimize::placement({.fleet = zoo->fleet("Frontier_8K"), .duration_days = 30.0});
//   r.best_region;       // "Quebec" (of US_Avg, Quebec, Iowa)
//   r.objective_value;   // 8 277 055.57 USD = TCO + carbon tons x 100 USD/t
//
// For each region (a grid under Infra.Grids, matched exactly; other names are skipped):
// EconomicsModel(fleet, duration_days, grid = region, mfu); objective = TCO + carbon_kg / 1000 x
// carbon_tax_per_ton. The best is the lowest objective (the first on ties).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mlsysim/core/describe.hpp"
#include "mlsysim/registry/entities.hpp"

namespace mlsysim::optimize {

struct PlacementInputs {
  std::shared_ptr<const Fleet> fleet = nullptr;
  std::optional<double> duration_days = std::nullopt;               ///< required
  std::vector<std::string> regions = {"US_Avg", "Quebec", "Iowa"};  ///< Infra.Grids names
  double carbon_tax_per_ton = 100.0;                                ///< USD per metric ton
  double mfu = 1.0;
};

/// The chosen region.
struct PlacementConfig {
  std::string region;
};

/// One evaluated region.
struct PlacementCandidate {
  std::string region;
  double tco = 0.0;     ///< USD
  double carbon = 0.0;  ///< metric tons
  double pue = 0.0;
  double objective = 0.0;  ///< USD: TCO + carbon tax
};

/// The reference's PlacementOptimizerResult.
struct PlacementResult {
  double objective_value = 0.0;
  PlacementConfig best_config;
  int total_searched = 0;
  std::string best_region;
  double lowest_tco = 0.0;
  double carbon_footprint = 0.0;
  double pue = 0.0;
  std::vector<PlacementCandidate> top_candidates;
  std::vector<std::string> warnings;
};

/// PlacementOptimizer.solve. Throws InputError for bad inputs and when no region name is a grid
/// (the reference's "No valid regions found for optimization.").
[[nodiscard]] PlacementResult placement(const PlacementInputs& in);

}  // namespace mlsysim::optimize

namespace mlsysim {

template <>
struct Describe<optimize::PlacementInputs> {
  static constexpr auto fields() {
    using I = optimize::PlacementInputs;
    return std::tuple{
        field("fleet", &I::fleet,
              "the cluster: a Fleet (accelerator unit cost, TDP and count set the costs)",
              {.required = true}),
        field("duration_days", &I::duration_days, "length of the period in days",
              {.min = 0.0, .required = true}),
        field("regions", &I::regions,
              "candidate grids by their Infra.Grids name (US_Avg, Quebec, Iowa, Poland, Norway), "
              "matched exactly; other names are skipped with a warning"),
        field("carbon_tax_per_ton", &I::carbon_tax_per_ton,
              "carbon price in USD per metric ton of CO2", {.min = 0.0}),
        field("mfu", &I::mfu, "model FLOPs utilization setting the dynamic power share",
              {.min = 0.0, .max = 1.0}),
    };
  }
};

template <>
struct Describe<optimize::PlacementConfig> {
  static constexpr auto fields() {
    using C = optimize::PlacementConfig;
    return std::tuple{field("region", &C::region, "the chosen Infra.Grids name")};
  }
};

template <>
struct Describe<optimize::PlacementCandidate> {
  static constexpr auto fields() {
    using C = optimize::PlacementCandidate;
    return std::tuple{
        field("region", &C::region, "the Infra.Grids name"),
        field("tco", &C::tco, "EconomicsModel's TCO in USD"),
        field("carbon", &C::carbon, "carbon footprint in metric tons"),
        field("pue", &C::pue, "the grid's power usage effectiveness"),
        field("objective", &C::objective, "TCO + carbon tax, USD"),
    };
  }
};

template <>
struct Describe<optimize::PlacementResult> {
  static constexpr auto fields() {
    using R = optimize::PlacementResult;
    return std::tuple{
        field("objective_value", &R::objective_value, "TCO + carbon tax of the best region, USD"),
        field("best_config", &R::best_config, "the chosen region"),
        field("total_searched", &R::total_searched, "regions evaluated (duplicates count twice)"),
        field("best_region", &R::best_region, "the region with the lowest objective"),
        field("lowest_tco", &R::lowest_tco, "TCO of the best region, USD (not the lowest TCO)"),
        field("carbon_footprint", &R::carbon_footprint, "carbon of the best region, metric tons"),
        field("pue", &R::pue, "PUE of the best region"),
        field("top_candidates", &R::top_candidates,
              "every evaluated region by objective, lowest first (ties keep the input order)"),
        field("warnings", &R::warnings, "assumptions the optimizer had to make"),
    };
  }
};

}  // namespace mlsysim
