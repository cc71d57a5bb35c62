// Limits on the size and shape of the text mlsysim reads (JSON lines, registry, plan and DSE
// YAML). Each is far above any real input; beyond it the reader answers an input error in bounded
// time and memory instead of exhausting the machine. docs/reliability.md lists them.
#pragma once

#include <cstddef>

namespace mlsysim::limits {

/// The longest JSON line or YAML file, in bytes (16 MiB).
inline constexpr std::size_t kMaxTextBytes = std::size_t{16} << 20;
/// The deepest nesting of lists and mappings in one document.
inline constexpr int kMaxDepth = 64;
/// The most values (scalars, lists and mappings) in one document, YAML aliases counted at each
/// use: an alias bomb fails here instead of expanding.
inline constexpr std::size_t kMaxValues = 1'000'000;
/// The most keys in one mapping.
inline constexpr std::size_t kMaxKeys = 10'000;
/// The most points a design space may have (the product of its candidate lists' lengths).
inline constexpr std::size_t kMaxSpacePoints = 100'000'000;

}  // namespace mlsysim::limits
