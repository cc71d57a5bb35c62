#include "mlsysim/registry/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <type_traits>

#include "core/suggest.hpp"
#include "mlsysim/realistic/hf_config.hpp"
#include "registry/registry_impl.hpp"

namespace mlsysim {

// Defined in the generated embedded_registry.cpp.
const std::vector<RegistrySource>& embedded_registry_sources();

namespace {

std::string fold(std::string_view s) {
  std::string r(s);
  std::transform(r.begin(), r.end(), r.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return r;
}

std::string_view last_segment(std::string_view path) {
  auto dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

}  // namespace

std::string_view entry_kind_name(EntryKind k) {
  switch (k) {
    case EntryKind::kHardware:
      return "hardware";
    case EntryKind::kModel:
      return "model";
    case EntryKind::kFabric:
      return "fabric";
    case EntryKind::kNode:
      return "node";
    case EntryKind::kFleet:
      return "fleet";
    case EntryKind::kTier:
      return "deployment tier";
    case EntryKind::kGrid:
      return "grid";
    case EntryKind::kDatacenter:
      return "datacenter";
    case EntryKind::kRack:
      return "rack";
  }
  return "entry";
}

template <class T>
void EntryTable<T>::add(std::shared_ptr<const T> entry) {
  const std::size_t idx = all.size();
  auto index = [&](const std::string& name) {
    exact[name] = idx;
    short_names[std::string(last_segment(name))].push_back(idx);
    folded[fold(name)].push_back(idx);
    folded[fold(last_segment(name))].push_back(idx);
  };
  index(entry->info.path);
  for (const auto& a : entry->info.aliases) index(a);
  all.push_back(std::move(entry));
}

template <class T>
std::shared_ptr<const T> EntryTable<T>::find(std::string_view name) const {
  const std::string key(name);
  if (auto it = exact.find(key); it != exact.end()) return all[it->second];
  auto unique = [&](const std::vector<std::size_t>& ids) -> std::shared_ptr<const T> {
    std::size_t first = ids.front();
    for (auto i : ids) {
      if (all[i] != all[first]) return nullptr;
    }
    return all[first];
  };
  if (auto it = short_names.find(key); it != short_names.end()) {
    if (auto e = unique(it->second)) return e;
  }
  if (auto it = folded.find(fold(name)); it != folded.end()) {
    if (auto e = unique(it->second)) return e;
  }
  return nullptr;
}

template <class T>
std::vector<std::string> EntryTable<T>::names() const {
  std::vector<std::string> out;
  for (const auto& e : all) {
    out.push_back(e->info.path);
    for (const auto& a : e->info.aliases) out.push_back(a);
  }
  for (const auto& [s, ids] : short_names) out.push_back(s);
  return out;
}

template <class T>
std::shared_ptr<const T> Registry::Impl::get(const EntryTable<T>& table, std::string_view name,
                                             std::string_view field, EntryKind kind) const {
  if (auto e = table.find(name)) return e;
  if constexpr (std::is_same_v<T, Workload>) {
    if (realistic::is_config_path(name)) return realistic::imported_workload(name, field);
  }
  std::vector<std::string> suggestions = detail::closest(name, table.names(), 3);
  // Prefer full paths in suggestions.
  for (auto& s : suggestions) {
    if (auto e = table.find(s)) s = e->info.path;
  }
  suggestions.erase(std::unique(suggestions.begin(), suggestions.end()), suggestions.end());
  std::string note;
  if (auto other = kind_of(name); other && *other != kind) {
    note =
        fmt::format("'{}' is a {}, not a {}", name, entry_kind_name(*other), entry_kind_name(kind));
  }
  throw UnknownEntry(std::string(field), std::string(name), entry_kind_name(kind),
                     std::move(suggestions), note);
}

std::optional<EntryKind> Registry::Impl::kind_of(std::string_view name) const {
  if (hardware.find(name)) return EntryKind::kHardware;
  if (models.find(name)) return EntryKind::kModel;
  if (fabrics.find(name)) return EntryKind::kFabric;
  if (nodes.find(name)) return EntryKind::kNode;
  if (fleets.find(name)) return EntryKind::kFleet;
  if (tiers.find(name)) return EntryKind::kTier;
  if (grids.find(name)) return EntryKind::kGrid;
  if (datacenters.find(name)) return EntryKind::kDatacenter;
  if (racks.find(name)) return EntryKind::kRack;
  return std::nullopt;
}

namespace {

struct Doc {
  io::Tree tree;
  std::string type;
  std::string path;
};

std::vector<Doc> read_documents(const std::vector<RegistrySource>& sources) {
  std::vector<Doc> docs;
  for (const auto& src : sources) {
    io::Tree t = io::tree_from_yaml(src.text, src.file);
    if (t.is_null()) continue;  // an empty file
    if (!t.is_map()) {
      throw RegistryError(src.file, t.mark.line, t.mark.column, "",
                          "expected a mapping with path, type, name, source, ...");
    }
    const io::Tree* path = t.get("path");
    const io::Tree* type = t.get("type");
    if (path == nullptr || path->kind != io::Tree::Kind::kString) {
      throw RegistryError(src.file, t.mark.line, t.mark.column, "path",
                          "required key 'path' (e.g. Hardware.Cloud.H100) is missing");
    }
    if (type == nullptr || type->kind != io::Tree::Kind::kString) {
      throw RegistryError(src.file, t.mark.line, t.mark.column, "type",
                          "required key 'type' (e.g. HardwareNode) is missing");
    }
    Doc d{std::move(t), type->text, path->text};
    // A later file with the same path replaces the earlier one (user overrides).
    auto same =
        std::find_if(docs.begin(), docs.end(), [&](const Doc& o) { return o.path == d.path; });
    if (same != docs.end()) {
      *same = std::move(d);
    } else {
      docs.push_back(std::move(d));
    }
  }
  return docs;
}

template <class T, class Parse>
void build(std::vector<Doc>& docs, std::initializer_list<std::string_view> types,
           EntryTable<T>& table, Registry::Impl& impl, Parse parse) {
  std::vector<std::shared_ptr<const T>> built;
  for (auto& d : docs) {
    if (std::find(types.begin(), types.end(), d.type) == types.end()) continue;
    io::MapReader r(d.tree, "", d.path);
    EntryInfo info = io::read_entry_info(r, false, "");
    (void)r.opt("type");
    T entry = parse(r, d.type);
    entry.info = std::move(info);
    r.finish();
    built.push_back(std::make_shared<const T>(std::move(entry)));
  }
  std::sort(built.begin(), built.end(),
            [](const auto& a, const auto& b) { return a->info.path < b->info.path; });
  for (auto& e : built) {
    for (const auto& name : [&] {
           std::vector<std::string> n{e->info.path};
           n.insert(n.end(), e->info.aliases.begin(), e->info.aliases.end());
           return n;
         }()) {
      if (impl.kind_of(name) || table.exact.count(name) != 0) {
        throw RegistryError(e->info.file, e->info.line, 1, "path",
                            fmt::format("'{}' names two registry entries", name));
      }
    }
    table.add(e);
  }
}

std::shared_ptr<const Registry> build_registry(const std::vector<RegistrySource>& sources) {
  std::vector<Doc> docs = read_documents(sources);
  static constexpr std::string_view kKnown[] = {"HardwareNode",
                                                "NetworkFabric",
                                                "Node",
                                                "Fleet",
                                                "DeploymentTier",
                                                "GridProfile",
                                                "Datacenter",
                                                "RackProfile",
                                                "Workload",
                                                "TransformerWorkload",
                                                "SparseTransformerWorkload",
                                                "CNNWorkload",
                                                "SSMWorkload",
                                                "DiffusionWorkload"};
  for (const auto& d : docs) {
    if (std::find(std::begin(kKnown), std::end(kKnown), d.type) == std::end(kKnown)) {
      const io::Tree* t = d.tree.get("type");
      std::vector<std::string> known(std::begin(kKnown), std::end(kKnown));
      auto near = detail::closest(d.type, known, 1);
      throw RegistryError(
          *t->mark.file, t->mark.line, t->mark.column, "type",
          fmt::format("unknown type '{}'{}", d.type,
                      near.empty() ? std::string() : "; did you mean '" + near.front() + "'?"));
    }
  }
  auto impl = std::make_unique<Registry::Impl>();
  Registry::Impl& reg = *impl;
  build(docs, {"GridProfile"}, reg.grids, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_grid(r, reg); });
  build(docs, {"HardwareNode"}, reg.hardware, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_hardware(r, reg); });
  build(docs, {"NetworkFabric"}, reg.fabrics, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_fabric(r, reg); });
  build(docs, {"Datacenter"}, reg.datacenters, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_datacenter(r, reg); });
  build(docs, {"Node"}, reg.nodes, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_node(r, reg); });
  build(docs, {"Fleet"}, reg.fleets, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_fleet(r, reg); });
  build(docs,
        {"Workload", "TransformerWorkload", "SparseTransformerWorkload", "CNNWorkload",
         "SSMWorkload", "DiffusionWorkload"},
        reg.models, reg, [&](io::MapReader& r, const std::string& type) {
          return io::parse_workload(r, type, reg);
        });
  build(docs, {"DeploymentTier"}, reg.tiers, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_tier(r, reg); });
  build(docs, {"RackProfile"}, reg.racks, reg,
        [&](io::MapReader& r, const std::string&) { return io::parse_rack(r, reg); });
  return std::make_shared<const Registry>(std::move(impl));
}

