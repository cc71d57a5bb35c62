// Quiet evaluation: a design-space sweep reads numbers only, so while a QuietScope is alive on a
// thread every resolver skips building the text nobody will read — constraint traces, warnings,
// summaries, diagnostics — in the node, data, algorithm, fleet, ops and analysis domains, the
// optimizers and SystemEvaluator alike (resolvers write that text through detail::note() in
// src/core/text.hpp). Numbers, flags and meaningful strings (a bottleneck, a binding constraint)
// are unchanged, and errors keep their full messages. The flag is thread-local, so a resolver
// another one calls is quiet too. The few candidates a search prints are evaluated again with
// text on.
//
//   {
//     QuietScope quiet;
//     auto p = node::solve(in);  // p.constraint_trace and p.warnings stay empty
//   }
#pragma once

namespace mlsysim {

namespace detail {
inline thread_local bool quiet_flag = false;
}  // namespace detail

/// True while a QuietScope is alive on this thread.
[[nodiscard]] inline bool quiet() noexcept { return detail::quiet_flag; }

/// Turns text off for this thread until it is destroyed (nests).
class QuietScope {
 public:
  QuietScope() noexcept : previous_(detail::quiet_flag) { detail::quiet_flag = true; }
  ~QuietScope() { detail::quiet_flag = previous_; }
  QuietScope(const QuietScope&) = delete;
  QuietScope& operator=(const QuietScope&) = delete;

 private:
  bool previous_;
};

}  // namespace mlsysim
