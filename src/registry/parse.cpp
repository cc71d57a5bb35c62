// Document tree -> registry entries (built-in files, overlay files and ad-hoc JSON objects).
#include <fmt/format.h>

#include "registry/registry_impl.hpp"

namespace mlsysim {

std::string_view workload_type_name(WorkloadKind k) {
  switch (k) {
    case WorkloadKind::kGeneric:
      return "Workload";
    case WorkloadKind::kTransformer:
      return "TransformerWorkload";
    case WorkloadKind::kSparseTransformer:
      return "SparseTransformerWorkload";
    case WorkloadKind::kCnn:
      return "CNNWorkload";
    case WorkloadKind::kSsm:
      return "SSMWorkload";
    case WorkloadKind::kDiffusion:
      return "DiffusionWorkload";
  }
  return "Workload";
}

}  // namespace mlsysim

namespace mlsysim::io {
namespace {

using units::Dim;

template <Dim D>
Stated<D> nonneg_stated(const Tree& t, const std::string& key) {
  Stated<D> v = read_stated<D>(t, key);
  if (v.magnitude < 0) {
    fail(t, key, "input.out_of_range",
         fmt::format("{} must be >= 0, got {} {}", key, v.magnitude, v.unit));
  }
  return v;
}

template <Dim D>
Stated<D> req_stated(MapReader& r, std::string_view k) {
  return nonneg_stated<D>(r.req(k), r.key(k));
}

template <Dim D>
std::optional<Stated<D>> opt_stated(MapReader& r, std::string_view k) {
  if (const Tree* t = r.opt(k)) return nonneg_stated<D>(*t, r.key(k));
  return std::nullopt;
}

std::optional<int> opt_int(MapReader& r, std::string_view k, long long min_value) {
  const Tree* t = r.opt(k);
  if (t == nullptr) return std::nullopt;
  long long v = read_integer(*t, r.key(k));
  if (v < min_value || v > 2147483647LL) {
    fail(*t, r.key(k), "input.out_of_range",
         fmt::format("{} must be >= {}, got {}", r.key(k), min_value, v));
  }
  return static_cast<int>(v);
}

int req_int(MapReader& r, std::string_view k, long long min_value) {
  const Tree& t = r.req(k);
  long long v = read_integer(t, r.key(k));
  if (v < min_value || v > 2147483647LL) {
    fail(t, r.key(k), "input.out_of_range",
         fmt::format("{} must be >= {}, got {}", r.key(k), min_value, v));
  }
  return static_cast<int>(v);
}

std::optional<double> opt_number(MapReader& r, std::string_view k) {
  if (const Tree* t = r.opt(k)) return read_number(*t, r.key(k));
  return std::nullopt;
}

/// A count (parameters): a plain number, or a dimensionless quantity such as `8.03 Bparam`.
std::optional<double> opt_count(MapReader& r, std::string_view k) {
  const Tree* t = r.opt(k);
  if (t == nullptr) return std::nullopt;
  double v = read_quantity<units::kOne>(*t, r.key(k)).value();
  if (v < 0) {
    fail(*t, r.key(k), "input.out_of_range", fmt::format("{} must be >= 0, got {}", r.key(k), v));
  }
  return v;
}

std::string opt_string(MapReader& r, std::string_view k, std::string fallback = {}) {
  if (const Tree* t = r.opt(k)) return read_string(*t, r.key(k));
  return fallback;
}

// A sub-mapping reader that shares error context.
struct Sub {
  MapReader reader;
  Sub(const Tree& t, const MapReader& parent, std::string_view k)
      : reader(t, parent.key(k) + ".", k) {}
};

/// Finds the object behind a reference: a string name, {"<wrap>": {...}}, or a bare mapping.
const Tree* adhoc_body(const Tree& t, std::string_view wrap) {
  if (!t.is_map()) return nullptr;
  if (t.fields.size() == 1 && t.fields.front().first == wrap) return &t.fields.front().second;
  return &t;
}

}  // namespace

EntryInfo read_entry_info(MapReader& r, bool adhoc, std::string_view default_name) {
  EntryInfo info;
  if (adhoc) {
    info.name = opt_string(r, "name", std::string(default_name));
    // Ad-hoc objects may carry provenance, but need not.
    (void)r.opt("path");
    (void)r.opt("type");
  } else {
    info.path = read_string(r.req("path"), "path");
    info.name = read_string(r.req("name"), "name");
    if (const Tree* a = r.opt("aliases")) {
      if (a->kind != Tree::Kind::kList) {
        fail(*a, "aliases", "input.type", "aliases: expected a list of registry paths");
      }
      for (const auto& item : a->items) info.aliases.push_back(read_string(item, "aliases"));
    }
    info.file = r.tree().mark.file ? *r.tree().mark.file : std::string();
    info.line = r.tree().mark.line;
  }
  if (const Tree* s = r.opt("source")) {
    MapReader sr(*s, "source.", "source");
    info.source.kind = read_string(sr.req("kind"), "source.kind");
    static constexpr std::string_view kKinds[] = {"datasheet", "literature", "estimate",
                                                  "convention", "derived"};
    bool ok = false;
    for (auto k : kKinds) ok = ok || info.source.kind == k;
    if (!ok) {
      fail(*sr.opt("kind"), "source.kind", "input.invalid",
           fmt::format("source.kind: '{}' is not one of datasheet, literature, estimate, "
                       "convention, derived",
                       info.source.kind));
    }
    info.source.ref = read_string(sr.req("ref"), "source.ref");
    info.source.url = opt_string(sr, "url");
    info.source.verified = opt_string(sr, "verified");
    sr.finish();
  } else if (!adhoc) {
    (void)r.req("source");  // throws: every built-in or overlay entry must cite its source
  }
  info.notes = opt_string(r, "notes");
  return info;
}

Hardware parse_hardware(MapReader& r, const Registry::Impl& /*reg*/) {
  using namespace units;
  Hardware hw;
  hw.release_year = opt_int(r, "release_year", 1900);
  {
    Sub c(r.req("compute"), r, "compute");
    hw.compute.peak_flops = req_stated<kFlopRate>(c.reader, "peak_flops");
    if (const Tree* p = c.reader.opt("precision_flops")) {
      MapReader pr(*p, "compute.precision_flops.", "precision_flops");
      for (const auto& [k, v] : p->fields) {
        (void)pr.opt(k);
        if (v.is_null()) continue;
        hw.compute.precision_flops.emplace_back(k, nonneg_stated<kFlopRate>(v, pr.key(k)));
      }
    }
    c.reader.finish();
  }
  {
    Sub m(r.req("memory"), r, "memory");
    hw.memory.capacity = req_stated<kData>(m.reader, "capacity");
    hw.memory.bandwidth = req_stated<kBandwidth>(m.reader, "bandwidth");
    hw.memory.sram_capacity = opt_stated<kData>(m.reader, "sram_capacity");
    hw.memory.sram_bandwidth = opt_stated<kBandwidth>(m.reader, "sram_bandwidth");
    hw.memory.flash_capacity = opt_stated<kData>(m.reader, "flash_capacity");
    hw.memory.flash_bandwidth = opt_stated<kBandwidth>(m.reader, "flash_bandwidth");
    m.reader.finish();
  }
  if (const Tree* s = r.opt("storage")) {
    Sub st(*s, r, "storage");
    StorageSpec spec;
    spec.capacity = req_stated<kData>(st.reader, "capacity");
    spec.bandwidth = req_stated<kBandwidth>(st.reader, "bandwidth");
    spec.latency = opt_stated<kTime>(st.reader, "latency");
    st.reader.finish();
    hw.storage = spec;
  }
  if (const Tree* s = r.opt("interconnect")) {
    Sub ic(*s, r, "interconnect");
    LinkSpec link;
    link.name = opt_string(ic.reader, "name");
    link.bandwidth = req_stated<kBandwidth>(ic.reader, "bandwidth");
    link.latency = opt_stated<kTime>(ic.reader, "latency");
    ic.reader.finish();
    hw.interconnect = link;
  }
  hw.tdp = opt_stated<kPower>(r, "tdp");
  hw.battery_capacity = opt_stated<kEnergy>(r, "battery_capacity");
  hw.unit_cost = opt_stated<kMoney>(r, "unit_cost");
  hw.embodied_carbon_kg = opt_stated<kMass>(r, "embodied_carbon_kg");
  if (auto d = opt_stated<kTime>(r, "dispatch_tax")) hw.dispatch_tax = *d;
  return hw;
}

Workload parse_workload(MapReader& r, std::string_view type, const Registry::Impl& /*reg*/) {
  using namespace units;
  Workload w;
  static constexpr WorkloadKind kKinds[] = {
      WorkloadKind::kGeneric, WorkloadKind::kTransformer, WorkloadKind::kSparseTransformer,
      WorkloadKind::kCnn,     WorkloadKind::kSsm,         WorkloadKind::kDiffusion};
  bool found = false;
  for (auto k : kKinds) {
    if (workload_type_name(k) == type) {
      w.kind = k;
      found = true;
    }
  }
  if (!found) {
    fail(r.tree(), r.key("type"), "input.invalid",
         fmt::format("{}: unknown workload type '{}' (expected Workload, TransformerWorkload, "
                     "SparseTransformerWorkload, CNNWorkload, SSMWorkload or DiffusionWorkload)",
                     r.key("type"), type));
  }
  w.architecture = opt_string(r, "architecture");
  w.parameters = opt_count(r, "parameters");
  w.model_size = opt_stated<kData>(r, "model_size");
  w.inference_flops = opt_stated<kCompute>(r, "inference_flops");
  w.training_ops = opt_stated<kCompute>(r, "training_ops");
  w.data_rate = opt_stated<kBandwidth>(r, "data_rate");
  const bool transformer = w.is_transformer();
  if (transformer || w.kind == WorkloadKind::kCnn || w.kind == WorkloadKind::kSsm) {
    w.layers = opt_int(r, "layers", 0);
  }
  if (transformer || w.kind == WorkloadKind::kSsm) w.hidden_dim = opt_int(r, "hidden_dim", 1);
  if (transformer) {
    w.heads = opt_int(r, "heads", 1);
    w.kv_heads = opt_int(r, "kv_heads", 1);
  }
  if (w.kind == WorkloadKind::kSparseTransformer) {
    w.active_parameters = opt_count(r, "active_parameters");
    w.experts = opt_int(r, "experts", 1);
    w.active_experts_per_token = opt_int(r, "active_experts_per_token", 1);
    if (!w.active_experts_per_token) w.active_experts_per_token = 1;
  }
  if (w.kind == WorkloadKind::kSsm) w.state_size = opt_int(r, "state_size", 0);
  if (w.kind == WorkloadKind::kDiffusion) {
    w.denoising_steps = opt_int(r, "denoising_steps", 0);
    w.resolution = opt_int(r, "resolution", 1);
  }
  // Required fields per type, as the reference's schema requires them.
  auto require = [&](bool present, std::string_view key, std::string_view why) {
    if (!present) {
      fail(r.tree(), r.key(key), "input.missing",
           fmt::format("{}: required for a {} ({})", r.key(key), type, why));
    }
  };
  if (w.kind == WorkloadKind::kGeneric) {
    require(w.parameters || w.model_size, "parameters",
            "a generic Workload needs parameters or model_size");
  } else {
    require(w.parameters.has_value(), "parameters", "the parameter count");
  }
  if (transformer) require(w.layers.has_value(), "layers", "the number of layers");
  if (w.kind == WorkloadKind::kSparseTransformer) {
    require(w.active_parameters.has_value(), "active_parameters", "parameters used per token");
  }
  if (w.kind == WorkloadKind::kCnn) {
    require(w.inference_flops.has_value(), "inference_flops", "FLOPs per inference");
  }
  if (w.kind == WorkloadKind::kSsm) {
    require(w.layers.has_value(), "layers", "the number of layers");
    require(w.state_size.has_value(), "state_size", "the SSM state size");
    require(w.hidden_dim.has_value(), "hidden_dim", "the model width");
  }
  if (w.kind == WorkloadKind::kDiffusion) {
    require(w.denoising_steps.has_value(), "denoising_steps", "the number of denoising steps");
    require(w.resolution.has_value(), "resolution", "the image resolution");
  }
  return w;
}

Fabric parse_fabric(MapReader& r, const Registry::Impl& /*reg*/) {
  using namespace units;
  Fabric f;
  f.topology = opt_string(r, "topology", "fat-tree");
  f.bandwidth = req_stated<kBandwidth>(r, "bandwidth");
  f.latency = opt_stated<kTime>(r, "latency");
  if (auto o = opt_number(r, "oversubscription_ratio")) {
    if (!(*o > 0)) {
      fail(r.tree(), r.key("oversubscription_ratio"), "input.out_of_range",
           fmt::format("{} must be > 0, got {}", r.key("oversubscription_ratio"), *o));
    }
    f.oversubscription_ratio = *o;
  }
  return f;
}

Node parse_node(MapReader& r, const Registry::Impl& reg) {
  using namespace units;
  Node n;
  n.accelerator = hardware_ref(r.req("accelerator"), r.key("accelerator"), reg);
  n.accelerators_per_node = req_int(r, "accelerators_per_node", 1);
  n.intra_node_bw = req_stated<kBandwidth>(r, "intra_node_bw");
  if (auto v = opt_int(r, "nics_per_node", 0)) n.nics_per_node = *v;
  if (auto v = opt_int(r, "psus_per_node", 0)) n.psus_per_node = *v;
  return n;
}

Fleet parse_fleet(MapReader& r, const Registry::Impl& reg) {
  using namespace units;
  Fleet f;
  f.node = node_ref(r.req("node"), r.key("node"), reg);
  f.count = req_int(r, "count", 1);
  f.fabric = fabric_ref(r.req("fabric"), r.key("fabric"), reg);
  if (const Tree* g = r.opt("region")) f.region = grid_ref(*g, r.key("region"), reg);
  if (const Tree* d = r.opt("datacenter"))
    f.datacenter = datacenter_ref(*d, r.key("datacenter"), reg);
  f.mtbf_hours = opt_stated<kTime>(r, "mtbf_hours");
  return f;
}

Grid parse_grid(MapReader& r, const Registry::Impl& /*reg*/) {
  using namespace units;
  Grid g;
  g.carbon_intensity_g_kwh = req_stated<kMass / kEnergy>(r, "carbon_intensity_g_kwh");
  if (auto p = opt_number(r, "pue")) {
    if (*p < 1.0) {
      fail(r.tree(), r.key("pue"), "input.out_of_range",
           fmt::format("{} must be >= 1, got {}", r.key("pue"), *p));
    }
    g.pue = *p;
  }
  g.wue = req_stated<kVolume / kEnergy>(r, "wue");
  g.primary_source = opt_string(r, "primary_source");
  g.lat = opt_number(r, "lat");
  g.lon = opt_number(r, "lon");
  g.renewable_pct = opt_number(r, "renewable_pct");
  return g;
}

Datacenter parse_datacenter(MapReader& r, const Registry::Impl& reg) {
  Datacenter d;
  d.grid = grid_ref(r.req("grid"), r.key("grid"), reg);
  d.pue_override = opt_number(r, "pue_override");
  if (d.pue_override && *d.pue_override < 1.0) {
    fail(r.tree(), r.key("pue_override"), "input.out_of_range",
         fmt::format("{} must be >= 1, got {}", r.key("pue_override"), *d.pue_override));
  }
  return d;
}

DeploymentTier parse_tier(MapReader& r, const Registry::Impl& /*reg*/) {
  using namespace units;
  DeploymentTier t;
  t.ram = req_stated<kData>(r, "ram");
  t.storage = req_stated<kData>(r, "storage");
  t.typical_latency_budget = req_stated<kTime>(r, "typical_latency_budget");
  return t;
}

Rack parse_rack(MapReader& r, const Registry::Impl& /*reg*/) {
  using namespace units;
  Rack k;
  k.power_kw = req_stated<kPower>(r, "power_kw");
  k.cooling_type = opt_string(r, "cooling_type");
  return k;
}

// ------------------------------------------------------------------------------ references -----
namespace {

template <class T, class Parse>
std::shared_ptr<const T> reference(const Tree& t, std::string_view key, std::string_view wrap,
                                   const EntryTable<T>& table, EntryKind kind,
                                   const Registry::Impl& reg, Parse parse) {
  if (t.kind == Tree::Kind::kString) {
    try {
      return reg.get(table, t.text, key, kind);
    } catch (const UnknownEntry& e) {
      if (!t.mark.file) throw;
      throw RegistryError(*t.mark.file, t.mark.line, t.mark.column, "", e.what());
    }
  }
  const Tree* body = adhoc_body(t, wrap);
  if (body == nullptr) {
    fail(t, key, "input.type",
         fmt::format("{}: expected a registry name or an object, got {}", key, t.describe()));
  }
  MapReader r(*body, std::string(key) + ".", key);
  T entry;
  entry.info = read_entry_info(r, true, fmt::format("ad-hoc {}", entry_kind_name(kind)));
  T parsed = parse(r);
  parsed.info = std::move(entry.info);
  r.finish();
  return std::make_shared<const T>(std::move(parsed));
}

}  // namespace

std::shared_ptr<const Hardware> hardware_ref(const Tree& t, std::string_view key,
                                             const Registry::Impl& reg) {
  return reference<Hardware>(t, key, "hardware", reg.hardware, EntryKind::kHardware, reg,
                             [&](MapReader& r) { return parse_hardware(r, reg); });
}

std::shared_ptr<const Workload> workload_ref(const Tree& t, std::string_view key,
                                             const Registry::Impl& reg) {
  return reference<Workload>(t, key, "workload", reg.models, EntryKind::kModel, reg,
                             [&](MapReader& r) {
                               std::string type = "TransformerWorkload";
                               if (const Tree* ty = r.tree().get("type")) {
                                 type = read_string(*ty, r.key("type"));
                               }
                               return parse_workload(r, type, reg);
                             });
}

std::shared_ptr<const Fabric> fabric_ref(const Tree& t, std::string_view key,
                                         const Registry::Impl& reg) {
  return reference<Fabric>(t, key, "fabric", reg.fabrics, EntryKind::kFabric, reg,
                           [&](MapReader& r) { return parse_fabric(r, reg); });
}

std::shared_ptr<const Node> node_ref(const Tree& t, std::string_view key,
                                     const Registry::Impl& reg) {
  return reference<Node>(t, key, "node", reg.nodes, EntryKind::kNode, reg,
                         [&](MapReader& r) { return parse_node(r, reg); });
}

std::shared_ptr<const Fleet> fleet_ref(const Tree& t, std::string_view key,
                                       const Registry::Impl& reg) {
  return reference<Fleet>(t, key, "fleet", reg.fleets, EntryKind::kFleet, reg,
                          [&](MapReader& r) { return parse_fleet(r, reg); });
}

std::shared_ptr<const Grid> grid_ref(const Tree& t, std::string_view key,
                                     const Registry::Impl& reg) {
  return reference<Grid>(t, key, "grid", reg.grids, EntryKind::kGrid, reg,
                         [&](MapReader& r) { return parse_grid(r, reg); });
}

std::shared_ptr<const Datacenter> datacenter_ref(const Tree& t, std::string_view key,
                                                 const Registry::Impl& reg) {
  // A grid's name stands for a datacenter on that grid (the reference's SustainabilityModel takes
  // a Datacenter or a GridProfile, and reads the same PUE, WUE and region from both). A name that
  // is neither is reported against the grids, which the zoo has (it lists no datacenters).
  if (t.kind == Tree::Kind::kString && !reg.datacenters.find(t.text) &&
      (reg.grids.find(t.text) || reg.datacenters.all.empty())) {
    return datacenter_on(grid_ref(t, key, reg));
  }
  return reference<Datacenter>(t, key, "datacenter", reg.datacenters, EntryKind::kDatacenter, reg,
                               [&](MapReader& r) { return parse_datacenter(r, reg); });
}

}  // namespace mlsysim::io
