#include "io/tree_entry.hpp"

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace mlsysim::io {
namespace {

struct Entries {
  std::mutex mu;
  std::vector<std::pair<std::string, TreeSolve>> list;
};

Entries& entries() {
  static Entries e;
  return e;
}

}  // namespace

void register_tree_entry(std::string_view resolver, TreeSolve fn) {
  Entries& e = entries();
  std::lock_guard<std::mutex> lock(e.mu);
  for (auto& [name, f] : e.list) {
    if (name == resolver) {
      f = fn;
      return;
    }
  }
  e.list.emplace_back(std::string(resolver), fn);
}

TreeSolve tree_entry(std::string_view resolver) {
  Entries& e = entries();
  std::lock_guard<std::mutex> lock(e.mu);
  for (const auto& [name, f] : e.list) {
    if (name == resolver) return f;
  }
  return nullptr;
}

}  // namespace mlsysim::io
