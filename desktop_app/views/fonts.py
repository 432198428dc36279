"""A Korean-capable font for Qt and for matplotlib.

The bundled NanumGothic (model.api.FONTS: assets/fonts, SIL OFL) is registered with both, so Hangul renders even
where the system has no Korean font; Qt keeps the system's UI font and falls back to NanumGothic for Hangul.
"""

from __future__ import annotations

from pathlib import Path

from model.api import FONTS

FONT_FAMILY = "NanumGothic"


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
