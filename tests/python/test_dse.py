"""DSE, Pipeline and SystemEvaluator through the original's Python API: the conformance cases of
DSE searched with `DSE(...).search(ResolverClass, fixed=...)` (the C++ engine, one call), a
Python-function evaluator giving the same answer point by point, and the result object."""
import functools
import json
import math
import pathlib

import pytest

import conformance as tool
import mlsysim
from mlsysim import (DSE, Engine, Hardware, Models, Pipeline, SingleNodeModel, Systems,
                     SystemEvaluator, _registry)
from mlsysim._registry import Entity

CASES = json.loads((pathlib.Path(__file__).resolve().parents[1] / "conformance" / "DSE.json")
                   .read_text())
ROOTS = ("Hardware.", "Models.", "Systems.", "Infra.")


def _py(v):
    if isinstance(v, str) and v.startswith(ROOTS):
        return _registry.active().get(v)
    if isinstance(v, list):
        return [_py(x) for x in v]
    if isinstance(v, dict):
        return {k: _py(x) for k, x in v.items()}
    return v


def _plain(v):
    if isinstance(v, Entity):
        return v.path
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _search(inputs, **kw):
    ev = inputs["evaluator"]
    dse = DSE(_py(inputs["space"]), inputs["objective"], inputs.get("constraints"))
    evaluator = (Pipeline(ev["pipeline"]) if "pipeline" in ev
                 else mlsysim.resolvers[ev["resolver"]])
    return dse.search(evaluator, fixed=_py(ev.get("fixed", {})), **kw)


def _as_json(r):
    return {
        "best_params": _plain(r.best_params),
        "best_objective": r.best_objective,
        "best_result": r.best_result.to_json(),
        "top_candidates": [{"params": _plain(c["params"]), "objective_value": c["objective_value"]}
                           for c in r.top_candidates],
        "n_top": r.n_top,
    }


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_conformance_cases_through_the_python_api(case):
    if "error" in case:
        with pytest.raises(ValueError):
            _search(case["inputs"])
        return
    r = _search(case["inputs"])
    diffs = []
    tool.compare(case["outputs"], _as_json(r), "outputs", CASES["tolerance"], diffs)
    assert not diffs, diffs[:5]
    # The registry objects of the space come back as given.
    for k, v in r.best_params.items():
        assert any(v is x for x in _py(case["inputs"]["space"])[k])


LLAMA_SWEEP = {
    "hardware": [getattr(Hardware.Cloud, n) for n in (
        "V100", "T4", "A100", "H100", "H200", "B200", "MI250X", "MI300X", "TPUv4", "TPUv5p",
        "TPUv6", "Gaudi2", "Gaudi3", "Trainium2", "Cerebras_CS3")],
    "batch_size": [2 ** i for i in range(16)],
    "precision": ["fp32", "tf32", "bf16", "fp16", "fp8", "int8"],
    "efficiency": [0.3, 0.5, 0.7],
}


def test_reference_sweep_4320_points():
    r = DSE(LLAMA_SWEEP, "maximize: throughput", ["latency < 50"]).search(
        Engine, fixed={"model": Models.Language.Llama3_8B})
    assert r.points == 4320 and r.survivors == 1908
    assert r["best_params"]["hardware"] is LLAMA_SWEEP["hardware"][-1]  # the space's own object
    assert r.best_params["hardware"].path == "Hardware.Cloud.Cerebras_CS3"
    assert r.best_params["batch_size"] == 32768 and r.best_params["precision"] == "fp32"
    assert r.best_objective == pytest.approx(5.17226e6, rel=1e-5)
    assert [c["params"]["precision"] for c in r.top_candidates] == [
        "fp32", "tf32", "bf16", "fp16", "fp8"]
    assert r.best_result.latency.to("ms").magnitude < 50
    # Results of the other top candidates are evaluated when read.
    assert r.top_candidates[1]["result"].throughput.magnitude == pytest.approx(r.best_objective)
    df = r.to_dataframe()
    assert list(df.columns) == ["rank", "hardware", "batch_size", "precision", "efficiency",
                                "maximize: throughput"]
    assert len(df) == 5 and df["hardware"][0] == str(LLAMA_SWEEP["hardware"][-1])


