#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <thread>

#include "io/json_writer.hpp"
#include "io/sweep.hpp"
#include "io/tree_json.hpp"
#include "mlsysim/analysis/pipeline.hpp"
#include "mlsysim/core/catalog.hpp"
#include "mlsysim/core/limits.hpp"
#include "mlsysim/realistic/resolvers.hpp"
#include "optimize/dse_engine.hpp"

namespace mlsysim::dse {

namespace {

constexpr std::string_view kSpace = " \t\n\r\f\v";
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string trim(std::string_view s, std::string_view chars = kSpace) {
  const auto b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(chars);
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::vector<std::string> split_ws(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    i = s.find_first_not_of(kSpace, i);
    if (i == std::string_view::npos) break;
    const auto e = s.find_first_of(kSpace, i);
    out.emplace_back(s.substr(i, e == std::string_view::npos ? s.npos : e - i));
    i = e == std::string_view::npos ? s.size() : e;
  }
  return out;
}

double worst(Direction d) { return d == Direction::kMinimize ? kInf : -kInf; }
double min_key(Direction d, double v) { return d == Direction::kMinimize ? v : -v; }
std::string_view worst_text(Direction d) { return d == Direction::kMinimize ? "+inf" : "-inf"; }

// ------------------------------------------------------------------ a Pipeline as evaluator ---

/// A number at a dotted path of a JSON result: mappings are walked by key, a quantity object
/// ({"value", "unit"}) gives its value in the unit written.
double tree_metric(const io::Tree& root, const std::vector<std::string>& steps) {
  const io::Tree* cur = &root;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!cur->is_map()) return io::kNoValue;
    const io::Tree* value = cur->get("value");
    if (value != nullptr && cur->get("unit") != nullptr && i + 1 == steps.size() &&
        (steps[i] == "magnitude" || steps[i] == "m")) {
      cur = value;
      break;
    }
    cur = cur->get(steps[i]);
    if (cur == nullptr) return io::kNoValue;
  }
  if (cur->is_map() && cur->get("value") != nullptr && cur->get("unit") != nullptr) {
    cur = cur->get("value");
  }
  if (cur->kind == io::Tree::Kind::kNumber) return cur->number;
  if (cur->kind == io::Tree::Kind::kBool) return cur->boolean ? 1.0 : 0.0;
  if (cur->kind == io::Tree::Kind::kString) {
    if (cur->text == "inf") return kInf;
    if (cur->text == "-inf") return -kInf;
  }
  return io::kNoValue;
}

class PipelineSweep final : public io::SweepKernel {
 public:
  PipelineSweep(std::vector<std::string> stages, const io::SweepPlan& plan,
                const Registry& registry)
      : pipeline_(stages), registry_(registry), params_(plan.params) {
    result_name = pipeline_.repr();
    fixed_.kind = io::Tree::Kind::kMap;
    if (plan.fixed != nullptr && plan.fixed->is_map()) fixed_ = *plan.fixed;
    std::vector<std::string> inputs;
    for (const auto& s : stages) {
      for (const auto& f : find_resolver(s).inputs()) inputs.push_back(f.name);
    }
    auto check = [&](const std::string& name, std::string_view where) {
      if (std::find(inputs.begin(), inputs.end(), name) != inputs.end()) return;
      auto near = detail::closest(name, inputs, 1);
      throw InputError(
          "input.unknown_field", fmt::format("{}.{}", where, name),
          fmt::format("{}: '{}' is not an input of any stage of {}{}", where, name, result_name,
                      near.empty() ? std::string() : "; did you mean '" + near.front() + "'?"));
    };
    for (const auto& [k, v] : fixed_.fields) check(k, "evaluator.fixed");
    for (const auto& [k, v] : params_) check(k, "space");
    for (const auto& m : plan.metrics) {
      metrics_.push_back(io::split_path(m));
      resolved.push_back(true);
    }
  }

