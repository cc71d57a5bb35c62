#!/usr/bin/env python3
"""Times `mlsysim dse SPEC` from process start to exit: wall time and the CPU time (user + system)
the process used, median of N runs. The CPU time is the figure to trust on a busy machine.

Usage: dse_cli_time.py build/mlsysim [bench/specs/engine_230k.yaml] [runs]
"""
import os
import resource
import statistics
import subprocess
import sys
import time

cli = sys.argv[1]
spec = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "specs",
                                                           "engine_230k.yaml")
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 11
walls, cpus = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([cli, "dse", spec], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    walls.append(time.perf_counter() - t0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    if p.returncode != 0:
        sys.exit(f"mlsysim dse exited {p.returncode}: {p.stderr.decode()[:300]}")
print(f"{spec}: median wall {statistics.median(walls) * 1e3:.1f} ms "
      f"(min {min(walls) * 1e3:.1f}), median CPU {statistics.median(cpus) * 1e3:.1f} ms "
      f"(min {min(cpus) * 1e3:.1f}) over {runs} runs")
