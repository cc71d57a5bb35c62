"""The Python API: quantities, the registry, resolver classes, results, errors, sweeps."""
import inspect
import pathlib
import textwrap

import pint
import pytest

import mlsysim
from mlsysim import (Engine, Hardware, HardwareNode, Infra, Models, Q_, ServingModel, Systems,
                     TransformerWorkload)
from mlsysim.core.constants import Q_ as Q2


# ----------------------------------------------------------------------------- quantities ------
def test_quantities_behave_like_the_originals():
    assert Q2 is Q_
    q = Q_("50 ms")
    assert q.magnitude == 50
    assert str(q.units) == "ms"
    assert q.to("s").magnitude == pytest.approx(0.05)
    assert q * 2 == Q_("100 ms")
    assert Q_("1 s") > q
    assert f"{Q_('0.3212 TB/s'):.2f}" == "0.32 TB/s"
    assert str(Q_(2.5, "GB")) == "2.5 GB"


@pytest.mark.parametrize("text,target,value", [
    ("1 TFLOPs", "flop", 1e12), ("2 TFLOP/s", "GFLOPs/s", 2000), ("1 KB", "byte", 1000),
    ("1 KiB", "byte", 1024), ("1 MS", "s", 1e-3), ("1 Gbps", "MB/s", 125), ("1 TOPS", "flop/s", 1e12),
    ("3 USD", "dollar", 3), ("2 EUR", "USD", 2), ("7 Bparam", "param", 7e9), ("1 kWh", "J", 3.6e6),
])
def test_the_originals_unit_definitions(text, target, value):
    assert Q_(text).to(target).magnitude == pytest.approx(value)


def test_flops_and_bytes_are_different_dimensions():
    with pytest.raises(pint.DimensionalityError):
        Q_("1 TFLOP/s") + Q_("1 TB/s")


# ----------------------------------------------------------------------------- registry --------
def test_registry_namespaces_and_aliases():
    h100 = Hardware.Cloud.H100
    assert Hardware.H100 is h100
    assert h100.path == "Hardware.Cloud.H100"
    assert h100.name == "NVIDIA H100"
    assert h100.memory.capacity.to("GiB").magnitude == pytest.approx(80)
    assert h100.memory.bandwidth.to("TB/s").magnitude == pytest.approx(3.35, rel=0.01)
    assert h100.compute.peak_flops.to("TFLOP/s").magnitude > 900
    assert "H100" in dir(Hardware.Cloud)
    assert Models.Language.Llama3_70B.layers == 80
    assert Systems.Clusters.Frontier_8K.count > 0
    assert Infra.Grids.Quebec.pue > 1
    assert h100 in Hardware.list()


def test_registry_misses_name_the_closest_entry():
    with pytest.raises(AttributeError, match="H100"):
        Hardware.Cloud.H10
    with pytest.raises(KeyError):
        Hardware["Cloud.Nope"]


def test_entities_are_immutable_and_copyable():
    h = Hardware.Cloud.H100
    with pytest.raises(AttributeError):
        h.name = "x"
    faster = h.model_copy(update={"memory": {"bandwidth": Q_("6.7 TB/s")}})
    assert faster.path is None
    assert faster.memory.bandwidth == Q_("6.7 TB/s")
    assert faster.memory.capacity == h.memory.capacity
    base = ServingModel().solve(model=Models.Language.Llama3_8B, hardware=h, seq_len=2048)
    fast = ServingModel().solve(model=Models.Language.Llama3_8B, hardware=faster, seq_len=2048)
    assert fast.itl < base.itl


def test_user_defined_hardware_and_model():
    hw = HardwareNode(
        name="MyAccel", release_year=2026,
        compute={"peak_flops": Q_("500 TFLOP/s")},
        memory={"capacity": Q_("96 GB"), "bandwidth": Q_("4 TB/s")},
    )
    m = TransformerWorkload(name="Tiny-1B", architecture="Transformer", parameters=1e9,
                            layers=16, hidden_dim=2048, heads=16)
    r = ServingModel().solve(model=m, hardware=hw, seq_len=512)
    assert r.feasible
    assert r.ttft.to("ms").magnitude > 0
    assert hw.memory.bandwidth == Q_("4 TB/s")


