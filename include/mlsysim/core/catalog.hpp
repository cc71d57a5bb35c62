// Every resolver by name, with type-erased entry points that all interfaces share: one JSON
// object in, one JSON line out (`solve --jsonl`), flag-style settings (`solve --set k=v`), and the
// schema. Each entry is generated from the resolver's Describe<Inputs> / Describe<Result>.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

namespace io {
class SweepKernel;
struct SweepPlan;
}  // namespace io

struct ResolverInfo {
  std::string_view name;                    ///< "ServingModel", "Engine", ...
  std::string_view type;                    ///< model | solver | optimizer
  std::string_view produces;                ///< the result type's name
  std::vector<std::string_view> requires_;  ///< concepts it reads (informational)
  std::string_view summary;
};

/// One input or output field, as `mlsysim schema` shows it.
struct FieldSchema {
  std::string name;
  std::string type;       ///< int, number, bool, string, quantity, Workload, HardwareNode, ...
  std::string unit;       ///< display unit of quantities
  std::string dimension;  ///< dimension of quantities ("time", "bandwidth (data/time)")
  std::string doc;
  std::string default_json;  ///< the default as JSON ("null" when required or none)
  std::optional<double> min;
  std::optional<double> max;
  bool min_open = false;
  bool max_open = false;
  bool required = false;
};

/// One output value, ready to print.
struct OutputValue {
  std::string name;
  std::string json;  ///< the value as JSON
  std::string text;  ///< the value for humans ("5.6034 ms")
  std::string doc;
};

struct Evaluation {
  std::vector<OutputValue> outputs;
  std::optional<bool> feasible;  ///< the result's `feasible` flag, when it has one
  std::string json;              ///< {"outputs": {...}}
};

/// A named setting from the command line: `seq_len=2048`, `hardware=H100`, `network_bandwidth=100
/// GB/s`.
using Setting = std::pair<std::string, std::string>;

struct Resolver {
  ResolverInfo info;
  /// Evaluates one JSON object of inputs. Never throws: returns `{"outputs": {...}}` or
  /// `{"error": {"code", "field", "message"}}` (one line, no newline).
  std::string (*solve_json)(std::string_view json, const Registry& registry);
  /// Evaluates named settings. Throws InputError (bad input) or OomError.
  Evaluation (*evaluate)(const std::vector<Setting>& settings, const Registry& registry);
  std::vector<FieldSchema> (*inputs)();
  std::vector<FieldSchema> (*outputs)();
  /// Compiles a design-space sweep over this resolver (optimize/dse.hpp); null when it cannot be
  /// swept point by point.
  std::unique_ptr<io::SweepKernel> (*sweep)(const io::SweepPlan& plan, const Registry& registry,
                                            std::string_view name) = nullptr;
};

/// All resolvers, in the reference's order.
[[nodiscard]] const std::vector<Resolver>& resolvers();
/// A resolver by name (case-insensitive); throws UnknownEntry with suggestions.
[[nodiscard]] const Resolver& find_resolver(std::string_view name);
/// `mlsysim schema RESOLVER` as JSON.
[[nodiscard]] std::string schema_json(const Resolver& r);

}  // namespace mlsysim
