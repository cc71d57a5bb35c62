// The objects of the zoo: hardware, ML workloads, systems (fabrics, nodes, fleets, tiers) and
// infrastructure (grids, datacenters, racks). Plain aggregates, immutable once loaded; references
// between entries are shared pointers to other entries.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mlsysim/realistic/architecture.hpp"
#include "mlsysim/units/stated.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim {

using units::Stated;

/// Where a value comes from.
struct Provenance {
  std::string kind;      ///< datasheet | literature | estimate | convention | derived
  std::string ref;       ///< human-readable citation
  std::string url;       ///< link, may be empty
  std::string verified;  ///< YYYY-MM-DD, may be empty
};

/// Identity and provenance shared by every registry entry.
struct EntryInfo {
  std::string path;                  ///< full path, e.g. Hardware.Cloud.H100 (empty if ad hoc)
  std::vector<std::string> aliases;  ///< other paths that name this entry
  std::string name;                  ///< display name, e.g. "NVIDIA H100"
  Provenance source;
  std::string notes;
  std::string file;  ///< the data file it was read from
  int line = 0;
};

// ------------------------------------------------------------------------------- hardware ------
struct ComputeSpec {
  Stated<units::kFlopRate> peak_flops;
  /// Peak per precision (fp32, tf32, fp8, int8, ...), in declaration order.
  std::vector<std::pair<std::string, Stated<units::kFlopRate>>> precision_flops;

  [[nodiscard]] const Stated<units::kFlopRate>* find(std::string_view precision) const {
    for (const auto& [k, v] : precision_flops) {
      if (k == precision) return &v;
    }
    return nullptr;
  }
};

struct MemorySpec {
  Stated<units::kData> capacity;
  Stated<units::kBandwidth> bandwidth;
  std::optional<Stated<units::kData>> sram_capacity;
  std::optional<Stated<units::kBandwidth>> sram_bandwidth;
  std::optional<Stated<units::kData>> flash_capacity;
  std::optional<Stated<units::kBandwidth>> flash_bandwidth;
};

struct StorageSpec {
  Stated<units::kData> capacity;
  Stated<units::kBandwidth> bandwidth;
  std::optional<Stated<units::kTime>> latency;
};

struct LinkSpec {
  std::string name;
  Stated<units::kBandwidth> bandwidth;
  std::optional<Stated<units::kTime>> latency;
};

/// One accelerator (or SoC / MCU): the reference's HardwareNode.
struct Hardware {
  EntryInfo info;
  std::optional<int> release_year;
  ComputeSpec compute;
  MemorySpec memory;
  std::optional<StorageSpec> storage;
  std::optional<LinkSpec> interconnect;  ///< host link (PCIe, or a wafer's injection link)
  std::optional<Stated<units::kPower>> tdp;
  std::optional<Stated<units::kEnergy>> battery_capacity;
  std::optional<Stated<units::kMoney>> unit_cost;
  std::optional<Stated<units::kMass>> embodied_carbon_kg;
  Stated<units::kTime> dispatch_tax = Stated<units::kTime>::of(0.01, units::ms);

  [[nodiscard]] const std::string& name() const { return info.name; }
};

// ------------------------------------------------------------------------------- workloads -----
enum class WorkloadKind { kGeneric, kTransformer, kSparseTransformer, kCnn, kSsm, kDiffusion };

/// The reference's type name of a workload kind ("TransformerWorkload", ...).
[[nodiscard]] std::string_view workload_type_name(WorkloadKind k);

