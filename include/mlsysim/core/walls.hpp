// The 22 Systems Walls: the taxonomy that says which resolver guards which physical limit.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

namespace mlsysim {

enum class Domain { kNode, kData, kAlgorithm, kFleet, kOperations, kAnalysis };

/// "node", "data", "algorithm", "fleet", "operations", "analysis".
[[nodiscard]] std::string_view domain_name(Domain d);

struct Wall {
  int number;
  std::string_view name;
  Domain domain;
  std::string_view resolver;    ///< the resolver class that models it
  std::string_view constraint;  ///< the limit, in one line
  std::string_view equation;    ///< the display equation
  std::string_view sources;     ///< literature
};

/// All 22 walls, by number.
[[nodiscard]] std::span<const Wall> all_walls();
/// Wall `n` (1..22); throws InputError for any other number.
[[nodiscard]] const Wall& wall(int n);
/// The walls a resolver guards (SingleNodeModel and Engine: 1 and 2; optimizers: none).
[[nodiscard]] std::vector<const Wall*> walls_for_resolver(std::string_view resolver);

}  // namespace mlsysim
