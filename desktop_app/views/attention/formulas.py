"""The lecture beside the views: each view of the attention dock shows the formula it draws, typeset with
matplotlib's mathtext in the window's text colour (re-rendered when the theme changes), with a caption in the
interface language.

The formulas themselves are mathematics, the same in every language; the captions go through Qt's translation.
"""

from __future__ import annotations

import io

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from ..fonts import setup_matplotlib

# softmax(QKᵀ/√d_k)V: what one head computes; the heatmap draws the softmax part
ATTENTION = r"$\mathrm{head}=\mathrm{softmax}\left(\dfrac{Q\,K^{\mathsf{T}}}{\sqrt{d_k}}\right)V$"
# attention rollout: the heads averaged, half of each row kept for the residual connection, the layers multiplied
ROLLOUT = (r"$\tilde{A}=\hat{A}_L\cdots\hat{A}_2\,\hat{A}_1,\qquad"
           r"\hat{A}_\ell=\frac{1}{2}\,I+\frac{1}{2}\,\bar{A}_\ell$")
# the sinusoidal positional encoding added to the embeddings
POSITIONAL = (r"$PE_{(pos,\,2i)}=\sin\left(pos\,/\,10000^{2i/d_{\mathrm{model}}}\right)\qquad"
              r"PE_{(pos,\,2i+1)}=\cos\left(pos\,/\,10000^{2i/d_{\mathrm{model}}}\right)$")
# GNMT's length penalty: how the finished hypotheses of the beam are compared
LENGTH_PENALTY = r"$\mathrm{score}(Y)=\dfrac{\log P(Y\,|\,X)}{\left((5+|Y|)\,/\,6\right)^{\alpha}}$"


def formula_png(formula: str, color: str, dpi: float = 100.0, size: float = 13.0) -> bytes:
    """The formula typeset as a PNG in `color` on a transparent background, cropped to the ink."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    setup_matplotlib()
    figure = Figure(figsize=(1, 1), dpi=dpi)
    FigureCanvasAgg(figure)
    figure.text(0, 0, formula, fontsize=size, color=color)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, transparent=True, bbox_inches="tight", pad_inches=0.03)
    return buffer.getvalue()


class FormulaLabel(QLabel):
    """One typeset formula; follows the palette (light or dark) and the screen's pixel ratio. Typeset when first
    shown (mathtext takes a good part of a second at start-up, and most formulas sit on tabs not yet opened)."""

    rendered = Signal()  # the formula's picture changed (its size may have)

    def __init__(self, formula: str, parent: QWidget | None = None, size: float = 13.0):
        super().__init__(parent)
        self.formula, self.size = formula, size
        self.setObjectName("formula")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.color = ""  # the colour it was typeset in; "" until it is
        self.shown_formula = ""

    def set_formula(self, formula: str) -> None:
        self.formula = formula
        if self.isVisible():
            self._render()

    def _render(self) -> None:
        color = self.palette().color(QPalette.ColorRole.WindowText).name()
        if (color, self.formula) == (self.color, self.shown_formula):
            return
        self.color, self.shown_formula = color, self.formula
        ratio = max(1.0, self.devicePixelRatioF())
        pixmap = QPixmap()
        pixmap.loadFromData(formula_png(self.formula, color, dpi=100.0 * ratio, size=self.size), "PNG")
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)
        self.rendered.emit()

    def showEvent(self, event) -> None:
        self._render()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.isVisible():
            self._render()


class FormulaBar(QWidget):
    """A formula and, beside it, what it means (rich text, wraps)."""

    def __init__(self, formula: str, caption: str = "", parent: QWidget | None = None, size: float = 13.0):
        super().__init__(parent)
        self.setObjectName("formulaBar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(14)
        self.formula = FormulaLabel(formula, self, size)
        self.caption = QLabel(caption, objectName="formulaCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.formula, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignVCenter)
        self.formula.rendered.connect(self._limit_height)
        self._limit_height()

    def _limit_height(self) -> None:
        """As tall as the formula or four lines of caption: a wrapped label would otherwise ask for much more."""
        lines = self.caption.fontMetrics().lineSpacing() * 4
        self.setMaximumHeight(max(self.formula.sizeHint().height(), lines) + 6)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._limit_height()

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)

    def show_formula(self, formula: str, caption: str) -> None:
        self.formula.set_formula(formula)
        self.set_caption(caption)
        self._limit_height()


def attention_caption() -> str:
    return QCoreApplication.translate(
        "Formulas", "Each row of the heatmap is one query's softmax: its dot products with every key, divided by "
                    "√d<sub>k</sub>, turned into weights that sum to 1; the head's output is the weighted sum of the "
                    "values <i>V</i>.")


def rollout_caption() -> str:
    return QCoreApplication.translate(
        "Formulas", "Rollout follows attention through all layers: each layer's heads are averaged (<i>Ā</i>), half "
                    "of each row stays on the piece itself for the residual connection, and the layers are "
                    "multiplied, the first applied first. For cross-attention, the decoder layers' average is "
                    "multiplied by the encoder's rollout, so that it reaches the Korean input pieces.")


def positional_caption() -> str:
    return QCoreApplication.translate(
        "Formulas", "Added to each piece's embedding, so that the model knows where the piece is: even dimensions "
                    "are sines, odd ones cosines, each pair with its own wavelength, from 2π up to 10000·2π "
                    "positions.")


def length_penalty_caption() -> str:
    return QCoreApplication.translate(
        "Formulas", "The beam keeps the <i>k</i> partial sentences with the highest log-probability at each step; "
                    "the finished ones are then compared by this score, so that a longer sentence is not ruled out "
                    "for having more probabilities multiplied. α is the length penalty.")


def attention_formula_bar(parent: QWidget | None = None) -> FormulaBar:
    """The formula beside the heatmap."""
    return FormulaBar(ATTENTION, attention_caption(), parent, size=12.0)
