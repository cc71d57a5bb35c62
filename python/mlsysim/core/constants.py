"""``from mlsysim.core.constants import Q_`` as in the original: the unit registry and Q_."""
from .._units import Q_, Quantity, ureg

__all__ = ["Q_", "Quantity", "ureg"]