def test_load_registry_overlays_the_users_yaml(tmp_path):
    (tmp_path / "mine.yaml").write_text(textwrap.dedent("""\
        path: Hardware.Lab.Prototype
        type: HardwareNode
        name: Prototype
        release_year: 2026
        compute:
          peak_flops: 100 TFLOP/s
        memory:
          capacity: 32 GB
          bandwidth: 1 TB/s
        source:
          kind: datasheet
          ref: our lab's prototype
        """))
    try:
        mlsysim.load_registry(tmp_path)
        assert Hardware.Lab.Prototype.memory.capacity == Q_("32 GB")
        assert Hardware.Cloud.H100.name == "NVIDIA H100"
        r = mlsysim.Engine.solve(model=Models.Language.Llama3_8B, hardware=Hardware.Lab.Prototype)
        assert r.feasible
        r2 = mlsysim.Engine.solve(model="Llama3_8B", hardware="Hardware.Lab.Prototype")
        assert r2.latency == r.latency
    finally:
        mlsysim.load_registry()
    assert "Lab" not in dir(Hardware)


def test_bad_registry_file_is_a_value_error(tmp_path):
    (tmp_path / "bad.yaml").write_text("path: Hardware.Lab.Bad\ntype: HardwareNode\nname: [\n")
    with pytest.raises(ValueError):
        mlsysim.load_registry(tmp_path)
    mlsysim.load_registry()


# ----------------------------------------------------------------------------- resolvers -------
def test_every_catalog_resolver_is_a_class():
    names = [r.name for r in mlsysim._core.resolvers()]
    assert list(mlsysim.resolvers) == names and len(names) >= 23
    for name, cls in mlsysim.resolvers.items():
        assert getattr(mlsysim, name) is cls
        assert cls.solve.__doc__
        assert "Inputs" in cls.solve.__doc__


def test_help_lists_inputs_units_and_defaults():
    doc = ServingModel.solve.__doc__
    assert "seq_len" in doc and "batch_size" in doc and "hardware" in doc
    sig = inspect.signature(ServingModel.solve)
    assert "model" in sig.parameters and "seq_len" in sig.parameters
    schema = ServingModel.schema()
    assert schema["resolver"] == "ServingModel"
    # Every described input, then the keyword-only fidelity (not a resolver input).
    assert [f["name"] for f in schema["inputs"]] + ["fidelity"] == list(sig.parameters)


def test_solve_accepts_strings_quantities_and_positional_arguments():
    a = ServingModel().solve(model=Models.Language.Llama3_8B, hardware=Hardware.Cloud.H100,
                             seq_len=1024)
    b = ServingModel.solve(Models.Language.Llama3_8B, Hardware.Cloud.H100, 1024)
    c = ServingModel().solve(model="Llama3_8B", hardware="H100", seq_len=1024)
    assert a.ttft == b.ttft == c.ttft
    assert a == c


def test_engine_is_static_and_has_the_originals_fields():
    p = Engine.solve(model=Models.Language.Llama3_8B, hardware=Hardware.Cloud.H100, batch_size=1)
    assert p.bottleneck in ("Memory", "Compute")
    assert p.latency.to("ms").magnitude > 0
    assert 0 <= p.mfu <= 1
    assert isinstance(p.feasible, bool)


def test_result_access_repr_html_and_dict():
    r = ServingModel().solve(model=Models.Language.Llama3_70B, hardware=Hardware.Cloud.H100,
                             seq_len=2048, batch_size=4)
    assert r["ttft"] is r.ttft
    assert "ttft" in r and "ttft" in r.keys()
    text = repr(r)
    assert text.startswith(type(r).__name__ + "(") and "ttft=<Quantity(" in text
    html = r._repr_html_()
    assert "<table>" in html and "ttft" in html
    d = r.to_dict()
    assert d["ttft"] == r.ttft and isinstance(d["feasible"], bool)
    assert r.to_json()["ttft"]["unit"] == "ms"
    with pytest.raises(AttributeError):
        r.nonexistent
    with pytest.raises(KeyError):
        r["nonexistent"]


# ----------------------------------------------------------------------------- errors ----------
def test_bad_input_is_a_value_error_with_the_cli_message():
    with pytest.raises(ValueError, match="seq_len"):
        ServingModel().solve(model=Models.Language.Llama3_8B, hardware=Hardware.Cloud.H100,
                             seq_len=-1)


