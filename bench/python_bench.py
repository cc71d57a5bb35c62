#!/usr/bin/env python3
"""Cost of one Python-level resolver call, measured with timeit.

    .venv/bin/python bench/python_bench.py [--number N] [--repeat R]

Target: ``ServingModel().solve(...)`` (the seed's Llama-3-70B on H100) at most 20 µs per call
(the original needs about 600 µs). Prints the best-of-R median per call for a few calls, then
the time of one DSE.search over the reference's 4,320-point sweep (C++ engine, and a Python
function evaluator), and exits 1 if the ServingModel call misses the target.
"""
import argparse
import statistics
import sys
import timeit

SETUP = """
from mlsysim import ServingModel, Engine, SensitivitySolver, SynthesisSolver, Hardware, Models, Q_
model, hw = Models.Language.Llama3_70B, Hardware.Cloud.H100
m8 = Models.Language.Llama3_8B
lat = Q_("50 ms")
"""

CASES = [
    ("ServingModel().solve (seed)",
     "ServingModel().solve(model=model, hardware=hw, seq_len=2048, batch_size=4)"),
    ("ServingModel().solve + read ttft",
     "ServingModel().solve(model=model, hardware=hw, seq_len=2048, batch_size=4).ttft"),
    ("Engine.solve", "Engine.solve(model=m8, hardware=hw, batch_size=1)"),
    ("SensitivitySolver().solve",
     "SensitivitySolver().solve(model=m8, hardware=hw, batch_size=1, precision='fp16')"),
    ("SynthesisSolver().solve",
     "SynthesisSolver().solve(model=m8, target_latency=lat, batch_size=1, precision='fp16')"),
]

TARGET_US = 20.0

# Whole searches (one call into the C++ engine): the reference's 4,320-point sweep (about 3.5 s in
# the reference), timed per search.
DSE_SETUP = SETUP + """
from mlsysim import DSE
names = ["V100", "T4", "A100", "H100", "H200", "B200", "MI250X", "MI300X", "TPUv4", "TPUv5p",
         "TPUv6", "Gaudi2", "Gaudi3", "Trainium2", "Cerebras_CS3"]
space = {"hardware": [getattr(Hardware.Cloud, n) for n in names],
         "batch_size": [2 ** i for i in range(16)],
         "precision": ["fp32", "tf32", "bf16", "fp16", "fp8", "int8"],
         "efficiency": [0.3, 0.5, 0.7]}
dse = DSE(space, "maximize: throughput", ["latency < 50"])
"""
DSE_CASES = [
    ("DSE.search, 4,320 points (Engine)", "dse.search(Engine, fixed={'model': m8})"),
    ("DSE.search, 4,320 points (Python fn)",
     "dse.search(lambda p: Engine.solve(model=m8, **p))"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--number", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    results = {}
    for name, stmt in CASES:
        times = timeit.repeat(stmt, setup=SETUP, number=a.number, repeat=a.repeat)
        per_call = [t / a.number * 1e6 for t in times]
        results[name] = (min(per_call), statistics.median(per_call))
        print(f"{name:36s} min {results[name][0]:7.2f} us   median {results[name][1]:7.2f} us")
    for name, stmt in DSE_CASES:
        number = 20 if "Engine" in name else 1
        times = timeit.repeat(stmt, setup=DSE_SETUP, number=number, repeat=3)
        per = [t / number * 1e3 for t in times]
        print(f"{name:36s} min {min(per):7.2f} ms   median {statistics.median(per):7.2f} ms")
    serving = results[CASES[0][0]][1]
    verdict = "meets" if serving <= TARGET_US else "MISSES"
    print(f"ServingModel().solve: {serving:.2f} us per call (median) {verdict} the {TARGET_US:g} us "
          f"target")
    return 0 if serving <= TARGET_US else 1


if __name__ == "__main__":
    sys.exit(main())
