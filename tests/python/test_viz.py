"""mlsysim.viz renders with the Agg backend; each plot is saved as PNG and must not be empty."""
import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import mlsysim  # noqa: E402
from mlsysim import Hardware, Models, Systems  # noqa: E402
from mlsysim.viz import (plot_distributed_roofline, plot_evaluation_scorecard,  # noqa: E402
                         plot_roofline)


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
    if "SystemEvaluator" not in mlsysim.resolvers:
        with pytest.raises(NotImplementedError, match="SystemEvaluator"):
            plot_evaluation_scorecard(None)
        pytest.skip("SystemEvaluator is not in the C++ catalog yet")
    ev = mlsysim.SystemEvaluator().solve(model=Models.Language.Llama3_8B,
                                         hardware=Hardware.Cloud.H100)
    fig, ax = plot_evaluation_scorecard(ev)
    _check_png(fig, tmp_path / "scorecard.png")