  [[nodiscard]] std::string point_json(const std::uint32_t* digits) const {
    io::Tree t = fixed_;
    for (std::size_t p = 0; p < params_.size(); ++p) {
      const auto& [name, cands] = params_[p];
      const io::Tree& v = (*cands)[digits[p]];
      auto it = std::find_if(t.fields.begin(), t.fields.end(),
                             [&n = name](const auto& f) { return f.first == n; });
      if (it != t.fields.end()) {
        it->second = v;
      } else {
        t.fields.emplace_back(name, v);
      }
    }
    return io::tree_json(t);
  }

  class Worker final : public io::SweepWorker {
   public:
    explicit Worker(const PipelineSweep& k) : k_(k) {}
    io::Outcome eval(const std::uint32_t* digits, double* metrics) override {
      try {
        const io::Tree r =
            io::tree_from_json(k_.pipeline_.run(k_.point_json(digits), k_.registry_));
        for (std::size_t m = 0; m < k_.metrics_.size(); ++m) {
          metrics[m] = tree_metric(r, k_.metrics_[m]);
        }
        return io::Outcome::kOk;
      } catch (const std::exception& e) {
        if (first_error_.empty()) first_error_ = e.what();
        return io::Outcome::kFailed;
      }
    }

   private:
    const PipelineSweep& k_;
  };

  [[nodiscard]] std::unique_ptr<io::SweepWorker> worker() const override {
    return std::make_unique<Worker>(*this);
  }
  [[nodiscard]] std::string result_json(const std::uint32_t* digits) const override {
    return pipeline_.run(point_json(digits), registry_);
  }

 private:
  analysis::Pipeline pipeline_;
  const Registry& registry_;
  io::Tree fixed_;
  std::vector<std::pair<std::string, const std::vector<io::Tree>*>> params_;
  std::vector<std::vector<std::string>> metrics_;
};

// ------------------------------------------------------------------ the sweep ------------------

struct Entry {
  std::size_t index = 0;
  std::vector<double> objs;  // objective values as the metric gives them
};

/// One check: a constraint compared on every candidate.
struct Check {
  std::size_t metric;
  Op op;
  double threshold;
};

struct Local {
  std::vector<Point> points;  // Options::keep_points
  std::vector<Entry> top;
  std::vector<Entry> front;
  std::size_t failed = 0;
  std::size_t filtered = 0;
  std::size_t survivors = 0;
  std::vector<std::size_t> worst_hits;
  std::string first_error;
  std::exception_ptr error;
};

class Ranker {
 public:
  Ranker(const std::vector<Objective>& objectives, std::size_t k) : obj_(objectives), k_(k) {}

  [[nodiscard]] bool less(double key_a, std::size_t ia, double key_b, std::size_t ib) const {
    return key_a < key_b || (key_a == key_b && ia < ib);
  }
  [[nodiscard]] double key(const double* objs) const { return min_key(obj_[0].direction, objs[0]); }

  void offer_top(std::vector<Entry>& top, std::size_t index, const double* objs) const {
    const double k = key(objs);
    if (top.size() >= k_ && !less(k, index, key(top.back().objs.data()), top.back().index)) return;
    Entry e{index, std::vector<double>(objs, objs + obj_.size())};
    auto pos = std::upper_bound(top.begin(), top.end(), e, [&](const Entry& a, const Entry& b) {
      return less(key(a.objs.data()), a.index, key(b.objs.data()), b.index);
    });
    top.insert(pos, std::move(e));
    if (top.size() > k_) top.pop_back();
  }

  /// a is at least as good as b in every objective.
  [[nodiscard]] bool covers(const double* a, const double* b) const {
    for (std::size_t o = 0; o < obj_.size(); ++o) {
      if (min_key(obj_[o].direction, a[o]) > min_key(obj_[o].direction, b[o])) return false;
    }
    return true;
  }

  /// Adds a point to a non-dominated set; points come in increasing index, so among equal
  /// objective vectors the first one stays.
  void offer_front(std::vector<Entry>& front, std::size_t index, const double* objs) const {
    for (const auto& q : front) {
      if (covers(q.objs.data(), objs)) return;
    }
    std::erase_if(front, [&](const Entry& q) { return covers(objs, q.objs.data()); });
    front.push_back({index, std::vector<double>(objs, objs + obj_.size())});
  }

