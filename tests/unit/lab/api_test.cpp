// The lab's HTTP API as a pure function: routes, the `solve --jsonl` encoding, and its errors.
#include "lab/api.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "mlsysim/core/catalog.hpp"
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

TEST(LabApi, ErrorsStayValidUtf8) {
  const auto r = handle_api("POST", "/api/solve/Engine", "\xff\xfe{\"a\":1}", zoo());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r).at("code"), "input.malformed");
}

}  // namespace
}  // namespace mlsysim::lab
