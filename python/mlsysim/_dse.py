"""The original's composition and search API on top of the C++ catalog: ``DSE`` (spec §16),
``Pipeline`` and ``SystemEvaluator`` (§17).

    from mlsysim import DSE, Engine, Hardware, Models
    r = DSE({"hardware": [Hardware.H100, Hardware.A100], "batch_size": [1, 8, 64]},
            "maximize: throughput", ["latency < 50"]).search(
                Engine, fixed={"model": Models.Language.Llama3_8B})
    r.best_params, r.best_objective, r.to_dataframe()

With a resolver, Engine, SystemEvaluator or a Pipeline as evaluator the whole search runs in the
C++ engine (one call, every core); with a Python function it runs here, one call per point. With
``client=`` (a dask.distributed Client) the space is split on its first parameter(s) and each part
searched by the C++ engine on a worker; the parts are merged by (objective, enumeration index),
so the answer is the local one.
"""
import functools
import itertools
import json
import math

from . import _core
from ._registry import Entity, active, active_paths
from ._resolvers import Result, _raise, _to_input
from ._units import is_quantity

__all__ = ["DSEResult", "Pipeline", "SystemEvaluation", "install"]

_resolver_classes = {}  # name -> generated class (filled by install)


# ------------------------------------------------------------------ objectives, constraints ---


def _parse_objective(text):
    """(direction, metric) as the reference reads an objective string."""
    if not isinstance(text, str):
        raise ValueError(f"objective: expected a string such as 'minimize: latency', got {text!r}")
    if ":" in text:
        direction, metric = text.split(":", 1)
        direction, metric = direction.strip().lower(), metric.strip()
    else:
        low = text.lower()
        if "minimize" in low:
            direction = "minimize"
        elif "maximize" in low:
            direction = "maximize"
        else:
            raise ValueError(f"Invalid objective format: '{text}'.")
        metric = text.replace(direction, "").strip("() ")
    if direction not in ("minimize", "maximize"):
        raise ValueError(
            f"objective '{text}': the direction must be 'minimize' or 'maximize', got "
            f"'{direction}'"
        )
    return direction, metric


def _worst(direction):
    return math.inf if direction == "minimize" else -math.inf


def _metric(result, path, direction):
    """The number at a dotted path of a result (spec §16.2); the worst value when there is none."""
    cur = result
    for part in path.split("."):
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, Result):
            if part not in cur and not hasattr(type(cur), part):
                return _worst(direction)
            cur = getattr(cur, part)
        elif part in ("magnitude", "m") and is_quantity(cur):
            cur = cur.magnitude
        elif hasattr(cur, part):
            cur = getattr(cur, part)
        else:
            return _worst(direction)
        if cur is None:
            return _worst(direction)
    if is_quantity(cur):
        cur = cur.magnitude
    try:
        return float(cur)
    except (TypeError, ValueError):
        return _worst(direction)


_OPS = {
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
}


def _key(direction, value):
    return value if direction == "minimize" else -value


# ------------------------------------------------------------------ results ---


