// mlsysim — the command line.
//
//   mlsysim eval MODEL HARDWARE [--batch-size N] [--precision P] [--efficiency E]
//   mlsysim eval PLAN.yaml
//   mlsysim optimize parallelism|batching|placement PLAN.yaml [--sla-ms X --qps Y | --carbon-tax Z]
//   mlsysim solve RESOLVER --set name=value ... | --jsonl
//   mlsysim zoo [hardware|models|systems|infra]
//   mlsysim schema [RESOLVER | plan]
//   mlsysim walls
//   mlsysim dse SPEC.yaml [--top N] [--threads N]
//   mlsysim validate FILE [--fidelity realistic|faithful] [--logo]
//   mlsysim calibrate FILE -o calibration.yaml
//   mlsysim lab [--port N] [--host H]
//   mlsysim mcp
//   mlsysim plot roofline HARDWARE [--workload M[:BATCH] ...] | sweep SPEC.yaml | pareto SPEC.yaml
//                | plan PLAN.yaml  [--file PICTURE.svg]
//
// Only the payload goes to stdout; errors go to stderr. Exit codes: 0 ok, 1 bad input,
// 2 infeasible (the design does not fit), 3 a declared constraint is violated.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "mlsysim/core/error.hpp"
#include "mlsysim/optimize/dse.hpp"
#include "mlsysim/realistic/calibration.hpp"

