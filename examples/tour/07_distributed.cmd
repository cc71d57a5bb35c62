mlsysim solve DistributedModel --set model=Llama3_70B --set fleet=Frontier_8K --set batch_size=2048 --set tp_size=8 --set pp_size=4 --set microbatch_count=16
