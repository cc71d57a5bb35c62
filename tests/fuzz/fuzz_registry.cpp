// Fuzzes a user's registry file: the input is written as the only YAML file of a folder, loaded
// the way `--registry DIR` loads it (the built-in zoo plus the folder), and every hardware and
// model it defines is then evaluated with Engine, so hostile registry values reach the arithmetic.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "contract.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/registry/registry.hpp"

namespace {

// A folder of this process's own, removed at exit (never destroyed before that: the exit handler
// reads it).
const std::filesystem::path& scratch_dir() {
  static const auto* dir = [] {
    auto* d = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                        fmt::format("mlsysim-fuzz-registry-{}", ::getpid()));
    std::filesystem::create_directories(*d);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratch_dir(), ec);
    });
    return d;
  }();
  return *dir;
}

void solve_engine(const mlsysim::Registry& reg, const std::string& model,
                  const std::string& hardware, std::string_view input) {
  static const mlsysim::Resolver& engine = mlsysim::find_resolver("Engine");
  const nlohmann::json inputs = {{"model", model}, {"hardware", hardware}, {"batch_size", 4}};
  const std::string line = inputs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  mlsysim::fuzz::check_answer_line(engine.solve_json(line, reg), input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto file = scratch_dir() / "user.yaml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
  }
  mlsysim::fuzz::expect_contract([&] {
    const auto reg = mlsysim::Registry::with_overlays({scratch_dir()});
    const std::string mine = file.string();
    for (const auto& h : reg->all_hardware()) {
      if (h->info.file == mine && !h->info.path.empty()) {
        solve_engine(*reg, "Llama3_8B", h->info.path, text);
      }
    }
    for (const auto& m : reg->all_models()) {
      if (m->info.file == mine && !m->info.path.empty()) {
        solve_engine(*reg, m->info.path, "H100", text);
      }
    }
  });
  return 0;
}
