"""The files Hanyeong ships with (the model bundle, fonts, icons). A plain `pip install .` installs this folder as
the package `hanyeong_assets` (pyproject.toml), where model/resources.py finds it; this file makes it a regular
package, so that importlib.resources gives it a real folder."""
