#include "mlsysim/registry/export.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/suggest.hpp"
#include "io/json_writer.hpp"
#include "mlsysim/core/error.hpp"

namespace mlsysim {
namespace {

using io::JsonWriter;

template <units::Dim D>
void quantity(JsonWriter& w, const units::Stated<D>& q) {
  w.begin_object();
  w.key("value");
  w.number(q.magnitude);
  w.key("unit");
  w.string(q.unit);
  w.key("si_value");
  w.number(q.q.in(units::si<D>));
  w.end_object();
}

template <units::Dim D>
void quantity(JsonWriter& w, const std::optional<units::Stated<D>>& q) {
  if (q) {
    quantity(w, *q);
  } else {
    w.null();
  }
}

template <class T>
void maybe_number(JsonWriter& w, const std::optional<T>& v) {
  if (v) {
    w.number(static_cast<double>(*v));
  } else {
    w.null();
  }
}

void info(JsonWriter& w, std::string_view type, const EntryInfo& e) {
  w.key("type");
  w.string(type);
  w.key("name");
  w.string(e.name);
  if (!e.path.empty()) {
    w.key("path");
    w.string(e.path);
    w.key("aliases");
    w.begin_array();
    for (const auto& a : e.aliases) w.string(a);
    w.end_array();
  }
}

void source(JsonWriter& w, const EntryInfo& e) {
  w.key("source");
  w.begin_object();
  w.key("kind");
  w.string(e.source.kind);
  w.key("ref");
  w.string(e.source.ref);
  w.key("url");
  e.source.url.empty() ? w.null() : w.string(e.source.url);
  w.key("verified");
  e.source.verified.empty() ? w.null() : w.string(e.source.verified);
  w.end_object();
  if (!e.notes.empty()) {
    w.key("notes");
    w.string(e.notes);
  }
}

void write(JsonWriter& w, const Hardware& h) {
  w.begin_object();
  info(w, "HardwareNode", h.info);
  w.key("release_year");
  maybe_number(w, h.release_year);
  w.key("compute");
  w.begin_object();
  w.key("peak_flops");
  quantity(w, h.compute.peak_flops);
  w.key("precision_flops");
  w.begin_object();
  for (const auto& [k, v] : h.compute.precision_flops) {
    w.key(k);
    quantity(w, v);
  }
  w.end_object();
  w.end_object();
  w.key("memory");
  w.begin_object();
  w.key("capacity");
  quantity(w, h.memory.capacity);
  w.key("bandwidth");
  quantity(w, h.memory.bandwidth);
  w.key("sram_capacity");
  quantity(w, h.memory.sram_capacity);
  w.key("sram_bandwidth");
  quantity(w, h.memory.sram_bandwidth);
  w.key("flash_capacity");
  quantity(w, h.memory.flash_capacity);
  w.key("flash_bandwidth");
  quantity(w, h.memory.flash_bandwidth);
  w.end_object();
  w.key("storage");
  if (h.storage) {
    w.begin_object();
    w.key("capacity");
    quantity(w, h.storage->capacity);
    w.key("bandwidth");
    quantity(w, h.storage->bandwidth);
    w.key("latency");
    quantity(w, h.storage->latency);
    w.end_object();
  } else {
    w.null();
  }
  w.key("interconnect");
  if (h.interconnect) {
    w.begin_object();
    w.key("name");
    w.string(h.interconnect->name);
    w.key("bandwidth");
    quantity(w, h.interconnect->bandwidth);
    w.key("latency");
    quantity(w, h.interconnect->latency);
    w.end_object();
  } else {
    w.null();
  }
  w.key("tdp");
  quantity(w, h.tdp);
  w.key("battery_capacity");
  quantity(w, h.battery_capacity);
  w.key("unit_cost");
  quantity(w, h.unit_cost);
  w.key("embodied_carbon_kg");
  quantity(w, h.embodied_carbon_kg);
  w.key("dispatch_tax");
  quantity(w, h.dispatch_tax);
  source(w, h.info);
  w.end_object();
}

void write(JsonWriter& w, const Workload& m) {
  w.begin_object();
  info(w, workload_type_name(m.kind), m.info);
  w.key("architecture");
  w.string(m.architecture);
  w.key("parameters");
  maybe_number(w, m.parameters);
  w.key("model_size");
  quantity(w, m.model_size);
  w.key("inference_flops");
  quantity(w, m.inference_flops);
  w.key("training_ops");
  quantity(w, m.training_ops);
  w.key("data_rate");
  quantity(w, m.data_rate);
  auto opt_int = [&](std::string_view k, const std::optional<int>& v) {
    w.key(k);
    maybe_number(w, v);
  };
  if (m.kind != WorkloadKind::kGeneric && m.kind != WorkloadKind::kDiffusion) {
    opt_int("layers", m.layers);
  }
  if (m.is_transformer() || m.kind == WorkloadKind::kSsm) opt_int("hidden_dim", m.hidden_dim);
  if (m.is_transformer()) {
    opt_int("heads", m.heads);
    opt_int("kv_heads", m.kv_heads);
  }
  if (m.kind == WorkloadKind::kSparseTransformer) {
    w.key("active_parameters");
    maybe_number(w, m.active_parameters);
    opt_int("experts", m.experts);
    opt_int("active_experts_per_token", m.active_experts_per_token);
  }
  if (m.kind == WorkloadKind::kSsm) opt_int("state_size", m.state_size);
  if (m.kind == WorkloadKind::kDiffusion) {
    opt_int("denoising_steps", m.denoising_steps);
    opt_int("resolution", m.resolution);
  }
  source(w, m.info);
  w.end_object();
}

void write(JsonWriter& w, const Fabric& f) {
  w.begin_object();
  info(w, "NetworkFabric", f.info);
  w.key("topology");
  w.string(f.topology);
  w.key("bandwidth");
  quantity(w, f.bandwidth);
  w.key("latency");
  quantity(w, f.latency);
  w.key("oversubscription_ratio");
  w.number(f.oversubscription_ratio);
  if (!f.info.path.empty()) source(w, f.info);
  w.end_object();
}

void write(JsonWriter& w, const Node& n) {
  w.begin_object();
  info(w, "Node", n.info);
  w.key("accelerator");
  write(w, *n.accelerator);
  w.key("accelerators_per_node");
  w.integer(n.accelerators_per_node);
  w.key("intra_node_bw");
  quantity(w, n.intra_node_bw);
  w.key("nics_per_node");
  w.integer(n.nics_per_node);
  w.key("psus_per_node");
  w.integer(n.psus_per_node);
  if (!n.info.path.empty()) source(w, n.info);
  w.end_object();
}

void write(JsonWriter& w, const Grid& g) {
  w.begin_object();
  info(w, "GridProfile", g.info);
  w.key("carbon_intensity_g_kwh");
  quantity(w, g.carbon_intensity_g_kwh);
  w.key("pue");
  w.number(g.pue);
  w.key("wue");
  quantity(w, g.wue);
  w.key("primary_source");
  w.string(g.primary_source);
  w.key("lat");
  maybe_number(w, g.lat);
  w.key("lon");
  maybe_number(w, g.lon);
  w.key("renewable_pct");
  maybe_number(w, g.renewable_pct);
  source(w, g.info);
  w.end_object();
}

void write(JsonWriter& w, const Datacenter& d) {
  w.begin_object();
  info(w, "Datacenter", d.info);
  w.key("grid");
  write(w, *d.grid);
  w.key("pue_override");
  maybe_number(w, d.pue_override);
  if (!d.info.path.empty()) source(w, d.info);
  w.end_object();
}

void write(JsonWriter& w, const Fleet& f) {
  w.begin_object();
  info(w, "Fleet", f.info);
  w.key("node");
  write(w, *f.node);
  w.key("count");
  w.integer(f.count);
  w.key("fabric");
  write(w, *f.fabric);
  w.key("region");
  f.region ? write(w, *f.region) : w.null();
  w.key("datacenter");
  f.datacenter ? write(w, *f.datacenter) : w.null();
  w.key("mtbf_hours");
  quantity(w, f.mtbf_hours);
  if (!f.info.path.empty()) source(w, f.info);
  w.end_object();
}

void write(JsonWriter& w, const DeploymentTier& t) {
  w.begin_object();
  info(w, "DeploymentTier", t.info);
  w.key("ram");
  quantity(w, t.ram);
  w.key("storage");
  quantity(w, t.storage);
  w.key("typical_latency_budget");
  quantity(w, t.typical_latency_budget);
  source(w, t.info);
  w.end_object();
}

void write(JsonWriter& w, const Rack& r) {
  w.begin_object();
  info(w, "RackProfile", r.info);
  w.key("power_kw");
  quantity(w, r.power_kw);
  w.key("cooling_type");
  w.string(r.cooling_type);
  source(w, r.info);
  w.end_object();
}

template <class T>
void all(JsonWriter& w, const std::vector<std::shared_ptr<const T>>& entries) {
  for (const auto& e : entries) {
    w.key(e->info.path);
    write(w, *e);
  }
}

}  // namespace

std::string registry_json(const Registry& registry, const std::vector<EntryKind>& kinds) {
  auto want = [&](EntryKind k) {
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
  };
  JsonWriter w;
  w.begin_object();
  if (want(EntryKind::kHardware)) all(w, registry.all_hardware());
  if (want(EntryKind::kModel)) all(w, registry.all_models());
  if (want(EntryKind::kFabric)) all(w, registry.all_fabrics());
  if (want(EntryKind::kNode)) all(w, registry.all_nodes());
  if (want(EntryKind::kFleet)) all(w, registry.all_fleets());
  if (want(EntryKind::kTier)) all(w, registry.all_tiers());
  if (want(EntryKind::kGrid)) all(w, registry.all_grids());
  if (want(EntryKind::kDatacenter)) all(w, registry.all_datacenters());
  if (want(EntryKind::kRack)) all(w, registry.all_racks());
  w.end_object();
  return w.take();
}

std::string model_json(const Workload& model) {
  JsonWriter w;
  write(w, model);
  return w.take();
}

std::vector<EntryKind> zoo_group_kinds(std::string_view group) {
  if (group == "hardware") return {EntryKind::kHardware};
  if (group == "models") return {EntryKind::kModel};
  if (group == "systems") {
    return {EntryKind::kFabric, EntryKind::kNode, EntryKind::kFleet, EntryKind::kTier};
  }
  if (group == "infra") return {EntryKind::kGrid, EntryKind::kDatacenter, EntryKind::kRack};
  if (group == "all") return {};
  const std::vector<std::string> groups{"all", "hardware", "models", "systems", "infra"};
  const auto near = detail::closest(group, groups, 1);
  throw InputError::invalid(
      "group", fmt::format("expected one of all, hardware, models, systems, infra, got '{}'{}",
                           group, near.empty() ? "" : "; did you mean '" + near.front() + "'?"));
}

}  // namespace mlsysim