PARETO_SPACE = {"hardware": [Hardware.Edge.Coral, Hardware.Edge.JetsonOrinNX, Hardware.T4,
                             Hardware.A100,
                             Hardware.H100, Hardware.B200, Hardware.MI300X],
                "batch_size": [1, 8, 32], "precision": ["fp16", "int8"]}


def _pareto(**kw):
    return DSE(PARETO_SPACE, ["minimize: latency", "minimize: energy"], ["feasible == 1"]).search(
        Engine, fixed={"model": Models.Vision.ResNet50, "efficiency": 0.5}, **kw)


def test_pareto_front():
    r = _pareto()
    names = [p["params"]["hardware"].path.rsplit(".", 1)[-1] for p in r.pareto_front]
    assert names == ["B200", "MI300X", "H100", "A100", "T4", "JetsonOrinNX", "Coral"]
    lat = [p["objective_values"][0] for p in r.pareto_front]
    energy = [p["objective_values"][1] for p in r.pareto_front]
    assert lat == sorted(lat) and energy == sorted(energy, reverse=True)
    assert lat[0] == pytest.approx(0.511644, rel=1e-5)
    assert len(r.top_candidates[0]["objective_values"]) == 2
    assert len(r.to_dataframe("pareto_front")) == 7


def test_python_function_evaluator_matches_the_engine():
    space = {"hardware": [Hardware.H100, Hardware.A100, Hardware.B200, Hardware.T4],
             "batch_size": [1, 8, 64]}
    dse = DSE(space, "maximize: throughput", ["latency < 30"])
    native = dse.search(Engine, fixed={"model": Models.Language.Llama3_8B})
    calls = []

    def evaluate(params):
        calls.append(params)
        return Engine.solve(model=Models.Language.Llama3_8B, **params)

    py = dse.search(evaluate)
    assert len(calls) == 12
    assert py.best_params == native.best_params
    assert py.best_objective == pytest.approx(native.best_objective, rel=1e-12)
    assert [c["params"] for c in py.top_candidates] == [c["params"] for c in native.top_candidates]
    assert (py.points, py.filtered, py.survivors) == (native.points, native.filtered,
                                                      native.survivors)
    # functools.partial of a resolver's solve runs in the engine too.
    part = dse.search(functools.partial(Engine.solve, model=Models.Language.Llama3_8B))
    assert part.best_params == native.best_params and part.diagnostics == native.diagnostics


def test_python_function_pareto_and_failures():
    def evaluate(p):
        if p["x"] == 3:
            raise RuntimeError("no")
        return {"a": p["x"], "b": 10 - p["x"] * p["y"], "m": {"c": p["y"]}}

    dse = DSE({"x": [1, 2, 3, 4], "y": [1, 2]}, ["minimize: a", "minimize: b"], ["m.c >= 1"])
    r = dse.search(evaluate)
    assert r.failed == 2 and r.points == 8
    assert [p["params"] for p in r.pareto_front] == [
        {"x": 1, "y": 2}, {"x": 2, "y": 2}, {"x": 4, "y": 2}]
    assert r.best_params == {"x": 1, "y": 1}  # tie on a=1: enumeration order
    with pytest.raises(ValueError, match="No valid configurations"):
        DSE({"x": [1]}, "minimize: a", ["a > 5"]).search(lambda p: {"a": 1})
    with pytest.raises(ValueError, match="(?s)No valid.*1 of 1 candidates failed.*ZeroDivision"):
        DSE({"x": [0]}, "minimize: a").search(lambda p: {"a": 1 / p["x"]})
    with pytest.raises(ValueError, match="evaluator: expected"):
        DSE({"x": [0]}, "minimize: a").search(42)


