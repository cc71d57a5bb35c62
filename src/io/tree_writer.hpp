// Internal: a writer with JsonWriter's interface that builds a Tree instead of JSON text, so the
// generic struct writers (binding.hpp) can hand results to in-process callers (the Python module)
// without a text round trip. Non-finite numbers stay numbers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/tree.hpp"

namespace mlsysim::io {

class TreeWriter {
 public:
  void begin_object() { open(Tree::Kind::kMap); }
  void end_object() { stack_.pop_back(); }
  void begin_array() { open(Tree::Kind::kList); }
  void end_array() { stack_.pop_back(); }
  void key(std::string_view k) { key_ = std::string(k); }
  void plain_key(std::string_view k) { key_ = std::string(k); }
  void null() { slot(); }
  void boolean(bool b) {
    Tree& t = slot();
    t.kind = Tree::Kind::kBool;
    t.boolean = b;
  }
  void number(double v) {
    Tree& t = slot();
    t.kind = Tree::Kind::kNumber;
    t.number = v;
  }
  void integer(long long v) {
    Tree& t = slot();
    t.kind = Tree::Kind::kNumber;
    t.number = static_cast<double>(v);
    t.integral = true;
  }
  void string(std::string_view s) {
    Tree& t = slot();
    t.kind = Tree::Kind::kString;
    t.text = std::string(s);
  }
  /// A value given as JSON text (JsonWriter::raw's counterpart).
  void raw(std::string_view json) { slot() = tree_from_json(json); }
  /// The finished tree (the first value written).
  [[nodiscard]] Tree take() { return std::move(root_); }

 private:
  Tree& slot() {
    if (stack_.empty()) return root_;
    Tree& parent = *stack_.back();
    if (parent.kind == Tree::Kind::kList) {
      parent.items.emplace_back();
      return parent.items.back();
    }
    parent.fields.emplace_back(std::move(key_), Tree{});
    key_.clear();
    return parent.fields.back().second;
  }
  void open(Tree::Kind k) {
    Tree& t = slot();
    t.kind = k;
    stack_.push_back(&t);
  }

  Tree root_;
  std::vector<Tree*> stack_;  // open containers; children are appended only to the innermost
  std::string key_;
};

}  // namespace mlsysim::io
