"""A search split over Dask workers (separate processes, each running the C++ engine on its part
of the space) gives the local answer exactly: same best, same ranked candidates in the same order
(ties across parts included), same Pareto front, same counts."""
import pytest

distributed = pytest.importorskip("distributed")

from mlsysim import DSE, Engine, Hardware, Models  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def _same(a, b):
    assert a.best_params == b.best_params
    assert a.best_objective == b.best_objective
    assert a.best_result == b.best_result
    assert [(c["params"], c["objective_value"], c.get("objective_values"))
            for c in a.top_candidates] == [
        (c["params"], c["objective_value"], c.get("objective_values")) for c in b.top_candidates]
    assert a.get("pareto_front") == b.get("pareto_front")
    for k in ("points", "failed", "filtered", "survivors", "n_top", "objectives"):
        assert a[k] == b[k], k


HW = [getattr(Hardware.Cloud, n) for n in ("V100", "T4", "A100", "H100", "H200", "B200", "MI250X",
                                     "MI300X", "TPUv4", "TPUv5p", "TPUv6", "Gaudi2", "Gaudi3",
                                     "Trainium2", "Cerebras_CS3")]


def test_reference_sweep_on_dask_equals_local(client):
    space = {"hardware": HW, "batch_size": [2 ** i for i in range(16)],
             "precision": ["fp32", "tf32", "bf16", "fp16", "fp8", "int8"],
             "efficiency": [0.3, 0.5, 0.7]}
    dse = DSE(space, "maximize: throughput", ["latency < 50"])
    fixed = {"model": Models.Language.Llama3_8B}
    local = dse.search(Engine, fixed=fixed, top=20)
    for chunks in (None, 4, 15):
        _same(dse.search(Engine, fixed=fixed, top=20, client=client, chunks=chunks), local)


def test_ties_across_parts_keep_enumeration_order(client):
    # The first parameter repeats one value: every part holds the same objective values, so the
    # merge must order equal values by their global enumeration index.
    space = {"efficiency": [0.5, 0.5, 0.5, 0.5], "hardware": HW[:6], "batch_size": [1, 8]}
    dse = DSE(space, ["minimize: latency", "minimize: energy"])
    fixed = {"model": Models.Vision.ResNet50, "precision": "int8"}
    local = dse.search(Engine, fixed=fixed, top=12)
    remote = dse.search(Engine, fixed=fixed, top=12, client=client, chunks=4)
    _same(remote, local)
    assert remote.top_candidates[0]["params"] is not None


def test_failures_and_empty_parts_merge(client):
    # Two parts have no survivor at all; one candidate fails to evaluate.
    space = {"batch_size": [1, 2, 4, 8192, 16384, 32768, 0]}
    dse = DSE(space, "maximize: throughput", ["latency > 400"])
    fixed = {"model": Models.Language.Llama3_8B, "hardware": Hardware.H100}
    local = dse.search(Engine, fixed=fixed)
    remote = dse.search(Engine, fixed=fixed, client=client, chunks=7)
    _same(remote, local)
    assert local.failed == 1
    assert remote.diagnostics == local.diagnostics


def test_split_past_the_first_parameter(client):
    # One value for the first parameter: the parts are cut on the next ones.
    dse = DSE({"model": [Models.Language.Llama3_8B], "hardware": HW[:5], "batch_size": [1, 8, 64]},
              "maximize: throughput", ["latency < 40"])
    local = dse.search(Engine, top=7)
    parts = list(dse._parts(4))
    assert [(o, n) for _, o, n in parts] == [(0, 3), (3, 3), (6, 6), (12, 3)]
    assert sum(n for _, _, n in parts) == 15
    for chunks in (4, 9, 15, 40):
        _same(dse.search(Engine, top=7, client=client, chunks=chunks), local)


def test_python_function_needs_the_local_search(client):
    with pytest.raises(ValueError, match="client"):
        DSE({"x": [1]}, "minimize: a").search(lambda p: {"a": 1}, client=client)
