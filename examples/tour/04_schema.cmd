mlsysim schema