def test_wrong_unit_is_a_value_error():
    with pytest.raises(ValueError, match="target_latency"):
        mlsysim.SynthesisSolver().solve(model=Models.Language.Llama3_8B,
                                        target_latency=Q_("5 GB"))


def test_unknown_names_are_key_errors_with_suggestions():
    with pytest.raises(KeyError, match="H100"):
        ServingModel().solve(model="Llama3_8B", hardware="H1000")


def test_unknown_keyword_is_a_type_and_value_error():
    with pytest.raises(TypeError, match="seq_le"):
        ServingModel().solve(model="Llama3_8B", hardware="H100", seq_le=1)
    with pytest.raises(ValueError):
        ServingModel().solve(model="Llama3_8B", hardware="H100", seq_le=1)


def test_missing_required_input():
    with pytest.raises(ValueError, match="hardware"):
        ServingModel().solve(model="Llama3_8B")


# ----------------------------------------------------------------------------- sweeps ----------
def test_engine_sweep_to_dataframe():
    sweep = Engine.sweep(Models.Language.Llama3_8B, [Hardware.Cloud.H100, Hardware.Cloud.A100],
                         batch_sizes=[1, 8], precisions=["fp16", "int8"])
    assert len(sweep) == 8
    assert [s["hardware"] for s in sweep[:4]] == ["NVIDIA H100"] * 4
    df = sweep.to_dataframe()
    assert list(df["batch_size"][:4]) == [1, 1, 8, 8]
    assert "latency" in df.columns and "mfu" in df.columns
    dfm = sweep.to_dataframe(magnitudes=True)
    assert "latency [ms]" in dfm.columns
    assert dfm["latency [ms]"].dtype.kind == "f"


def test_foreign_pint_quantities_are_accepted():
    other = pint.UnitRegistry()
    r = mlsysim.SynthesisSolver().solve(model=Models.Language.Llama3_8B,
                                        target_latency=other.Quantity(50, "millisecond"))
    r2 = mlsysim.SynthesisSolver().solve(model=Models.Language.Llama3_8B, target_latency="50 ms")
    assert r.required_bw == r2.required_bw


def test_import_paths_of_the_original():
    from mlsysim.core.engine import Engine as E
    from mlsysim.core.solver import ServingModel as S
    from mlsysim.hardware import Hardware as H
    from mlsysim.models import Models as M

    assert E is Engine and S is ServingModel and H is Hardware and M is Models
    assert pathlib.Path(mlsysim._core.__file__).exists()


def test_entity_helpers_of_the_original():
    llama = Models.Language.Llama3_70B
    assert llama.parameters.to("Bparam").magnitude == pytest.approx(70.6, rel=0.01)
    h100 = Hardware.Cloud.H100
    assert h100.ridge_point().to("flop/B").magnitude == pytest.approx(
        (h100.compute.peak_flops / h100.memory.bandwidth).to("flop/B").magnitude)
    fleet = Systems.Clusters.Frontier_8K
    assert fleet.total_accelerators == fleet.count * fleet.node.accelerators_per_node
    assert fleet.effective_pue >= 1.0
    m = TransformerWorkload(name="T", architecture="Transformer", parameters=Q_(1, "Bparam"),
                            layers=8, hidden_dim=1024, heads=8)
    assert m.parameters.to("param").magnitude == pytest.approx(1e9)
    r = Engine.solve(model=m, hardware=h100)
    assert r.feasible


def test_generic_sweep_of_any_resolver():
    sweep = ServingModel.sweep({"hardware": [Hardware.Cloud.H100, Hardware.Cloud.A100],
                                "batch_size": [1, 8]},
                               model=Models.Language.Llama3_8B, seq_len=2048)
    assert len(sweep) == 4
    assert [(s["hardware"], s["batch_size"]) for s in sweep][:2] == [("NVIDIA H100", 1),
                                                                     ("NVIDIA H100", 8)]
    direct = ServingModel().solve(model=Models.Language.Llama3_8B, hardware=Hardware.Cloud.A100,
                                  seq_len=2048, batch_size=8)
    assert sweep[3]["result"].ttft == direct.ttft
    df = sweep.to_dataframe(magnitudes=True)
    assert list(df.columns[:2]) == ["hardware", "batch_size"]
    assert "ttft [ms]" in df.columns and len(df) == 4
    with pytest.raises(ValueError):
        ServingModel.sweep({"batch_size": [1, -1]}, model="Llama3_8B", hardware="H100",
                           seq_len=8)


