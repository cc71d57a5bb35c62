"""``from mlsysim.core.engine import Engine`` as in the original."""
import mlsysim as _m

Engine = _m.resolvers.get("Engine")
__all__ = ["Engine"]
