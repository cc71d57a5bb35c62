// The lab's HTTP API as a pure function: routes, the `solve --jsonl` encoding, and its errors.
#include "lab/api.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "mlsysim/core/catalog.hpp"
#include "mlsysim/realistic/resolvers.hpp"
#include "mlsysim/registry/export.hpp"

namespace mlsysim::lab {
namespace {

const Registry& zoo() { return *Registry::builtin(); }

nlohmann::json error_of(const ApiResponse& r) {
  EXPECT_EQ(r.content_type, "application/json");
  return nlohmann::json::parse(r.body).at("error");
}

TEST(LabApi, ServesThePage) {
  for (const char* path : {"/", "/index.html", "/app.js", "/app.css", "/?q=1"}) {
    const auto r = handle_api("GET", path, "", zoo());
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_FALSE(r.body.empty()) << path;
  }
  EXPECT_EQ(handle_api("GET", "/", "", zoo()).content_type, "text/html; charset=utf-8");
  EXPECT_EQ(handle_api("GET", "/app.js", "", zoo()).content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(handle_api("POST", "/", "", zoo()).status, 405);
}

TEST(LabApi, SolveAnswersAsSolveJsonl) {
  const std::string body = R"({"model":"Llama3_8B","hardware":"H100","seq_len":2048})";
  const auto r = handle_api("POST", "/api/solve/ServingModel", body, zoo());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, find_resolver("ServingModel").solve_json(body, zoo()) + "\n");
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j.at("outputs").at("ttft").at("unit"), "ms");
}

TEST(LabApi, InfeasibleIsAResultNotAnError) {
  const auto r = handle_api("POST", "/api/solve/ServingModel",
                            R"({"model":"Llama3_70B","hardware":"H100","seq_len":2048})", zoo());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body).at("outputs").at("feasible"), false);
}

TEST(LabApi, BadInputIs400WithTheCliErrorObject) {
  const auto out_of_range = handle_api(
      "POST", "/api/solve/ServingModel",
      R"({"model":"Llama3_8B","hardware":"H100","seq_len":2048,"batch_size":-1})", zoo());
  EXPECT_EQ(out_of_range.status, 400);
  EXPECT_EQ(error_of(out_of_range).at("code"), "input.out_of_range");
  EXPECT_EQ(error_of(out_of_range).at("field"), "batch_size");

  const auto unknown = handle_api("POST", "/api/solve/ServingModel",
                                  R"({"model":"Llama3_8B","hardware":"H1000","seq_len":1})", zoo());
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(error_of(unknown).at("code"), "input.unknown_entry");

  const auto malformed = handle_api("POST", "/api/solve/ServingModel", "{\"model\":", zoo());
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(error_of(malformed).at("code"), "input.malformed");
}

TEST(LabApi, UnknownResolverIs404WithSuggestions) {
  const auto r = handle_api("POST", "/api/solve/ServingModle", "{}", zoo());
  EXPECT_EQ(r.status, 404);
  const auto e = error_of(r);
  EXPECT_EQ(e.at("code"), "input.unknown_entry");
  EXPECT_EQ(e.at("field"), "resolver");
  EXPECT_NE(e.at("message").get<std::string>().find("ServingModel"), std::string::npos);
}

TEST(LabApi, ControlCharactersInThePathAre400) {
  // Found by fuzzing: a query key "\0\x1b" made an error whose message was cut at the NUL.
  using namespace std::string_view_literals;
  for (const auto path :
       {"/api/solve/ServingModel?\0\x1b"sv, "/api/solve/Serving\x7fModel"sv, "/api/zoo\n"sv}) {
    const auto r = handle_api("POST", path, "{}", zoo());
    EXPECT_EQ(r.status, 400) << path;
    const auto e = error_of(r);
    EXPECT_EQ(e.at("field"), "path");
    EXPECT_NE(e.at("message").get<std::string>().find("control character"), std::string::npos);
  }
}

TEST(LabApi, PlotsAnSvg) {
  const auto r =
      handle_api("POST", "/api/plot/roofline",
                 R"({"hardware":"H100","workloads":["Llama3_8B"],"batch_size":4})", zoo());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "image/svg+xml");
  EXPECT_TRUE(r.body.starts_with("<svg") || r.body.starts_with("<?xml")) << r.body.substr(0, 80);
  const auto bad = handle_api("POST", "/api/plot/roofline", R"({"hardware":"H1000"})", zoo());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_of(bad).at("field"), "hardware");
  EXPECT_EQ(handle_api("POST", "/api/plot/rooflne", "{}", zoo()).status, 404);
  EXPECT_EQ(handle_api("GET", "/api/plot/roofline", "", zoo()).status, 405);
}

