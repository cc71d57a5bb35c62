"""mlsysim: analytical ML-systems modelling with the MLSys·im 0.1.1 API, backed by a C++ core.

    from mlsysim import ServingModel, Hardware, Models
    r = ServingModel().solve(model=Models.Language.Llama3_70B, hardware=Hardware.Cloud.H100,
                             seq_len=2048, batch_size=4)
    print(r.ttft, r.itl, r.kv_cache_size)

Every resolver of the C++ catalog is a class here, generated from the catalog's descriptions.
"""
from . import _core
from ._registry import (
    CNNWorkload,
    ComputeCore,
    Datacenter,
    DeploymentTier,
    DiffusionWorkload,
    Entity,
    Fleet,
    GridProfile,
    HardwareNode,
    IOInterconnect,
    MemoryHierarchy,
    NetworkFabric,
    Node,
    RackProfile,
    SparseTransformerWorkload,
    SSMWorkload,
    StorageHierarchy,
    TransformerWorkload,
    Workload,
    active as _active_zoo,
    import_model,
    load_registry,
)
from ._resolvers import (
    MlsysimError,
    OOMError,
    Resolver,
    Result,
    ResultList,
    UnknownEntryError,
    UnknownInputError,
    build_all as _build_all,
)
from ._units import Q_, ureg

__version__ = "0.1.0"

_zoo = _active_zoo()
Hardware = _zoo.namespace("Hardware")
Models = _zoo.namespace("Models")
Systems = _zoo.namespace("Systems")
Infra = _zoo.namespace("Infra")

resolvers = {}
for _cls in _build_all():
    resolvers[_cls.__name__] = _cls
    globals()[_cls.__name__] = _cls
del _cls

from ._engine import install as _install_engine  # noqa: E402

_install_engine(globals())

from ._dse import install as _install_dse  # noqa: E402

_install_dse(globals(), resolvers)



def set_calibration(path):
    """Use a calibration YAML (written by `mlsysim calibrate`) for `fidelity="realistic"`."""
    _core.set_calibration(str(path))


__all__ = sorted(
    list(resolvers)
    + [
        "Hardware", "Models", "Systems", "Infra", "Q_", "ureg", "load_registry", "Resolver",
        "Result", "ResultList", "HardwareNode", "TransformerWorkload", "CNNWorkload", "Fleet",
        "Node", "NetworkFabric", "GridProfile", "Datacenter", "ComputeCore", "MemoryHierarchy",
        "UnknownEntryError", "UnknownInputError", "OOMError", "DSE", "DSEResult", "Pipeline",
        "SystemEvaluation", "set_calibration", "import_model",
    ]
)


def __dir__():
    return sorted(set(globals()) | set(__all__))
