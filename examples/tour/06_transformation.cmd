mlsysim solve TransformationModel --set batch_size=256 --set sample_size_bytes="500 KB" --set cpu_throughput="2 GB/s" --set accelerator_step_time="50 ms"
