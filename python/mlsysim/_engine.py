"""Additions to the generated Engine class that the original has besides ``solve``:
``Engine.sweep`` (spec §6.5), whose list of results turns into a DataFrame."""
from ._resolvers import ResultList


def _sweep(cls):
    def sweep(model, hardware_list, batch_sizes=(1,), precisions=("fp16",), efficiency=0.5):
        """Engine.solve over hardware × batch size × precision (in that order).

        Returns a ResultList of ``{"hardware": name, "batch_size", "precision", "profile"}``;
        ``.to_dataframe()`` gives one row per point with the profile's scalar outputs."""
        out = ResultList()
        for hw in hardware_list:
            for b in batch_sizes:
                for p in precisions:
                    prof = cls.solve(model=model, hardware=hw, batch_size=b, precision=p,
                                     efficiency=efficiency)
                    out.append({"hardware": str(getattr(hw, "name", hw)), "batch_size": b,
                                "precision": p, "profile": prof})
        return out

    return staticmethod(sweep)


def install(ns):
    engine = ns.get("Engine")
    if engine is not None and "sweep" not in engine.__dict__:
        engine.sweep = _sweep(engine)
