// The subcommands of the mlsysim command line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlsysim {
struct Resolver;
}

namespace mlsysim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitInfeasible = 2;
inline constexpr int kExitConstraint = 3;

struct GlobalOptions {
  std::vector<std::string> registry_dirs;
  std::string output = "table";
  std::string fidelity = "faithful";  ///< faithful (the reference's physics) or realistic
  std::string calibration;            ///< realistic: a calibration YAML (default: the shipped one)
};

/// `mlsysim validate FILE`.
struct ValidateOptions {
  std::string file;
  bool logo = false;  ///< leave-one-group-out predictions instead of the calibration's
};

/// `mlsysim calibrate FILE -o OUT`.
struct CalibrateOptions {
  std::string file;
  std::string out;
  bool no_logo = false;
};

struct EvalOptions {
  std::string model;
  std::string hardware;
  std::string batch_size;  // kept as text: the resolver validates and names the field
  std::string precision;
  std::string efficiency;
  std::string seq_len;
  bool training = false;
};

struct SolveOptions {
  std::string resolver;
  bool jsonl = false;
  std::vector<std::string> settings;
};

struct ZooOptions {
  std::string group = "all";
};

struct SchemaOptions {
  std::string resolver;
};

struct DseOptions {
  std::string spec;      ///< a YAML or JSON file
  int top = 0;           ///< 0: the spec's `top` (default 5)
  unsigned threads = 0;  ///< 0: every core
};

/// `mlsysim optimize parallelism|batching|placement PLAN.yaml`.
struct OptimizeOptions {
  std::string what;  ///< parallelism, batching or placement
  std::string plan;
  std::optional<double> sla_ms;
  std::optional<double> qps;
  std::optional<int> replicas;   ///< batching: default the plan's hardware.nodes
  std::optional<int> max_batch;  ///< batching: default 256
  double carbon_tax = 100.0;     ///< placement: USD per ton
  std::vector<std::string> regions;
};

/// The resolver `name` at the chosen fidelity; realistic falls back to the faithful resolver with
/// a note on stderr when it has no realistic variant yet.
const Resolver& resolver_for(const GlobalOptions& g, std::string_view name);
/// Says on stderr that `command` has no realistic variant yet (it runs faithful).
void note_faithful_only(const GlobalOptions& g, std::string_view command);
/// `mlsysim lab`: the local page and its JSON API.
struct LabOptions {
  int port = 8765;  ///< 0: a free port
  std::string host = "127.0.0.1";
};

/// `mlsysim plot roofline|sweep|pareto|plan`.
struct PlotOptions {
  std::string kind;                    ///< roofline, sweep, pareto or plan
  std::string target;                  ///< the device (roofline), the spec or the plan file
  std::vector<std::string> workloads;  ///< roofline: MODEL or MODEL:BATCH_SIZE
  std::string precision;
  std::optional<double> efficiency;
  int batch_size = 1;
  int seq_len = 2048;
  std::string file;  ///< empty: stdout
};

int run_eval(const GlobalOptions& g, const EvalOptions& o);
/// Whether `eval`'s first argument names a plan file (.yaml / .yml).
bool is_plan_file(std::string_view target);
int run_eval_plan(const GlobalOptions& g, const EvalOptions& o);
int run_optimize(const GlobalOptions& g, const OptimizeOptions& o);
int run_schema_plan();
int run_solve(const GlobalOptions& g, const SolveOptions& o);
int run_zoo(const GlobalOptions& g, const ZooOptions& o);
int run_schema(const GlobalOptions& g, const SchemaOptions& o);
int run_walls(const GlobalOptions& g);
int run_dse(const GlobalOptions& g, const DseOptions& o);
int run_validate(const GlobalOptions& g, const ValidateOptions& o);
int run_calibrate(const GlobalOptions& g, const CalibrateOptions& o);
int run_lab(const GlobalOptions& g, const LabOptions& o);
/// `mlsysim mcp`: the Model Context Protocol over stdio.
int run_mcp(const GlobalOptions& g);
int run_plot(const GlobalOptions& g, const PlotOptions& o);

}  // namespace mlsysim::cli