  void sort_front(std::vector<Entry>& front) const {
    std::sort(front.begin(), front.end(), [&](const Entry& a, const Entry& b) {
      for (std::size_t o = 0; o < obj_.size(); ++o) {
        const double ka = min_key(obj_[o].direction, a.objs[o]);
        const double kb = min_key(obj_[o].direction, b.objs[o]);
        if (ka != kb) return ka < kb;
      }
      return a.index < b.index;
    });
  }

 private:
  const std::vector<Objective>& obj_;
  std::size_t k_;
};

}  // namespace

// ------------------------------------------------------------------ parsing --------------------

Objective parse_objective(std::string_view text) {
  Objective o;
  o.text = std::string(text);
  std::string direction;
  const auto colon = text.find(':');
  if (colon != std::string_view::npos) {
    direction = lower(trim(text.substr(0, colon)));
    o.metric = trim(text.substr(colon + 1));
  } else {
    const std::string low = lower(text);
    std::string_view word;
    if (low.find("minimize") != std::string::npos) {
      word = "minimize";
    } else if (low.find("maximize") != std::string::npos) {
      word = "maximize";
    } else {
      throw InputError("input.invalid", "objective",
                       fmt::format("Invalid objective format: '{}'.", text));
    }
    direction = std::string(word);
    // The reference removes the lower-case word only (case-sensitive), then strips "( )".
    std::string m(text);
    for (auto pos = m.find(word); pos != std::string::npos; pos = m.find(word, pos)) {
      m.erase(pos, word.size());
    }
    o.metric = trim(m, "() ");
  }
  if (direction == "minimize") {
    o.direction = Direction::kMinimize;
  } else if (direction == "maximize") {
    o.direction = Direction::kMaximize;
  } else {
    throw InputError("input.invalid", "objective",
                     fmt::format("objective '{}': the direction must be 'minimize' or 'maximize', "
                                 "got '{}'",
                                 text, direction));
  }
  return o;
}

std::optional<double> parse_python_float(std::string_view text) {
  const std::string s = trim(text);
  if (s.empty()) return std::nullopt;
  const bool negative = s[0] == '-';
  const std::size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const std::string rest = lower(std::string_view(s).substr(start));
  double v = 0.0;
  if (rest == "inf" || rest == "infinity") {
    v = kInf;
  } else if (rest == "nan") {
    v = std::numeric_limits<double>::quiet_NaN();
  } else {
    if (rest.empty() || !(std::isdigit(static_cast<unsigned char>(rest[0])) || rest[0] == '.')) {
      return std::nullopt;
    }
    std::string clean;
    for (std::size_t k = 0; k < rest.size(); ++k) {
      const char c = rest[k];
      if (c == '_') {
        // Python allows one underscore between two digits.
        if (k == 0 || k + 1 == rest.size() ||
            !std::isdigit(static_cast<unsigned char>(rest[k - 1])) ||
            !std::isdigit(static_cast<unsigned char>(rest[k + 1]))) {
          return std::nullopt;
        }
        continue;
      }
      if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == '+' ||
            c == '-')) {
        return std::nullopt;
      }
      clean.push_back(c);
    }
    char* end = nullptr;
    v = std::strtod(clean.c_str(), &end);
    if (end != clean.c_str() + clean.size()) return std::nullopt;
  }
  return negative ? -v : v;
}

Constraint parse_constraint(std::string_view text) {
  Constraint c;
  c.expression = std::string(text);
  const auto tokens = split_ws(text);
  if (tokens.size() != 3) {
    c.kind = Constraint::Kind::kMalformed;
    return c;
  }
  c.path = tokens[0];
  const auto threshold = parse_python_float(tokens[2]);
  if (!threshold) {
    c.kind = Constraint::Kind::kBadThreshold;
    return c;
  }
  c.threshold = *threshold;
  const std::string& op = tokens[1];
  c.op = op == "<"    ? Op::kLess
         : op == ">"  ? Op::kGreater
         : op == "<=" ? Op::kLessEqual
         : op == ">=" ? Op::kGreaterEqual
         : op == "==" ? Op::kEqual
                      : Op::kUnknown;
  c.kind = c.op == Op::kUnknown ? Constraint::Kind::kUnknownOp : Constraint::Kind::kCheck;
  return c;
}

