"""The positional encoding view (a tab of the attention dock): the sinusoidal matrix the model adds to its
embeddings (positions × dimensions, model.api.sinusoid_table at the loaded model's sizes) and the dot product
between the encodings of every two positions, beside the formula."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from model.api import sinusoid_table

from ..fonts import setup_matplotlib
from ..theme import plot_colors
from .canvas import ShownCanvas
from .formulas import POSITIONAL, FormulaBar, positional_caption


class PositionalCanvas(ShownCanvas):
    def __init__(self, parent=None):
        setup_matplotlib()
        self.figure = Figure(dpi=100, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("positionalCanvas")
        self.setMinimumHeight(240)
        self.table: np.ndarray | None = None
        self.message = ""

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def show_table(self, table: np.ndarray | None, message: str = "") -> None:
        self.table, self.message = table, message
        self.redraw()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "message"):  # light/dark: new colours
            self.redraw()

    def redraw(self) -> None:
        colors = plot_colors()
        self.figure.clear()
        self.figure.set_facecolor(colors["background"])
        if self.table is None:
            self.figure.text(0.5, 0.5, self.message, ha="center", va="center", color=colors["muted"], fontsize=11)
            self.draw_idle()
            return
        table = self.table
        similarity = table @ table.T
        left, right = self.figure.subplots(1, 2, width_ratios=[1.0, 1.0])
        image = left.imshow(table, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
        left.set_title(self.tr("PE: {0} positions × {1} dimensions").format(*table.shape), color=colors["text"],
                       fontsize=10, loc="left")
        left.set_xlabel(self.tr("dimension (even: sin, odd: cos)"), color=colors["muted"], fontsize=9)
        left.set_ylabel(self.tr("position"), color=colors["muted"], fontsize=9)
        bar = self.figure.colorbar(image, ax=left, fraction=0.05, pad=0.02)
        bar.ax.tick_params(labelsize=8, colors=colors["muted"])
        bar.outline.set_visible(False)
        image = right.imshow(similarity, aspect="auto", cmap=colors["cmap"], interpolation="nearest")
        right.set_title(self.tr("PE(p) · PE(q): similarity between positions"), color=colors["text"], fontsize=10,
                        loc="left")
        right.set_xlabel(self.tr("position q"), color=colors["muted"], fontsize=9)
        right.set_ylabel(self.tr("position p"), color=colors["muted"], fontsize=9)
        bar = self.figure.colorbar(image, ax=right, fraction=0.05, pad=0.02)
        bar.ax.tick_params(labelsize=8, colors=colors["muted"])
        bar.outline.set_visible(False)
        for axes in (left, right):
            axes.set_facecolor(colors["background"])
            axes.tick_params(colors=colors["muted"], labelsize=8)
            for spine in axes.spines.values():
                spine.set_visible(False)
        self.draw_idle()


class PositionalView(QWidget):
    """The tab: formula and caption, the two matrices, the model's sizes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("positionalView")
        self.sizes: tuple[int, int] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        self.formula = FormulaBar(POSITIONAL, positional_caption(), self, size=11.0)
        layout.addWidget(self.formula)
        self.canvas = PositionalCanvas(self)
        layout.addWidget(self.canvas, 1)
        self.info_label = QLabel(objectName="positionalInfo")
        self.info_label.setWordWrap(True)
        layout.addWidget(self.info_label)
        self.clear(self.tr("The positional encoding is shown once a model is loaded."))

    @property
    def table(self) -> np.ndarray | None:
        return self.canvas.table

    def clear(self, message: str) -> None:
        self.sizes = None
        self.canvas.show_table(None, message)
        self.info_label.clear()

    def set_sizes(self, max_len: int, d_model: int) -> None:
        """Draw the encoding of a model with positions 0..max_len-1 and d_model dimensions."""
        if max_len <= 0 or d_model <= 0:
            self.clear(self.tr("No model is loaded."))
            return
        if self.sizes == (max_len, d_model):
            return
        self.sizes = (max_len, d_model)
        self.canvas.show_table(sinusoid_table(max_len, d_model))
        self.info_label.setText(self.tr(
            "The model adds row <i>pos</i> of the left matrix to the embedding of the piece at position <i>pos</i> "
            "(d_model = {1}, positions 0–{0}). The dot product of two rows depends only on how far apart the "
            "positions are (strongest along the diagonal), which lets attention find relative positions."
        ).format(max_len - 1, d_model))
