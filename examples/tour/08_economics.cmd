mlsysim solve EconomicsModel --set fleet=Frontier_8K --set duration_days=30 --set grid=US_Avg
