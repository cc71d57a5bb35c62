"""``from mlsysim.core.solver import ServingModel`` as in the original: every resolver class."""
import mlsysim as _m

globals().update(_m.resolvers)
__all__ = list(_m.resolvers)
