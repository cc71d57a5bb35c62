mlsysim eval Llama3_8B H100
