#!/usr/bin/env python3
"""Command-line tests: what a user types, the exit code, and what must (not) be printed.

Usage: cli_test.py PATH/TO/mlsysim
Every command runs with a timeout (a hang is a failure) and its output is checked for NaN.
Standard library only.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
HERE = pathlib.Path(__file__).resolve().parent
failures = []


def run(args, stdin=None, env=None, timeout=60):
    full_env = dict(os.environ)
    full_env.pop("MLSYSIM_REGISTRY_PATH", None)
    if env:
        full_env.update(env)
    return subprocess.run([CLI] + args, input=stdin, capture_output=True, text=True,
                          timeout=timeout, env=full_env)


def check(name, args, code, out=(), err=(), stdin=None, env=None, not_out=(), echoes_nan=False):
    try:
        p = run(args, stdin=stdin, env=env)
    except subprocess.TimeoutExpired:
        failures.append(f"{name}: timed out (hang)")
        return None
    problems = []
    if p.returncode != code:
        problems.append(f"exit {p.returncode}, expected {code}")
    for pattern in out:
        if not re.search(pattern, p.stdout):
            problems.append(f"stdout lacks /{pattern}/")
    for pattern in err:
        if not re.search(pattern, p.stderr):
            problems.append(f"stderr lacks /{pattern}/")
    for pattern in not_out:
        if re.search(pattern, p.stdout):
            problems.append(f"stdout has /{pattern}/")
    if re.search(r"\bnan\b|\bNaN\b", p.stdout + ("" if echoes_nan else p.stderr)):
        problems.append("printed NaN")
    if "Traceback" in p.stderr or "Segmentation" in p.stderr or p.returncode < 0:
        problems.append("crashed")
    if problems:
        failures.append(f"{name}: {'; '.join(problems)}\n    $ mlsysim {' '.join(args)}\n"
                        f"    stdout: {p.stdout[:600]}\n    stderr: {p.stderr[:600]}")
    return p


# ------------------------------------------------------------------------------- eval ----------
check("eval scorecard", ["eval", "Llama3_8B", "H100"], 0,
      out=[r"Llama-3.1-8B on NVIDIA H100", r"Latency\s+5\.60343 ms", r"Bottleneck\s+Memory",
           r"Memory use\s+16\.06 GB of 85\.8993 GB", r"MFU", r"Energy per step\s+1\.18468 J",
           r"Feasible\s+yes"])
check("eval full paths", ["eval", "Models.Language.Llama3_8B", "Hardware.Cloud.H100",
                          "--batch-size", "32", "--precision", "int8"], 0,
      out=[r"batch 32", r"int8"])
check("eval infeasible exits 2", ["eval", "Llama3_70B", "H100"], 2,
      out=[r"NO \(does not fit\)", r"Memory Wall: FAILED"])
p = check("eval json", ["eval", "Llama3_8B", "H100", "--output", "json"], 0)
if p is not None and p.returncode == 0:
    doc = json.loads(p.stdout)
    if abs(doc["outputs"]["latency"]["value"] - 5.603433) > 1e-5:
        failures.append(f"eval json: latency {doc['outputs']['latency']}")
check("eval unknown model", ["eval", "Llama3_8", "H100"], 1,
      err=[r"unknown model 'Llama3_8'", r"did you mean 'Models\.Language\.Llama3_8B'"])
check("eval unknown hardware", ["eval", "Llama3_8B", "H10"], 1,
      err=[r"unknown hardware 'H10'", r"did you mean 'Hardware\.Cloud\.H100'"])
check("eval model given as hardware", ["eval", "Llama3_8B", "Llama3_70B"], 1,
      err=[r"is a model"])
check("eval batch 0", ["eval", "Llama3_8B", "H100", "--batch-size", "0"], 1,
      err=[r"batch_size must be >= 1, got 0"])
check("eval batch -3", ["eval", "Llama3_8B", "H100", "--batch-size=-3"], 1,
      err=[r"batch_size must be >= 1, got -3"])
check("eval batch text", ["eval", "Llama3_8B", "H100", "--batch-size", "many"], 1,
      err=[r"batch_size: expected a number, got 'many'"])
check("eval batch fraction", ["eval", "Llama3_8B", "H100", "--batch-size", "2.5"], 1,
      err=[r"batch_size: expected an integer"])
check("eval efficiency 1.5", ["eval", "Llama3_8B", "H100", "--efficiency", "1.5"], 1,
      err=[r"efficiency must be in \[1e-09, 1\], got 1.5"])
check("eval efficiency 0", ["eval", "Llama3_8B", "H100", "--efficiency", "0"], 1,
      err=[r"efficiency must be in"])
check("eval efficiency nan", ["eval", "Llama3_8B", "H100", "--efficiency", "nan"], 1,
      err=[r"efficiency: expected a number, got 'nan'"], echoes_nan=True)
check("eval unknown precision warns", ["eval", "Llama3_8B", "H100", "--precision", "fp64"], 0,
      out=[r"warning: .*fp64"])
check("eval missing args", ["eval", "Llama3_8B"], 1, err=[r"hardware"])
check("no command", [], 1)
check("unknown option", ["eval", "Llama3_8B", "H100", "--bogus"], 1, err=[r"bogus"])
check("help", ["--help"], 0, out=[r"eval", r"solve", r"zoo", r"schema", r"walls"])

# ------------------------------------------------------------------------------- solve ---------
check("solve --set", ["solve", "Engine", "--set", "model=Llama3_8B", "--set", "hardware=H100",
                      "--set", "batch_size=32"], 0,
      out=[r"latency\s+20\.4649 ms", r"bottleneck\s+Memory"])
check("solve --set json", ["solve", "SingleNodeModel", "-s", "model=ResNet50", "-s",
                           "hardware=A100", "--output", "json"], 0,
      out=[r'"outputs":', r'"bottleneck":"Memory"'])
check("solve --set unknown input", ["solve", "Engine", "--set", "model=Llama3_8B", "--set",
                                    "hardware=H100", "--set", "batch=2"], 1,
      err=[r"unknown input 'batch'; did you mean 'batch_size'"])
check("solve --set malformed", ["solve", "Engine", "--set", "model"], 1, err=[r"name=value"])
check("solve --set twice", ["solve", "Engine", "--set", "model=Llama3_8B", "--set",
                            "model=Llama3_70B", "--set", "hardware=H100"], 1,
      err=[r"model: set more than once"])
check("solve unknown resolver", ["solve", "ServingModle", "--jsonl"], 1,
      err=[r"did you mean 'ServingModel'"], stdin="")
check("solve wrong unit dimension", ["solve", "ServingModel", "--set", "model=Llama3_8B",
                                     "--set", "hardware=H100", "--set", "decode_hardware=H200",
                                     "--set", "seq_len=2048", "--set",
                                     "network_bandwidth=100 GB"], 1,
      err=[r"network_bandwidth: expected a bandwidth \(data/time\) such as '100 GB/s', "
           r"got '100 GB' \(data\)"])
check("solve unknown unit", ["solve", "ServingModel", "--set", "model=Llama3_8B",
                             "--set", "hardware=H100", "--set", "seq_len=2048", "--set",
                             "network_bandwidth=100 GBq/s"], 1,
      err=[r"unknown unit 'GBq'"])

lines = "\n".join([
    '{"model": "Llama3_8B", "hardware": "H100"}',
    '{"model": "Llama3_8B", "hardware": ',          # malformed JSON
    '',                                              # blank lines are skipped
    '{"model": "Llama3_8B", "hardware": "H100", "batch_size": 0}',
    '{"model": "Nope", "hardware": "H100"}',
    '{"model": "Llama3_70B", "hardware": "H100"}',
]) + "\n"
p = check("jsonl", ["solve", "Engine", "--jsonl"], 0, stdin=lines)
if p is not None:
    out = [json.loads(line) for line in p.stdout.splitlines()]
    kinds = [("outputs" if "outputs" in o else o["error"]["code"]) for o in out]
    want = ["outputs", "input.malformed", "input.out_of_range", "input.unknown_entry", "outputs"]
    if kinds != want:
        failures.append(f"jsonl: answers {kinds}, expected {want}")
    elif out[4]["outputs"]["feasible"] is not False:
        failures.append("jsonl: 70B on H100 should be infeasible")
p = check("jsonl non-finite as strings", ["solve", "Engine", "--jsonl"], 0,
          stdin='{"model": {"workload": {"type": "Workload", "name": "Empty", '
                '"model_size": "0 GB", "inference_flops": "1 GFLOP"}}, "hardware": "H100"}\n')
if p is not None and '"arithmetic_intensity":{"value":"inf"' not in p.stdout:
    failures.append(f"jsonl: infinite intensity should be the string \"inf\": {p.stdout[:300]}")

# ------------------------------------------------------------------------------- data domain ---
check("DataModel with a rate per hour", ["solve", "DataModel", "--set",
                                         "workload_data_rate=19 TB/hour", "--set", "hardware=H100"],
      0, out=[r"utilization\s+0\.753968", r"bottleneck\s+Storage", r"Ingestion Wall: Passed"])
check("DataModel without storage is stalled", ["solve", "DataModel", "--set",
                                               "workload_data_rate=5 GB/s", "--set",
                                               "hardware=A100"],
      0, out=[r"utilization\s+inf", r"is_stalled\s+true", r"warning: .*lists no storage"])
check("DataModel size as a rate", ["solve", "DataModel", "--set", "workload_data_rate=5 GB",
                                   "--set", "hardware=H100"], 1,
      err=[r"workload_data_rate: expected a bandwidth"])
check("DataModel bare number as a rate", ["solve", "DataModel", "--set", "workload_data_rate=5",
                                          "--set", "hardware=H100"], 1,
      err=[r"workload_data_rate: expected a bandwidth"])
check("TransformationModel zero CPU throughput",
      ["solve", "TransformationModel", "--set", "batch_size=64", "--set",
       "sample_size_bytes=500 KB", "--set", "cpu_throughput=0 GB/s", "--set",
       "accelerator_step_time=50 ms"], 1, err=[r"cpu_throughput must be > 0, got 0 GB/s"])
check("TransformationModel missing input",
      ["solve", "TransformationModel", "--set", "batch_size=64"], 1,
      err=[r"sample_size_bytes: required input is missing"])
check("TopologyModel torus of zero nodes",
      ["solve", "TopologyModel", "--set", "fabric=InfiniBand_NDR", "--set", "topology=torus_3d",
       "--set", "num_nodes=0"], 1, err=[r"num_nodes must be >= 1 for a torus_3d"])
check("TopologyModel misspelled topology warns",
      ["solve", "TopologyModel", "--set", "fabric=InfiniBand_NDR", "--set", "topology=dragonfli"],
      0, out=[r"bisection_bw\s+1600 GB/s", r"warning: .*did you mean .dragonfly."])
check("TopologyModel hardware as fabric",
      ["solve", "TopologyModel", "--set", "fabric=H100"], 1, err=[r"is a hardware, not a fabric"])

# ------------------------------------------------------------------------------- zoo -----------
ref = json.loads((HERE.parent / "registry" / "registry-0.1.1.json").read_text())
p = check("zoo hardware", ["zoo", "hardware"], 0, out=[r"Hardware\.Cloud\.H100", r"80 GiB",
                                                       r"3\.35 TB/s", r"989 TFLOP/s"])
if p is not None:
    names = {v["name"] for v in ref.values() if v["type"] == "HardwareNode"}
    missing = [n for n in names if n not in p.stdout]
    if missing:
        failures.append(f"zoo hardware: devices missing from the table: {missing}")
check("zoo models", ["zoo", "models"], 0, out=[r"Models\.Language\.Llama3_70B", r"70\.6 B"])
check("zoo systems", ["zoo", "systems"], 0, out=[r"Frontier_8K", r"8192", r"400 Gbps"])
check("zoo infra", ["zoo", "infra"], 0, out=[r"Quebec", r"1\.06"])
p = check("zoo json", ["zoo", "--output", "json"], 0)
if p is not None and p.returncode == 0:
    doc = json.loads(p.stdout)
    if doc["Hardware.Cloud.H100"]["memory"]["capacity"]["unit"] != "GiB":
        failures.append("zoo json: H100 capacity should keep its declared unit GiB")
check("zoo bad group", ["zoo", "gpus"], 1)

# ------------------------------------------------------------------------------- schema, walls -
p = check("schema list", ["schema"], 0, out=[r'"resolver": "Engine"'])
if p is not None:
    json.loads(p.stdout)
p = check("schema Engine", ["schema", "Engine"], 0, out=[r'"name": "batch_size"'])
if p is not None:
    json.loads(p.stdout)
check("schema unknown", ["schema", "Enigne"], 1, err=[r"did you mean 'Engine'"])
p = check("walls", ["walls"], 0, out=[r"Compute", r"Synthesis", r"TailLatencyModel"])
if p is not None and len([l for l in p.stdout.splitlines() if re.match(r"\s*\d+\s", l)]) != 22:
    failures.append("walls: expected 22 rows")
p = check("walls json", ["walls", "--output", "json"], 0)
if p is not None and len(json.loads(p.stdout)) != 22:
    failures.append("walls json: expected 22 walls")

# ------------------------------------------------------------------------------- user registry -
with tempfile.TemporaryDirectory() as d:
    good = pathlib.Path(d) / "good"
    good.mkdir()
    (good / "chip.yaml").write_text(
        "path: Hardware.Custom.MyChip\ntype: HardwareNode\nname: My Chip\n"
        "compute: {peak_flops: 500 TFLOP/s}\nmemory: {capacity: 96 GB, bandwidth: 4 TB/s}\n"
        "source: {kind: estimate, ref: lab measurement}\n")
    check("--registry adds a device", ["--registry", str(good), "eval", "Llama3_8B", "MyChip"], 0,
          out=[r"on My Chip"])
    check("MLSYSIM_REGISTRY_PATH", ["eval", "Llama3_8B", "Hardware.Custom.MyChip"], 0,
          env={"MLSYSIM_REGISTRY_PATH": str(good)}, out=[r"on My Chip"])
    bad = pathlib.Path(d) / "bad"
    bad.mkdir()
    (bad / "broken.yaml").write_text(
        "path: Hardware.Custom.Broken\ntype: HardwareNode\nname: Broken\n"
        "compute: {peak_flops: 500 TFLOP/s}\nmemory:\n  capacity: 96 GB\n  bandwidth: 4 TB\n"
        "source: {kind: estimate, ref: lab}\n")
    check("malformed registry file", ["--registry", str(bad), "zoo"], 1,
          err=[r"broken\.yaml:7:\d+: .*memory\.bandwidth"])
    check("missing registry dir", ["--registry", str(pathlib.Path(d) / "nope"), "zoo"], 1,
          err=[r"does not exist"])

# ------------------------------------------------------------------------------- dse -----------
EXAMPLES = HERE.parents[1] / "examples" / "dse"
check("dse single objective", ["dse", str(EXAMPLES / "llama_hardware_sweep.yaml")], 0,
      out=[r"4,320 points searched", r"rank\s+hardware\s+batch_size\s+precision\s+efficiency",
           r"\n\s*1\s+\w+"])
p = check("dse json", ["--output", "json", "dse", str(EXAMPLES / "llama_hardware_sweep.yaml")], 0)
if p is not None and p.returncode == 0:
    doc = json.loads(p.stdout)
    if doc["n_top"] != 5 or doc["points"] != 4320 or doc["best_result"]["latency"]["value"] >= 50:
        failures.append(f"dse json: unexpected {doc['n_top']} {doc['points']}")
check("dse pareto", ["dse", str(EXAMPLES / "pareto_latency_energy.yaml")], 0,
      out=[r"Pareto front \(\d+ points?\)", r"minimize: energy"])
check("dse --top", ["dse", str(EXAMPLES / "pareto_latency_energy.yaml"), "--top", "2"], 0,
      out=[r"\n\s*2\s+\w+"], not_out=[r"\n\s*3\s+[A-Z]"])
with tempfile.TemporaryDirectory() as d:
    def spec(name, text):
        f = pathlib.Path(d) / name
        f.write_text(text)
        return str(f)
    base = ("space:\n  hardware: [H100, A100]\nobjective: 'minimize: latency'\n"
            "evaluator:\n  resolver: Engine\n  fixed: {model: Llama3_8B}\n")
    check("dse none survive", ["dse", spec("none.yaml", base + "constraints: ['latency < 0.0001']\n")],
          2, err=[r"No valid configurations found in the search space\."])
    check("dse malformed constraint", ["dse", spec("mal.yaml", base + "constraints: ['latency<5']\n")],
          2, err=[r"not '<metric> <op> <threshold>'"])
    check("dse ignored constraint", ["dse", spec("ign.yaml", base + "constraints: ['latency < soon']\n")],
          0, out=[r"note: constraint 'latency < soon' is ignored"])
    check("dse empty space", ["dse", spec("empty.yaml", base.replace("hardware: [H100, A100]", "{}").replace("space:\n  ", "space: "))],
          1, err=[r"space"])
    check("dse non-list candidates", ["dse", spec("nonlist.yaml", base.replace("[H100, A100]", "H100"))],
          1, err=[r"nonlist\.yaml:2:\d+: .*space\.hardware: expected a list"])
    check("dse unknown resolver", ["dse", spec("res.yaml", base.replace("resolver: Engine", "resolver: Engin"))],
          1, err=[r"res\.yaml:5:\d+: .*Engine"])
    check("dse unknown space input", ["dse", spec("in.yaml", base.replace("hardware:", "hardwre:"))],
          1, err=[r"'hardwre' is not an input of Engine; did you mean 'hardware'"])
    check("dse unknown fixed input", ["dse", spec("fx.yaml", base.replace("{model:", "{modle:"))],
          1, err=[r"evaluator\.fixed.*modle"])
    check("dse objective without direction", ["dse", spec("obj.yaml", base.replace("'minimize: latency'", "latency"))],
          1, err=[r"obj\.yaml:3:\d+: .*Invalid objective format: 'latency'\."])
    check("dse malformed yaml", ["dse", spec("bad.yaml", "space: [unclosed\n")], 1, err=[r"bad\.yaml:\d+:\d+"])
    check("dse malformed json", ["dse", spec("bad.json", "{\"space\": ")], 1, err=[r"bad\.json: malformed JSON"])
    check("dse unknown top-level key", ["dse", spec("key.yaml", base + "objectiv: x\n")], 1,
          err=[r"key\.yaml:7:\d+: .*objectiv: unknown key; did you mean 'objective'"])
    check("dse missing file", ["dse", str(pathlib.Path(d) / "nope.yaml")], 1, err=[r"cannot read"])
    check("dse json spec", ["dse", spec("ok.json", json.dumps({
        "space": {"hardware": ["H100", "B200"]}, "objective": "minimize: latency",
        "evaluator": {"resolver": "SingleNodeModel", "fixed": {"model": "Llama3_8B"}}}))], 0,
        out=[r"\n\s*1\s+B200\s+2\.53625"])
check("solve DSE --set", ["solve", "DSE", "--set", 'space={"hardware": ["H100", "B200"]}',
                          "--set", "objective=minimize: latency",
                          "--set", 'evaluator={"resolver": "Engine", "fixed": {"model": "Llama3_8B"}}'],
      0, out=[r"best_params\s+hardware=\"B200\""])
check("schema DSE", ["schema", "DSE"], 0, out=[r'"resolver": "DSE"', r'"name": "space"'])
check("schema SystemEvaluator", ["schema", "SystemEvaluator"], 0, out=[r'"name": "model_obj"'])

# ------------------------------------------------------------------------------- plans ---------
PLANS = HERE.parents[1] / "examples" / "plans"
PASSING = str(PLANS / "llama70b_h100x16.yaml")
FAILING = str(PLANS / "llama70b_single_h100_sla.yaml")
check("eval plan passes", ["eval", PASSING], 0,
      out=[r"SYSTEM EVALUATION: Llama3 70B on 16 x H100", r"\[PASS\] Fleet Performance",
           r"\[PASS\] Economics & Sustainability: TCO: \$[\d,]+", r"Overall: PASSED"],
      not_out=[r"violation"])
p = check("eval plan fails its SLA", ["eval", FAILING], 3,
          out=[r"SYSTEM EVALUATION: Llama3 70B on one H100", r"Overall: FAILED",
               r"performance\.latency \([\d.]+\) exceeds max \(20\)",
               r"feasibility\.memory_utilization \([\d.]+\) exceeds max \(0\.9\)"])
if p is not None and p.stdout != (PLANS / "llama70b_single_h100_sla.out").read_text():
    failures.append("eval plan fails its SLA: stdout differs from llama70b_single_h100_sla.out")
p = check("eval plan json", ["eval", PASSING, "--output", "json"], 0)
if p is not None and p.returncode == 0:
    doc = json.loads(p.stdout)
    if doc["status"] != "passed" or doc["violations"] or "macro.tco_usd" not in doc["metrics"] \
            or doc["evaluation"]["performance"]["status"] != "PASS":
        failures.append(f"eval plan json: {p.stdout[:300]}")
p = check("eval plan json sla", ["--output", "json", "eval", FAILING], 3)
if p is not None and p.returncode == 3:
    doc = json.loads(p.stdout)
    if doc["status"] != "sla_failed" or len(doc["violations"]) != 2:
        failures.append(f"eval plan json sla: {p.stdout[:300]}")
check("eval plan with roofline flags", ["eval", PASSING, "--batch-size", "4"], 1,
      err=[r"--batch-size does not apply to a plan"])
check("eval plan with hardware", ["eval", PASSING, "H100"], 1,
      err=[r"takes no HARDWARE argument"])
check("eval missing plan", ["eval", "nope.yaml"], 1, err=[r"plan: file 'nope\.yaml' not found"])
check("schema plan", ["schema", "plan"], 0,
      out=[r'"\$schema": "https://json-schema.org/draft/2020-12/schema"',
           r'"additionalProperties": false', r'"accelerators_per_node"'])
p = run(["schema", "plan"])
if p.returncode == 0:
    schema = json.loads(p.stdout)
    if sorted(schema["properties"]) != sorted(["version", "name", "workload", "hardware", "ops",
                                               "constraints", "fidelity"]):
        failures.append(f"schema plan: properties {sorted(schema['properties'])}")
with tempfile.TemporaryDirectory() as d:
    def plan(name, text):
        f = pathlib.Path(d) / name
        f.write_text(text)
        return str(f)
    base = ("version: '1'\nname: t\nworkload:\n  name: Llama3_8B\n  batch_size: 8\n  seq_len: 512\n"
            "hardware:\n  name: H100\n  nodes: 8\n  accelerators_per_node: 8\n")
    check("plan unknown key", ["eval", plan("key.yaml", base + "  fabric_bandwith: 50 GB/s\n")], 1,
          err=[r"key\.yaml:11:3: .*hardware\.fabric_bandwith: unknown key; did you mean "
               r"'hardware\.fabric_bandwidth'"])
    check("plan unknown top-level key", ["eval", plan("top.yaml", base + "constraint: {}\n")], 1,
          err=[r"top\.yaml:11:1: .*constraint: unknown key; did you mean 'constraints'"])
    check("plan malformed yaml", ["eval", plan("bad.yaml", "version: '1'\nname: [x\n")], 1,
          err=[r"bad\.yaml:\d+"])
    check("plan unknown model", ["eval", plan("model.yaml", base.replace("Llama3_8B", "Llama3_8"))],
          1, err=[r"model\.yaml:4:9: .*unknown model 'Llama3_8'",
                  r"did you mean 'Models\.Language\.Llama3_8B'"])
    check("plan unknown metric", ["eval", plan("metric.yaml", base +
          "constraints:\n  assert:\n    - {metric: performance.latency, max: 1e9}\n")], 3,
          out=[r"performance\.latency is not available in evaluation metrics",
               r"performance\.step_latency"])
    check("plan flattened metric", ["eval", plan("flat.yaml", base.replace("nodes: 8", "nodes: 1")
          .replace("  accelerators_per_node: 8\n", "") +
          "constraints:\n  assert:\n    - {metric: p_latency, max: 1e9}\n")], 0)
    check("plan nodes not divisible", ["eval", plan("div.yaml", base.replace("nodes: 8", "nodes: 12"))],
          1, err=[r"div\.yaml:9:\d+: .*must be divisible by hardware\.accelerators_per_node"])
    check("plan bandwidth as size", ["eval", plan("unit.yaml", base + "  fabric_bandwidth: 50 GB\n")],
          1, err=[r"unit\.yaml:11:\d+: .*fabric_bandwidth: expected a bandwidth"])
    check("plan negative batch", ["eval", plan("neg.yaml", base.replace("batch_size: 8", "batch_size: -2"))],
          1, err=[r"neg\.yaml:5:\d+: .*workload\.batch_size must be in \[1, 1000000000\], got -2"])
    check("plan missing hardware", ["eval", plan("miss.yaml", "version: '1'\nname: t\n"
                                                "workload: {name: Llama3_8B}\n")],
          1, err=[r"miss\.yaml:1:1: .*hardware: required key is missing"])
    (pathlib.Path(d) / "models").mkdir()
    (pathlib.Path(d) / "models" / "tiny.yaml").write_text(
        "type: TransformerWorkload\nname: Tiny LM\nparameters: 1e9\nlayers: 16\n"
        "hidden_dim: 2048\nheads: 16\ninference_flops: 2e9 FLOP\n")
    check("plan model file", ["eval", plan("file.yaml", base.replace("Llama3_8B", "models/tiny.yaml"))],
          0, out=[r"Overall: PASSED"])
    check("optimize batching", ["optimize", "batching", plan("serve.yaml", base), "--sla-ms", "5000",
                                "--qps", "2"], 0,
          out=[r"BatchingOptimizer: .* on 8 x ", r"best_batch_size\s+\d+", r"is_feasible\s+true"])
    check("optimize batching replicas", ["optimize", "batching", plan("serve.yaml", base),
                                         "--sla-ms", "5000", "--qps", "0.5", "--replicas", "2",
                                         "--max-batch", "16"], 0,
          out=[r"on 2 x ", r"total_searched\s+16"])
    check("optimize parallelism single device", ["optimize", "parallelism",
          plan("one.yaml", base.replace("nodes: 8", "nodes: 1").replace("  accelerators_per_node: 8\n", ""))],
          1, err=[r"hardware\.nodes: parallelism optimization needs a fleet"])
check("optimize parallelism", ["optimize", "parallelism", PASSING], 0,
      out=[r"ParallelismOptimizer", r"best_config\.tp\s+\d+", r"best_config\.dp\s+\d+", r"best_mfu"])
p = check("optimize parallelism json", ["optimize", "parallelism", PASSING, "-o", "json"], 0)
if p is not None and p.returncode == 0 and "best_config" not in json.loads(p.stdout)["outputs"]:
    failures.append("optimize parallelism json: no best_config")
check("optimize batching infeasible", ["optimize", "batching", PASSING, "--sla-ms", "5000",
                                       "--qps", "2"], 2, out=[r"is_feasible\s+false"])
check("optimize batching needs an SLA", ["optimize", "batching", PASSING, "--qps", "2"], 1,
      err=[r"sla-ms"])
check("optimize batching bad qps", ["optimize", "batching", PASSING, "--sla-ms", "50",
                                    "--qps", "-1"], 1, err=[r"arrival_rate_qps must be >= 0"])
check("optimize placement", ["optimize", "placement", PASSING, "--carbon-tax", "200"], 0,
      out=[r"PlacementOptimizer", r"best_region\s+\w+", r"\$200/ton"])
check("optimize placement regions", ["optimize", "placement", PASSING, "--regions",
                                     "Norway,Poland"], 0, out=[r"best_region\s+(Norway|Poland)"])
check("optimize placement single device", ["optimize", "placement", FAILING], 1,
      err=[r"placement optimization needs a fleet"])
check("optimize unknown kind", ["optimize", "pipelining", PASSING], 1)

# Realistic mode: --fidelity, validate, calibrate.
check("eval realistic", ["--fidelity", "realistic", "eval", "Llama3_8B", "H100"], 0,
      out=[r"calibrated \(realistic\)"])
check("realistic fallback note", ["--fidelity", "realistic", "solve", "TailLatencyModel", "--set",
                                  "arrival_rate_qps=10", "--set", "service_latency_ms=20"], 0,
      err=[r"TailLatencyModel has no realistic variant yet"])
check("bad fidelity", ["--fidelity", "exact", "eval", "Llama3_8B", "H100"], 1)
check("validate missing file", ["validate", "nope.json"], 1, err=[r"cannot open 'nope\.json'"])
check("calibration missing file", ["--calibration", "nope.yaml", "eval", "Llama3_8B", "H100"], 1,
      err=[r"cannot open 'nope\.yaml'"])
RECORDS = str(HERE.parent / "realistic" / "calibration.json")
with tempfile.TemporaryDirectory() as d:
    fitted = str(pathlib.Path(d) / "cal.yaml")
    check("calibrate", ["calibrate", RECORDS, "--no-logo", "-o", fitted], 0,
          err=[r"fitted \d+ parameters on 137 records"])
    check("validate with a calibration", ["--calibration", fitted, "validate", RECORDS,
                                          "--fidelity", "realistic"], 0,
          out=[r"realistic: 137 records, 136 with a target", r"median \|err\|"])
check("validate faithful json", ["validate", RECORDS, "--fidelity", "faithful", "--output", "json"],
      0, out=[r'^\[\{"id":"inf-v3\.0-l4x1-bert99-offline","metric":"throughput_samples_per_s"'])
# ------------------------------------------------------------------------------- plot ----------
DSE_DIR = HERE.parents[1] / "examples" / "dse"
check("plot roofline", ["plot", "roofline", "H100", "-w", "Llama3_8B", "-w", "ResNet50:64"], 0,
      out=[r"^<svg ", r"Llama-3\.1-8B \(memory-bound\)", r"ResNet-50, batch 64 \(compute-bound\)",
           r"ridge point: 147\.6 FLOP/byte", r"</svg>\n$"])
check("plot roofline unknown device", ["plot", "roofline", "H10"], 1,
      err=[r"hardware: unknown hardware 'H10'; did you mean"])
check("plot roofline unknown model", ["plot", "roofline", "H100", "-w", "Lama3_8B"], 1,
      err=[r"workloads\[0\]"])
check("plot roofline bad batch", ["plot", "roofline", "H100", "-w", "Llama3_8B:0"], 1,
      err=[r"MODEL:BATCH_SIZE"])
check("plot roofline efficiency 0", ["plot", "roofline", "H100", "-e", "0"], 1,
      err=[r"efficiency must be in \(0, 1\]"])
check("plot --output json", ["plot", "roofline", "H100", "-o", "json"], 1, err=[r"--file"])
check("plot plan", ["plot", "plan", FAILING], 0, out=[r'class="bar over"', r"exceeds"])
check("plot plan missing", ["plot", "plan", "no/such/plan.yaml"], 1, err=[r"not found"])
check("plot pareto", ["plot", "pareto", str(DSE_DIR / "pareto_latency_energy.yaml")], 0,
      out=[r'class="marker front"', r'class="point dominated"'])
check("plot pareto one objective", ["plot", "pareto", str(DSE_DIR / "llama_hardware_sweep.yaml")],
      1, err=[r"objective: a Pareto front needs two objectives"])
check("plot sweep", ["plot", "sweep", str(DSE_DIR / "serving_itl_sweep.yaml")], 0,
      out=[r'<line class="constraint"', r"itl \(ms\)"])
check("plot sweep missing spec", ["plot", "sweep", "nope.yaml"], 1, err=[r"cannot read"])
with tempfile.TemporaryDirectory() as d:
    bad = pathlib.Path(d) / "bad.yaml"
    bad.write_text((DSE_DIR / "serving_itl_sweep.yaml").read_text().replace("y: itl", "y: itll"))
    check("plot sweep unknown metric", ["plot", "sweep", str(bad)], 1, err=[r"plot\.y: 'itll'"])
    bad.write_text((DSE_DIR / "serving_itl_sweep.yaml").read_text().replace("x: batch_size",
                                                                            "x: batch"))
    check("plot sweep unknown axis", ["plot", "sweep", str(bad)], 1,
          err=[r"plot\.x: 'batch' is not a parameter.*did you mean 'batch_size'"])
    out = pathlib.Path(d) / "r.svg"
    p = check("plot --file", ["plot", "roofline", "H100", "--file", str(out)], 0)
    if p is not None and (p.stdout != "" or not out.read_text().startswith("<svg ")):
        failures.append("plot --file: the picture did not go to the file only")
    check("plot --file unwritable", ["plot", "roofline", "H100", "--file",
                                     str(pathlib.Path(d) / "no" / "r.svg")], 1, err=[r"--file"])

for f in failures:
    print("FAIL", f)
print(f"cli: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
