// Internal: a document tree written back as JSON (numbers written as integers when they were).
#pragma once

#include "io/json_writer.hpp"
#include "io/tree.hpp"

namespace mlsysim::io {

inline void write_tree(JsonWriter& w, const Tree& t) {
  switch (t.kind) {
    case Tree::Kind::kNull:
      w.null();
      break;
    case Tree::Kind::kBool:
      w.boolean(t.boolean);
      break;
    case Tree::Kind::kNumber:
      if (t.integral && t.number >= -9.0e18 && t.number <= 9.0e18) {
        w.integer(static_cast<long long>(t.number));
      } else {
        w.number(t.number);
      }
      break;
    case Tree::Kind::kString:
      w.string(t.text);
      break;
    case Tree::Kind::kList:
      w.begin_array();
      for (const auto& item : t.items) write_tree(w, item);
      w.end_array();
      break;
    case Tree::Kind::kMap:
      w.begin_object();
      for (const auto& [k, v] : t.fields) {
        w.key(k);
        write_tree(w, v);
      }
      w.end_object();
      break;
  }
}

inline std::string tree_json(const Tree& t) {
  JsonWriter w;
  write_tree(w, t);
  return w.take();
}

}  // namespace mlsysim::io
