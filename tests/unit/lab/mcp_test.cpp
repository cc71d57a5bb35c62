// The Model Context Protocol dispatcher: one JSON-RPC line in, zero or one line out.
#include "lab/mcp.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "mlsysim/core/catalog.hpp"

namespace mlsysim::lab {
namespace {

using nlohmann::json;

const Registry& zoo() { return *Registry::builtin(); }

json ask(const std::string& line) {
  const auto out = handle_mcp(line, zoo());
  EXPECT_TRUE(out.has_value()) << line;
  return out ? json::parse(*out) : json();
}

TEST(LabMcp, Initialize) {
  const json r = ask(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})");
  EXPECT_EQ(r.at("id"), 1);
  EXPECT_EQ(r.at("result").at("protocolVersion"), "2024-11-05");
  EXPECT_TRUE(r.at("result").at("capabilities").contains("tools"));
}

TEST(LabMcp, NotificationsGetNoAnswer) {
  EXPECT_FALSE(handle_mcp(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", zoo()));
  EXPECT_FALSE(handle_mcp(R"({"jsonrpc":"2.0","method":"no/such"})", zoo()));
}

TEST(LabMcp, ToolsAreTheResolversPlusEvalDseZoo) {
  const json tools = ask(R"({"jsonrpc":"2.0","id":"a","method":"tools/list"})")["result"]["tools"];
  EXPECT_EQ(tools.size(), resolvers().size() + 3);
  for (const auto& t : tools) {
    EXPECT_EQ(t.at("inputSchema").at("type"), "object") << t.at("name");
  }
  const auto serving = std::find_if(tools.begin(), tools.end(),
                                    [](const json& t) { return t["name"] == "ServingModel"; });
  ASSERT_NE(serving, tools.end());
  const json& props = (*serving)["inputSchema"]["properties"];
  EXPECT_EQ(props.size(), find_resolver("ServingModel").inputs().size());
  EXPECT_EQ(props["batch_size"]["type"], "integer");
  EXPECT_EQ(props["batch_size"]["default"], 1);
}

TEST(LabMcp, CallAnswersTheJsonlLine) {
  const std::string args = R"({"model":"Llama3_8B","hardware":"H100","seq_len":2048})";
  const json r = ask(
      R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"ServingModel","arguments":)" +
      args + "}}");
  EXPECT_EQ(r["result"]["isError"], false);
  EXPECT_EQ(r["result"]["content"][0]["text"],
            find_resolver("ServingModel").solve_json(json::parse(args).dump(), zoo()));
}

TEST(LabMcp, BadInputIsAToolError) {
  const json r = ask(
      R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"ServingModel","arguments":{"model":"Llama3_8B","hardware":"H100","seq_len":0}}})");
  EXPECT_EQ(r["result"]["isError"], true);
  const json e = json::parse(r["result"]["content"][0]["text"].get<std::string>())["error"];
  EXPECT_EQ(e["code"], "input.out_of_range");
  EXPECT_EQ(e["field"], "seq_len");
}

TEST(LabMcp, JsonRpcErrors) {
  EXPECT_EQ(ask("{")["error"]["code"], -32700);
  EXPECT_EQ(ask("[]")["error"]["code"], -32600);
  EXPECT_EQ(ask(R"({"id":1,"method":"ping"})")["error"]["code"], -32600);
  EXPECT_EQ(ask(R"({"jsonrpc":"2.0","id":1,"method":"nope"})")["error"]["code"], -32601);
  EXPECT_EQ(
      ask(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"Nope"}})")["error"]
                                                                                       ["code"],
      -32602);
  EXPECT_EQ(ask(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":[]})")["error"]["code"],
            -32602);
  // A batch answers each request in it.
  const json b =
      ask(R"([{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"x"}])");
  ASSERT_TRUE(b.is_array());
  EXPECT_EQ(b.size(), 2u);
}

TEST(LabMcp, AnswersAreValidUtf8) {
  const auto out = handle_mcp(
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"Engine\","
      "\"arguments\":{\"model\":\"\\u00ff\\ud83d\\ude00\",\"hardware\":\"H100\"}}}",
      zoo());
  ASSERT_TRUE(out);
  EXPECT_TRUE(json::accept(*out)) << *out;
}

}  // namespace
}  // namespace mlsysim::lab
