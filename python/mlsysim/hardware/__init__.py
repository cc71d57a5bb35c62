"""``from mlsysim.hardware import Hardware`` as in the original."""
from .._registry import ComputeCore, HardwareNode, IOInterconnect, MemoryHierarchy, StorageHierarchy
from mlsysim import Hardware

__all__ = ["Hardware", "HardwareNode", "ComputeCore", "MemoryHierarchy", "StorageHierarchy",
           "IOInterconnect"]
