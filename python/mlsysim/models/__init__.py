"""``from mlsysim.models import Models`` as in the original."""
from .._registry import (CNNWorkload, DiffusionWorkload, SparseTransformerWorkload, SSMWorkload,
                         TransformerWorkload, Workload)
from mlsysim import Models

__all__ = ["Models", "Workload", "TransformerWorkload", "SparseTransformerWorkload", "CNNWorkload",
           "SSMWorkload", "DiffusionWorkload"]
