// Quiet evaluation: a design-space sweep reads numbers only, so while a QuietScope is alive on a
// thread the resolvers that honour it (Engine/SingleNodeModel, SystemEvaluator) skip building the
// text nobody will read — constraint traces, warnings, summaries. Numbers are unchanged; the few
// candidates a search prints are evaluated again with text on.
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