bool holds(Op op, double value, double threshold) {
  switch (op) {
    case Op::kLess:
      return value < threshold;
    case Op::kGreater:
      return value > threshold;
    case Op::kLessEqual:
      return value <= threshold;
    case Op::kGreaterEqual:
      return value >= threshold;
    case Op::kEqual:
      return value == threshold;
    case Op::kUnknown:
      return true;
  }
  return true;
}

// ------------------------------------------------------------------ the search -----------------

Result search(const io::Tree& spec, const Registry& registry, const Options& options) {
  io::MapReader top(spec, "", "spec");
  Result res;

  // The space: an ordered mapping of non-empty candidate lists.
  const io::Tree& space = top.req("space");
  if (!space.is_map()) {
    io::fail(space, "space", "input.type",
             fmt::format("space: expected a mapping of parameter names to candidate lists, got {}",
                         space.describe()));
  }
  if (space.fields.empty()) {
    io::fail(space, "space", "input.invalid", "space: no parameters to search over");
  }
  io::SweepPlan plan;
  std::vector<std::uint32_t> radix;
  std::size_t total = 1;
  for (const auto& [name, cands] : space.fields) {
    if (cands.kind != io::Tree::Kind::kList) {
      io::fail(
          cands, "space." + name, "input.type",
          fmt::format("space.{}: expected a list of candidates, got {}", name, cands.describe()));
    }
    if (cands.items.empty()) {
      io::fail(cands, "space." + name, "input.invalid",
               fmt::format("space.{}: the candidate list is empty", name));
    }
    if (cands.items.size() > limits::kMaxSpacePoints / total) {
      io::fail(cands, "space." + name, "input.limit",
               fmt::format("space: more than {} combinations (the limit of one search); split "
                           "the space into several searches",
                           limits::kMaxSpacePoints));
    }
    total *= cands.items.size();
    plan.params.emplace_back(name, &cands.items);
    radix.push_back(static_cast<std::uint32_t>(cands.items.size()));
    res.param_names.push_back(name);
  }
  res.points = total;

  // Objectives: one string, or a list of them (a Pareto front).
  const io::Tree& objective = top.req("objective");
  auto read_objective = [&](const io::Tree& t, const std::string& key) {
    if (t.kind != io::Tree::Kind::kString) {
      io::fail(t, key, "input.type",
               fmt::format("{}: expected a string such as 'minimize: latency', got {}", key,
                           t.describe()));
    }
    try {
      res.objectives.push_back(parse_objective(t.text));
    } catch (const InputError& e) {
      io::fail(t, key, e.code(), e.what());
    }
  };
  if (objective.kind == io::Tree::Kind::kList) {
    if (objective.items.empty())
      io::fail(objective, "objective", "input.invalid", "objective: empty list");
    for (std::size_t i = 0; i < objective.items.size(); ++i) {
      read_objective(objective.items[i], fmt::format("objective[{}]", i));
    }
  } else {
    read_objective(objective, "objective");
  }

  std::vector<Constraint> constraints;
  if (const io::Tree* cs = top.opt("constraints")) {
    if (cs->kind != io::Tree::Kind::kList) {
      io::fail(*cs, "constraints", "input.type",
               fmt::format("constraints: expected a list of strings such as 'latency < 50', got {}",
                           cs->describe()));
    }
    for (std::size_t i = 0; i < cs->items.size(); ++i) {
      const io::Tree& c = cs->items[i];
      if (c.kind != io::Tree::Kind::kString) {
        io::fail(c, fmt::format("constraints[{}]", i), "input.type",
                 fmt::format("constraints[{}]: expected a string such as 'latency < 50', got {}", i,
                             c.describe()));
      }
      constraints.push_back(parse_constraint(c.text));
    }
  }

  const io::Tree& evaluator = top.req("evaluator");
  io::MapReader ev(evaluator, "evaluator.", "evaluator");
  const io::Tree* resolver_name = ev.opt("resolver");
  const io::Tree* pipeline = ev.opt("pipeline");
  plan.fixed = ev.opt("fixed");
  if (plan.fixed != nullptr && !plan.fixed->is_map()) {
    io::fail(*plan.fixed, "evaluator.fixed", "input.type",
             fmt::format("evaluator.fixed: expected a mapping of inputs, got {}",
                         plan.fixed->describe()));
  }
  ev.finish();

  // The physics the evaluator runs: the reference's (default) or the realistic layer's.
  bool realistic = false;
  if (const io::Tree* f = top.opt("fidelity")) {
    const std::string fidelity = io::read_string(*f, "fidelity");
    if (fidelity != "faithful" && fidelity != "realistic") {
      io::fail(*f, "fidelity", "input.invalid",
               fmt::format("fidelity must be 'faithful' or 'realistic', got '{}'", fidelity));
    }
    realistic = fidelity == "realistic";
  }

  std::size_t k_top = 5;
  if (const io::Tree* t = top.opt("top")) {
    const long long n = io::read_integer(*t, "top");
    if (n < 1)
      io::fail(*t, "top", "input.out_of_range", fmt::format("top must be >= 1, got {}", n));
    k_top = static_cast<std::size_t>(n);
  }
  // `plot:` says which axes a picture of the search draws (viz::sweep_svg, viz::pareto_svg).
  if (const io::Tree* p = top.opt("plot"); p != nullptr && !p->is_map()) {
    io::fail(*p, "plot", "input.type",
             fmt::format("plot: expected a mapping such as {{x: batch_size, y: itl, series: "
                         "hardware}}, got {}",
                         p->describe()));
  }
  top.finish();

  // Metric paths: the objectives', then the checked constraints'.
  for (const auto& o : res.objectives) plan.metrics.push_back(o.metric);
  std::vector<Check> checks;
  const Direction first_dir = res.objectives.front().direction;
  bool malformed = false;
  for (const auto& c : constraints) {
    switch (c.kind) {
      case Constraint::Kind::kCheck:
        checks.push_back({plan.metrics.size(), c.op, c.threshold});
        plan.metrics.push_back(c.path);
        break;
      case Constraint::Kind::kBadThreshold:
        res.diagnostics.push_back(fmt::format(
            "constraint '{}' is ignored: its threshold is not a number (as in the reference)",
            c.expression));
        break;
      case Constraint::Kind::kUnknownOp:
        res.diagnostics.push_back(fmt::format(
            "constraint '{}' never rejects a candidate: the operator is not one of <, >, <=, >=, "
            "== (as in the reference)",
            c.expression));
        break;
      case Constraint::Kind::kMalformed:
        malformed = true;
        res.diagnostics.push_back(fmt::format(
            "constraint '{}' is not '<metric> <op> <threshold>' separated by spaces: it rejects "
            "every candidate (as in the reference)",
            c.expression));
        break;
    }
  }

  const std::size_t n_core_metrics = plan.metrics.size();
  for (const auto& m : options.extra_metrics) plan.metrics.push_back(m);
  res.metric_paths = plan.metrics;

  std::unique_ptr<io::SweepKernel> kernel;
  std::string produces;
  if (pipeline != nullptr) {
    if (resolver_name != nullptr) {
      io::fail(*pipeline, "evaluator.pipeline", "input.invalid",
               "evaluator: give either 'resolver' or 'pipeline', not both");
    }
    if (pipeline->kind != io::Tree::Kind::kList) {
      io::fail(*pipeline, "evaluator.pipeline", "input.type",
               "evaluator.pipeline: expected a list of resolver names");
    }
    std::vector<std::string> stages;
    for (std::size_t i = 0; i < pipeline->items.size(); ++i) {
      stages.push_back(
          io::read_string(pipeline->items[i], fmt::format("evaluator.pipeline[{}]", i)));
    }
    kernel = std::make_unique<PipelineSweep>(stages, plan, registry);
    produces = kernel->result_name;
    if (realistic) {
      res.diagnostics.push_back(
          "fidelity realistic: pipelines have no realistic variant yet; they run faithful");
    }
  } else {
    if (resolver_name == nullptr) {
      io::fail(evaluator, "evaluator.resolver", "input.missing",
               "evaluator.resolver: required key is missing (a resolver name such as 'Engine')");
    }
    const std::string name = io::read_string(*resolver_name, "evaluator.resolver");
    const Resolver* r = nullptr;
    try {
      r = &find_resolver(name);
    } catch (const InputError& e) {
      io::fail(*resolver_name, "evaluator.resolver", e.code(),
               fmt::format("evaluator.resolver: {}", e.what()));
    }
    if (realistic) {
      if (const Resolver* variant = realistic::find_resolver(r->info.name)) {
        r = variant;
      } else {
        res.diagnostics.push_back(fmt::format(
            "fidelity realistic: {} has no realistic variant yet; it runs faithful", name));
      }
    }
    if (r->sweep == nullptr) {
      io::fail(*resolver_name, "evaluator.resolver", "input.invalid",
               fmt::format("evaluator.resolver: {} cannot evaluate a single design point", name));
    }
    kernel = r->sweep(plan, registry, r->info.name);
    produces = std::string(r->info.produces);
  }

  for (std::size_t m = 0; m < plan.metrics.size(); ++m) {
    if (kernel->resolved[m]) continue;
    if (m >= n_core_metrics) {
      res.diagnostics.push_back(
          fmt::format("metric '{}' names no number of {}", plan.metrics[m], produces));
      continue;
    }
    const bool is_objective = m < res.objectives.size();
    const Direction d = is_objective ? res.objectives[m].direction : first_dir;
    res.diagnostics.push_back(fmt::format(
        "{} '{}': '{}' names no number of {}; every candidate reads the worst value {} (as in "
        "the reference)",
        is_objective ? "objective" : "constraint",
        is_objective ? res.objectives[m].text : plan.metrics[m], plan.metrics[m], produces,
        worst_text(d)));
  }
  if (malformed) throw NoValidConfiguration(res.diagnostics);

  // ---------------------------------------------------------------- sweep ----------------------
  const std::size_t n_obj = res.objectives.size();
  const std::size_t n_metrics = plan.metrics.size();
  const std::size_t n_params = radix.size();
  const Ranker ranker(res.objectives, k_top);
  constexpr std::size_t kChunk = 2048;
  const std::size_t n_chunks = (total + kChunk - 1) / kChunk;
  unsigned threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  if (options.threads == 0 && total < 4 * kChunk) threads = 1;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n_chunks));
  std::vector<Local> locals(threads);
  std::atomic<std::size_t> next{0};
  const auto started = std::chrono::steady_clock::now();
  auto last_report = started;

  auto body = [&](unsigned t) {
    Local& L = locals[t];
    try {
      L.worst_hits.assign(n_metrics, 0);
      auto worker = kernel->worker();
      std::vector<std::uint32_t> digits(n_params);
      std::vector<double> vals(n_metrics);
      std::vector<double> objs(n_obj);
      while (true) {
        const std::size_t c = next.fetch_add(1, std::memory_order_relaxed);
        if (c >= n_chunks) break;
        const std::size_t begin = c * kChunk;
        const std::size_t end = std::min(total, begin + kChunk);
        std::size_t rest = begin;
        for (std::size_t p = n_params; p-- > 0;) {
          digits[p] = static_cast<std::uint32_t>(rest % radix[p]);
          rest /= radix[p];
        }
        for (std::size_t idx = begin; idx < end; ++idx) {
          const io::Outcome out = worker->eval(digits.data(), vals.data());
          Point::Status status = Point::Status::kKept;
          if (out == io::Outcome::kFailed) {
            ++L.failed;
            status = Point::Status::kFailed;
          } else if (out == io::Outcome::kInfeasible) {
            ++L.filtered;
            status = Point::Status::kInfeasible;
          } else {
            for (std::size_t o = 0; o < n_obj; ++o) {
              double v = vals[o];
              if (std::isnan(v)) {
                v = worst(res.objectives[o].direction);
                ++L.worst_hits[o];
              }
              objs[o] = v;
            }
            bool keep = true;
            for (const Check& ck : checks) {
              double x = vals[ck.metric];
              if (std::isnan(x)) {
                x = worst(first_dir);
                ++L.worst_hits[ck.metric];
              }
              if (!holds(ck.op, x, ck.threshold)) {
                keep = false;
                break;
              }
            }
            if (keep) {
              ++L.survivors;
              ranker.offer_top(L.top, idx, objs.data());
              if (n_obj > 1) ranker.offer_front(L.front, idx, objs.data());
            } else {
              ++L.filtered;
              status = Point::Status::kRejected;
            }
          }
          if (options.keep_points) {
            Point pt;
            pt.index = idx;
            pt.status = status;
            if (status == Point::Status::kKept || status == Point::Status::kRejected) {
              pt.metrics = vals;
            } else {
              pt.metrics.assign(n_metrics, io::kNoValue);
            }
            L.points.push_back(std::move(pt));
          }
          for (std::size_t p = n_params; p-- > 0;) {
            if (++digits[p] < radix[p]) break;
            digits[p] = 0;
          }
        }
        if (t == 0 && options.progress) {
          const auto now = std::chrono::steady_clock::now();
          if (now - started > std::chrono::seconds(1) &&
              now - last_report > std::chrono::milliseconds(200)) {
            last_report = now;
            options.progress(std::min(total, (c + 1) * kChunk), total);
          }
        }
      }
      L.first_error = worker->first_error();
    } catch (...) {
      L.error = std::current_exception();
      next.store(n_chunks);
    }
  };
  {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(body, t);
    body(0);
    for (auto& th : pool) th.join();
  }
  if (options.progress && std::chrono::steady_clock::now() - started > std::chrono::seconds(1)) {
    options.progress(total, total);
  }

  // ---------------------------------------------------------------- merge ----------------------
  std::vector<Entry> top_all;
  std::vector<Entry> front_all;
  std::vector<std::size_t> worst_hits(n_metrics, 0);
  std::string first_error;
  for (auto& L : locals) {
    if (L.error) std::rethrow_exception(L.error);
    res.failed += L.failed;
    res.filtered += L.filtered;
    res.survivors += L.survivors;
    for (std::size_t m = 0; m < n_metrics && m < L.worst_hits.size(); ++m) {
      worst_hits[m] += L.worst_hits[m];
    }
    if (first_error.empty()) first_error = L.first_error;
    for (auto& e : L.top) top_all.push_back(std::move(e));
    for (auto& e : L.front) front_all.push_back(std::move(e));
    for (auto& pt : L.points) res.evaluated.push_back(std::move(pt));
  }
  for (std::size_t m = 0; m < n_metrics; ++m) {
    if (!kernel->resolved[m] || worst_hits[m] == 0) continue;
    const bool is_objective = m < n_obj;
    res.diagnostics.push_back(fmt::format(
        "'{}' had no value on {} candidate{}; {} read the worst value {}", plan.metrics[m],
        worst_hits[m], worst_hits[m] == 1 ? "" : "s", worst_hits[m] == 1 ? "it" : "they",
        worst_text(is_objective ? res.objectives[m].direction : first_dir)));
  }
  if (res.failed > 0) {
    res.diagnostics.push_back(
        fmt::format("{} of {} candidates failed to evaluate and were skipped{}", res.failed, total,
                    first_error.empty() ? "" : " (first: " + first_error + ")"));
  }
  if (res.survivors == 0) throw NoValidConfiguration(res.diagnostics);

  std::sort(top_all.begin(), top_all.end(), [&](const Entry& a, const Entry& b) {
    return ranker.less(ranker.key(a.objs.data()), a.index, ranker.key(b.objs.data()), b.index);
  });
  if (top_all.size() > k_top) top_all.resize(k_top);

  auto digits_of = [&](std::size_t index) {
    std::vector<std::uint32_t> d(n_params);
    for (std::size_t p = n_params; p-- > 0;) {
      d[p] = static_cast<std::uint32_t>(index % radix[p]);
      index /= radix[p];
    }
    return d;
  };
  auto candidate = [&](const Entry& e) {
    Candidate c;
    c.index = e.index;
    c.objectives = e.objs;
    const auto d = digits_of(e.index);
    for (std::size_t p = 0; p < n_params; ++p) {
      c.params.push_back(io::tree_json((*plan.params[p].second)[d[p]]));
    }
    return c;
  };
  for (const auto& e : top_all) res.top.push_back(candidate(e));
  std::sort(res.evaluated.begin(), res.evaluated.end(),
            [](const Point& a, const Point& b) { return a.index < b.index; });
  for (auto& pt : res.evaluated) pt.params = candidate({pt.index, {}}).params;
  if (n_obj > 1) {
    std::sort(front_all.begin(), front_all.end(),
              [](const Entry& a, const Entry& b) { return a.index < b.index; });
    std::vector<Entry> front;
    for (const auto& e : front_all) ranker.offer_front(front, e.index, e.objs.data());
    ranker.sort_front(front);
    for (const auto& e : front) res.pareto_front.push_back(candidate(e));
  }
  const auto best_digits = digits_of(res.top.front().index);
  res.best_result_json = kernel->result_json(best_digits.data());
  return res;
}

