mlsysim dse examples/dse/pareto_latency_energy.yaml
