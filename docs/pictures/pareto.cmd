mlsysim plot pareto examples/dse/pareto_latency_energy.yaml
