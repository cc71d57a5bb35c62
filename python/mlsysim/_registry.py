"""The zoo in Python: namespaces with attribute access (``Hardware.Cloud.H100``) and entity
objects whose attributes read like the original's (``Hardware.Cloud.H100.memory.capacity`` is a
quantity). Entries come from the C++ registry (built-in zoo plus the user's YAML files), exported
once as JSON; users build their own entities with keyword constructors for what-if studies.
"""
import json

from . import _core
from ._units import is_quantity, quantity, to_core

# The ad-hoc input key the core reads for each entity type (docs/cli.md).
_AD_HOC_KEY = {
    "HardwareNode": "hardware",
    "Node": "node",
    "Fleet": "fleet",
    "NetworkFabric": "fabric",
    "Datacenter": "datacenter",
}


def _ad_hoc_key(type_name):
    if type_name in _AD_HOC_KEY:
        return _AD_HOC_KEY[type_name]
    if type_name.endswith("Workload"):
        return "workload"
    return None


_SKIP = ("path", "aliases", "source", "notes")


def _wrap(value):
    """A value of an exported entry as the user sees it."""
    if isinstance(value, dict):
        if "value" in value and "unit" in value:
            return quantity(value["value"], value["unit"])
        if "type" in value and "name" in value:
            return Entity._from_export(value)
        return Section(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _plain(value):
    """A user value as the core's JSON (quantities as {"value", "unit"})."""
    if is_quantity(value):
        return to_core(value)
    if isinstance(value, Entity):
        return value._reference()
    if isinstance(value, Section):
        return {k: _plain(v) for k, v in value._items() if v is not None}
    if isinstance(value, dict):
        if "value" in value and "unit" in value:  # an exported quantity (drops si_value)
            return {"value": value["value"], "unit": value["unit"]}
        if value.get("path") and "type" in value:  # a registry entry inside another one
            return value["path"]
        return {k: _plain(v) for k, v in value.items() if v is not None and k not in _SKIP}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Section:
    """A group of attributes inside an entity (``memory``, ``compute``, ...)."""

    __slots__ = ("_data", "_cache")

    def __init__(self, data=None, **fields):
        object.__setattr__(self, "_data", dict(data or {}, **fields))
        object.__setattr__(self, "_cache", {})

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        cache = self._cache
        if name in cache:
            return cache[name]
        try:
            raw = self._data[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no attribute {name!r}; it has {sorted(self._data)}"
            ) from None
        if is_quantity(raw) or isinstance(raw, (Entity, Section)):
            v = raw
        elif name in _SECTIONS and isinstance(raw, dict) and "type" not in raw:
            v = _SECTIONS[name](raw)
        else:
            v = _wrap(raw)
        cache[name] = v
        return v

    def __setattr__(self, name, value):
        raise AttributeError(
            f"{type(self).__name__} is immutable; use .model_copy(update={{...}}) for a variant"
        )

    def __getitem__(self, name):
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def __dir__(self):
        return sorted(set(self._data) | set(super().__dir__()))

    def _items(self):
        for k in self._data:
            yield k, getattr(self, k)

    def __eq__(self, other):
        return type(self) is type(other) and _plain(self) == _plain(other)

    def __hash__(self):
        return id(self)

    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in self._items() if v is not None)
        return f"{type(self).__name__}({inner})"

    def to_dict(self):
        """The fields as plain Python values (quantities stay quantities)."""
        out = {}
        for k, v in self._items():
            out[k] = v.to_dict() if isinstance(v, (Section, Entity)) else v
        return out


