"""Plots as in the original's ``mlsysim.viz``; each returns matplotlib ``(fig, ax)``.

    from mlsysim.viz import plot_roofline
    fig, ax = plot_roofline(Hardware.Cloud.H100, workloads=[Models.Language.Llama3_8B])

Needs the ``viz`` extra (``pip install mlsysim[viz]``).
"""
import math

import mlsysim
from .._registry import Entity


def _plt():
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("mlsysim.viz needs matplotlib: pip install 'mlsysim[viz]'") from e
    return plt


def _axes(ax, figsize=(7, 4.5)):
    plt = _plt()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    return fig, ax


def _label(e):
    return str(getattr(e, "name", e))


def _roofline(ax, peak, bw, label, color):
    """Attainable FLOP/s against arithmetic intensity (flop/byte), log-log."""
    ridge = peak / bw
    xs = [ridge / 1000.0, ridge, ridge * 1000.0]
    ys = [min(peak, x * bw) for x in xs]
    ax.loglog(xs, [y / 1e12 for y in ys], color=color, lw=2, label=label)
    ax.axvline(ridge, color=color, ls=":", lw=1)
    return ridge


def plot_roofline(hardware, workloads=(), precision="fp16", batch_size=1, efficiency=0.5, ax=None,
                  title=None):
    """The roofline of one accelerator (peak FLOP/s at `precision`, memory bandwidth) with each
    workload placed at its arithmetic intensity and attainable performance (from Engine.solve)."""
    plt = _plt()
    fig, ax = _axes(ax)
    hw = hardware
    peak = hw.compute.peak_flops.to("flop/s").magnitude
    flops = getattr(hw.compute, "precision_flops", None)
    if flops is not None and precision in getattr(flops, "_data", {}):
        peak = getattr(flops, precision).to("flop/s").magnitude
    bw = hw.memory.bandwidth.to("B/s").magnitude
    _roofline(ax, peak, bw, f"{_label(hw)} roofline", "tab:blue")
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, w in enumerate(workloads):
        prof = mlsysim.Engine.solve(model=w, hardware=hw, batch_size=batch_size,
                                    precision=precision, efficiency=efficiency)
        ai = prof.arithmetic_intensity.to("flop/B").magnitude
        attained = min(peak, ai * bw) / 1e12
        ax.scatter([ai], [attained], s=60, zorder=3, color=colors[(i + 1) % len(colors)],
                   label=f"{_label(w)} ({prof.bottleneck}-bound)")
    ax.set_xlabel("Arithmetic intensity (FLOP/byte)")
    ax.set_ylabel("Attainable performance (TFLOP/s)")
    ax.set_title(title or f"Roofline: {_label(hw)} ({precision})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    return fig, ax


def plot_distributed_roofline(fleet, workloads=(), precision="fp16", batch_size=1,
                              efficiency=0.5, ax=None, title=None):
    """Two ceilings for a fleet: the accelerator's memory roofline and the network roofline
    (per-accelerator fabric bandwidth), with each workload placed by NetworkRooflineModel when
    the catalog has it, else by Engine.solve."""
    plt = _plt()
    fig, ax = _axes(ax)
    node = fleet.node
    hw = node.accelerator
    peak = hw.compute.peak_flops.to("flop/s").magnitude
    bw = hw.memory.bandwidth.to("B/s").magnitude
    net_bw = fleet.fabric.bandwidth.to("B/s").magnitude
    _roofline(ax, peak, bw, f"{_label(hw)} memory roofline", "tab:blue")
    _roofline(ax, peak, net_bw, f"{_label(fleet.fabric)} network roofline", "tab:red")
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    net_model = mlsysim.resolvers.get("NetworkRooflineModel")
    for i, w in enumerate(workloads):
        prof = mlsysim.Engine.solve(model=w, hardware=hw, batch_size=batch_size,
                                    precision=precision, efficiency=efficiency)
        ai = prof.arithmetic_intensity.to("flop/B").magnitude
        label = _label(w)
        if net_model is not None:
            try:
                r = net_model.solve(model=w, fleet=fleet)
                label = f"{label} ({r.bottleneck}-bound)"
            except (ValueError, KeyError, TypeError):
                pass
        attained = min(peak, ai * bw, ai * net_bw) / 1e12
        ax.scatter([ai], [attained], s=60, zorder=3, color=colors[(i + 2) % len(colors)],
                   label=label)
    ax.set_xlabel("Arithmetic intensity (FLOP/byte)")
    ax.set_ylabel("Attainable performance per accelerator (TFLOP/s)")
    ax.set_title(title or f"Distributed roofline: {_label(fleet)}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    return fig, ax


def plot_evaluation_scorecard(evaluation, ax=None, title=None):
    """The scorecard of a SystemEvaluator evaluation: one row per check, green when it passes."""
    if "SystemEvaluator" not in mlsysim.resolvers:
        raise NotImplementedError(
            "plot_evaluation_scorecard needs SystemEvaluator, which this build's C++ catalog does "
            "not have yet; it appears here by itself once the core provides it")
    fig, ax = _axes(ax, figsize=(7, 0.5 + 0.4 * max(1, len(list(evaluation)))))
    names, passed, texts = [], [], []
    for k in evaluation:
        v = getattr(evaluation, k)
        if isinstance(v, bool):
            names.append(k)
            passed.append(v)
            texts.append("PASS" if v else "FAIL")
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            names.append(k)
            passed.append(None)
            texts.append(f"{v:.4g}")
        elif hasattr(v, "magnitude"):
            names.append(k)
            passed.append(None)
            texts.append(f"{v:~.4gP}")
    colors = ["#c8e6c9" if p else "#ffcdd2" if p is False else "#eeeeee" for p in passed]
    ax.barh(range(len(names)), [1] * len(names), color=colors)
    for i, t in enumerate(texts):
        ax.text(0.5, i, t, ha="center", va="center")
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names)
    ax.set_xticks([])
    ax.invert_yaxis()
    ax.set_title(title or "Evaluation scorecard")
    return fig, ax


__all__ = ["plot_roofline", "plot_distributed_roofline", "plot_evaluation_scorecard"]