std::vector<RegistrySource> read_dir(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw InputError("input.invalid", "registry",
                     fmt::format("registry directory '{}' does not exist", dir.string()));
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<RegistrySource> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    out.push_back({f.string(), ss.str()});
  }
  return out;
}

}  // namespace

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::~Registry() = default;

std::shared_ptr<const Registry> Registry::builtin() {
  static const std::shared_ptr<const Registry> zoo = build_registry(embedded_registry_sources());
  return zoo;
}

std::shared_ptr<const Registry> Registry::from_sources(const std::vector<RegistrySource>& sources) {
  return build_registry(sources);
}

std::shared_ptr<const Registry> Registry::with_overlays(
    const std::vector<std::filesystem::path>& dirs) {
  if (dirs.empty()) return builtin();
  std::vector<RegistrySource> sources = embedded_registry_sources();
  for (const auto& d : dirs) {
    auto more = read_dir(d);
    sources.insert(sources.end(), more.begin(), more.end());
  }
  return build_registry(sources);
}

std::shared_ptr<const Registry> Registry::from_environment(
    const std::vector<std::filesystem::path>& extra_dirs) {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("MLSYSIM_REGISTRY_PATH"); env != nullptr && *env != '\0') {
    std::string_view s(env);
    while (!s.empty()) {
      auto colon = s.find(':');
      std::string_view part = s.substr(0, colon);
      if (!part.empty()) dirs.emplace_back(std::string(part));
      if (colon == std::string_view::npos) break;
      s.remove_prefix(colon + 1);
    }
  }
  dirs.insert(dirs.end(), extra_dirs.begin(), extra_dirs.end());
  return with_overlays(dirs);
}

