// Fuzzes a design-space search spec: the YAML `mlsysim dse SPEC.yaml` reads, through the same
// engine (dse::search on one thread). Spaces above fuzz::kMaxFuzzPoints are skipped so that one
// input runs in milliseconds. The result must be finite JSON; "no valid configuration" and bad
// specs must be an mlsysim::Error with a code.
#include <cstdint>
#include <string>

#include "contract.hpp"
#include "io/tree.hpp"
#include "optimize/dse_engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mlsysim;
  static const auto registry = Registry::builtin();
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::expect_contract([&] {
    const io::Tree spec = io::tree_from_yaml(text, "spec.yaml");
    if (fuzz::space_points(spec) > fuzz::kMaxFuzzPoints) return;
    dse::Options opts;
    opts.threads = 1;
    fuzz::check_result_json(dse::search(spec, *registry, opts).to_json(), text);
  });
  return 0;
}