/// An ML model. Which optional fields apply depends on `kind` (see data/README.md).
struct Workload {
  EntryInfo info;
  WorkloadKind kind = WorkloadKind::kGeneric;
  std::string architecture;
  std::optional<double> parameters;  ///< count
  std::optional<Stated<units::kData>> model_size;
  std::optional<Stated<units::kCompute>> inference_flops;
  std::optional<Stated<units::kCompute>> training_ops;
  std::optional<Stated<units::kBandwidth>> data_rate;
  std::optional<int> layers;
  std::optional<int> hidden_dim;
  std::optional<int> heads;
  std::optional<int> kv_heads;
  std::optional<double> active_parameters;  ///< MoE
  std::optional<int> experts;
  std::optional<int> active_experts_per_token;
  std::optional<int> state_size;       ///< SSM
  std::optional<int> denoising_steps;  ///< diffusion
  std::optional<int> resolution;
  /// The full architecture (head_dim, FFN width, vocabulary, MLA, ...) when it is known — a model
  /// imported from a config.json; the faithful resolvers never read it.
  std::shared_ptr<const realistic::ModelArch> architecture_detail;

  [[nodiscard]] const std::string& name() const { return info.name; }
  [[nodiscard]] bool is_transformer() const {
    return kind == WorkloadKind::kTransformer || kind == WorkloadKind::kSparseTransformer;
  }
};

// ------------------------------------------------------------------------------- systems -------
struct Fabric {
  EntryInfo info;
  std::string topology = "fat-tree";
  Stated<units::kBandwidth> bandwidth;
  std::optional<Stated<units::kTime>> latency;
  double oversubscription_ratio = 1.0;

  [[nodiscard]] const std::string& name() const { return info.name; }
};

struct Node {
  EntryInfo info;
  std::shared_ptr<const Hardware> accelerator;
  int accelerators_per_node = 1;
  Stated<units::kBandwidth> intra_node_bw;
  int nics_per_node = 1;
  int psus_per_node = 2;

  [[nodiscard]] const std::string& name() const { return info.name; }
};

struct Grid {
  EntryInfo info;
  Stated<units::kMass / units::kEnergy> carbon_intensity_g_kwh;
  double pue = 1.12;
  Stated<units::kVolume / units::kEnergy> wue;
  std::string primary_source;
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<double> renewable_pct;

  [[nodiscard]] const std::string& name() const { return info.name; }
};

struct Datacenter {
  EntryInfo info;
  std::shared_ptr<const Grid> grid;
  std::optional<double> pue_override;

  [[nodiscard]] const std::string& name() const { return info.name; }
  /// The override when set and non-zero (the reference's `pue_override or grid.pue`).
  [[nodiscard]] double pue() const {
    return pue_override && *pue_override != 0.0 ? *pue_override : grid->pue;
  }
};

/// A datacenter on `grid` with no PUE override: where a grid stands in for a datacenter, it has
/// the grid's PUE, water usage and carbon intensity. It keeps the grid's name and path.
[[nodiscard]] inline std::shared_ptr<const Datacenter> datacenter_on(
    std::shared_ptr<const Grid> grid) {
  Datacenter d;
  d.info = grid->info;
  d.grid = std::move(grid);
  return std::make_shared<const Datacenter>(std::move(d));
}

struct Fleet {
  EntryInfo info;
  std::shared_ptr<const Node> node;
  int count = 1;  ///< number of nodes
  std::shared_ptr<const Fabric> fabric;
  std::shared_ptr<const Grid> region;
  std::shared_ptr<const Datacenter> datacenter;
  std::optional<Stated<units::kTime>> mtbf_hours;

  [[nodiscard]] const std::string& name() const { return info.name; }
  [[nodiscard]] long long total_accelerators() const {
    return static_cast<long long>(count) * node->accelerators_per_node;
  }
};

struct DeploymentTier {
  EntryInfo info;
  Stated<units::kData> ram;
  Stated<units::kData> storage;
  Stated<units::kTime> typical_latency_budget;

  [[nodiscard]] const std::string& name() const { return info.name; }
};

struct Rack {
  EntryInfo info;
  Stated<units::kPower> power_kw;
  std::string cooling_type;

  [[nodiscard]] const std::string& name() const { return info.name; }
};

}  // namespace mlsysim
