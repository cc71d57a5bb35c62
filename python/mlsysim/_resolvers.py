"""Every resolver of the C++ catalog as a Python class with the original's calling convention:
``ServingModel().solve(model=..., hardware=..., seq_len=2048)``. Classes, signatures and
docstrings are generated from the catalog's descriptions (the ones `mlsysim schema` prints);
nothing here is written per resolver, so a resolver added to the catalog appears by itself.
"""
import inspect
import json
import warnings

from . import _core
from ._registry import Entity, Section, _plain, active
from ._units import is_quantity, quantity, to_core

_loads = json.loads


class MlsysimError(Exception):
    """Base of the errors this package raises besides ValueError / KeyError / TypeError."""


class UnknownInputError(TypeError, ValueError):
    """An input name the resolver does not have (a TypeError in Python terms, and a ValueError
    like every other bad input)."""


class UnknownEntryError(KeyError):
    """A registry name that does not exist; the message lists the closest names."""

    def __str__(self):
        return self.args[0] if self.args else ""


class OOMError(MlsysimError, ValueError):
    """The model does not fit and the caller asked for errors (Engine.solve raise_errors)."""


def _raise(err):
    code = err.get("code", "")
    msg = err.get("message", "") or code
    if code == "input.unknown_entry":
        raise UnknownEntryError(msg)
    if code == "input.unknown_field":
        raise UnknownInputError(msg)
    if code.startswith("infeasible"):
        raise OOMError(msg)
    if code.startswith("input") or code.startswith("registry"):
        raise ValueError(msg)
    raise MlsysimError(msg)


def _to_input(v):
    if isinstance(v, Entity):
        return v._path or v._reference()
    if isinstance(v, float):
        return v
    if is_quantity(v):
        return to_core(v)
    if isinstance(v, (list, tuple)):
        return [_to_input(x) for x in v]
    if isinstance(v, (dict, Section)):
        return _plain(v)
    if hasattr(v, "item") and hasattr(v, "dtype"):  # numpy scalar
        return _to_input(v.item())
    return v


def _convert(raw, kind):
    """One output value from the core's JSON to what the original returns."""
    if isinstance(raw, dict):
        if "value" in raw and "unit" in raw and len(raw) == 2:
            return quantity(raw["value"], raw["unit"])
        if kind == "map of numbers":
            return {k: (float(x) if isinstance(x, str) else x) for k, x in raw.items()}
        return Result._nested(raw)
    if isinstance(raw, str) and kind in ("number", "int", "quantity") and raw in ("inf", "-inf", "nan"):
        return float(raw)
    if isinstance(raw, list):
        return [_convert(x, "") for x in raw]
    return raw


class Result:
    """A resolver's answer: the original's attribute names (quantities where the original has
    quantities), ``result["ttft"]``, ``to_dict()``, a readable repr and an HTML table in
    notebooks. Values are turned into Python objects on first access."""

    __slots__ = ("_raw", "_cache")
    _fields = ()  # (name, type, unit, doc) of each output
    _kinds = {}

    def __init__(self, raw):
        self._raw = raw
        self._cache = {}

    @classmethod
    def _nested(cls, raw):
        r = object.__new__(Result)
        r._raw = raw
        r._cache = {}
        return r

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        cache = self._cache
        if name in cache:
            return cache[name]
        try:
            raw = self._raw[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no attribute {name!r}; it has {list(self._raw)}"
            ) from None
        v = _convert(raw, self._kinds.get(name, ""))
        cache[name] = v
        return v

    def __getitem__(self, name):
        if name not in self._raw:
            raise KeyError(name)
        return getattr(self, name)

    def __contains__(self, name):
        return name in self._raw

    def keys(self):
        return list(self._raw)

    def __iter__(self):
        return iter(self._raw)

    def __dir__(self):
        return sorted(set(self._raw) | set(super().__dir__()))

    def __eq__(self, other):
        return isinstance(other, Result) and self._raw == other._raw

    __hash__ = None

    def to_dict(self):
        """Every output as a Python value (quantities as pint quantities, nested results as
        dicts)."""
        out = {}
        for k in self._raw:
            v = getattr(self, k)
            out[k] = v.to_dict() if isinstance(v, Result) else v
        return out

    def to_json(self):
        """The outputs as the core writes them (quantities as {"value", "unit"})."""
        return self._raw

    def __repr__(self):
        parts = []
        for k in self._raw:
            v = getattr(self, k)
            parts.append(f"{k}={_short_repr(v)}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_html_(self):
        import html

        docs = {f[0]: f[3] for f in self._fields}
        rows = "".join(
            f"<tr><td><code>{html.escape(k)}</code></td><td>{html.escape(_text(getattr(self, k)))}"
            f"</td><td>{html.escape(docs.get(k, ''))}</td></tr>"
            for k in self._raw
        )
        return (
            f"<table><caption>{html.escape(type(self).__name__)}</caption>"
            f"<tr><th>output</th><th>value</th><th>meaning</th></tr>{rows}</table>"
        )

    def summary(self):
        """One line per output, for humans."""
        return "\n".join(f"{k}: {_text(getattr(self, k))}" for k in self._raw)


def _short_repr(v):
    if is_quantity(v):
        return f"<Quantity({v.magnitude:.8g}, '{v.units:D}')>"
    return repr(v)


def _text(v):
    if is_quantity(v):
        return f"{v:~P}"
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, list):
        return "; ".join(_text(x) for x in v)
    if isinstance(v, Result):
        return ", ".join(f"{k}={_text(getattr(v, k))}" for k in v._raw)
    return str(v)


