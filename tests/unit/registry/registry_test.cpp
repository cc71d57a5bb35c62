#include "mlsysim/registry/registry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "mlsysim/registry/export.hpp"
#include "mlsysim/units/any_quantity.hpp"

namespace mlsysim {
namespace {

using nlohmann::json;

std::shared_ptr<const Registry> zoo() { return Registry::builtin(); }

TEST(Registry, ResolvesPathsAliasesAndShortNames) {
  auto h100 = zoo()->hardware("Hardware.Cloud.H100");
  EXPECT_EQ(h100->name(), "NVIDIA H100");
  EXPECT_EQ(zoo()->hardware("Hardware.H100"), h100);
  EXPECT_EQ(zoo()->hardware("Systems.Cloud"), h100);
  EXPECT_EQ(zoo()->hardware("H100"), h100);
  EXPECT_EQ(zoo()->hardware("h100"), h100);
  EXPECT_EQ(zoo()->model("Models.Llama3_8B"), zoo()->model("Models.Language.Llama3_8B"));
  EXPECT_EQ(zoo()->model("Llama3_70B")->name(), "Llama-3.1-70B");
  EXPECT_EQ(zoo()->grid("Infra.Quebec"), zoo()->grid("Infra.Grids.Quebec"));
  EXPECT_EQ(zoo()->fabric("Hardware.Networks.InfiniBand_NDR")->info.path,
            "Systems.Fabrics.InfiniBand_NDR");
  EXPECT_EQ(zoo()->hardware("ESP32")->info.path, "Hardware.Tiny.ESP32_S3");
}

TEST(Registry, KeepsDeclaredUnitsBesideSiValues) {
  auto h100 = zoo()->hardware("H100");
  EXPECT_EQ(h100->memory.capacity.magnitude, 80.0);
  EXPECT_EQ(h100->memory.capacity.unit, "GiB");
  EXPECT_DOUBLE_EQ(h100->memory.capacity.q.in(units::GB), 85.89934592);
  EXPECT_DOUBLE_EQ(h100->memory.bandwidth.q.in(units::TB_per_s), 3.35);
  EXPECT_DOUBLE_EQ(h100->compute.peak_flops.q.in(units::TFLOP_per_s), 989.0);
  ASSERT_NE(h100->compute.find("fp8"), nullptr);
  EXPECT_DOUBLE_EQ(h100->compute.find("fp8")->q.in(units::TFLOP_per_s), 1979.0);
  EXPECT_DOUBLE_EQ(h100->dispatch_tax.q.in(units::ms), 0.01);
  auto ndr = zoo()->fabric("InfiniBand_NDR");
  EXPECT_DOUBLE_EQ(ndr->bandwidth.q.in(units::GB_per_s), 50.0);
  EXPECT_EQ(ndr->bandwidth.unit, "Gbps");
}

TEST(Registry, ResolvesReferencesBetweenEntries) {
  auto frontier = zoo()->fleet("Frontier_8K");
  EXPECT_EQ(frontier->count, 1024);
  EXPECT_EQ(frontier->total_accelerators(), 8192);
  EXPECT_EQ(frontier->node->accelerator, zoo()->hardware("H100"));
  EXPECT_EQ(frontier->fabric, zoo()->fabric("InfiniBand_NDR"));
}

TEST(Registry, EveryEntryCitesItsSource) {
  auto check = [](const auto& entries) {
    for (const auto& e : entries) {
      EXPECT_FALSE(e->info.source.kind.empty()) << e->info.path;
      EXPECT_FALSE(e->info.source.ref.empty()) << e->info.path;
      EXPECT_FALSE(e->info.file.empty()) << e->info.path;
    }
  };
  check(zoo()->all_hardware());
  check(zoo()->all_models());
  check(zoo()->all_fabrics());
  check(zoo()->all_nodes());
  check(zoo()->all_fleets());
  check(zoo()->all_tiers());
  check(zoo()->all_grids());
  check(zoo()->all_racks());
}

TEST(Registry, SuggestsNamesOnAMiss) {
  try {
    (void)zoo()->hardware("H10", "hardware");
    FAIL() << "expected UnknownEntry";
  } catch (const UnknownEntry& e) {
    EXPECT_EQ(e.code(), "input.unknown_entry");
    EXPECT_EQ(e.field(), "hardware");
    ASSERT_FALSE(e.suggestions().empty());
    EXPECT_EQ(e.suggestions().front(), "Hardware.Cloud.H100");
    EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
  }
  try {
    (void)zoo()->model("Lama3_8B");
    FAIL() << "expected UnknownEntry";
  } catch (const UnknownEntry& e) {
    ASSERT_FALSE(e.suggestions().empty());
    EXPECT_EQ(e.suggestions().front(), "Models.Language.Llama3_8B");
  }
}

TEST(Registry, SaysWhenANameBelongsToAnotherKind) {
  try {
    (void)zoo()->hardware("Llama3_8B", "hardware");
    FAIL() << "expected UnknownEntry";
  } catch (const UnknownEntry& e) {
    EXPECT_NE(std::string(e.what()).find("is a model"), std::string::npos) << e.what();
  }
}

// ----------------------------------------------------------------------------- user files ------

RegistrySource h100_like(const std::string& file, const std::string& extra) {
  return {file,
          "path: Hardware.Custom.MyChip\n"
          "type: HardwareNode\n"
          "name: My Chip\n"
          "compute:\n"
          "  peak_flops: 500 TFLOP/s\n"
          "memory:\n"
          "  capacity: 96 GB\n"
          "  bandwidth: 4 TB/s\n" +
              extra +
              "source:\n"
              "  kind: estimate\n"
              "  ref: my lab's measurement\n"};
}

TEST(Registry, LoadsUserEntries) {
  auto reg = Registry::from_sources({h100_like("mine.yaml", "tdp: 500 W\n")});
  auto chip = reg->hardware("MyChip");
  EXPECT_DOUBLE_EQ(chip->memory.capacity.q.in(units::GB), 96.0);
  EXPECT_DOUBLE_EQ(chip->tdp->q.in(units::W), 500.0);
  EXPECT_DOUBLE_EQ(chip->dispatch_tax.q.in(units::ms), 0.01);  // the default
}

TEST(Registry, OverlayDirectoriesAddAndReplaceEntries) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "mlsysim_registry_overlay_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  {
    std::ofstream(dir / "sub" / "mychip.yaml") << h100_like("x", "").text;
    std::ofstream(dir / "h100.yaml") << "path: Hardware.Cloud.H100\n"
                                        "type: HardwareNode\n"
                                        "name: NVIDIA H100 (my measurements)\n"
                                        "compute: {peak_flops: 700 TFLOP/s}\n"
                                        "memory: {capacity: 80 GiB, bandwidth: 3 TB/s}\n"
                                        "source: {kind: estimate, ref: measured}\n";
  }
  auto reg = Registry::with_overlays({dir});
  EXPECT_EQ(reg->hardware("MyChip")->name(), "My Chip");
  EXPECT_EQ(reg->hardware("H100")->name(), "NVIDIA H100 (my measurements)");
  // Entries that reference the replaced one see the user's values.
  EXPECT_EQ(reg->node("DGX_H100")->accelerator->name(), "NVIDIA H100 (my measurements)");
  // The built-in zoo is untouched.
  EXPECT_EQ(Registry::builtin()->hardware("H100")->name(), "NVIDIA H100");
  fs::remove_all(dir);
}

