#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into OUT/<target>/ (one file per input, named by its
hash): conformance inputs, the example plans and DSE specs, the registry's own files and the unit
spellings docs/units.md lists. `make fuzz-run` starts from tests/fuzz/corpus/, which holds these
seeds and what fuzzing found, minimized with libFuzzer's -merge=1.

    tests/fuzz/seed_corpus.py build/mlsysim OUT
"""
import hashlib
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def write(out: pathlib.Path, target: str, data: bytes) -> None:
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main() -> int:
    cli, out = sys.argv[1], pathlib.Path(sys.argv[2])
    order = [r["resolver"] for r in json.loads(subprocess.check_output([cli, "schema"]))]

    # jsonl: the first byte picks the resolver (its index in `mlsysim schema`), then the line.
    for f in sorted((ROOT / "tests/conformance").glob("*.json")):
        doc = json.loads(f.read_text())
        index = order.index(doc["resolver"])
        for case in doc["cases"]:
            line = json.dumps(case["inputs"], separators=(",", ":")).encode()
            write(out, "jsonl", bytes([index]) + line)

    # units: the spellings of docs/units.md, and every quantity of the conformance inputs.
    units = set()
    for m in re.finditer(r"`([^`\n]{1,40})`", (ROOT / "docs/units.md").read_text()):
        units.add(m.group(1))
    for f in sorted((ROOT / "tests/conformance").glob("*.json")):
        for m in re.finditer(r'"(-?[0-9][0-9.e+-]* [^"]{1,30})"', f.read_text()):
            units.add(m.group(1))
    for u in sorted(units):
        write(out, "units", u.encode())

    for f in sorted((ROOT / "data/registry").rglob("*.yaml")):
        write(out, "registry", f.read_bytes())
    # plan and dse: the docs' YAML blocks, and the conformance DSE inputs (JSON is YAML too).
    for doc in sorted((ROOT / "docs").glob("*.md")):
        for block in re.findall(r"```yaml\n(.*?)```", doc.read_text(), re.S):
            if re.search(r"^space:", block, re.M):
                write(out, "dse", block.encode())
            elif re.search(r"^workload:", block, re.M):
                write(out, "plan", block.encode())
    for case in json.loads((ROOT / "tests/conformance/DSE.json").read_text())["cases"]:
        write(out, "dse", json.dumps(case["inputs"]).encode())
    for f in sorted((ROOT / "examples/plans").glob("*.yaml")):
        write(out, "plan", f.read_bytes())
    for f in sorted((ROOT / "examples/dse").glob("*.yaml")):
        write(out, "dse", f.read_bytes())

    # lab_api: byte 0 the route (0 solve, 2 plot, 3 schema/<R>, 4 fidelity|schema, 5 zoo, 6 a
    # bare /api/solve/, 7 the page), byte 1 the resolver, picture kind or method, then the path
    # suffix up to a newline, then the body. The first three cases of each resolver, faithful and
    # (for every fourth) realistic, the example plans and DSE specs as picture bodies.
    for f in sorted((ROOT / "tests/conformance").glob("*.json")):
        doc = json.loads(f.read_text())
        index = order.index(doc["resolver"])
        for i, case in enumerate(doc["cases"][:3]):
            body = json.dumps(case["inputs"], separators=(",", ":")).encode()
            query = b"?fidelity=realistic" if i == 0 else b""
            write(out, "lab_api", bytes([0, index]) + query + b"\n" + body)
    roofline = {"hardware": "H100", "workloads": ["Llama3_8B", "ResNet50"], "precision": "fp16"}
    write(out, "lab_api", bytes([2, 0]) + b"\n" + json.dumps(roofline).encode())
    for f in sorted((ROOT / "examples/plans").glob("*.yaml")):
        write(out, "lab_api", bytes([2, 3]) + b"\n" + json.dumps({"plan": f.read_text()}).encode())
    for f in sorted((ROOT / "examples/dse").glob("*.yaml")):
        for kind in (1, 2):
            write(out, "lab_api",
                  bytes([2, kind]) + b"\n" + json.dumps({"spec": f.read_text()}).encode())
    for route, second in ((3, 0), (4, 0), (4, 1), (5, 0), (6, 1), (7, 0), (7, 1)):
        write(out, "lab_api", bytes([route, second]) + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
