mlsysim eval examples/models/Mixtral-8x7B/config.json H100 --batch-size 8
