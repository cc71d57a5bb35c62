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


_STATUS_COLORS = {"PASS": "#c8e6c9", "FAIL": "#ffcdd2", "WARNING": "#fff9c4", "SKIPPED": "#eeeeee"}


def plot_evaluation_scorecard(evaluation, ax=None, title=None):
    """The scorecard of a SystemEvaluator evaluation (``SystemEvaluator.evaluate(...)``): one row
    per level (feasibility, performance, macro) coloured by its status, with its summary, then
    one row per metric of the level."""
    levels = []
    for name in ("feasibility", "performance", "macro"):
        level = getattr(evaluation, name, None)
        if level is None:
            raise ValueError(
                "plot_evaluation_scorecard: expected a SystemEvaluation "
                "(SystemEvaluator.evaluate), "
                f"got {type(evaluation).__name__}")
        levels.append(level)
    rows = []  # (label, text, colour)
    for level in levels:
        rows.append((f"[{level.status}] {level.level_name}", level.summary,
                     _STATUS_COLORS.get(level.status, "#eeeeee")))
        for k, v in level.metrics.items():
            rows.append((f"    {k}", f"{float(v):.4g}", "#fafafa"))
    fig, ax = _axes(ax, figsize=(8, 0.6 + 0.35 * len(rows)))
    ax.barh(range(len(rows)), [1] * len(rows), color=[r[2] for r in rows], edgecolor="#bdbdbd")
    for i, (_, text, _) in enumerate(rows):
        ax.text(0.5, i, text, ha="center", va="center", fontsize=9)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r[0] for r in rows], fontsize=9)
    ax.set_xticks([])
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    verdict = "PASSED" if evaluation.passed_all else "FAILED"
    ax.set_title(title or f"{evaluation.scenario_name}: {verdict}")
    fig.tight_layout()  # room for the level names
    return fig, ax


def plot_pareto(result, x=None, y=None, ax=None, title=None, label=None):
    """The Pareto front of a multi-objective DSE result: objective ``x`` against objective ``y``
    (the objective strings, or their indices; default the first two), every ranked candidate in
    grey and the front as a step line with its points labelled by ``label`` (a parameter name;
    default the first parameter of the space)."""
    front = result.get("pareto_front") if isinstance(result, dict) else None
    if not front:
        raise ValueError("plot_pareto: expected a DSE result with a pareto_front "
                         "(search with a list of two or more objectives)")
    objectives = list(result["objectives"])

    def pick(which, default):
        if which is None:
            return default
        if isinstance(which, int):
            return which
        for i, text in enumerate(objectives):
            if which == text or text.split(":", 1)[-1].strip() == which:
                return i
        raise ValueError(f"plot_pareto: {which!r} is not one of the objectives {objectives}")

    ix, iy = pick(x, 0), pick(y, 1)
    fig, ax = _axes(ax)
    top = [c for c in result["top_candidates"] if "objective_values" in c]
    if top:
        ax.scatter([c["objective_values"][ix] for c in top],
                   [c["objective_values"][iy] for c in top],
                   color="#bdbdbd", s=25, label="top candidates", zorder=2)
    xs = [p["objective_values"][ix] for p in front]
    ys = [p["objective_values"][iy] for p in front]
    order = sorted(range(len(front)), key=lambda i: (xs[i], ys[i]))
    ax.step([xs[i] for i in order], [ys[i] for i in order], where="post", color="#1f77b4",
            alpha=0.6)
    ax.scatter(xs, ys, color="#d62728", s=45, zorder=3, label="Pareto front")
    key = label or next(iter(front[0]["params"]), None)
    if key is not None:
        for p, px, py in zip(front, xs, ys):
            ax.annotate(_label(p["params"].get(key)), (px, py), textcoords="offset points",
                        xytext=(4, 4), fontsize=8)
    ax.set_xlabel(objectives[ix])
    ax.set_ylabel(objectives[iy])
    if all(v > 0 for v in xs) and max(xs) / min(xs) > 50:
        ax.set_xscale("log")
    if all(v > 0 for v in ys) and max(ys) / min(ys) > 50:
        ax.set_yscale("log")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title(title or "Pareto front")
    return fig, ax


__all__ = ["plot_roofline", "plot_distributed_roofline", "plot_evaluation_scorecard",
           "plot_pareto"]
