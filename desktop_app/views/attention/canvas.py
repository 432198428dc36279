"""The matplotlib canvas the attention dock's figures share: it draws only while it is shown.

A figure on a hidden tab (or in the closed dock) is still kept up to date, but rasterising it is left until it
appears: at start-up and during the first translation, the Decoding, Positions and Steps figures would otherwise
be drawn on the GUI thread for nobody, slowing the translator thread too (they share the interpreter's lock).
"""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg


class ShownCanvas(FigureCanvasQTAgg):
    _draw_when_shown = False

    def draw_idle(self) -> None:
        if self.isVisible():
            super().draw_idle()
        else:
            self._draw_when_shown = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._draw_when_shown:
            self._draw_when_shown = False
            super().draw_idle()
