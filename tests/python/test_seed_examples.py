"""The guide's three composing examples (seed_examples.py, verbatim from the original's docs) run
unchanged and print what the C++ core computes."""
import contextlib
import io
import pathlib
import re
import runpy

import mlsysim
from mlsysim import Hardware, Models, Q_

SEED = pathlib.Path(__file__).with_name("seed_examples.py")


def run_seed():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(str(SEED), run_name="__main__")
    return buf.getvalue()


def number(pattern, text):
    m = re.search(pattern, text)
    assert m, f"{pattern!r} not in:\n{text}"
    return float(m.group(1))


def test_seed_examples_print_the_core_numbers():
    out = run_seed()
    assert abs(number(r"TTFT: ([0-9.]+) ms", out) - 2428.10) < 0.01
    assert abs(number(r"ITL: ([0-9.]+) ms", out) - 43.75) < 0.01
    assert abs(number(r"KV-Cache: ([0-9.]+) GB", out) - 2.684) < 0.001
    assert "Binding constraint: memory_bandwidth" in out
    assert "BW sensitivity:     -0.001" in out
    assert "FLOPS sensitivity:  0.000" in out
    assert "Required bandwidth: 0.32 TB/s" in out
    assert re.search(r"Required FLOPS:     0\.[56] TFLOPs/s", out), out


def test_seed_output_is_the_documented_one():
    # docs/python.md includes seed_examples.py and seed_examples.out (tests/tools/check_docs.py).
    assert run_seed() == SEED.with_suffix(".out").read_text()


def test_seed_values_match_a_direct_call():
    s = mlsysim.ServingModel().solve(model=Models.Language.Llama3_70B,
                                     hardware=Hardware.Cloud.H100, seq_len=2048, batch_size=4)
    assert s.ttft.units == Q_("1 ms").units
    assert abs(s.ttft.to("ms").magnitude - 2428.1007) < 1e-3
    assert abs(s.kv_cache_size.to("GB").magnitude - 2.68435456) < 1e-9
    sens = mlsysim.SensitivitySolver().solve(model=Models.Language.Llama3_8B,
                                             hardware=Hardware.Cloud.H100, batch_size=1,
                                             precision="fp16", perturbation_pct=0.10)
    assert sens.binding_constraint == "memory_bandwidth"
    assert -0.00100 < sens.bw_sensitivity < -0.00090
    syn = mlsysim.SynthesisSolver().solve(model=Models.Language.Llama3_8B,
                                          target_latency=Q_("50 ms"), batch_size=1,
                                          precision="fp16")
    assert abs(syn.required_bw.to("TB/s").magnitude - 0.32) < 0.01