TEST(LabApi, ZooAndSchema) {
  const auto z = handle_api("GET", "/api/zoo", "", zoo());
  EXPECT_EQ(z.status, 200);
  EXPECT_EQ(z.body, registry_json(zoo()) + "\n");
  const auto all = handle_api("GET", "/api/schema", "", zoo());
  EXPECT_EQ(all.status, 200);
  EXPECT_EQ(nlohmann::json::parse(all.body).size(), resolvers().size());
  const auto one = handle_api("GET", "/api/schema/ServingModel", "", zoo());
  EXPECT_EQ(one.body, schema_json(find_resolver("ServingModel")) + "\n");
  EXPECT_EQ(handle_api("GET", "/api/schema/Nope", "", zoo()).status, 404);
}

TEST(LabApi, HttpErrors) {
  EXPECT_EQ(handle_api("GET", "/nope", "", zoo()).status, 404);
  EXPECT_EQ(error_of(handle_api("GET", "/nope", "", zoo())).at("code"), "http.not_found");
  EXPECT_EQ(handle_api("GET", "/api/solve/ServingModel", "", zoo()).status, 405);
  EXPECT_EQ(handle_api("DELETE", "/api/zoo", "", zoo()).status, 405);
  EXPECT_EQ(handle_api("GET", "/api/solve/", "", zoo()).status, 404);
  EXPECT_EQ(handle_api("GET", "/api/solve/a/b", "", zoo()).status, 404);
  const std::string big(kMaxBody + 1, ' ');
  const auto r = handle_api("POST", "/api/solve/ServingModel", big, zoo());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(error_of(r).at("code"), "http.too_large");
  EXPECT_EQ(handle_api("POST", "/api/solve/ServingModel", std::string(kMaxBody, ' '), zoo()).status,
            400);
}

TEST(LabApi, NeverThrowsOnOddInput) {
  const std::string odd[] = {"", "\0\xff", "[]", "null", "1e999", "{\"model\":{}}", "\"\\ud800\""};
  for (const auto& body : odd) {
    for (const char* path : {"/api/solve/Engine", "/api/solve/DSE", "/api/zoo", "/\xff"}) {
      const auto r = handle_api("POST", path, body, zoo());
      EXPECT_GE(r.status, 200);
      EXPECT_FALSE(r.body.empty());
    }
  }
}

TEST(LabApi, RefusesHugeSearches) {
  std::string list = "[";
  for (int i = 1; i <= 100; ++i) {
    if (i > 1) list += ',';
    list += std::to_string(i);
  }
  list += "]";
  const std::string spec = R"({"space":{"batch_size":)" + list + R"(,"seq_len":)" + list +
                           R"(,"dp_size":)" + list +
                           R"(},"objective":"minimize: latency","evaluator":{"resolver":"Engine",)"
                           R"("fixed":{"model":"Llama3_8B","hardware":"H100"}}})";
  const auto r = handle_api("POST", "/api/solve/DSE", spec, zoo());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r).at("field"), "space");
  EXPECT_EQ(error_of(r).at("code"), "input.out_of_range");
  const nlohmann::json body{{"spec", spec}};
  const auto p = handle_api("POST", "/api/plot/pareto", body.dump(), zoo());
  EXPECT_EQ(p.status, 400);
  EXPECT_EQ(error_of(p).at("field"), "space");
}

TEST(LabApi, RealisticSolvesWithTheRealisticVariant) {
  const std::string body = R"({"model":"Llama3_8B","hardware":"H100","seq_len":2048})";
  const auto r = handle_api("POST", "/api/solve/ServingModel?fidelity=realistic", body, zoo());
  EXPECT_EQ(r.status, 200);
  const Resolver* variant = realistic::find_resolver("ServingModel");
  ASSERT_NE(variant, nullptr);
  EXPECT_EQ(r.body, variant->solve_json(body, zoo()) + "\n");
  // Not the faithful answer, and faithful is the default.
  const auto faithful = handle_api("POST", "/api/solve/ServingModel", body, zoo());
  EXPECT_NE(r.body, faithful.body);
  EXPECT_EQ(handle_api("POST", "/api/solve/ServingModel?fidelity=faithful", body, zoo()).body,
            faithful.body);
  // Names in any case reach the same variant, as `solve servingmodel` does.
  EXPECT_EQ(&resolver_at("servingmodel", "realistic"), variant);
  EXPECT_EQ(handle_api("POST", "/api/solve/servingmodel?fidelity=realistic", body, zoo()).body,
            r.body);
}

