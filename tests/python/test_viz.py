"""mlsysim.viz renders with the Agg backend; each plot is saved as PNG and must not be empty."""
import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import mlsysim  # noqa: E402
from mlsysim import Hardware, Models, Systems  # noqa: E402
from mlsysim.viz import (plot_distributed_roofline, plot_evaluation_scorecard,  # noqa: E402
                         plot_pareto, plot_roofline)


def _check_png(fig, path):
    import matplotlib.image as mpimg
    import numpy as np

    fig.savefig(path, dpi=60)
    img = mpimg.imread(path)
    assert img.shape[0] > 100 and img.shape[1] > 100
    # Not a blank canvas: many distinct colours.
    flat = (img[..., :3] * 255).astype(np.uint8).reshape(-1, 3)
    assert len(np.unique(flat, axis=0)) > 20
    assert path.stat().st_size > 5000


def test_plot_roofline(tmp_path):
    fig, ax = plot_roofline(Hardware.Cloud.H100,
                            workloads=[Models.Language.Llama3_8B, Models.Vision.ResNet50])
    assert ax.get_xscale() == "log"
    assert len(ax.collections) == 2  # one point per workload
    _check_png(fig, tmp_path / "roofline.png")


def test_plot_distributed_roofline(tmp_path):
    fig, ax = plot_distributed_roofline(Systems.Clusters.Frontier_8K,
                                        workloads=[Models.Language.Llama3_70B])
    assert len(ax.lines) >= 2
    _check_png(fig, tmp_path / "distributed.png")


def test_plot_evaluation_scorecard(tmp_path):
    ev = mlsysim.SystemEvaluator.evaluate("golden", Models.Language.Llama3_70B, Hardware.B200, 1,
                                          "fp16", 0.5, fleet_obj=Systems.Clusters.Research_256,
                                          duration_days=30)
    fig, ax = plot_evaluation_scorecard(ev)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "[PASS] Memory Feasibility"
    assert any("Economics" in t for t in labels)
    assert ax.get_title() == "golden: PASSED"
    _check_png(fig, tmp_path / "scorecard.png")
    with pytest.raises(ValueError, match="SystemEvaluation"):
        plot_evaluation_scorecard(mlsysim.Engine.solve(model=Models.Language.Llama3_8B,
                                                       hardware=Hardware.H100))


def test_plot_pareto(tmp_path):
    space = {"hardware": [Hardware.Edge.Coral, Hardware.Edge.JetsonOrinNX, Hardware.T4,
                          Hardware.A100,
                          Hardware.H100, Hardware.B200, Hardware.MI300X],
             "batch_size": [1, 8, 32], "precision": ["fp16", "int8"]}
    r = mlsysim.DSE(space, ["minimize: latency", "minimize: energy"], ["feasible == 1"]).search(
        mlsysim.Engine, fixed={"model": Models.Vision.ResNet50, "efficiency": 0.5}, top=20)
    fig, ax = plot_pareto(r, x="latency", y="energy")
    assert ax.get_xlabel() == "minimize: latency" and ax.get_ylabel() == "minimize: energy"
    assert len(ax.texts) == len(r.pareto_front) == 7
    _check_png(fig, tmp_path / "pareto.png")
    with pytest.raises(ValueError, match="pareto_front"):
        plot_pareto({"best_params": {}})
