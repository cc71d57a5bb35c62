"""``from mlsysim.systems import Systems`` as in the original."""
from .._registry import DeploymentTier, Fleet, NetworkFabric, Node
from mlsysim import Systems

__all__ = ["Systems", "Fleet", "Node", "NetworkFabric", "DeploymentTier"]
