mlsysim plot roofline H100 --workload Llama3_8B --workload Llama3_8B:256 --workload ResNet50:64
