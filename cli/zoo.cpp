// `mlsysim zoo`: the registry as tables (values as their sources state them) or JSON.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "mlsysim/registry/export.hpp"
#include "mlsysim/registry/registry.hpp"
#include "table.hpp"

namespace mlsysim::cli {
namespace {

/// A number as people write it: whole numbers in full (2000000), others in 6 significant digits.
std::string plain(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:g}", v);
}

template <units::Dim D>
std::string stated(const units::Stated<D>& q) {
  return q.unit.empty() ? plain(q.magnitude) : fmt::format("{} {}", plain(q.magnitude), q.unit);
}
template <units::Dim D>
std::string stated(const std::optional<units::Stated<D>>& q) {
  return q ? stated(*q) : std::string("-");
}
template <class T>
std::string number(const std::optional<T>& v) {
  return v ? fmt::format("{:g}", static_cast<double>(*v)) : std::string("-");
}

std::string count(double v) {
  if (v >= 1e12) return fmt::format("{:g} T", v / 1e12);
  if (v >= 1e9) return fmt::format("{:g} B", v / 1e9);
  if (v >= 1e6) return fmt::format("{:g} M", v / 1e6);
  if (v >= 1e3) return fmt::format("{:g} K", v / 1e3);
  return fmt::format("{:g}", v);
}

void section(const std::string& title, const Table& t) {
  std::string s = fmt::format("{} ({})\n\n{}\n", title, t.rows.size(), t.render());
  std::fwrite(s.data(), 1, s.size(), stdout);
}

void hardware(const Registry& r) {
  Table t;
  t.header = {"path",   "name",      "peak (fp16)", "other precisions",
              "memory", "bandwidth", "TDP",         "unit cost"};
  t.right_align = {false, false, true, false, true, true, true, true};
  for (const auto& h : r.all_hardware()) {
    std::string others;
    for (const auto& [k, v] : h->compute.precision_flops) {
      others += fmt::format("{}{} {}", others.empty() ? "" : ", ", k, stated(v));
    }
    t.rows.push_back({h->info.path, h->name(), stated(h->compute.peak_flops),
                      others.empty() ? "-" : others, stated(h->memory.capacity),
                      stated(h->memory.bandwidth), stated(h->tdp), stated(h->unit_cost)});
  }
  section("Hardware", t);
}

void models(const Registry& r) {
  Table t;
  t.header = {"path", "name", "type", "parameters", "layers", "inference FLOPs", "size"};
  t.right_align = {false, false, false, true, true, true, true};
  for (const auto& m : r.all_models()) {
    t.rows.push_back({m->info.path, m->name(), std::string(workload_type_name(m->kind)),
                      m->parameters ? count(*m->parameters) : "-", number(m->layers),
                      stated(m->inference_flops), stated(m->model_size)});
  }
  section("Models", t);
}

void systems(const Registry& r) {
  Table f;
  f.header = {"path", "name", "topology", "bandwidth", "latency", "oversubscription"};
  f.right_align = {false, false, false, true, true, true};
  for (const auto& x : r.all_fabrics()) {
    f.rows.push_back({x->info.path, x->name(), x->topology, stated(x->bandwidth),
                      stated(x->latency), fmt::format("{:g}", x->oversubscription_ratio)});
  }
  section("Fabrics", f);
  Table n;
  n.header = {"path", "name", "accelerator", "per node", "intra-node bw", "NICs"};
  n.right_align = {false, false, false, true, true, true};
  for (const auto& x : r.all_nodes()) {
    n.rows.push_back({x->info.path, x->name(), x->accelerator->info.path,
                      std::to_string(x->accelerators_per_node), stated(x->intra_node_bw),
                      std::to_string(x->nics_per_node)});
  }
  section("Nodes", n);
  Table c;
  c.header = {"path", "name", "node", "nodes", "accelerators", "fabric"};
  c.right_align = {false, false, false, true, true, false};
  for (const auto& x : r.all_fleets()) {
    c.rows.push_back({x->info.path, x->name(),
                      x->node->info.path.empty() ? x->node->name() : x->node->info.path,
                      std::to_string(x->count), std::to_string(x->total_accelerators()),
                      x->fabric->info.path.empty() ? x->fabric->name() : x->fabric->info.path});
  }
  section("Clusters", c);
  Table d;
  d.header = {"path", "name", "RAM", "storage", "latency budget"};
  d.right_align = {false, false, true, true, true};
  for (const auto& x : r.all_tiers()) {
    d.rows.push_back({x->info.path, x->name(), stated(x->ram), stated(x->storage),
                      stated(x->typical_latency_budget)});
  }
  section("Deployment tiers", d);
}

void infra(const Registry& r) {
  Table g;
  g.header = {"path", "name", "carbon intensity", "PUE", "WUE", "source"};
  g.right_align = {false, false, true, true, true, false};
  for (const auto& x : r.all_grids()) {
    g.rows.push_back({x->info.path, x->name(), stated(x->carbon_intensity_g_kwh),
                      fmt::format("{:g}", x->pue), stated(x->wue), x->primary_source});
  }
  section("Grids", g);
  if (!r.all_datacenters().empty()) {
    Table d;
    d.header = {"path", "name", "grid", "PUE"};
    d.right_align = {false, false, false, true};
    for (const auto& x : r.all_datacenters()) {
      d.rows.push_back(
          {x->info.path, x->name(), x->grid->info.path, fmt::format("{:g}", x->pue())});
    }
    section("Datacenters", d);
  }
  Table k;
  k.header = {"path", "name", "power", "cooling"};
  k.right_align = {false, false, true, false};
  for (const auto& x : r.all_racks()) {
    k.rows.push_back({x->info.path, x->name(), stated(x->power_kw), x->cooling_type});
  }
  section("Racks", k);
}

}  // namespace

int run_zoo(const GlobalOptions& g, const ZooOptions& o) {
  std::vector<std::filesystem::path> dirs(g.registry_dirs.begin(), g.registry_dirs.end());
  const auto registry = Registry::from_environment(dirs);
  const bool all = o.group == "all";
  if (g.output == "json") {
    std::string s = registry_json(*registry, zoo_group_kinds(o.group)) + "\n";
    std::fwrite(s.data(), 1, s.size(), stdout);
    return kExitOk;
  }
  if (all || o.group == "hardware") hardware(*registry);
  if (all || o.group == "models") models(*registry);
  if (all || o.group == "systems") systems(*registry);
  if (all || o.group == "infra") infra(*registry);
  return kExitOk;
}

}  // namespace mlsysim::cli