void default_fidelity(io::Tree& spec, std::string_view fidelity) {
  if (!spec.is_map() || spec.get("fidelity") != nullptr) return;
  spec.fields.emplace_back("fidelity", io::Tree::string(std::string(fidelity)));
}

io::Tree parse_spec(std::string_view text, const std::string& file) {
  const auto dot = file.rfind('.');
  if (dot != std::string::npos && file.substr(dot) == ".json") {
    try {
      return io::tree_from_json(text);
    } catch (const InputError& e) {
      throw InputError(e.code(), "spec", fmt::format("{}: {}", file, e.what()));
    }
  }
  return io::tree_from_yaml(text, file);
}

std::string read_spec_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError("input.invalid", "spec", fmt::format("{}: cannot read the file", file));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result search_json(std::string_view spec_json, const Registry& registry, const Options& options) {
  return search(io::tree_from_json(spec_json), registry, options);
}

std::string Result::to_json() const {
  io::JsonWriter w;
  auto params = [&](const Candidate& c) {
    w.begin_object();
    for (std::size_t p = 0; p < param_names.size(); ++p) {
      w.key(param_names[p]);
      w.raw(c.params[p]);
    }
    w.end_object();
  };
  auto values = [&](const Candidate& c) {
    w.begin_array();
    for (double v : c.objectives) w.number(v);
    w.end_array();
  };
  w.begin_object();
  w.key("best_params");
  params(top.front());
  w.key("best_objective");
  w.number(top.front().objectives.front());
  w.key("best_result");
  w.raw(best_result_json);
  w.key("top_candidates");
  w.begin_array();
  for (const auto& c : top) {
    w.begin_object();
    w.key("params");
    params(c);
    w.key("objective_value");
    w.number(c.objectives.front());
    if (objectives.size() > 1) {
      w.key("objective_values");
      values(c);
    }
    w.end_object();
  }
  w.end_array();
  w.key("n_top");
  w.integer(static_cast<long long>(top.size()));
  if (objectives.size() > 1) {
    w.key("pareto_front");
    w.begin_array();
    for (const auto& c : pareto_front) {
      w.begin_object();
      w.key("params");
      params(c);
      w.key("objective_values");
      values(c);
      w.end_object();
    }
    w.end_array();
  }
  w.key("objectives");
  w.begin_array();
  for (const auto& o : objectives) w.string(o.text);
  w.end_array();
  w.key("points");
  w.integer(static_cast<long long>(points));
  w.key("failed");
  w.integer(static_cast<long long>(failed));
  w.key("filtered");
  w.integer(static_cast<long long>(filtered));
  w.key("survivors");
  w.integer(static_cast<long long>(survivors));
  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : diagnostics) w.string(d);
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace mlsysim::dse
