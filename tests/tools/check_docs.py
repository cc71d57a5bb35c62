#!/usr/bin/env python3
"""Checks that code and output blocks in the docs match the files they come from.

In README.md and docs/**/*.md, a marker line

    <!-- include: examples/01_roofline.cpp -->

must be followed by a fenced block whose body is exactly that file (examples are compiled and their
output diffed by ctest, so docs built this way never drift). Run with --fix to rewrite the blocks.

Usage: check_docs.py PROJECT_ROOT [--fix]
"""
import pathlib
import re
import sys

MARKER = re.compile(r"^<!-- include: (\S+) -->\s*$")


def process(md: pathlib.Path, root: pathlib.Path, fix: bool):
    lines = md.read_text(encoding="utf-8").split("\n")
    problems, out, i = [], [], 0
    while i < len(lines):
        out.append(lines[i])
        m = MARKER.match(lines[i])
        i += 1
        if not m:
            continue
        src = root / m.group(1)
        if not src.exists():
            problems.append(f"{md}: included file {m.group(1)} does not exist")
            continue
        if i >= len(lines) or not lines[i].startswith("```"):
            problems.append(f"{md}:{i}: marker for {m.group(1)} is not followed by a fenced block")
            continue
        fence = lines[i]
        j = i + 1
        while j < len(lines) and lines[j] != "```":
            j += 1
        body = "\n".join(lines[i + 1:j])
        want = src.read_text(encoding="utf-8").rstrip("\n")
        if body != want:
            problems.append(f"{md}:{i + 1}: block differs from {m.group(1)}")
        out.append(fence)
        out.extend(want.split("\n"))
        out.append("```")
        i = j + 1
    if fix and problems:
        md.write_text("\n".join(out), encoding="utf-8")
    return problems


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    fix = "--fix" in sys.argv
    files = [root / "README.md"] + sorted((root / "docs").rglob("*.md"))
    problems = []
    for md in files:
        if md.exists():
            problems += process(md, root, fix)
    for p in problems:
        print(p)
    if problems and not fix:
        print(f"{len(problems)} doc block(s) out of date; run tests/tools/check_docs.py . --fix")
        sys.exit(1)
    print(f"docs: {len(files)} files checked" + (", fixed" if fix and problems else ", all in sync"))


if __name__ == "__main__":
    main()