def test_numpy_scalars_are_accepted():
    import numpy as np

    a = ServingModel().solve(model="Llama3_8B", hardware="H100", seq_len=np.int64(1024),
                             batch_size=np.int32(4), efficiency=np.float64(0.5))
    b = ServingModel().solve(model="Llama3_8B", hardware="H100", seq_len=1024, batch_size=4,
                             efficiency=0.5)
    assert a == b


def test_values_python_cannot_send_are_value_errors():
    with pytest.raises(ValueError, match="seq_len"):
        ServingModel().solve(model="Llama3_8B", hardware="H100", seq_len=object())


def test_fleet_variants_and_fleets_of_your_own():
    from mlsysim import DistributedModel, EconomicsModel, Fleet

    base = Systems.Clusters.Research_256
    bigger = base.model_copy(count=base.count * 2)
    assert bigger.count == base.count * 2 and bigger.node.name == base.node.name
    assert bigger._reference()["fleet"]["node"] == "Systems.Nodes.DGX_H100"
    e1 = EconomicsModel().solve(fleet=base, duration_days=30)
    e2 = EconomicsModel().solve(fleet=bigger, duration_days=30)
    assert e2.capex_usd == pytest.approx(2 * e1.capex_usd)
    mine = Fleet(name="mine", node=Systems.Nodes.DGX_H100, count=4,
                 fabric=Systems.Fabrics.InfiniBand_NDR)
    r = DistributedModel().solve(model=Models.Language.Llama3_8B, fleet=mine, batch_size=32)
    assert r.node_profile.latency.to("ms").magnitude > 0
    assert mine.total_accelerators == 32


def test_registry_path_environment_variable_is_read_like_the_cli(tmp_path, monkeypatch):
    (tmp_path / "env.yaml").write_text(textwrap.dedent("""\
        path: Hardware.Env.FromEnv
        type: HardwareNode
        name: FromEnv
        release_year: 2026
        compute:
          peak_flops: 10 TFLOP/s
        memory:
          capacity: 8 GB
          bandwidth: 100 GB/s
        source:
          kind: datasheet
          ref: test
        """))
    monkeypatch.setenv("MLSYSIM_REGISTRY_PATH", str(tmp_path))
    try:
        mlsysim.load_registry()
        assert Hardware.Env.FromEnv.name == "FromEnv"
    finally:
        monkeypatch.delenv("MLSYSIM_REGISTRY_PATH")
        mlsysim.load_registry()
    assert "Env" not in dir(Hardware)


def test_fidelity_realistic_engine_and_serving():
    import warnings

    import mlsysim

    faithful = mlsysim.Engine.solve(model="Llama3_8B", hardware="H100", batch_size=8)
    realistic = mlsysim.Engine.solve(model="Llama3_8B", hardware="H100", batch_size=8,
                                     fidelity="realistic")
    assert realistic.latency != faithful.latency
    s = mlsysim.ServingModel.solve(model="Llama3_70B", hardware="H100", seq_len=2048,
                                   batch_size=4, precision="fp8", fidelity="realistic")
    assert s.ttft > s.itl
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        mlsysim.TailLatencyModel.solve(arrival_rate_qps=10, service_latency_ms=20,
                                       fidelity="realistic")
        assert any("no realistic variant" in str(x.message) for x in w)
    import pytest

    with pytest.raises(ValueError):
        mlsysim.Engine.solve(model="Llama3_8B", hardware="H100", fidelity="approximate")


def test_a_model_from_its_config_json(root):
    cfg = root / "examples" / "models" / "Mixtral-8x7B" / "config.json"
    mixtral = mlsysim.import_model(cfg)
    assert mixtral.name == "Mixtral-8x7B"
    assert mixtral.parameters == 46702792704
    assert mixtral.active_parameters == 12879925248
    assert mixtral.kv_heads == 8
    by_entity = mlsysim.ServingModel().solve(model=mixtral, hardware=mlsysim.Hardware.Cloud.H100,
                                             seq_len=2048, batch_size=1)
    by_path = mlsysim.ServingModel().solve(model=str(cfg), hardware="H100", seq_len=2048,
                                           batch_size=1)
    assert by_entity.itl == by_path.itl
    with pytest.raises(ValueError, match="is not a file"):
        mlsysim.import_model(root / "no" / "config.json")
