mlsysim plot sweep examples/dse/serving_itl_sweep.yaml