void expect_registry_error(const std::string& text, int line, const std::string& needle) {
  try {
    (void)Registry::from_sources({{"bad.yaml", text}});
    FAIL() << "expected a RegistryError for:\n" << text;
  } catch (const RegistryError& e) {
    EXPECT_EQ(e.file(), "bad.yaml");
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.yaml:"), std::string::npos) << e.what();
  }
}

TEST(Registry, ReportsMalformedFilesWithFileAndLine) {
  const std::string head =
      "path: Hardware.Custom.Bad\n"             // 1
      "type: HardwareNode\n"                    // 2
      "name: Bad\n"                             // 3
      "source: {kind: estimate, ref: test}\n";  // 4
  // A typo in a key.
  expect_registry_error(head +
                            "compute: {peak_flops: 1 TFLOP/s}\n"  // 5
                            "memory:\n"                           // 6
                            "  capacity: 1 GB\n"                  // 7
                            "  bandwith: 1 GB/s\n",               // 8
                        8, "bandwith");
  // A value without a unit.
  expect_registry_error(head +
                            "compute: {peak_flops: 1 TFLOP/s}\n"
                            "memory:\n"
                            "  capacity: 80\n"  // 7
                            "  bandwidth: 1 GB/s\n",
                        7, "memory.capacity");
  // A unit of the wrong dimension.
  expect_registry_error(head +
                            "compute: {peak_flops: 1 TFLOP/s}\n"
                            "memory:\n"
                            "  capacity: 1 GB\n"
                            "  bandwidth: 1 GB\n",  // 8
                        8, "bandwidth (data/time)");
  // An unknown unit.
  expect_registry_error(head +
                            "compute: {peak_flops: 1 TFLOPZ/s}\n"  // 5
                            "memory: {capacity: 1 GB, bandwidth: 1 GB/s}\n",
                        5, "TFLOPZ");
  // A YAML syntax error.
  expect_registry_error(head + "memory: [1, 2\n", 6, "");
  // An unknown type, with a suggestion.
  expect_registry_error("path: Hardware.X\ntype: HardwareNod\nname: X\n", 2, "HardwareNode");
  // A missing source.
  expect_registry_error(
      "path: Hardware.X\ntype: HardwareNode\nname: X\ncompute: {peak_flops: 1 TFLOP/s}\n"
      "memory: {capacity: 1 GB, bandwidth: 1 GB/s}\n",
      1, "source");
  // A reference to a missing entry.
  expect_registry_error(
      "path: Systems.Nodes.X\ntype: Node\nname: X\naccelerator: Hardware.Cloud.H1000\n"
      "accelerators_per_node: 8\nintra_node_bw: 900 GB/s\nsource: {kind: estimate, ref: t}\n",
      4, "H1000");
}

