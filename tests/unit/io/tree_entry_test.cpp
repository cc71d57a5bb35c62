// The in-process entry point (io/tree_entry.hpp) that the Python module uses: every catalog
// resolver has one, it answers what the JSON entry answers, and it throws InputError for bad
// input. Also the TreeWriter it writes with.
#include "io/tree_entry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "expect_input_error.hpp"
#include "io/json_writer.hpp"
#include "io/tree_writer.hpp"
#include "mlsysim/core/catalog.hpp"

namespace mlsysim::io {
namespace {

Tree serving_inputs(double seq_len) {
  Tree t;
  t.kind = Tree::Kind::kMap;
  t.fields.emplace_back("model", Tree::string("Models.Language.Llama3_70B"));
  t.fields.emplace_back("hardware", Tree::string("Hardware.Cloud.H100"));
  Tree n;
  n.kind = Tree::Kind::kNumber;
  n.integral = true;
  n.number = seq_len;
  t.fields.emplace_back("seq_len", n);
  n.number = 4;
  t.fields.emplace_back("batch_size", n);
  return t;
}

TEST(TreeEntry, EveryCatalogResolverHasOne) {
  for (const auto& r : resolvers()) {
    // DSE reads a search spec, not described inputs: it is reached through solve_json.
    if (r.info.name == "DSE") {
      EXPECT_EQ(tree_entry(r.info.name), nullptr);
      continue;
    }
    EXPECT_NE(tree_entry(r.info.name), nullptr) << r.info.name;
  }
  EXPECT_EQ(tree_entry("NoSuchResolver"), nullptr);
}

TEST(TreeEntry, ServingModelMatchesTheJsonAnswer) {
  const auto& reg = *Registry::builtin();
  (void)resolvers();
  TreeSolve solve = tree_entry("ServingModel");
  ASSERT_NE(solve, nullptr);
  const Tree out = solve(serving_inputs(2048), reg);
  ASSERT_TRUE(out.is_map());
  const Tree* ttft = out.get("ttft");
  ASSERT_NE(ttft, nullptr);
  EXPECT_NEAR(ttft->get("value")->number, 2428.1007282326, 1e-6);
  EXPECT_EQ(ttft->get("unit")->text, "ms");
  EXPECT_EQ(out.get("feasible")->kind, Tree::Kind::kBool);
  EXPECT_FALSE(out.get("feasible")->boolean);
  EXPECT_EQ(out.get("constraint_trace")->kind, Tree::Kind::kList);

  const std::string json = find_resolver("ServingModel")
                               .solve_json(R"({"model": "Models.Language.Llama3_70B",
                                 "hardware": "Hardware.Cloud.H100", "seq_len": 2048,
                                 "batch_size": 4})",
                                           reg);
  const Tree from_json = tree_from_json(json);
  const Tree* outputs = from_json.get("outputs");
  ASSERT_NE(outputs, nullptr);
  ASSERT_EQ(outputs->fields.size(), out.fields.size());
  for (const auto& [name, value] : out.fields) {  // the JSON reader orders keys its own way
    EXPECT_NE(outputs->get(name), nullptr) << name;
  }
  EXPECT_DOUBLE_EQ(outputs->get("itl")->get("value")->number, out.get("itl")->get("value")->number);
}

TEST(TreeEntry, BadInputThrowsInputError) {
  const auto& reg = *Registry::builtin();
  (void)resolvers();
  TreeSolve solve = tree_entry("ServingModel");
  ASSERT_NE(solve, nullptr);
  testing::expect_input_error([&] { (void)solve(serving_inputs(-1), reg); }, "seq_len");
}

TEST(TreeWriter, BuildsNestedContainersAndKeepsNonFiniteNumbers) {
  TreeWriter w;
  w.begin_object();
  w.plain_key("a");
  w.number(std::numeric_limits<double>::infinity());
  w.key("b");
  w.begin_array();
  w.integer(3);
  w.string("x");
  w.null();
  w.boolean(true);
  w.begin_object();
  w.key("c");
  w.number(1.5);
  w.end_object();
  w.end_array();
  w.key("d");
  w.raw(R"({"e": [1, 2]})");
  w.end_object();
  const Tree t = w.take();
  ASSERT_TRUE(t.is_map());
  EXPECT_TRUE(std::isinf(t.get("a")->number));
  const Tree& b = *t.get("b");
  ASSERT_EQ(b.items.size(), 5U);
  EXPECT_TRUE(b.items[0].integral);
  EXPECT_EQ(b.items[0].number, 3);
  EXPECT_EQ(b.items[1].text, "x");
  EXPECT_TRUE(b.items[2].is_null());
  EXPECT_TRUE(b.items[3].boolean);
  EXPECT_EQ(b.items[4].get("c")->number, 1.5);
  EXPECT_EQ(t.get("d")->get("e")->items.size(), 2U);
}

}  // namespace
}  // namespace mlsysim::io