class ResultList(list):
    """A list of results (a sweep) that turns into a pandas DataFrame."""

    def to_dataframe(self, magnitudes=False):
        """One row per result; columns are the inputs that varied and every scalar output.
        Quantities stay pint quantities unless ``magnitudes`` (then one float column per
        output, named with its unit: ``latency [ms]``)."""
        import pandas as pd

        rows = []
        for item in self:
            row = {}
            if isinstance(item, dict):
                for k, v in item.items():
                    if isinstance(v, Result):
                        row.update(_flat(v, magnitudes))
                    else:
                        row[k] = str(v) if isinstance(v, Entity) else v
            else:
                row.update(_flat(item, magnitudes))
            rows.append(row)
        return pd.DataFrame(rows)


def _flat(result, magnitudes):
    out = {}
    for k in result._raw:
        v = getattr(result, k)
        if isinstance(v, (list, Result, dict)):
            continue
        if magnitudes and is_quantity(v):
            out[f"{k} [{v.units:~P}]"] = float(v.magnitude)
        else:
            out[k] = v
    return out


# ------------------------------------------------------------------------ class generation -------


class Resolver:
    """Base of every resolver class. ``solve`` works on the class and on an instance, as in the
    original (``Engine.solve(...)``, ``ServingModel().solve(...)``)."""

    name = None
    _core = None
    _inputs = ()
    _result_class = Result

    def __repr__(self):
        return f"{type(self).__name__}()"

    @classmethod
    def sweep(cls, over, **fixed):
        """Solves over the Cartesian product of ``over`` (input name -> list of values, varied in
        the order given, the last fastest) with the other inputs ``fixed``. Returns a ResultList
        of ``{<varied inputs>..., "result": result}``; ``.to_dataframe()`` gives one row each.

            ServingModel.sweep({"hardware": [Hardware.H100, Hardware.A100],
                                "batch_size": [1, 8]}, model=Models.Language.Llama3_8B,
                               seq_len=2048).to_dataframe()
        """
        import itertools

        names = list(over)
        out = ResultList()
        for values in itertools.product(*(over[n] for n in names)):
            point = dict(zip(names, values))
            row = {n: (str(v) if isinstance(v, Entity) else v) for n, v in point.items()}
            row["result"] = _solve_core(cls, dict(fixed, **point))
            out.append(row)
        return out

    @classmethod
    def schema(cls):
        """The inputs and outputs as `mlsysim schema` prints them (a dict)."""
        return _loads(cls._core.info()["schema_json"])


def _core_for(cls, fidelity):
    """The catalog entry at `fidelity`: realistic falls back to faithful with a warning when the
    resolver has no realistic variant yet (as `--fidelity realistic` notes on stderr)."""
    if fidelity == "faithful":
        return cls._core
    if fidelity != "realistic":
        raise ValueError(f"fidelity must be 'faithful' or 'realistic', got {fidelity!r}")
    core = _core.realistic_resolver(cls.name)
    if core is None:
        warnings.warn(f"{cls.name} has no realistic variant yet; it runs the faithful model",
                      stacklevel=3)
        return cls._core
    return core


def _solve_core(cls, kwargs, fidelity="faithful"):
    payload = {}
    for k, v in kwargs.items():
        t = type(v)
        payload[k] = v if t is int or t is str or t is bool else _to_input(v)
    out = _core_for(cls, fidelity).solve(payload, active().core)
    try:
        return cls._result_class(out["outputs"])
    except KeyError:
        _raise(out.get("error", {}))


