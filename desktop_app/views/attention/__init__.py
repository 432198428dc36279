"""The attention inspector: the dock (panel.py), the heatmap, the matrices it draws (data.py) and the examples."""
