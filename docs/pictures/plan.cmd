mlsysim plot plan examples/plans/llama70b_single_h100_sla.yaml