TEST(LabApi, FidelityErrorsNameTheField) {
  const std::string body = R"({"model":"Llama3_8B","hardware":"H100"})";
  const auto bad = handle_api("POST", "/api/solve/Engine?fidelity=realstic", body, zoo());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_of(bad).at("code"), "input.invalid");
  EXPECT_EQ(error_of(bad).at("field"), "fidelity");
  const std::string msg = error_of(bad).at("message");
  EXPECT_NE(msg.find("'realstic'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("faithful, realistic"), std::string::npos) << msg;
  EXPECT_NE(msg.find("did you mean 'realistic'"), std::string::npos) << msg;

  // A resolver without a realistic variant refuses rather than answering faithful.
  const auto none =
      handle_api("POST", "/api/solve/TailLatencyModel?fidelity=realistic", "{}", zoo());
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(error_of(none).at("field"), "fidelity");
  const std::string why = error_of(none).at("message");
  EXPECT_NE(why.find("TailLatencyModel has no realistic variant"), std::string::npos) << why;
  EXPECT_NE(why.find("ServingModel"), std::string::npos) << why;

  const auto other = handle_api("POST", "/api/solve/Engine?fidelty=realistic", body, zoo());
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(error_of(other).at("field"), "fidelty");
  EXPECT_EQ(handle_api("GET", "/api/zoo?fidelity=x", "", zoo()).status, 400);
  EXPECT_EQ(handle_api("POST", "/api/solve/Nope?fidelity=realistic", "{}", zoo()).status, 404);
}

TEST(LabApi, FidelityListsTheRealisticVariants) {
  const auto r = handle_api("GET", "/api/fidelity", "", zoo());
  EXPECT_EQ(r.status, 200);
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j.at("fidelities"), nlohmann::json({"faithful", "realistic"}));
  const auto& names = j.at("realistic").at("resolvers");
  EXPECT_EQ(names.size(), realistic_resolvers().size());
  for (const auto& res : resolvers()) {
    const bool listed = std::find(names.begin(), names.end(), res.info.name) != names.end();
    EXPECT_EQ(listed, realistic::find_resolver(res.info.name) != nullptr) << res.info.name;
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "ServingModel"), names.end());
  EXPECT_EQ(j.at("realistic").at("plots"), nlohmann::json({"sweep", "pareto"}));
}

TEST(LabApi, RealisticPictures) {
  const std::string roof = R"({"hardware":"H100","workloads":["Llama3_8B"]})";
  const auto r = handle_api("POST", "/api/plot/roofline?fidelity=realistic", roof, zoo());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r).at("field"), "fidelity");
  // The Pareto search runs realistic: the same picture as a spec stating fidelity: realistic.
  const std::string spec =
      R"({"space":{"batch_size":[1,8,64],"precision":["fp16","fp8"]},)"
      R"("objective":["minimize: latency","maximize: throughput"],)"
      R"("evaluator":{"resolver":"Engine","fixed":{"model":"Llama3_8B","hardware":"H100"}}})";
  const nlohmann::json body{{"spec", spec}};
  auto stated = nlohmann::json::parse(spec);
  stated["fidelity"] = "realistic";
  const nlohmann::json stated_body{{"spec", stated.dump()}};
  const auto real = handle_api("POST", "/api/plot/pareto?fidelity=realistic", body.dump(), zoo());
  const auto faithful = handle_api("POST", "/api/plot/pareto", body.dump(), zoo());
  EXPECT_EQ(real.status, 200);
  EXPECT_EQ(real.body, handle_api("POST", "/api/plot/pareto", stated_body.dump(), zoo()).body);
  EXPECT_NE(real.body, faithful.body);
  // A spec that states its fidelity keeps it.
  stated["fidelity"] = "faithful";
  const nlohmann::json faithful_body{{"spec", stated.dump()}};
  EXPECT_EQ(
      handle_api("POST", "/api/plot/pareto?fidelity=realistic", faithful_body.dump(), zoo()).body,
      faithful.body);
}

TEST(LabApi, ErrorsStayValidUtf8) {
  const auto r = handle_api("POST", "/api/solve/Engine", "\xff\xfe{\"a\":1}", zoo());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r).at("code"), "input.malformed");
}

}  // namespace
}  // namespace mlsysim::lab
