"""Light and dark appearance: follow the system's colour scheme unless the user picked one.

Qt follows the system by itself where the platform reports a scheme (Windows, macOS, GNOME/KDE). A forced
choice is passed to Qt as a colour-scheme request; where the platform ignores it, Fusion with an explicit
palette gives the same result. Plot colours (matplotlib) come from the resulting palette.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "system": Qt.ColorScheme.Unknown}
_original_style: str | None = None


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#2f3135",
        QPalette.ColorRole.ToolTipBase: "#3a3d41", QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#8c8f94", QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#35373b", QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b", QPalette.ColorRole.Link: "#6ea8fe",
        QPalette.ColorRole.Highlight: "#3d6fb6", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Light: "#45484d", QPalette.ColorRole.Midlight: "#3a3d41",
        QPalette.ColorRole.Mid: "#2a2c2f", QPalette.ColorRole.Dark: "#1b1c1e", QPalette.ColorRole.Shadow: "#101011",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d82"))
    return palette


def light_palette() -> QPalette:
    from PySide6.QtWidgets import QStyleFactory

    return QStyleFactory.create("Fusion").standardPalette()


_forced = False


def apply_theme(app: QApplication, choice: str) -> None:
    """'system', 'light' or 'dark'."""
    global _original_style, _forced
    if _original_style is None:
        _original_style = app.style().name()
    app.styleHints().setColorScheme(_SCHEMES.get(choice, Qt.ColorScheme.Unknown))
    wanted_dark = {"dark": True, "light": False}.get(choice)
    if wanted_dark is None:
        if _forced:  # back to the platform's own style and palette
            app.setStyle(_original_style)
            app.setPalette(QPalette())
            _forced = False
    elif is_dark(app.palette()) != wanted_dark or _forced:
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if wanted_dark else light_palette())
        _forced = True
    sheet = app.styleSheet().replace(DARK_INDICATORS, "")
    app.setStyleSheet(sheet + DARK_INDICATORS if is_dark(app.palette()) and app.style().name().lower() == "fusion"
                      else sheet)


# Fusion outlines unchecked radio buttons and check boxes with the window colour darkened, which on a dark window
# is all but invisible: a visible border and fill for them (checked: the highlight colour with a light centre).
DARK_INDICATORS = """
QRadioButton::indicator, QCheckBox::indicator, QGroupBox::indicator {
    width: 12px; height: 12px; border: 1px solid #9a9da3; background: #1f2023; }
QRadioButton::indicator { border-radius: 7px; }
QCheckBox::indicator, QGroupBox::indicator { border-radius: 2px; }
QRadioButton::indicator:checked { background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
    stop:0 #ffffff, stop:0.4 #ffffff, stop:0.5 #3d6fb6, stop:1 #3d6fb6); border-color: #6ea8fe; }
QCheckBox::indicator:checked, QGroupBox::indicator:checked { background: qradialgradient(cx:0.5, cy:0.5,
    radius:0.8, fx:0.5, fy:0.5, stop:0 #ffffff, stop:0.35 #ffffff, stop:0.45 #3d6fb6, stop:1 #3d6fb6);
    border-color: #6ea8fe; }
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled { border-color: #5a5d62; }
"""


def plot_colors() -> dict:
    """Matplotlib colours matching the window: background, text, grid, and the two curve colours."""
    palette = QApplication.palette()
    dark = is_dark(palette)
    return {
        "background": palette.color(QPalette.ColorRole.Base).name(),
        "panel": palette.color(QPalette.ColorRole.Window).name(),
        "text": palette.color(QPalette.ColorRole.Text).name(),
        "muted": palette.color(QPalette.ColorRole.PlaceholderText).name(),
        "grid": "#3a3d41" if dark else "#e3e3e3",
        "accent": "#6ea8fe" if dark else "#1f6feb",
        "second": "#f0a35e" if dark else "#d9730d",
        "highlight": "#ff7b72" if dark else "#d1242f",
        "cmap": "magma" if dark else "Blues",
        "dark": dark,
    }
