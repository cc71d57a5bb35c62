// The zoo: every built-in entry, plus the user's own files.
//
//   auto zoo = Registry::builtin();
//   auto h100 = zoo->hardware("Hardware.Cloud.H100");   // also "H100", "Hardware.H100"
//   auto llama = zoo->model("Llama3_8B");
//
// Names resolve by full path, by alias and by short name (the last path segment) when that is
// unambiguous; a miss throws UnknownEntry with the closest names ("did you mean ...").
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/registry/entities.hpp"

namespace mlsysim {

/// The kinds of registry entries.
enum class EntryKind {
  kHardware,
  kModel,
  kFabric,
  kNode,
  kFleet,
  kTier,
  kGrid,
  kDatacenter,
  kRack
};

/// "hardware", "model", ... (used in messages and by `mlsysim zoo`).
[[nodiscard]] std::string_view entry_kind_name(EntryKind k);

/// A data file: its name (for messages) and its YAML text.
struct RegistrySource {
  std::string file;
  std::string text;
};

class Registry {
 public:
  /// The built-in zoo (embedded at build time), loaded once.
  [[nodiscard]] static std::shared_ptr<const Registry> builtin();
  /// The built-in zoo plus the YAML files found (recursively) in `dirs`, in order; an entry whose
  /// path already exists replaces it. Throws RegistryError for a malformed file.
  [[nodiscard]] static std::shared_ptr<const Registry> with_overlays(
      const std::vector<std::filesystem::path>& dirs);
  /// The built-in zoo plus the directories listed in MLSYSIM_REGISTRY_PATH (':'-separated).
  [[nodiscard]] static std::shared_ptr<const Registry> from_environment(
      const std::vector<std::filesystem::path>& extra_dirs = {});
  /// A registry built from explicit sources (used by tests).
  [[nodiscard]] static std::shared_ptr<const Registry> from_sources(
      const std::vector<RegistrySource>& sources);

  [[nodiscard]] std::shared_ptr<const Hardware> hardware(std::string_view name,
                                                         std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const Workload> model(std::string_view name,
                                                      std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const Fabric> fabric(std::string_view name,
                                                     std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const Node> node(std::string_view name,
                                                 std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const Fleet> fleet(std::string_view name,
                                                   std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const DeploymentTier> tier(std::string_view name,
                                                           std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const Grid> grid(std::string_view name,
                                                 std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const Datacenter> datacenter(std::string_view name,
                                                             std::string_view field = "") const;
  [[nodiscard]] std::shared_ptr<const Rack> rack(std::string_view name,
                                                 std::string_view field = "") const;

  /// Every entry of a kind, in path order (aliases not repeated).
  [[nodiscard]] const std::vector<std::shared_ptr<const Hardware>>& all_hardware() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const Workload>>& all_models() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const Fabric>>& all_fabrics() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const Node>>& all_nodes() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const Fleet>>& all_fleets() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const DeploymentTier>>& all_tiers() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const Grid>>& all_grids() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const Datacenter>>& all_datacenters() const;
  [[nodiscard]] const std::vector<std::shared_ptr<const Rack>>& all_racks() const;

  /// The kind of the entry a name resolves to, if any (any kind).
  [[nodiscard]] std::optional<EntryKind> kind_of(std::string_view name) const;

  struct Impl;
  explicit Registry(std::unique_ptr<Impl> impl);
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace mlsysim
