"""The settings dialog (dialog.py) and its Training tab (training_page.py, training_run.py)."""