class DSEResult(dict):
    """A search's answer: the original's keys ``best_params``, ``best_objective``,
    ``best_result`` (a result object), ``top_candidates`` (each ``params``, ``objective_value``,
    ``result``), plus ``pareto_front`` with several objectives and the counts ``points``,
    ``failed``, ``filtered``, ``survivors`` and ``diagnostics``. Keys read as attributes too."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"DSEResult has no attribute {name!r}; it has {list(self)}") from None

    def to_dataframe(self, which="top_candidates"):
        """One row per ranked candidate (or per Pareto point with ``which="pareto_front"``): the
        parameters (registry objects by name), then the objective value(s)."""
        import pandas as pd

        objectives = self.get("objectives", [])
        rows = []
        for rank, c in enumerate(self[which]):
            row = {"rank": rank}
            for k, v in c["params"].items():
                row[k] = str(v) if isinstance(v, Entity) else v
            values = c.get("objective_values")
            if values is None:
                values = [c["objective_value"]]
            for text, v in zip(objectives, values):
                row[text] = v
            rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self):
        return (
            f"DSEResult(best_params={self['best_params']!r}, "
            f"best_objective={self['best_objective']!r}, survivors={self.get('survivors')})"
        )


class _DSE:
    """Declarative design-space exploration: ``DSE(space, objective, constraints=None)``, then
    ``search(evaluator)``. ``space`` maps parameter names to candidate lists (the full product,
    last key fastest); ``objective`` is ``"minimize: <metric path>"`` (or a list of them: the
    first ranks, all give the Pareto front); constraints are ``"<path> <op> <threshold>"``.
    ``DSE().solve(space=..., objective=..., evaluator={...})`` is the catalog entry (the spec
    ``mlsysim solve DSE`` reads, its JSON answer as a result object)."""

    def __init__(self, space=None, objective=None, constraints=None):
        if space is None and objective is None and constraints is None:
            self.space = None  # the catalog entry only: solve(...)
            return
        if objective is None:
            raise ValueError("objective: required (e.g. 'minimize: latency')")
        if not isinstance(space, dict) or not space:
            raise ValueError("space: expected a non-empty mapping of parameter name -> list")
        for k, v in space.items():
            if not isinstance(v, (list, tuple)):
                raise ValueError(f"space.{k}: expected a list of candidates, got {v!r}")
            if len(v) == 0:
                raise ValueError(f"space.{k}: the list of candidates is empty")
        self.space = {k: list(v) for k, v in space.items()}
        self.objectives = list(objective) if isinstance(objective, (list, tuple)) else [objective]
        if not self.objectives:
            raise ValueError("objective: expected a string or a non-empty list of strings")
        self._parsed = [_parse_objective(o) for o in self.objectives]
        self.objective = objective
        self.constraints = list(constraints or [])
        for c in self.constraints:
            if not isinstance(c, str):
                raise ValueError(f"constraints: expected strings, got {c!r}")

    def __repr__(self):
        if self.space is None:
            return "DSE()"
        return f"DSE(space={list(self.space)}, objective={self.objective!r})"

    # -------------------------------------------------------------- the spec the C++ engine reads

    def _evaluator_spec(self, evaluator, fixed):
        """{resolver|pipeline, fixed} for a C++-side evaluator, or None for a Python function."""
        fixed = dict(fixed or {})
        if isinstance(evaluator, functools.partial) and not evaluator.args:
            inner = self._evaluator_spec(evaluator.func, None)
            if inner is not None:
                inner_fixed = dict(evaluator.keywords)
                inner_fixed.update(fixed)
                return dict(inner, fixed=inner_fixed)
            return None
        if isinstance(evaluator, Pipeline):
            return {"pipeline": list(evaluator.stages), "fixed": fixed}
        name = None
        if isinstance(evaluator, type) and getattr(evaluator, "name", None) in _resolver_classes:
            name = evaluator.name
        elif type(evaluator).__name__ in _resolver_classes and hasattr(evaluator, "solve"):
            name = type(evaluator).name
        elif callable(evaluator):
            qual = getattr(evaluator, "__qualname__", "")
            if qual.endswith(".solve") and qual[: -len(".solve")] in _resolver_classes:
                name = qual[: -len(".solve")]
        if name is None:
            return None
        if name == "DSE":
            raise ValueError("evaluator: a DSE cannot evaluate the points of another DSE")
        return {"resolver": name, "fixed": fixed}

    def _spec(self, evaluator_spec, space, top):
        ev = dict(evaluator_spec)
        ev["fixed"] = {k: _to_input(v) for k, v in ev["fixed"].items()}
        return {
            "space": {k: [_to_input(v) for v in vs] for k, vs in space.items()},
            "objective": self.objectives if len(self.objectives) > 1 else self.objectives[0],
            "constraints": self.constraints,
            "evaluator": ev,
            "top": top,
        }

    # -------------------------------------------------------------- search

    def search(self, evaluator, fixed=None, top=5, client=None, chunks=None):
        """Evaluates every point of the space and ranks the survivors.

        ``evaluator``: a resolver class or instance (``Engine``, ``ServingModel()``, ...),
        ``SystemEvaluator``, a ``Pipeline([...])``, ``functools.partial(X.solve, **fixed)``, or
        any Python function ``f(params) -> result``. ``fixed``: inputs given to every point (a
        parameter of the space wins). ``top``: how many ranked candidates to return.
        ``client``: a dask.distributed Client; the space is split on its first parameter(s) into
        about ``chunks`` sub-spaces (default: twice the workers) searched on the workers."""
        if self.space is None:
            raise ValueError("search: this DSE has no space; use DSE(space, objective, "
                             "constraints=None).search(evaluator)")
        if not isinstance(top, int) or isinstance(top, bool) or top < 1:
            raise ValueError(f"top: expected an integer >= 1, got {top!r}")
        ev = self._evaluator_spec(evaluator, fixed)
        if ev is None:
            if not callable(evaluator):
                raise ValueError(
                    "evaluator: expected a resolver (class or instance), SystemEvaluator, a "
                    f"Pipeline or a function f(params) -> result, got {evaluator!r}")
            if client is not None:
                raise ValueError(
                    "client: a distributed search needs a resolver, Engine, SystemEvaluator or "
                    "Pipeline evaluator (a Python function runs here, point by point)"
                )
            if fixed:
                raise ValueError("fixed: only for a resolver or Pipeline evaluator")
            return self._search_python(evaluator, top)
        if client is None:
            raw = _decode(_core.dse_search(json.dumps(self._spec(ev, self.space, top)),
                                           active().core, 0))
            if "error" in raw:
                _raise_search(raw)
            out = raw["outputs"]
        else:
            out = self._search_dask(ev, top, client, chunks)
        return self._result(out, ev)

    def _parts(self, chunks):
        """The space cut into about ``chunks`` sub-spaces, contiguous in enumeration order: split
        on the first parameter, and on the next ones too when the first has too few values.
        Yields (sub-space, global index of its first point, size)."""
        names = list(self.space)
        radix = [len(self.space[n]) for n in names]
        d, prod = 0, radix[0]
        while prod < chunks and d + 1 < len(names):
            d += 1
            prod *= radix[d]
        prefixes = prod // radix[d]
        slices = max(1, min(radix[d], -(-chunks // prefixes)))
        inner = math.prod(radix[d + 1:])
        bounds = [round(i * radix[d] / slices) for i in range(slices + 1)]
        for p_index, digits in enumerate(itertools.product(*(range(r) for r in radix[:d]))):
            for lo, hi in zip(bounds, bounds[1:]):
                sub = {}
                for n, r in zip(names[:d], digits):
                    sub[n] = [self.space[n][r]]
                sub[names[d]] = self.space[names[d]][lo:hi]
                for n in names[d + 1:]:
                    sub[n] = self.space[n]
                yield sub, (p_index * radix[d] + lo) * inner, (hi - lo) * inner

    def _search_dask(self, ev, top, client, chunks):
        if chunks is None:
            try:
                n_workers = len(client.scheduler_info().get("workers", {})) or 1
            except Exception:  # noqa: BLE001 - any client-like object
                n_workers = 1
            chunks = 2 * n_workers
        if not isinstance(chunks, int) or isinstance(chunks, bool) or chunks < 1:
            raise ValueError(f"chunks: expected an integer >= 1, got {chunks!r}")
        parts = list(self._parts(chunks))
        paths = active_paths()
        futures = [client.submit(_search_part, json.dumps(self._spec(ev, sub, top)), paths,
                                 pure=False) for sub, _, _ in parts]
        answers = client.gather(futures)
        return _merge([(_decode(a), offset, size) for a, (_, offset, size) in zip(answers, parts)],
                      self._parsed, self.space, top)

    def _result(self, out, ev):
        names = list(self.space)
        radix = [len(self.space[k]) for k in names]

        def params_of(index):
            digits = []
            for r in reversed(radix):
                digits.append(index % r)
                index //= r
            digits.reverse()
            return {k: self.space[k][d] for k, d in zip(names, digits)}

        evaluate = _evaluate_fn(ev)
        best_result = _wrap_result(ev, out["best_result"])
        top_candidates = []
        for rank, (c, index) in enumerate(zip(out["top_candidates"], out["top_index"])):
            params = params_of(index)
            item = {"params": params, "objective_value": _num(c["objective_value"])}
            if "objective_values" in c:
                item["objective_values"] = [_num(v) for v in c["objective_values"]]
            item["result"] = best_result if rank == 0 else _Lazy(evaluate, params)
            top_candidates.append(item)
        res = DSEResult(
            best_params=top_candidates[0]["params"],
            best_objective=_num(out["best_objective"]),
            best_result=best_result,
            top_candidates=_CandidateList(top_candidates),
        )
        if "pareto_front" in out:
            res["pareto_front"] = [
                {"params": params_of(index),
                 "objective_values": [_num(v) for v in c["objective_values"]]}
                for c, index in zip(out["pareto_front"], out["front_index"])
            ]
        for k in ("objectives", "points", "failed", "filtered", "survivors", "diagnostics"):
            res[k] = out[k]
        res["n_top"] = len(top_candidates)
        return res

    def _search_python(self, fn, top):
        names = list(self.space)
        parsed = self._parsed
        first_dir = parsed[0][0]
        checks = []
        diagnostics = []
        for c in self.constraints:
            parts = c.split()
            if len(parts) != 3:
                checks.append(None)  # rejects every candidate, as the reference's handler does
                diagnostics.append(f"constraint '{c}' is not '<path> <op> <threshold>': every "
                                   f"candidate fails it")
                continue
            try:
                threshold = float(parts[2])
            except ValueError:
                diagnostics.append(f"constraint '{c}': the threshold is not a number; ignored")
                continue
            checks.append((parts[0], _OPS.get(parts[1]), threshold))
        survivors = []
        failed = filtered = points = 0
        first_error = None
        for index, values in enumerate(itertools.product(*(self.space[n] for n in names))):
            points += 1
            params = dict(zip(names, values))
            try:
                result = fn(params)
            except Exception as e:  # noqa: BLE001 - the reference skips any failing point
                failed += 1
                if first_error is None:
                    first_error = f"{type(e).__name__}: {e}"
                continue
            feas = getattr(result, "feasibility", None) if not isinstance(result, dict) else None
            if feas is not None and getattr(feas, "status", "PASS") != "PASS":
                filtered += 1
                continue
            objs = [_metric(result, m, d) for d, m in parsed]
            ok = True
            for chk in checks:
                if chk is None:
                    ok = False
                    break
                path, op, threshold = chk
                if op is not None and not op(_metric(result, path, first_dir), threshold):
                    ok = False
                    break
            if not ok:
                filtered += 1
                continue
            survivors.append((index, params, objs, result))
        if failed:
            diagnostics.append(f"{failed} of {points} candidates failed to evaluate and were "
                               f"skipped (first: {first_error})")
        if not survivors:
            raise ValueError("No valid configurations found in the search space."
                             + "".join("\n  " + d for d in diagnostics))
        ranked = sorted(survivors, key=lambda s: (_key(first_dir, s[2][0]), s[0]))
        top_candidates = []
        for s in ranked[:top]:
            item = {"params": s[1], "objective_value": s[2][0]}
            if len(parsed) > 1:
                item["objective_values"] = list(s[2])
            item["result"] = s[3]
            top_candidates.append(item)
        res = DSEResult(
            best_params=ranked[0][1],
            best_objective=ranked[0][2][0],
            best_result=ranked[0][3],
            top_candidates=top_candidates,
        )
        if len(parsed) > 1:
            front = _front([(s[0], s[2], s[1]) for s in survivors], parsed)
            res["pareto_front"] = [{"params": p, "objective_values": list(o)} for _, o, p in front]
        res.update(objectives=list(self.objectives), points=points, failed=failed,
                   filtered=filtered, survivors=len(survivors), diagnostics=diagnostics,
                   n_top=len(top_candidates))
        return res


class _Lazy:
    """A top candidate's result, evaluated on first use (the engine keeps only the best's)."""

    __slots__ = ("fn", "params", "value")

    def __init__(self, fn, params):
        self.fn, self.params, self.value = fn, params, None

    def get(self):
        if self.value is None:
            self.value = self.fn(self.params)
        return self.value


class _CandidateList(list):
    """Top candidates whose ``result`` is computed when read."""

    def __getitem__(self, i):
        item = super().__getitem__(i)
        if isinstance(i, slice):
            return [self._resolve(x) for x in item]
        return self._resolve(item)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    @staticmethod
    def _resolve(item):
        if isinstance(item.get("result"), _Lazy):
            item["result"] = item["result"].get()
        return item


def _num(v):
    return float(v) if isinstance(v, str) else v


def _decode(text):
    return json.loads(text)


def _raise_search(raw):
    err = raw["error"]
    if err.get("code", "").startswith("infeasible.no_valid"):
        notes = raw.get("diagnostics") or []
        msg = err["message"] + ("".join("\n  " + d for d in notes))
        raise ValueError(msg)
    _raise(err)


_worker_registries = {}


def _search_part(spec_json, paths):
    """One sub-space on a Dask worker: the C++ engine, one thread (the worker's)."""
    key = tuple(paths)
    reg = _worker_registries.get(key)
    if reg is None:
        reg = _core.Registry.from_environment(list(paths))
        _worker_registries[key] = reg
    return _core.dse_search(spec_json, reg, 1)


def _front(entries, parsed):
    """Non-dominated (index, objs, payload) entries, deduplicated (first index stays), ordered by
    the objectives then index — the C++ engine's rule."""
    dirs = [d for d, _ in parsed]

    def covers(a, b):
        return all(_key(d, x) <= _key(d, y) for d, x, y in zip(dirs, a, b))

    front = []
    for e in sorted(entries, key=lambda e: e[0]):
        if any(covers(q[1], e[1]) for q in front):
            continue
        front = [q for q in front if not covers(e[1], q[1])]
        front.append(e)
    front.sort(key=lambda e: (tuple(_key(d, x) for d, x in zip(dirs, e[1])), e[0]))
    return front


_FAILED = "candidates failed to evaluate and were skipped"


def _merge(parts, parsed, space, top):
    """The outputs of sub-space searches (decoded, global index offset, size) as one search."""
    first_dir = parsed[0][0]
    tops, fronts = [], []
    best = None
    counts = {"points": 0, "failed": 0, "filtered": 0, "survivors": 0}
    diagnostics, worst, first_error = [], {}, None
    no_valid = None
    for raw, offset, size in parts:
        if "error" in raw:
            if not raw["error"].get("code", "").startswith("infeasible.no_valid"):
                _raise_search(raw)
            no_valid = raw
            out = {"points": size, "survivors": 0, "diagnostics": raw.get("diagnostics", [])}
        else:
            out = raw["outputs"]
        counts["points"] += size
        counts["survivors"] += out["survivors"]
        part_failed = 0
        for d in out["diagnostics"]:
            if _FAILED in d:
                part_failed = int(d.split(" ", 1)[0])
                if first_error is None and "(first: " in d:
                    first_error = d[d.index("(first: ") + 8: -1]
            elif " had no value on " in d:
                metric, rest = d.split(" had no value on ", 1)
                n = int(rest.split(" ", 1)[0])
                tail = rest.split("read the worst value ", 1)[1]
                prev = worst.get(metric, (0, tail))
                worst[metric] = (prev[0] + n, tail)
            elif d not in diagnostics:
                diagnostics.append(d)
        counts["failed"] += part_failed
        if "error" in raw:
            counts["filtered"] += size - part_failed
            continue
        counts["filtered"] += out["filtered"]
        for rank, (c, index) in enumerate(zip(out["top_candidates"], out["top_index"])):
            g = offset + index
            entry = (_key(first_dir, _num(c["objective_value"])), g, c)
            tops.append(entry)
            if rank == 0 and (best is None or entry[:2] < best[0][:2]):
                best = (entry, out["best_result"])
        for c, index in zip(out.get("pareto_front", []), out.get("front_index", [])):
            fronts.append((offset + index, [_num(v) for v in c["objective_values"]], c))
    for metric, (n, tail) in worst.items():
        diagnostics.append(f"{metric} had no value on {n} candidate{'' if n == 1 else 's'}; "
                           f"{'it' if n == 1 else 'they'} read the worst value {tail}")
    if counts["failed"]:
        diagnostics.append(
            f"{counts['failed']} of {counts['points']} {_FAILED}"
            + (f" (first: {first_error})" if first_error else "")
        )
    if counts["survivors"] == 0:
        raise ValueError(
            no_valid["error"]["message"] + "".join("\n  " + d for d in diagnostics)
        )
    tops.sort(key=lambda e: e[:2])
    tops = tops[:top]
    out = {
        "best_params": tops[0][2]["params"],
        "best_objective": tops[0][2]["objective_value"],
        "best_result": best[1],
        "top_candidates": [e[2] for e in tops],
        "top_index": [e[1] for e in tops],
        "n_top": len(tops),
        "objectives": [o for o in (parts_objectives(parts))],
    }
    if len(parsed) > 1:
        front = _front(fronts, parsed)
        out["pareto_front"] = [e[2] for e in front]
        out["front_index"] = [e[0] for e in front]
    out.update(counts)
    out["diagnostics"] = diagnostics
    return out


def parts_objectives(parts):
    for raw, _, _ in parts:
        if "outputs" in raw:
            return raw["outputs"]["objectives"]
    return []


# ------------------------------------------------------------------ evaluators' results ---


def _evaluate_fn(ev):
    if "pipeline" in ev:
        p = Pipeline(ev["pipeline"])
        return lambda params: p.run(**dict(ev["fixed"], **params))
    cls = _resolver_classes[ev["resolver"]]
    return lambda params: cls.solve(**dict(ev["fixed"], **params))


def _wrap_result(ev, raw):
    if "pipeline" in ev:
        return {name: _resolver_classes[name]._result_class(raw[name]) for name in ev["pipeline"]}
    return _resolver_classes[ev["resolver"]]._result_class(raw)


# ------------------------------------------------------------------ Pipeline ---


class Pipeline:
    """Resolvers chained by name: ``Pipeline([SingleNodeModel(), EconomicsModel()])``. ``run``
    hands each stage the accumulated inputs it names, then every field of its result, and
    returns ``{stage name: result}``."""

    def __init__(self, resolvers, name="Pipeline"):
        stages = []
        for r in list(resolvers):
            if isinstance(r, str):
                stages.append(r)
            elif isinstance(r, type):
                stages.append(getattr(r, "name", None) or r.__name__)
            else:
                stages.append(getattr(type(r), "name", None) or type(r).__name__)
        self.stages = stages
        self.name = name
        self._repr, self._explain = _core.pipeline_text(stages)

    def __len__(self):
        return len(self.stages)

    def __repr__(self):
        return self._repr

    def explain(self):
        """The stages with their walls, requirements, results and the inputs to supply; the flow
        and the domains (the text, also printed)."""
        print(self._explain)
        return self._explain

    def run(self, callbacks=None, **kwargs):
        """Runs every stage; returns {stage name: result}. ``callbacks``: objects with
        ``on_stage_end(stage_name, result)``, called after each stage in order."""
        payload = {k: _to_input(v) for k, v in kwargs.items()}
        raw = _decode(_core.pipeline_run(self.stages, json.dumps(payload), active().core))
        if "error" in raw:
            _raise(raw["error"])
        out = {}
        for name in self.stages:
            out[name] = _resolver_classes[name]._result_class(raw["outputs"][name])
            for cb in callbacks or ():
                cb.on_stage_end(name, out[name])
        return out


# ------------------------------------------------------------------ SystemEvaluator ---


class EvaluationLevel:
    """One level of a SystemEvaluation: ``level_name``, ``status`` (PASS, FAIL, WARNING or
    SKIPPED), ``summary`` (one line) and ``metrics`` (name -> float)."""

    __slots__ = ("level_name", "status", "summary", "metrics")

    def __init__(self, raw):
        self.level_name = raw["level_name"]
        self.status = raw["status"]
        self.summary = raw["summary"]
        self.metrics = {k: float(_num(v)) for k, v in raw["metrics"].items()}

    def __repr__(self):
        return (f"EvaluationLevel(level_name={self.level_name!r}, status={self.status!r}, "
                f"summary={self.summary!r}, metrics={self.metrics!r})")

    def __eq__(self, other):
        return isinstance(other, EvaluationLevel) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None


_LEVELS = ("feasibility", "performance", "macro")


class SystemEvaluation(Result):
    """SystemEvaluator's answer: ``scenario_name``, the levels ``feasibility``, ``performance``,
    ``macro`` (each ``level_name``, ``status``, ``summary``, ``metrics``), ``passed_all``,
    ``to_dict()`` flattened with the prefixes f_/p_/m_ and ``scorecard()``."""

    __slots__ = ()

    def __getattr__(self, name):
        if name in _LEVELS and name in self._raw:
            cache = self._cache
            if name not in cache:
                cache[name] = EvaluationLevel(self._raw[name])
            return cache[name]
        return Result.__getattr__(self, name)

    def to_dict(self):
        out = {"scenario": self._raw["scenario_name"]}
        for prefix, name in (("f", "feasibility"), ("p", "performance"), ("m", "macro")):
            level = self._raw[name]
            out[f"{prefix}_status"] = level["status"]
            out[f"{prefix}_summary"] = level["summary"]
            for k, v in level["metrics"].items():
                out[f"{prefix}_{k}"] = _num(v)
        return out

    def scorecard(self):
        """The box-drawn scorecard text."""
        lines = [f"SYSTEM EVALUATION: {self._raw['scenario_name']}", ""]
        for name in ("feasibility", "performance", "macro"):
            level = self._raw[name]
            lines.append(f"[{level['status']}] {level['level_name']}: {level['summary']}")
            for k, v in level["metrics"].items():
                lines.append(f"    {k:<20} {_num(v):.6g}")
        lines.append("")
        lines.append(f"Overall: {'PASSED' if self._raw['passed_all'] else 'FAILED'}")
        width = max(len(s) for s in lines)
        out = "╔" + "═" * (width + 2) + "╗\n"
        for s in lines:
            if not s:
                out += "╟" + "─" * (width + 2) + "╢\n"
            else:
                out += "║ " + s + " " * (width - len(s)) + " ║\n"
        return out + "╚" + "═" * (width + 2) + "╝\n"


def _evaluate(scenario_name, model_obj, hardware_obj, batch_size, precision, efficiency,
              fleet_obj=None, nodes=1, duration_days=None):
    """SystemEvaluator.evaluate (spec §17.2): the scenario judged at three levels."""
    cls = _resolver_classes["SystemEvaluator"]
    kw = dict(scenario_name=scenario_name, model_obj=model_obj, hardware_obj=hardware_obj,
              batch_size=batch_size, precision=precision, efficiency=efficiency, nodes=nodes)
    if fleet_obj is not None:
        kw["fleet_obj"] = fleet_obj
    if duration_days is not None:
        kw["duration_days"] = duration_days
    return cls.solve(**kw)


def install(ns, classes):
    """Adds DSE, Pipeline and SystemEvaluator's extras to the package namespace ``ns``."""
    _resolver_classes.update(classes)
    se = classes.get("SystemEvaluator")
    if se is not None:
        base = se._result_class
        evaluation = type(
            base.__name__, (SystemEvaluation, base), {"__slots__": (), "__module__": "mlsysim",
                                                      "__doc__": SystemEvaluation.__doc__})
        se._result_class = evaluation
        se.Result = evaluation
        se.evaluate = staticmethod(_evaluate)
        ns["SystemEvaluation"] = evaluation
    ns["DSEResult"] = DSEResult
    ns["Pipeline"] = Pipeline
    base = classes.get("DSE")
    if base is not None:
        # The catalog's DSE class (solve, schema, sweep) with the original's constructor and
        # search: one class, so mlsysim.DSE is mlsysim.resolvers["DSE"].
        dse = type("DSE", (_DSE, base), {"__doc__": _DSE.__doc__, "__module__": "mlsysim"})
        classes["DSE"] = dse
        ns["DSE"] = dse
    else:
        ns["DSE"] = _DSE
