mlsysim walls
