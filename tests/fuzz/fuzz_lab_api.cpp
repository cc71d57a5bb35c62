// Fuzzes the lab's HTTP API (lab::handle_api, what `mlsysim lab` answers every request with). The
// first byte picks a route (the resolver or picture kind from the second byte), the bytes up to
// the first newline are appended to the path (a query string, a stray suffix), the rest is the
// body. The contract: never a 5xx; a 200 from /api/solve is a `solve --jsonl` answer line with
// finite numbers, a 200 picture is an SVG document, a 4xx is the CLI's error object. Solve
// requests for DSE spaces above fuzz::kMaxFuzzPoints are skipped (the API's own bound,
// lab::kMaxSearchPoints, is checked by the lab's unit tests).
#include <cstdint>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "lab/api.hpp"
#include "mlsysim/core/catalog.hpp"

namespace {

constexpr std::string_view kPlotKinds[] = {"roofline", "sweep", "pareto", "plan", "histogram"};
constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "DELETE"};

void check_error_body(const mlsysim::lab::ApiResponse& r, std::string_view request) {
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("error")) {
    mlsysim::fuzz::violation("a 4xx without the error object", r.body.substr(0, 400));
  }
  mlsysim::fuzz::check_answer_line(r.body, request);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mlsysim;
  if (size < 2) return 0;
  static const auto registry = Registry::builtin();
  const auto& all = resolvers();
  const std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
  const std::size_t nl = rest.find('\n');
  const std::string_view suffix = nl == std::string_view::npos ? std::string_view{}
                                                                 : rest.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? rest : rest.substr(nl + 1);

  std::string method = "GET";
  std::string path;
  bool solve = false;
  switch (data[0] % 8) {
    case 0:
    case 1: {
      const Resolver& r = all[data[1] % all.size()];
      if (r.info.name == "DSE") {
        try {
          if (fuzz::space_points(io::tree_from_json(body)) > fuzz::kMaxFuzzPoints) return 0;
        } catch (const InputError&) {  // malformed: the API answers it
        }
      }
      method = "POST";
      path = "/api/solve/" + std::string(r.info.name);
      solve = true;
      break;
    }
    case 2:
      method = "POST";
      path = "/api/plot/" + std::string(kPlotKinds[data[1] % std::size(kPlotKinds)]);
      break;
    case 3:
      path = "/api/schema/" + std::string(all[data[1] % all.size()].info.name);
      break;
    case 4:
      path = data[1] % 2 ? "/api/fidelity" : "/api/schema";
      break;
    case 5:
      path = "/api/zoo";
      break;
    case 6:
      method = std::string(kMethods[data[1] % std::size(kMethods)]);
      path = "/api/solve/";
      break;
    default:
      method = std::string(kMethods[data[1] % std::size(kMethods)]);
      path = "/";
      break;
  }
  path += suffix;
  const lab::ApiResponse r = lab::handle_api(method, path, body, *registry);
  if (r.status >= 500 || r.status < 200) {
    fuzz::violation("a status outside 2xx/4xx", std::to_string(r.status) + " " + r.body);
  }
  if (r.status >= 400) {
    if (r.content_type.find("json") != std::string::npos) check_error_body(r, body);
    return 0;
  }
  if (solve) fuzz::check_answer_line(r.body, body);
  if (path.rfind("/api/plot/", 0) == 0 && r.body.rfind("<svg", 0) != 0) {
    fuzz::violation("a picture that is not an SVG document", r.body.substr(0, 200));
  }
  return 0;
}
