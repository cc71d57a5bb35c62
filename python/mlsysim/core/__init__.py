"""The original's ``mlsysim.core`` package: constants (Q_, ureg), solver, engine."""
