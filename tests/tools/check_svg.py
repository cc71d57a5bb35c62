#!/usr/bin/env python3
"""Regenerates the shipped pictures (docs/pictures/*.cmd) and checks each SVG.

Each docs/pictures/NAME.cmd holds one `mlsysim plot ...` command line; NAME.svg is what it must
print, byte for byte (the README includes the .cmd files, so the pictures never drift). Every SVG
must be well-formed XML with the expected elements — axes, ticks with labels, axis labels with
units, one marker per workload (roofline), lines and a constraint (sweep), the front (pareto),
bars (plan) — and no two texts may overlap, by the estimate the plots place labels with: 0.6 x
font size per character, from 0.8 x font size above the baseline to 0.2 x below.

Usage: check_svg.py PATH/TO/mlsysim PROJECT_ROOT [--out DIR] [--fix]
  --out DIR  also write the regenerated pictures there
  --fix      rewrite the committed pictures
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
ROTATE = re.compile(r"rotate\(-90 ([-0-9.]+) ([-0-9.]+)\)")
UNIT = re.compile(r"\(.+\)\s*$")


def classes(el):
    return set(el.get("class", "").split())


def text_boxes(root):
    """(text, box) for every <text> in the drawing, by the plots' own estimate."""
    base = float(root.get("font-size", "12"))
    out = []
    for el in root.iter(NS + "text"):
        s = el.text or ""
        size = float(el.get("font-size", base))
        x, y = float(el.get("x")), float(el.get("y"))
        w = 0.6 * size * len(s)
        anchor = el.get("text-anchor", "start")
        start = 0.0 if anchor == "start" else -w / 2 if anchor == "middle" else -w
        if ROTATE.fullmatch(el.get("transform", "")):
            box = (x - 0.8 * size, y - start - w, x + 0.2 * size, y - start)
        else:
            box = (x + start, y - 0.8 * size, x + start + w, y + 0.2 * size)
        out.append((s, box))
    return out


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check(name, svg, args):
    """Problems with one picture (an empty list when it is fine)."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as e:
        return [f"{name}: not well-formed XML: {e}"]
    problems = []
    if root.tag != NS + "svg":
        problems.append(f"{name}: the root is <{root.tag}>, not <svg>")
    if root.find(NS + "title") is None or not (root.find(NS + "title").text or "").strip():
        problems.append(f"{name}: no <title>")
    for tag in ("script", "image", "foreignObject", "use"):
        if root.find(".//" + NS + tag) is not None:
            problems.append(f"{name}: has <{tag}> (pictures are self-contained)")
    if "@import" in svg or "url(" in svg or "href" in svg:
        problems.append(f"{name}: refers to something outside the file")
    els = list(root.iter())
    texts = [e for e in els if e.tag == NS + "text"]

    def count(tag, cls):
        return sum(1 for e in els if e.tag == NS + tag and cls <= classes(e))

    if count("line", {"axis"}) == 0:
        problems.append(f"{name}: no axis")
    if count("line", {"tick"}) < 2:
        problems.append(f"{name}: fewer than two ticks")
    tick_labels = [t for t in texts if "tick-label" in classes(t) and (t.text or "").strip()]
    if len(tick_labels) < 2:
        problems.append(f"{name}: fewer than two tick labels")
    axis_labels = [t.text or "" for t in texts if "axis-label" in classes(t)]
    if not axis_labels:
        problems.append(f"{name}: no axis label")
    kind = args[2] if len(args) > 2 else ""
    # Axis labels carry units (a sweep's x is a count, written bare).
    needs_unit = axis_labels if kind != "sweep" else [t for t in axis_labels
                                                       if t != axis_labels[0]]
    for label in needs_unit:
        if not UNIT.search(label):
            problems.append(f"{name}: axis label '{label}' has no unit")
    if kind == "roofline":
        workloads = sum(1 for a in args if a in ("--workload", "-w"))
        markers = count("circle", {"marker", "workload"})
        labels = sum(1 for t in texts if "workload-label" in classes(t))
        if markers != workloads:
            problems.append(f"{name}: {markers} workload markers for {workloads} workloads")
        if labels != workloads:
            problems.append(f"{name}: {labels} workload labels for {workloads} workloads")
        for cls in ("roof", "ridge", "region-memory", "region-compute"):
            if not any(cls in classes(e) for e in els):
                problems.append(f"{name}: no {cls}")
        if not any((t.text or "").startswith("ridge point:") for t in texts):
            problems.append(f"{name}: the ridge point is not labelled")
    elif kind == "sweep":
        if count("polyline", {"series"}) < 1:
            problems.append(f"{name}: no line")
        if count("line", {"constraint"}) < 1:
            problems.append(f"{name}: no constraint line")
    elif kind == "pareto":
        front = count("circle", {"marker", "front"})
        if front < 1:
            problems.append(f"{name}: no front")
        if count("circle", {"dominated"}) < 1:
            problems.append(f"{name}: no dominated point")
        if sum(1 for t in texts if "front-label" in classes(t)) < 1:
            problems.append(f"{name}: the front is not labelled")
    elif kind == "plan":
        if count("rect", {"bar"}) < 1:
            problems.append(f"{name}: no bar")
    boxes = text_boxes(root)
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if overlaps(boxes[i][1], boxes[j][1]):
                problems.append(f"{name}: texts overlap: '{boxes[i][0]}' and '{boxes[j][0]}'")
    return problems


def main():
    cli, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    fix = "--fix" in sys.argv
    out_dir = None
    if "--out" in sys.argv:
        out_dir = pathlib.Path(sys.argv[sys.argv.index("--out") + 1])
        out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("MLSYSIM_REGISTRY_PATH", None)
    problems = []
    cmds = sorted((root / "docs" / "pictures").glob("*.cmd"))
    if not cmds:
        problems.append("docs/pictures: no pictures")
    for cmd in cmds:
        args = shlex.split(cmd.read_text().strip())
        if args[:2] != ["mlsysim", "plot"]:
            problems.append(f"{cmd.name}: must start with 'mlsysim plot'")
            continue
        runs = [subprocess.run([cli] + args[1:], capture_output=True, text=True, timeout=120,
                               env=env, cwd=root) for _ in range(2)]
        if runs[0].returncode != 0:
            problems.append(f"{cmd.name}: exit {runs[0].returncode}: {runs[0].stderr.strip()}")
            continue
        svg = runs[0].stdout
        if runs[1].stdout != svg:
            problems.append(f"{cmd.name}: two runs drew different pictures")
        if out_dir is not None:
            (out_dir / cmd.with_suffix(".svg").name).write_text(svg, encoding="utf-8")
        committed = cmd.with_suffix(".svg")
        if fix:
            committed.write_text(svg, encoding="utf-8")
        elif not committed.exists() or committed.read_text(encoding="utf-8") != svg:
            problems.append(f"{committed.name}: differs from what `{' '.join(args)}` draws "
                            "(check_svg.py --fix rewrites it)")
        problems += check(committed.name, svg, args)
    for p in problems:
        print("FAIL", p)
    print(f"pictures: {len(cmds)} checked, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
