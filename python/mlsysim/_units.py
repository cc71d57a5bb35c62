"""The quantity system: one pint UnitRegistry with the original's definitions (spec §2.1).

Every physical value the package hands out is a pint Quantity of this registry; inputs may be
quantities of any pint registry (or strings such as "50 ms"), and are passed to the C++ core as
magnitude + unit text.
"""
import pint

ureg = pint.UnitRegistry()

_DEFINITIONS = [
    # compute: its own dimension, so FLOP/s cannot be added to B/s
    "flop = [compute] = FLOP = flops",
    "KFLOP = 1e3 * flop",
    # the original's named multiples (they print as "TFLOPs/s")
    "KFLOPs = 1e3 * flop",
    "MFLOPs = 1e6 * flop",
    "GFLOPs = 1e9 * flop",
    "TFLOPs = 1e12 * flop",
    "PFLOPs = 1e15 * flop",
    "EFLOPs = 1e18 * flop",
    "ZFLOPs = 1e21 * flop",
    "FLOPS = flop / second",
    "op = flop = OP = ops",
    "OPS = flop / second",
    "KOPS = 1e3 * OPS",
    # data sizes (decimal K is not a pint prefix)
    "KB = 1e3 * byte",
    "Kb = 1e3 * bit",
    "Gbps = 1e9 * bit / second",
    "Mbps = 1e6 * bit / second",
    "Tbps = 1e12 * bit / second",
    # legacy uppercase times
    "MS = 1e-3 * second",
    "US = 1e-6 * second",
    "NS = 1e-9 * second",
    # money
    "USD = [currency] = dollar = usd",
    "EUR = USD",
    # counts
    "param = count = params = parameter",
    "Kparam = 1e3 * param",
    "Bparam = 1e9 * param",
    "token = count = tokens",
    "sample = count = samples",
    "request = count = requests",
    "query = count = queries",
    "job = count = jobs",
    "step = count = steps",
    # emissions
    "gCO2e = gram",
    "kgCO2e = kilogram",
    "tCO2e = 1000 * kilogram",
]
for _d in _DEFINITIONS:
    try:
        ureg.define(_d)
    except (pint.errors.RedefinitionError, ValueError):  # a pint that already knows the name
        pass

# The original prints quantities in pint's compact pretty form: "2428.1 ms", "0.32 TB/s".
try:
    ureg.formatter.default_format = "~P"
except AttributeError:  # pint < 0.24
    ureg.default_format = "~P"

_UNIT_FLAGS = frozenset("~PCDHL")
_pint_format = ureg.Quantity.__format__


def _format(self, spec):
    # A magnitude-only spec ("{q:.2f}") keeps the compact unit form: "0.32 TB/s" (spec §2.3).
    if spec and not (_UNIT_FLAGS & set(spec)):
        spec = spec + "~P"
    return _pint_format(self, spec)


ureg.Quantity.__format__ = _format  # this registry's Quantity class only

Q_ = ureg.Quantity
Quantity = ureg.Quantity

_UNITS = {}


def unit(text):
    """A cached pint Unit for a unit text the core writes ("ms", "GB/s", "" for none)."""
    u = _UNITS.get(text)
    if u is None:
        u = ureg.Unit(_pint_text(text)) if text else ureg.dimensionless
        _UNITS[text] = u
    return u


def _pint_text(text):
    return text.replace("·", "*").replace("^", "**")


def _make_slow(value, u):
    return Q_(value, u)


def _make_fast(value, u, _new=object.__new__, _cls=ureg.Quantity):
    # What pint's Quantity.__new__ ends with for a float magnitude and a parsed unit, without
    # re-validating both (results are made by the thousand in sweeps).
    q = _new(_cls)
    q._magnitude = value
    q._units = u._units
    return q


def _pick_maker():
    try:
        u = ureg.Unit("GB/s")
        a, b = _make_fast(2.5, u), Q_(2.5, u)
        if a == b and str(a) == str(b) and (a * 2).to("MB/s") == (b * 2).to("MB/s"):
            return _make_fast
    except Exception:  # noqa: BLE001 - a pint whose internals differ: use the public way
        pass
    return _make_slow


_make = _pick_maker()


def quantity(value, unit_text):
    """A Quantity from the core's {"value", "unit"} (non-finite values may arrive as strings)."""
    if type(value) is not float:
        value = float(value)
    return _make(value, unit(unit_text))


_PINT_QUANTITY = pint.Quantity


def is_quantity(v):
    """True for a pint Quantity of any registry."""
    if isinstance(v, _PINT_QUANTITY):
        return True
    return hasattr(v, "magnitude") and hasattr(v, "units") and hasattr(v, "to")


_TEXTS = {}


def unit_text(u):
    """The text of a pint unit that the C++ core parses ("GB/s", "TFLOP/s", "ms")."""
    if str(u) in ("dimensionless", ""):
        return ""
    try:
        return format(u, "~C")
    except (ValueError, TypeError):
        return str(u)


def to_core(v):
    """A quantity as the core's JSON {"value", "unit"}."""
    mag = v.magnitude
    try:
        mag = float(mag)
    except TypeError:
        raise ValueError(f"expected a scalar quantity, got {v!r}") from None
    try:
        key = (id(v._REGISTRY), v._units)  # units of different registries never compare
    except AttributeError:
        return {"value": mag, "unit": unit_text(v.units)}
    text = _TEXTS.get(key)
    if text is None:
        text = _TEXTS[key] = unit_text(v.units)
    return {"value": mag, "unit": text}

