// Internal: the registry's tables and the parsers that turn document trees into entries. The same
// parsers read the built-in data files, users' overlay files and ad-hoc objects in JSON input.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/tree.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

template <class T>
struct EntryTable {
  std::vector<std::shared_ptr<const T>> all;                              // sorted by path
  std::unordered_map<std::string, std::size_t> exact;                     // path and aliases
  std::unordered_map<std::string, std::vector<std::size_t>> short_names;  // last segment
  std::unordered_map<std::string, std::vector<std::size_t>> folded;       // lower-cased names

  void add(std::shared_ptr<const T> entry);
  /// The entry a name resolves to, or null.
  [[nodiscard]] std::shared_ptr<const T> find(std::string_view name) const;
  /// Every name an entry answers to (for suggestions).
  [[nodiscard]] std::vector<std::string> names() const;
};

struct Registry::Impl {
  EntryTable<Hardware> hardware;
  EntryTable<Workload> models;
  EntryTable<Fabric> fabrics;
  EntryTable<Node> nodes;
  EntryTable<Fleet> fleets;
  EntryTable<DeploymentTier> tiers;
  EntryTable<Grid> grids;
  EntryTable<Datacenter> datacenters;
  EntryTable<Rack> racks;

  /// Resolves `name` in `table` or throws UnknownEntry (naming `field`), with suggestions and a
  /// hint when the name belongs to another kind.
  template <class T>
  [[nodiscard]] std::shared_ptr<const T> get(const EntryTable<T>& table, std::string_view name,
                                             std::string_view field, EntryKind kind) const;
  [[nodiscard]] std::optional<EntryKind> kind_of(std::string_view name) const;
};

namespace io {

/// Reads the common keys (`path`, `aliases`, `name`, `source`, `notes`) of a data-file entry, or
/// just `name` (optional) for an ad-hoc object.
EntryInfo read_entry_info(MapReader& r, bool adhoc, std::string_view default_name);

// Type-specific parsers. `r` is positioned on the entry's mapping (common keys already read).
Hardware parse_hardware(MapReader& r, const Registry::Impl& reg);
Workload parse_workload(MapReader& r, std::string_view type, const Registry::Impl& reg);
Fabric parse_fabric(MapReader& r, const Registry::Impl& reg);
Node parse_node(MapReader& r, const Registry::Impl& reg);
Fleet parse_fleet(MapReader& r, const Registry::Impl& reg);
Grid parse_grid(MapReader& r, const Registry::Impl& reg);
Datacenter parse_datacenter(MapReader& r, const Registry::Impl& reg);
DeploymentTier parse_tier(MapReader& r, const Registry::Impl& reg);
Rack parse_rack(MapReader& r, const Registry::Impl& reg);

// A reference to an entry: a registry name (string), or an ad-hoc object, either bare or wrapped
// as {"hardware": {...}} / {"workload": {...}} / {"node": {...}} / {"fabric": {...}} /
// {"fleet": {...}} / {"datacenter": {...}} / {"grid": {...}}.
std::shared_ptr<const Hardware> hardware_ref(const Tree& t, std::string_view key,
                                             const Registry::Impl& reg);
std::shared_ptr<const Workload> workload_ref(const Tree& t, std::string_view key,
                                             const Registry::Impl& reg);
std::shared_ptr<const Fabric> fabric_ref(const Tree& t, std::string_view key,
                                         const Registry::Impl& reg);
std::shared_ptr<const Node> node_ref(const Tree& t, std::string_view key,
                                     const Registry::Impl& reg);
std::shared_ptr<const Fleet> fleet_ref(const Tree& t, std::string_view key,
                                       const Registry::Impl& reg);
std::shared_ptr<const Grid> grid_ref(const Tree& t, std::string_view key,
                                     const Registry::Impl& reg);
std::shared_ptr<const Datacenter> datacenter_ref(const Tree& t, std::string_view key,
                                                 const Registry::Impl& reg);

}  // namespace io
}  // namespace mlsysim