def _default(f):
    text = f["default_json"]
    if f["required"]:
        return inspect.Parameter.empty
    try:
        v = _loads(text)
    except ValueError:
        return text
    return _convert(v, f["type"]) if v is not None else None


def _field_doc(f):
    unit = f" [{f['unit']}]" if f["unit"] else ""
    rng = []
    if f["min"] is not None:
        rng.append(f"{'>' if f['min_open'] else '>='} {f['min']:g}")
    if f["max"] is not None:
        rng.append(f"{'<' if f['max_open'] else '<='} {f['max']:g}")
    default = "required" if f["required"] else f"default {f['default_json']}"
    extra = f"; {', '.join(rng)}" if rng else ""
    return f"    {f['name']} ({f['type']}{unit}; {default}{extra})\n        {f['doc']}"


def make_resolver_class(core_resolver):
    """The Python class of one catalog entry."""
    info = core_resolver.info()
    name = info["name"]
    inputs = info["inputs"]
    outputs = info["outputs"]

    result_cls = type(
        info["produces"] or f"{name}Result",
        (Result,),
        {
            "__slots__": (),
            "_fields": tuple((o["name"], o["type"], o["unit"], o["doc"]) for o in outputs),
            "_kinds": {o["name"]: o["type"] for o in outputs},
            "__doc__": f"The result of {name}.solve.\n\nOutputs:\n"
            + "\n".join(_field_doc(o).replace("; default null", "") for o in outputs),
        },
    )

    params = [
        inspect.Parameter(f["name"], inspect.Parameter.POSITIONAL_OR_KEYWORD, default=_default(f))
        for f in inputs
    ]
    # Required inputs may follow optional ones in the original's order; Python signatures need
    # them keyword-only after the first default.
    seen_default = False
    fixed = []
    for p in params:
        if p.default is not inspect.Parameter.empty:
            seen_default = True
        elif seen_default:
            p = p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        fixed.append(p)
    pos = [p for p in fixed if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    kwonly = [p for p in fixed if p.kind is inspect.Parameter.KEYWORD_ONLY]
    # `fidelity=` picks the physics; a resolver that takes `fidelity` as an input of its own (the
    # DSE spec) receives it as that input instead.
    fidelity_is_input = any(f["name"] == "fidelity" for f in inputs)
    extra = [] if fidelity_is_input else [
        inspect.Parameter("fidelity", inspect.Parameter.KEYWORD_ONLY, default="faithful")]
    signature = inspect.Signature(pos + kwonly + extra)
    positional_names = [p.name for p in pos]

    doc = (
        f"{info['summary']}\n\n"
        f"Inputs (the original's keyword names; quantities take pint quantities or strings such "
        f"as '50 ms'):\n" + "\n".join(_field_doc(f) for f in inputs) + "\n\n"
        f"  fidelity: 'faithful' (default, the original's physics) or 'realistic' (achieved "
        f"ceilings, calibrated; docs/realistic.md)\n\n"
        f"Returns {result_cls.__name__}; bad input raises ValueError (unknown registry names: "
        f"KeyError) with the message the command line prints."
    )

    cls = type(
        name,
        (Resolver,),
        {
            "name": name,
            "_core": core_resolver,
            "_inputs": tuple(f["name"] for f in inputs),
            "_result_class": result_cls,
            "__doc__": f"{info['summary']}\n\n{info['type'].capitalize()} producing "
            f"{result_cls.__name__}. Call ``{name}().solve(...)``; see help({name}.solve).",
            "__module__": "mlsysim",
        },
    )

    def solve(*args, **kwargs):
        fidelity = "faithful" if fidelity_is_input else kwargs.pop("fidelity", "faithful")
        if args:
            if len(args) > len(positional_names):
                raise TypeError(
                    f"{name}.solve() takes at most {len(positional_names)} positional arguments"
                )
            for k, v in zip(positional_names, args):
                if k in kwargs:
                    raise TypeError(f"{name}.solve() got multiple values for argument '{k}'")
                kwargs[k] = v
        return _solve_core(cls, kwargs, fidelity)

    solve.__name__ = "solve"
    solve.__qualname__ = f"{name}.solve"
    solve.__doc__ = doc
    solve.__signature__ = signature
    cls.solve = staticmethod(solve)
    cls.Result = result_cls
    return cls


def build_all():
    """Every resolver class, in catalog order."""
    return [make_resolver_class(r) for r in _core.resolvers()]
