// Internal: "did you mean" — the candidates closest to a misspelled name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlsysim::detail {

/// Case-insensitive edit distance (Damerau: adjacent swaps count once).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// Up to `max` candidates close to `name` (best first). A candidate qualifies when its distance is
/// small relative to its length, or when one name contains the other (ignoring case).
[[nodiscard]] std::vector<std::string> closest(std::string_view name,
                                               const std::vector<std::string>& candidates,
                                               std::size_t max = 3);

}  // namespace mlsysim::detail