int main(int argc, char** argv) {
  using namespace mlsysim::cli;
  CLI::App app{"mlsysim — first-principles analytical modeling of ML systems"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string("mlsysim 0.1.0 (reference: MLSys·im 0.1.1)"));

  GlobalOptions global;
  app.add_option("--registry", global.registry_dirs,
                 "directory of extra registry YAML files (repeatable; also MLSYSIM_REGISTRY_PATH)");
  app.add_option("--output,-o", global.output, "output format: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  app.add_option("--fidelity", global.fidelity,
                 "faithful (default: the reference's physics) or realistic (achieved ceilings, "
                 "calibrated; docs/realistic.md)")
      ->check(CLI::IsMember({"faithful", "realistic"}));
  app.add_option("--calibration", global.calibration,
                 "realistic mode: a calibration YAML from `mlsysim calibrate` (default: shipped)");

  // eval
  EvalOptions eval;
  auto* eval_cmd = app.add_subcommand(
      "eval", "quick roofline of a model on a device (Engine.solve), or evaluate a plan file");
  eval_cmd
      ->add_option("model", eval.model,
                   "model, e.g. Llama3_8B or Models.Language.Llama3_8B; or a plan, PLAN.yaml")
      ->required();
  eval_cmd->add_option("hardware", eval.hardware,
                       "device, e.g. H100 or Hardware.Cloud.H100 (not with a plan)");
  eval_cmd->add_option("--batch-size,-b", eval.batch_size, "samples per step (default 1)");
  eval_cmd->add_option("--precision,-p", eval.precision, "fp32, tf32, bf16, fp16, fp8, int8, int4");
  eval_cmd->add_option("--efficiency,-e", eval.efficiency, "fraction of peak compute, (0, 1]");
  eval_cmd->add_option("--seq-len", eval.seq_len, "sequence length (training memory)");
  eval_cmd->add_flag("--training", eval.training, "evaluate a training step");

  // solve
  SolveOptions solve;
  auto* solve_cmd = app.add_subcommand("solve", "run any resolver (see `mlsysim schema`)");
  solve_cmd->add_option("resolver", solve.resolver, "resolver name, e.g. ServingModel")->required();
  solve_cmd->add_flag("--jsonl", solve.jsonl,
                      "batch mode: one JSON object of inputs per stdin line, one answer per line");
  solve_cmd->add_option("--set,-s", solve.settings, "an input as name=value (repeatable)");

  // zoo
  ZooOptions zoo;
  auto* zoo_cmd = app.add_subcommand("zoo", "list the registry: hardware, models, systems, infra");
  zoo_cmd->add_option("group", zoo.group, "hardware | models | systems | infra (default: all)")
      ->check(CLI::IsMember({"hardware", "models", "systems", "infra", "all"}));

  // schema
  SchemaOptions schema;
  auto* schema_cmd = app.add_subcommand("schema", "inputs and outputs of a resolver, as JSON");
  schema_cmd->add_option("resolver", schema.resolver,
                         "resolver name (default: list all), or `plan` for the plan's JSON Schema");

  // walls
  app.add_subcommand("walls", "the 22 Systems Walls and the resolver that guards each");

  // dse
  DseOptions dse;
  auto* dse_cmd = app.add_subcommand(
      "dse", "design-space search from a spec file (space, objective, constraints, evaluator)");
  dse_cmd->add_option("spec", dse.spec, "the spec, YAML or JSON")->required();
  dse_cmd->add_option("--top", dse.top, "how many ranked candidates to print (default: spec, 5)")
      ->check(CLI::PositiveNumber);
  dse_cmd->add_option("--threads", dse.threads, "threads to search with (default: every core)");

  // validate, calibrate
  ValidateOptions val;
  auto* validate_cmd = app.add_subcommand(
      "validate", "predicted vs measured for a file of measured scenarios (docs/realistic.md)");
  validate_cmd->add_option("file", val.file, "measured scenarios, a JSON list (format 1)")
      ->required();
  validate_cmd->add_flag("--logo", val.logo,
                         "realistic: predict each group from a fit that left it out");
  CalibrateOptions cal;
  auto* calibrate_cmd = app.add_subcommand(
      "calibrate", "fit the realistic parameters to measured scenarios; write calibration YAML");
  calibrate_cmd->add_option("file", cal.file, "measured scenarios, a JSON list (format 1)")
      ->required();
  calibrate_cmd->add_option("-o,--out", cal.out, "the calibration file to write (default: stdout)");
  calibrate_cmd->add_flag("--no-logo", cal.no_logo,
                          "skip the leave-one-group-out refits (no prediction bands)");

  // lab, mcp
  LabOptions lab;
  auto* lab_cmd = app.add_subcommand(
      "lab", "serve the interactive page and its JSON API on http://127.0.0.1:8765/");
  lab_cmd->add_option("--port", lab.port, "port to listen on (default 8765; 0 picks a free one)");
  lab_cmd->add_option("--host", lab.host,
                      "address to bind (default 127.0.0.1; others are reachable from the network)");
  auto* mcp_cmd = app.add_subcommand(
      "mcp", "serve every resolver as a Model Context Protocol tool over stdio (JSON-RPC 2.0)");

  // optimize
  OptimizeOptions opt;
  auto* optimize_cmd =
      app.add_subcommand("optimize", "search a plan's design space with an optimizer");
  optimize_cmd->require_subcommand(1);
  auto* opt_par = optimize_cmd->add_subcommand(
      "parallelism", "best (TP, PP, DP) split of the plan's fleet (ParallelismOptimizer)");
  auto* opt_bat = optimize_cmd->add_subcommand(
      "batching", "largest batch meeting a P99 SLA on the plan's device (BatchingOptimizer)");
  auto* opt_pla = optimize_cmd->add_subcommand(
      "placement",
      "cheapest region for the plan's fleet, carbon tax included (PlacementOptimizer)");
  for (auto* c : {opt_par, opt_bat, opt_pla}) {
    c->add_option("plan", opt.plan, "the plan, PLAN.yaml")->required();
  }
  opt_bat->add_option("--sla-ms", opt.sla_ms, "P99 latency target in ms")->required();
  opt_bat->add_option("--qps", opt.qps, "arrival rate, requests per second")->required();
  opt_bat->add_option("--replicas", opt.replicas,
                      "serving replicas (default: the plan's hardware.nodes)");
  opt_bat->add_option("--max-batch", opt.max_batch, "largest batch tried (default 256)");
  opt_pla->add_option("--carbon-tax", opt.carbon_tax, "carbon price, USD per ton (default 100)");
  opt_pla->add_option("--regions", opt.regions, "candidate grids, e.g. US_Avg,Quebec,Iowa")
      ->delimiter(',');

  // plot
  PlotOptions plot;
  auto* plot_cmd = app.add_subcommand(
      "plot", "pictures as self-contained SVG: roofline, sweep, pareto, plan (stdout or --file)");
  plot_cmd->require_subcommand(1);
  auto* plot_roof = plot_cmd->add_subcommand(
      "roofline", "the device's roofline with each workload where Engine puts it");
  plot_roof->add_option("hardware", plot.target, "device, e.g. H100")->required();
  plot_roof->add_option("--workload,-w", plot.workloads,
                        "a model to place, MODEL or MODEL:BATCH_SIZE (repeatable)");
  plot_roof->add_option("--precision,-p", plot.precision,
                        "fp32, tf32, bf16, fp16, fp8, int8, int4");
  plot_roof->add_option("--efficiency,-e", plot.efficiency, "fraction of peak compute, (0, 1]");
  plot_roof
      ->add_option("--batch-size,-b", plot.batch_size, "batch size of every workload (default 1)")
      ->check(CLI::Range(1, 1'000'000'000));
  plot_roof->add_option("--seq-len", plot.seq_len, "sequence length (default 2048)")
      ->check(CLI::Range(1, 1'000'000'000));
  auto* plot_sweep = plot_cmd->add_subcommand(
      "sweep", "a DSE spec as lines: one metric against one swept input, one line per series");
  auto* plot_pareto =
      plot_cmd->add_subcommand("pareto", "a DSE spec's Pareto front over two objectives");
  auto* plot_plan =
      plot_cmd->add_subcommand("plan", "a plan's scorecard as demand against limit bars");
  plot_sweep->add_option("spec", plot.target, "the DSE spec, YAML or JSON")->required();
  plot_pareto->add_option("spec", plot.target, "the DSE spec, YAML or JSON")->required();
  plot_plan->add_option("plan", plot.target, "the plan, PLAN.yaml")->required();
  for (auto* c : {plot_roof, plot_sweep, plot_pareto, plot_plan}) {
    c->add_option("--file,-f", plot.file, "write the SVG to this file instead of stdout");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "error: %s\nRun 'mlsysim --help' for usage.\n", e.what());
    return kExitBadInput;
  }

  try {
    if (!global.calibration.empty()) {
      mlsysim::realistic::Calibration::set_active(
          mlsysim::realistic::Calibration::load(global.calibration));
    }
    if (eval_cmd->parsed() && is_plan_file(eval.model))
      note_faithful_only(global, "eval PLAN (SystemEvaluator)");
    if (optimize_cmd->parsed()) note_faithful_only(global, "optimize");
    if (plot_cmd->parsed()) note_faithful_only(global, "plot");
    if (eval_cmd->parsed()) return run_eval(global, eval);
    if (solve_cmd->parsed()) return run_solve(global, solve);
    if (zoo_cmd->parsed()) return run_zoo(global, zoo);
    if (schema_cmd->parsed()) return run_schema(global, schema);
    if (dse_cmd->parsed()) return run_dse(global, dse);
    if (validate_cmd->parsed()) return run_validate(global, val);
    if (calibrate_cmd->parsed()) return run_calibrate(global, cal);
    if (lab_cmd->parsed()) return run_lab(global, lab);
    if (mcp_cmd->parsed()) return run_mcp(global);
    if (plot_cmd->parsed()) {
      plot.kind = plot_roof->parsed()     ? "roofline"
                  : plot_sweep->parsed()  ? "sweep"
                  : plot_pareto->parsed() ? "pareto"
                                          : "plan";
      return run_plot(global, plot);
    }
    if (optimize_cmd->parsed()) {
      opt.what = opt_par->parsed() ? "parallelism" : opt_bat->parsed() ? "batching" : "placement";
      return run_optimize(global, opt);
    }
    return run_walls(global);
  } catch (const mlsysim::dse::NoValidConfiguration& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "note: %s\n", d.c_str());
    std::fprintf(stderr, "infeasible: %s\n", e.what());
    return kExitInfeasible;
  } catch (const mlsysim::OomError& e) {
    std::fprintf(stderr, "infeasible: %s\n", e.what());
    return kExitInfeasible;
  } catch (const mlsysim::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error: %s\n", e.what());
    return 70;
  }
}
