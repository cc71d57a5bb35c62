mlsysim solve ServingModel --set model=Llama3_70B --set hardware=H100 --set seq_len=2048 --set batch_size=4
