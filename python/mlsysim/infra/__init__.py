"""``from mlsysim.infra import Infra`` as in the original."""
from .._registry import Datacenter, GridProfile, RackProfile
from mlsysim import Infra

__all__ = ["Infra", "GridProfile", "Datacenter", "RackProfile"]