#define MLSYSIM_REGISTRY_ACCESSORS(Type, method, table, kind)                                 \
  std::shared_ptr<const Type> Registry::method(std::string_view name, std::string_view field) \
      const {                                                                                 \
    return impl_->get(impl_->table, name, field, kind);                                       \
  }

MLSYSIM_REGISTRY_ACCESSORS(Hardware, hardware, hardware, EntryKind::kHardware)
MLSYSIM_REGISTRY_ACCESSORS(Workload, model, models, EntryKind::kModel)
MLSYSIM_REGISTRY_ACCESSORS(Fabric, fabric, fabrics, EntryKind::kFabric)
MLSYSIM_REGISTRY_ACCESSORS(Node, node, nodes, EntryKind::kNode)
MLSYSIM_REGISTRY_ACCESSORS(Fleet, fleet, fleets, EntryKind::kFleet)
MLSYSIM_REGISTRY_ACCESSORS(DeploymentTier, tier, tiers, EntryKind::kTier)
MLSYSIM_REGISTRY_ACCESSORS(Grid, grid, grids, EntryKind::kGrid)
MLSYSIM_REGISTRY_ACCESSORS(Datacenter, datacenter, datacenters, EntryKind::kDatacenter)
MLSYSIM_REGISTRY_ACCESSORS(Rack, rack, racks, EntryKind::kRack)
#undef MLSYSIM_REGISTRY_ACCESSORS

const std::vector<std::shared_ptr<const Hardware>>& Registry::all_hardware() const {
  return impl_->hardware.all;
}
const std::vector<std::shared_ptr<const Workload>>& Registry::all_models() const {
  return impl_->models.all;
}
const std::vector<std::shared_ptr<const Fabric>>& Registry::all_fabrics() const {
  return impl_->fabrics.all;
}
const std::vector<std::shared_ptr<const Node>>& Registry::all_nodes() const {
  return impl_->nodes.all;
}
const std::vector<std::shared_ptr<const Fleet>>& Registry::all_fleets() const {
  return impl_->fleets.all;
}
const std::vector<std::shared_ptr<const DeploymentTier>>& Registry::all_tiers() const {
  return impl_->tiers.all;
}
const std::vector<std::shared_ptr<const Grid>>& Registry::all_grids() const {
  return impl_->grids.all;
}
const std::vector<std::shared_ptr<const Datacenter>>& Registry::all_datacenters() const {
  return impl_->datacenters.all;
}
const std::vector<std::shared_ptr<const Rack>>& Registry::all_racks() const {
  return impl_->racks.all;
}

std::optional<EntryKind> Registry::kind_of(std::string_view name) const {
  return impl_->kind_of(name);
}

}  // namespace mlsysim
