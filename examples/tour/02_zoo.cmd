mlsysim zoo hardware
