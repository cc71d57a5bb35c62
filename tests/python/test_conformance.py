"""Every conformance case of every resolver in the catalog, through the Python API: registry
names become the Python registry objects, quantities become pint quantities, and the answer is
compared with the original's by the rules of tests/tools/conformance.py (rel 1e-9). Error cases
must raise ValueError or KeyError."""
import json
import math
import pathlib

import pytest

import conformance as tool
import mlsysim
from mlsysim import Q_, _registry
from mlsysim._units import is_quantity

CASES = pathlib.Path(__file__).resolve().parents[1] / "conformance"
ROOTS = ("Hardware.", "Models.", "Systems.", "Infra.")


def _files():
    return sorted(p for p in CASES.glob("*.json"))


def _python_value(v):
    """A conformance input as a notebook user would write it."""
    if isinstance(v, str) and v.startswith(ROOTS):
        try:
            return _registry.active().get(v)
        except KeyError:
            return v  # an unknown name: the core must reject it
    if isinstance(v, dict) and set(v) == {"value", "unit"} and isinstance(v["value"], (int, float)):
        try:
            return Q_(v["value"], v["unit"] or "dimensionless")
        except Exception:  # a unit pint does not know: the core reads the text itself
            return v
    if isinstance(v, list):
        return [_python_value(x) for x in v]
    return v


def _cases():
    for f in _files():
        doc = json.loads(f.read_text())
        if doc["resolver"] not in mlsysim.resolvers:
            continue
        yield pytest.param(doc["resolver"], doc.get("tolerance", {"rel": 1e-9, "abs": 1e-12}),
                           doc["cases"], id=doc["resolver"])


@pytest.mark.parametrize("name,tol,cases", list(_cases()))
def test_conformance(name, tol, cases):
    cls = mlsysim.resolvers[name]
    failures = []
    for case in cases:
        kwargs = {k: _python_value(v) for k, v in case["inputs"].items()}
        if "error" in case:
            try:
                cls().solve(**kwargs)
            except (ValueError, KeyError) as e:
                assert str(e).strip(), case["id"]
            else:
                failures.append(f"{case['id']}: expected an error ({case['error'][:100]})")
            continue
        try:
            result = cls().solve(**kwargs)
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(f"{case['id']}: raised {type(e).__name__}: {e}")
            continue
        diffs = []
        tool.compare(case["outputs"], result.to_json(), "outputs", tol, diffs)
        # Every output converts to the original's Python value: quantities keep the core's
        # magnitude and a unit pint understands.
        for k, raw in result.to_json().items():
            v = getattr(result, k)
            if tool.is_q(raw) and isinstance(raw["value"], (int, float)):
                assert is_quantity(v), (case["id"], k)
                assert v.magnitude == raw["value"], (case["id"], k)
                assert v.units == Q_(1, raw["unit"] or "dimensionless").units, (case["id"], k)
        if diffs:
            failures.append(f"{case['id']}: " + "; ".join(diffs[:3]))
    assert not failures, f"{len(failures)} of {len(cases)} failed:\n" + "\n".join(failures[:10])

