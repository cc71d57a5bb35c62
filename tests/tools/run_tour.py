#!/usr/bin/env python3
"""Runs the command-line tour (examples/tour/*.cmd) and diffs each output with its .out file.

Each NN_name.cmd holds one command line starting with `mlsysim`; NN_name.out is what it must
print. The README and docs include both files, so the tour never drifts from what the CLI prints.
Usage: run_tour.py PATH/TO/mlsysim TOUR_DIR [--fix]
"""
import os
import pathlib
import shlex
import subprocess
import sys


def main():
    cli, tour = sys.argv[1], pathlib.Path(sys.argv[2])
    if os.sep in cli:
        cli = os.path.abspath(cli)
    fix = "--fix" in sys.argv
    env = dict(os.environ)
    env.pop("MLSYSIM_REGISTRY_PATH", None)
    env["COLUMNS"] = "100"
    failures = 0
    for cmd in sorted(tour.glob("*.cmd")):
        args = shlex.split(cmd.read_text().strip())
        assert args[0] == "mlsysim", f"{cmd}: must start with mlsysim"
        # From the repository root, where users type the commands (paths such as examples/...).
        p = subprocess.run([os.path.abspath(cli)] + args[1:], capture_output=True, text=True,
                           timeout=60, env=env, cwd=tour.resolve().parents[1])
        out = cmd.with_suffix(".out")
        if fix:
            out.write_text(p.stdout)
            continue
        want = out.read_text() if out.exists() else None
        if p.stdout != want:
            failures += 1
            print(f"FAIL {cmd.name}: output differs from {out.name}\n--- expected\n{want}\n--- got\n"
                  f"{p.stdout}\n--- stderr\n{p.stderr}")
    print(f"tour: {failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