def test_bad_specs_are_clear_errors():
    with pytest.raises(ValueError, match="Invalid objective format"):
        DSE({"x": [1]}, "latency")
    with pytest.raises(ValueError, match="minimize"):
        DSE({"x": [1]}, "min: latency")
    with pytest.raises(ValueError, match="list"):
        DSE({"x": 1}, "minimize: a")
    with pytest.raises(ValueError, match="top"):
        DSE({"batch_size": [1]}, "minimize: latency").search(Engine, top=0)
    with pytest.raises(ValueError, match="batch_sise"):
        DSE({"batch_sise": [1]}, "minimize: latency").search(
            Engine, fixed={"model": Models.Language.Llama3_8B, "hardware": Hardware.H100})
    with pytest.raises(KeyError):
        DSE({"hardware": ["H1000"]}, "minimize: latency").search(
            Engine, fixed={"model": Models.Language.Llama3_8B})
    with pytest.raises(ValueError, match="No valid configurations"):
        DSE({"hardware": [Hardware.H100]}, "minimize: latency", ["latency < 0.0001"]).search(
            Engine, fixed={"model": Models.Language.Llama3_8B})


def test_pipeline():
    p = Pipeline([SingleNodeModel(), mlsysim.EconomicsModel])
    assert len(p) == 2 and repr(p) == "Pipeline(SingleNodeModel → EconomicsModel)"
    text = p.explain()
    assert "fed by earlier stages: mfu" in text
    assert "Flow: SingleNodeModel → EconomicsModel" in text
    seen = []

    class Cb:
        def on_stage_end(self, name, result):
            seen.append(name)

    out = p.run(callbacks=[Cb()], model=Models.Language.Llama3_8B, hardware=Hardware.H100,
                batch_size=8, fleet=Systems.Clusters.Research_256, duration_days=30)
    assert seen == ["SingleNodeModel", "EconomicsModel"]
    assert out["EconomicsModel"].tco_usd == pytest.approx(247350.8595555337, rel=1e-12)
    assert out["SingleNodeModel"].feasible
    with pytest.raises(ValueError, match="at least one"):
        Pipeline([])
    # As a DSE evaluator, in the engine.
    r = DSE({"batch_size": [1, 8, 64]}, "minimize: EconomicsModel.tco_usd").search(
        p, fixed={"model": Models.Language.Llama3_8B, "hardware": Hardware.H100,
                  "fleet": Systems.Clusters.Research_256, "duration_days": 30})
    assert set(r.best_result) == {"SingleNodeModel", "EconomicsModel"}
    assert r.best_objective == pytest.approx(r.best_result["EconomicsModel"].tco_usd)


def test_system_evaluator():
    ev = SystemEvaluator.evaluate("golden", Models.Language.Llama3_70B, Hardware.B200, 1, "fp16",
                                  0.5)
    assert ev.passed_all is True
    assert ev.feasibility.status == "PASS"
    assert ev.feasibility.summary == "141.2 GB / 206.2 GB used"
    assert ev.macro.status == "SKIPPED"
    d = ev.to_dict()
    assert d["scenario"] == "golden" and d["f_status"] == "PASS"
    assert d["p_latency"] == pytest.approx(ev.performance.metrics["latency"])
    card = ev.scorecard()
    assert card.startswith("╔") and "Overall: PASSED" in card
    assert len({len(line) for line in card.splitlines()}) == 1  # a closed box
    big = SystemEvaluator.evaluate("oom", Models.Language.Llama3_70B, Hardware.T4, 1, "fp16", 0.5)
    assert big.passed_all is False and big.feasibility.status == "FAIL"
    # As a DSE evaluator: infeasible scenarios are skipped.
    r = DSE({"hardware_obj": [Hardware.T4, Hardware.H100, Hardware.B200]},
            "minimize: performance.metrics.latency").search(
        SystemEvaluator, fixed={"scenario_name": "s", "model_obj": Models.Language.Llama3_70B,
                                "batch_size": 1, "precision": "fp16", "efficiency": 0.5})
    assert r.filtered == 2 and r.best_params["hardware_obj"].path == "Hardware.Cloud.B200"
    assert isinstance(r.best_result, mlsysim.SystemEvaluation)
    assert math.isfinite(r.best_objective)
