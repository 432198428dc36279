"""Where the files Hanyeong ships with live: the one place that knows.

From a checkout, an editable install or the PyInstaller bundle, assets/ sits beside the model package; a plain
`pip install .` installs it as the package data of `hanyeong_assets` (pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_BESIDE = Path(__file__).resolve().parent.parent / "assets"


def _assets() -> Path:
    if _BESIDE.is_dir():
        return _BESIDE
    try:
        from importlib.resources import files

        return Path(str(files("hanyeong_assets")))
    except ModuleNotFoundError:
        return _BESIDE


ASSETS = _assets()
SHIPPED_MODEL = ASSETS / "model"
FONTS = ASSETS / "fonts"
ICONS = ASSETS / "icons"
# The corpora beside a checkout (../shared/data); a default for training and evaluation, absent elsewhere.
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
