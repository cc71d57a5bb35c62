mlsysim optimize parallelism examples/plans/llama70b_h100x16.yaml