// ------------------------------------------------------- field by field against the reference --

void compare(const json& ref, const json& ours, const std::string& where,
             std::vector<std::string>& diffs);

bool close(double a, double b) {
  return a == b || std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b));
}

void compare_quantity(const json& ref, const json& ours, const std::string& where,
                      std::vector<std::string>& diffs) {
  const double value = ref["value"].get<double>();
  const std::string unit = ref["unit"].get<std::string>();
  if (ours.is_number()) {  // counts (parameters) are plain numbers in our files
    const double si = value * units::parse_unit(unit).factor;
    if (!close(si, ours.get<double>())) diffs.push_back(where + ": count differs");
    return;
  }
  if (!ours.is_object() || !ours.contains("value")) {
    diffs.push_back(where + ": expected a quantity, got " + ours.dump());
    return;
  }
  const double our_value = ours["value"].get<double>();
  const double our_si = ours["si_value"].get<double>();
  // The declared magnitude must be the reference's.
  if (!close(value, our_value)) {
    diffs.push_back(where + ": declared " + std::to_string(our_value) + " " +
                    ours["unit"].get<std::string>() + ", reference " + std::to_string(value) + " " +
                    unit);
  }
  if (unit.empty()) return;  // the reference keeps the unit in the field name (…_kg, …_g_kwh)
  const double ref_si = ref.contains("si_value") ? ref["si_value"].get<double>()
                                                 : value * units::parse_unit(unit).factor;
  if (!close(ref_si, our_si)) {
    diffs.push_back(where + ": SI value " + std::to_string(our_si) + " vs reference " +
                    std::to_string(ref_si));
  }
}

void compare(const json& ref, const json& ours, const std::string& where,
             std::vector<std::string>& diffs) {
  if (ref.is_null()) {
    if (!ours.is_null()) diffs.push_back(where + ": reference has none, ours " + ours.dump());
    return;
  }
  if (ref.is_object() && ref.contains("value") && ref.contains("unit")) {
    compare_quantity(ref, ours, where, diffs);
    return;
  }
  if (ref.is_object()) {
    if (!ours.is_object()) {
      diffs.push_back(where + ": expected an object");
      return;
    }
    for (const auto& [k, v] : ref.items()) {
      if (k == "metadata" || k == "registry_object") continue;
      if (!ours.contains(k)) {
        if (!v.is_null()) diffs.push_back(where + "." + k + ": missing");
        continue;
      }
      compare(v, ours[k], where + "." + k, diffs);
    }
    return;
  }
  if (ref.is_number()) {
    if (!ours.is_number() || !close(ref.get<double>(), ours.get<double>())) {
      diffs.push_back(where + ": " + ours.dump() + " vs reference " + ref.dump());
    }
    return;
  }
  if (ref != ours) diffs.push_back(where + ": " + ours.dump() + " vs reference " + ref.dump());
}

TEST(Registry, MatchesTheReferenceZooFieldByField) {
  std::ifstream f(std::string(MLSYSIM_TEST_DIR) + "/registry/registry-0.1.1.json");
  ASSERT_TRUE(f.good());
  const json ref = json::parse(f);
  const json ours = json::parse(registry_json(*zoo()));
  std::size_t checked = 0;
  for (const auto& [key, entry] : ref.items()) {
    const auto kind = zoo()->kind_of(key);
    ASSERT_TRUE(kind.has_value()) << key << " is not in our registry";
    std::string path;
    switch (*kind) {
      case EntryKind::kHardware:
        path = zoo()->hardware(key)->info.path;
        break;
      case EntryKind::kModel:
        path = zoo()->model(key)->info.path;
        break;
      case EntryKind::kFabric:
        path = zoo()->fabric(key)->info.path;
        break;
      case EntryKind::kNode:
        path = zoo()->node(key)->info.path;
        break;
      case EntryKind::kFleet:
        path = zoo()->fleet(key)->info.path;
        break;
      case EntryKind::kTier:
        path = zoo()->tier(key)->info.path;
        break;
      case EntryKind::kGrid:
        path = zoo()->grid(key)->info.path;
        break;
      case EntryKind::kDatacenter:
        path = zoo()->datacenter(key)->info.path;
        break;
      case EntryKind::kRack:
        path = zoo()->rack(key)->info.path;
        break;
    }
    ASSERT_TRUE(ours.contains(path)) << path;
    std::vector<std::string> diffs;
    compare(entry, ours[path], key, diffs);
    for (const auto& d : diffs) ADD_FAILURE() << d;
    ++checked;
  }
  EXPECT_EQ(checked, ref.size());
  EXPECT_GE(checked, 120u);
}

}  // namespace
}  // namespace mlsysim