class Entity(Section):
    """A registry entry (hardware, model, fleet, ...) or one the user built.

    Built-in entries travel to the C++ core by name; user-built ones (or modified copies) as
    ad-hoc objects in the registry's schema.
    """

    __slots__ = ("_path",)
    type_name = None  # the registry's type ("HardwareNode", "TransformerWorkload", ...)

    def __init__(self, name=None, **fields):
        data = {"type": self.type_name or type(self).__name__}
        if name is not None:
            data["name"] = name
        data.update(fields)
        Section.__init__(self, data)
        object.__setattr__(self, "_path", None)

    @classmethod
    def _from_export(cls, data):
        sub = entity_class(data.get("type", "Entity"))
        e = object.__new__(sub)
        object.__setattr__(e, "_data", data)
        object.__setattr__(e, "_cache", {})
        object.__setattr__(e, "_path", data.get("path"))
        return e

    @property
    def path(self):
        """The registry path ("Hardware.Cloud.H100"), None for an entity built in Python."""
        return self._path

    def model_copy(self, update=None, **changes):
        """A copy with some fields changed (the original's pydantic ``model_copy``); nested
        sections may be given as dicts of the fields to change."""
        changes = dict(update or {}, **changes)
        data = {k: v for k, v in self._data.items() if k not in _SKIP}
        for k, v in changes.items():
            old = self._data.get(k)
            if isinstance(v, dict) and isinstance(old, dict) and not ("value" in old and "unit" in old):
                merged = dict(old)
                merged.update(v)
                v = merged
            data[k] = v
        e = object.__new__(type(self))
        object.__setattr__(e, "_data", data)
        object.__setattr__(e, "_cache", {})
        object.__setattr__(e, "_path", None)
        return e

    replace = model_copy

    def _reference(self):
        """What the core reads for this entity: its name, or an ad-hoc object."""
        if self._path is not None:
            return self._path
        key = _ad_hoc_key(self._data.get("type", ""))
        body = {k: _plain(v) for k, v in self._data.items() if k not in _SKIP and v is not None}
        if key is None:
            return body
        return {key: body}

    def __repr__(self):
        if self._path is not None:
            return f"<{type(self).__name__} {self._data.get('name', '')!r} ({self._path})>"
        return Section.__repr__(self)

    def __str__(self):
        return str(self._data.get("name", self._path or type(self).__name__))


_CLASSES = {}


def entity_class(type_name):
    """The Python class for a registry type name (created on first use)."""
    cls = _CLASSES.get(type_name)
    if cls is None:
        cls = type(type_name, (_base_for(type_name),), {"__slots__": (), "type_name": type_name})
        _CLASSES[type_name] = cls
    return cls


def _param_count(v):
    from ._units import Q_

    if v is None or is_quantity(v):
        return v
    if isinstance(v, dict):
        return quantity(v["value"], v["unit"])
    return Q_(float(v), "param")


class _WorkloadBase(Entity):
    """The workload family: ``parameters`` reads as a count quantity (``param``), as in the
    original."""

    __slots__ = ()

    @property
    def parameters(self):
        return _param_count(self._data.get("parameters"))

    @property
    def active_parameters(self):
        return _param_count(self._data.get("active_parameters"))


class _HardwareBase(Entity):
    __slots__ = ()

    def ridge_point(self):
        """peak_flops / memory.bandwidth (flop/byte), as the original's helper."""
        return (self.compute.peak_flops / self.memory.bandwidth).to("flop/B")


class _FleetBase(Entity):
    __slots__ = ()

    @property
    def total_accelerators(self):
        """count × accelerators_per_node."""
        return self.count * self.node.accelerators_per_node

    @property
    def effective_pue(self):
        """The datacenter's PUE, else the region's, else 1.12 (the original's PUE_BEST_AIR)."""
        dc = self._data.get("datacenter")
        if dc is not None:
            return self.datacenter.pue
        if self._data.get("region") is not None:
            return self.region.pue
        return 1.12


class _DatacenterBase(Entity):
    __slots__ = ()

    @property
    def pue(self):
        """pue_override or the grid's PUE."""
        o = self._data.get("pue_override")
        return o if o is not None else self.grid.pue


def _base_for(type_name):
    if type_name.endswith("Workload"):
        return _WorkloadBase
    return {"HardwareNode": _HardwareBase, "Fleet": _FleetBase,
            "Datacenter": _DatacenterBase}.get(type_name, Entity)


# The original's constructors for the entity types and their sections.
HardwareNode = entity_class("HardwareNode")
TransformerWorkload = entity_class("TransformerWorkload")
SparseTransformerWorkload = entity_class("SparseTransformerWorkload")
CNNWorkload = entity_class("CNNWorkload")
SSMWorkload = entity_class("SSMWorkload")
DiffusionWorkload = entity_class("DiffusionWorkload")
Workload = entity_class("Workload")
Node = entity_class("Node")
Fleet = entity_class("Fleet")
NetworkFabric = entity_class("NetworkFabric")
GridProfile = entity_class("GridProfile")
Datacenter = entity_class("Datacenter")
DeploymentTier = entity_class("DeploymentTier")
RackProfile = entity_class("RackProfile")


class ComputeCore(Section):
    __slots__ = ()


class MemoryHierarchy(Section):
    __slots__ = ()


class StorageHierarchy(Section):
    __slots__ = ()


class IOInterconnect(Section):
    __slots__ = ()


