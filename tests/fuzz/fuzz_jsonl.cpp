// Fuzzes `mlsysim solve RESOLVER --jsonl` in process, for every resolver: the first byte picks the
// resolver from mlsysim::resolvers(), the rest is the JSON line given to Resolver::solve_json. The
// answer must be one JSON object: {"outputs": {...}} with finite numbers (no NaN), or
// {"error": {"code", "field"?, "message"}} with a code other than "internal". DSE lines whose space
// is above fuzz::kMaxFuzzPoints are skipped (one input must run in milliseconds).
#include <cstdint>
#include <string_view>

#include "contract.hpp"
#include "mlsysim/core/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const auto registry = mlsysim::Registry::builtin();
  const auto& all = mlsysim::resolvers();
  const mlsysim::Resolver& r = all[data[0] % all.size()];
  const std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  if (r.info.name == "DSE") {
    try {
      if (mlsysim::fuzz::space_points(mlsysim::io::tree_from_json(line)) >
          mlsysim::fuzz::kMaxFuzzPoints) {
        return 0;
      }
    } catch (const mlsysim::InputError&) {  // malformed: solve_json answers it below
    }
  }
  std::string answer;
  mlsysim::fuzz::expect_contract([&] { answer = r.solve_json(line, *registry); });
  mlsysim::fuzz::check_answer_line(answer, line);
  return 0;
}
