"""A Korean-capable font for Qt and for matplotlib.

The bundled NanumGothic (model.api.FONTS: assets/fonts, SIL OFL) is registered with both, so Hangul renders even
where the system has no Korean font; Qt keeps the system's UI font and falls back to NanumGothic for Hangul.

matplotlib needs no system font at all (NanumGothic, and its own DejaVu and math fonts for the rest), yet on a first
start it scans every font on the system to build its font list, most of a second on a bare system and more on a
desktop with many fonts; the packaged app would do it at every start (PyInstaller gives matplotlib a temporary
folder). So the app keeps matplotlib's cache in its own cache folder, seeded with the list of matplotlib's own
fonts (assets/fonts/matplotlib-fontlist.json, for the pinned matplotlib: tests/app/test_app_look.py checks it).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from model.api import FONTS

FONT_FAMILY = "NanumGothic"
FONT_LIST = FONTS / "matplotlib-fontlist.json"


def own_font_list() -> dict:
    """matplotlib's font list of its own fonts (mpl-data, stored relative to it), without the system's."""
    from matplotlib import font_manager

    scan = font_manager.findSystemFonts
    font_manager.findSystemFonts = lambda fontpaths=None, fontext="ttf": scan(fontpaths, fontext) if fontpaths else []
    try:
        manager = font_manager.FontManager()
    finally:
        font_manager.findSystemFonts = scan
    fonts = json.loads(json.dumps(manager, cls=font_manager._JSONEncoder))
    for kind in ("ttflist", "afmlist"):  # in a fixed order (the folders' listing order varies)
        fonts[kind].sort(key=lambda entry: (entry["fname"], entry.get("index", 0)))
    return fonts


def write_font_list(path: Path = FONT_LIST) -> None:
    """Regenerate FONT_LIST (after matplotlib is upgraded): python -c "from desktop_app.views.fonts import
    write_font_list; write_font_list()"."""
    path.write_text(json.dumps(own_font_list(), indent=1) + "\n", encoding="utf-8")


def use_app_font_cache(cache_dir: str | Path) -> None:
    """Before matplotlib's font manager is imported: matplotlib's cache in `cache_dir`, with FONT_LIST as its font
    list if it has none yet. A MPLCONFIGDIR the user set is kept, except in the packaged app, where it is
    PyInstaller's temporary folder. matplotlib is told through its get_cachedir, not MPLCONFIGDIR: the app never
    changes its own environment, which its child processes inherit (tests/app/test_app_training.py)."""
    if "matplotlib.font_manager" in sys.modules or (os.environ.get("MPLCONFIGDIR") and
                                                    not getattr(sys, "frozen", False)):
        return
    folder = Path(cache_dir) / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        version = json.loads(FONT_LIST.read_text(encoding="utf-8"))["_version"]
        target = folder / f"fontlist-v{version}.json"  # the name matplotlib looks for
        if not target.exists():
            shutil.copyfile(FONT_LIST, target)
    except (OSError, ValueError, KeyError):
        return  # matplotlib builds its list itself, as it would anyway
    import matplotlib

    matplotlib.get_cachedir = lambda: str(folder)  # font_manager reads its list from mpl.get_cachedir()


def font_file() -> Path:
    return FONTS / "NanumGothic.ttf"


def register_qt_font(app) -> str:
    """Register the bundled font with Qt and make it the Hangul fallback of the application font."""
    from PySide6.QtGui import QFont, QFontDatabase

    family = FONT_FAMILY
    if font_file().is_file():
        font_id = QFontDatabase.addApplicationFont(str(font_file()))
        if font_id >= 0:
            family = (QFontDatabase.applicationFontFamilies(font_id) or [FONT_FAMILY])[0]
    font = QFont(app.font())
    families = [name for name in font.families() or [font.family()] if name]
    if family not in families:
        font.setFamilies(families + [family])
    app.setFont(font)
    return family


def korean_font(base=None):
    """The application font, with the Korean family first: for the Korean editor and labels."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    font = QFont(base or QApplication.font())
    korean_families = set(QFontDatabase.families(QFontDatabase.WritingSystem.Korean))
    families = [name for name in font.families() if name]
    preferred = [name for name in ("Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR", FONT_FAMILY)
                 if name in korean_families]
    font.setFamilies(preferred[:1] + [name for name in families if name not in preferred[:1]])
    return font


_matplotlib_ready = False


def setup_matplotlib() -> None:
    """Register the font with matplotlib once and make it the default (DejaVu Sans for missing symbols)."""
    global _matplotlib_ready
    if _matplotlib_ready:
        return
    import matplotlib
    from matplotlib import font_manager

    if font_file().is_file():
        font_manager.fontManager.addfont(str(font_file()))
        name = font_manager.FontProperties(fname=str(font_file())).get_name()
    else:
        name = FONT_FAMILY
    matplotlib.rcParams["font.family"] = [name, "DejaVu Sans"]  # per-glyph fallback for symbols such as ␣
    matplotlib.rcParams["axes.unicode_minus"] = False
    _matplotlib_ready = True