_SECTIONS = {
    "compute": ComputeCore,
    "memory": MemoryHierarchy,
    "storage": StorageHierarchy,
    "interconnect": IOInterconnect,
}


class Namespace:
    """A level of the zoo: ``Hardware``, ``Hardware.Cloud``, ... (tab completion lists entries)."""

    def __init__(self, path):
        self._path = path
        self._entries = {}

    def _add(self, parts, entity):
        head = parts[0]
        if len(parts) == 1:
            self._entries.setdefault(head, entity)
            return
        ns = self._entries.get(head)
        if not isinstance(ns, Namespace):
            ns = Namespace(f"{self._path}.{head}")
            self._entries[head] = ns
        ns._add(parts[1:], entity)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._entries[name]
        except KeyError:
            import difflib

            near = difflib.get_close_matches(name, list(self._entries), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise AttributeError(f"{self._path} has no entry '{name}'{hint}") from None

    def __getitem__(self, name):
        cur = self
        for part in name.split("."):
            try:
                cur = cur._entries[part]
            except (KeyError, AttributeError):
                raise KeyError(f"{self._path} has no entry '{name}'") from None
        return cur

    def __dir__(self):
        return sorted(self._entries) + ["list", "items"]

    def __iter__(self):
        return iter(self.list())

    def __contains__(self, name):
        return name in self._entries

    def list(self):
        """Every entity below this level (aliases not repeated)."""
        seen, out = set(), []

        def walk(ns):
            for v in ns._entries.values():
                if isinstance(v, Namespace):
                    walk(v)
                elif id(v) not in seen:
                    seen.add(id(v))
                    out.append(v)

        walk(self)
        return out

    def items(self):
        return list(self._entries.items())

    def __repr__(self):
        return f"<mlsysim namespace {self._path}: {', '.join(sorted(self._entries))}>"


class Zoo:
    """One registry (the built-in zoo, perhaps with user overlays) and its namespaces."""

    def __init__(self, core_registry, roots=None):
        self.core = core_registry
        self.roots = roots if roots is not None else {}
        for ns in self.roots.values():
            ns._entries.clear()
        self.by_path = {}
        for path, data in json.loads(core_registry.to_json()).items():
            entity = Entity._from_export(data)
            self.by_path[path] = entity
            for name in [path] + list(data.get("aliases", [])):
                parts = name.split(".")
                root = self.roots.setdefault(parts[0], Namespace(parts[0]))
                if len(parts) > 1:
                    root._add(parts[1:], entity)

    def namespace(self, root):
        return self.roots.setdefault(root, Namespace(root))

    def get(self, name):
        """An entry by full path, alias or short name (the core's rules)."""
        if name in self.by_path:
            return self.by_path[name]
        parts = name.split(".")
        if parts[0] in self.roots and len(parts) > 1:
            try:
                return self.roots[parts[0]][".".join(parts[1:])]
            except KeyError:
                pass
        hits = [e for p, e in self.by_path.items() if p.split(".")[-1] == name]
        if len(hits) == 1:
            return hits[0]
        raise KeyError(f"unknown registry entry '{name}'")


_active = None
_active_paths = []  # the overlays of load_registry (what a Dask worker reloads)


def active_paths():
    """The YAML paths load_registry added to the active zoo (after MLSYSIM_REGISTRY_PATH)."""
    return list(_active_paths)


def active():
    """The zoo resolvers read names from."""
    global _active
    if _active is None:
        _active = Zoo(_core.Registry.from_environment([]))
    return _active


def load_registry(*paths):
    """Adds the user's YAML files (directories searched recursively) to the built-in zoo, like the
    command line's ``--registry`` (after the directories in MLSYSIM_REGISTRY_PATH, as there);
    returns the new zoo and makes it the active one. Entries whose path already exists replace
    the built-in ones."""
    global _active
    global _active_paths
    _active_paths = [str(p) for p in paths]
    core = _core.Registry.from_environment(_active_paths)
    # The namespaces users imported (``from mlsysim import Hardware``) are refilled in place.
    _active = Zoo(core, active().roots)
    return _active


def import_model(path):
    """A model from a Hugging Face-style ``config.json`` on disk (Llama, Mistral/Mixtral, Qwen,
    DeepSeek-V2/V3, GPT-NeoX, Falcon), with its parameter counts computed from the shapes. Use it
    wherever a zoo model goes; a plain path string works too (``model="cfg/config.json"``)."""
    import os

    return Entity._from_export(json.loads(_core.model_config_json(os.path.abspath(path))))
