"""The Steps view (a tab of the attention dock): the lecture's three steps of scaled dot-product attention for one
query of one head, with the model's own numbers (model.api AttentionSteps, computed off the GUI thread by
services/attention_steps.py; steps_tab.py decides what to ask for and when).

One row per key, lined up across the parts so that a large dot product can be followed to a large weight:
  ① the key vectors k_i, the query q above them;
  ② q∘k_i element by element, their sum q·k_i, ÷√d_k, the softmax a_i, and every head's a_i beside it;
  ③ the values v_i, and under them z = Σ a_i v_i;
then where the head's output goes: the heads concatenated, W_O, added to the residual stream.
Vectors are colour strips (blue below zero, red above); the numbers appear on hover.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCursor, QPalette
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QHBoxLayout, QLabel, QMenu, QScrollArea, QToolButton,
                               QToolTip, QVBoxLayout, QWidget)

from ..export_dialog import ask_export_path
from ..fonts import setup_matplotlib
from ..theme import plot_colors
from .canvas import ShownCanvas
from .data import CROSS
from .formulas import FormulaBar
from .heatmap import label_width

# the three steps in one line (the bar above the figure), and each part's own formula (in the figure, beside it)
STEPS = (r"$q=x\,W^Q,\ k_i=x_i\,W^K,\ v_i=x_i\,W^V\quad\rightarrow\quad"
         r"a_i=\mathrm{softmax}_i\left(\dfrac{q\cdot k_i}{\sqrt{d_k}}\right)\quad\rightarrow\quad z=\sum_i a_i\,v_i$")
STEP_PROJECTIONS = r"①  $q=x\,W^Q\quad k_i=x_i\,W^K$"
STEP_WEIGHTS = r"②  $a_i=\mathrm{softmax}_i\left(q\cdot k_i\,/\sqrt{d_k}\right)$"
STEP_SUM = r"③  $z=\Sigma_i\,a_i\,v_i$"
STEP_NEXT = r"$x\ \leftarrow\ x+\mathrm{Concat}(z_1,\dots,z_h)\,W^O+b^O$"
STEPS_VIEW = "stepsView"  # the view's object name: the Examples menu opens the dock on it
DIVERGING = "RdBu_r"  # vectors: the sign matters, so blue below zero, red above, white at zero

MARGIN, GAP, ROW, STRIP_H = 10, 14, 18, 12  # pixels
NUMBER_W, BAR_W, HEAD_W = 56, 92, 16
TITLE_Y, SUBTITLE_Y, FORMULA_Y, CAPTION_Y, Q_Y, HEADER_Y, ROWS_Y = 6, 24, 46, 70, 92, 112, 130
MIN_CELL, MAX_CELL = 2.0, 4.0  # pixels per vector component


def steps_caption() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "Formulas", "The three steps of one head for one query, with the model's own numbers: each piece becomes a "
                    "query, a key and a value by a matrix product; the query's dot product with each key, divided "
                    "by √d<sub>k</sub> and put through a softmax, gives the weights (the heatmap's row); the values "
                    "summed with those weights are the head's output.")


def symmetric_limit(*arrays: np.ndarray) -> float:
    return max(max((float(np.abs(a).max()) for a in arrays if a.size), default=0.0), 1e-6)


class StepsCanvas(ShownCanvas):
    """Draws at the size it asks for (it sits in a scroll area); reports the number under the mouse and the head
    column clicked."""

    valueHovered = Signal(str)  # what the mouse is over, with its numbers; "" when it leaves
    headClicked = Signal(int)

    def __init__(self, parent=None):
        setup_matplotlib()
        self.figure = Figure(dpi=100)
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("stepsCanvas")
        self.steps = None
        self.key_labels: list[str] = []
        self.title = self.subtitle = self.message = ""
        self.available = QSize(640, 420)
        self._preferred = QSize(640, 420)
        self.cell = MIN_CELL
        self.strips: dict[str, tuple] = {}  # name -> (axes, values (rows, columns), row labels)
        self.columns: dict[str, object] = {}  # the number columns and the heads' column: name -> axes
        self.mpl_connect("motion_notify_event", self._on_motion)
        self.mpl_connect("button_press_event", self._on_press)
        self.mpl_connect("figure_leave_event", lambda event: self.valueHovered.emit(""))
        self.show_message("")

    def sizeHint(self) -> QSize:
        return self._preferred

    def show_message(self, text: str) -> None:
        self.steps, self.message = None, text
        self.redraw()

    def show_steps(self, steps, key_labels: list[str], title: str, subtitle: str) -> None:
        self.steps, self.key_labels, self.title, self.subtitle = steps, key_labels, title, subtitle
        self.redraw()

    def set_available(self, size: QSize) -> None:
        if size != self.available:
            self.available = size
            self.redraw()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and hasattr(self, "strips"):  # light/dark: new colours
            self.redraw()

    def redraw(self) -> None:
        colors = plot_colors()
        self.figure.clear()
        self.figure.set_facecolor(colors["background"])
        self.strips, self.columns = {}, {}
        if self.steps is None:
            self._preferred = QSize(max(self.available.width(), 200), max(self.available.height(), 120))
            self.figure.text(0.5, 0.5, self.message, ha="center", va="center", color=colors["muted"], fontsize=11,
                             wrap=True)
        else:
            self._draw(colors)
        self.resize(self._preferred)
        self.draw_idle()

    # layout in pixels from the top left; matplotlib wants fractions from the bottom
    def _axes(self, left: float, top: float, width: float, height: float):
        w, h = self._preferred.width(), self._preferred.height()
        axes = self.figure.add_axes((left / w, 1 - (top + height) / h, width / w, height / h))
        axes.set_axis_off()
        return axes

    def _text(self, x: float, y: float, text: str, **style):
        w, h = self._preferred.width(), self._preferred.height()
        return self.figure.text(x / w, 1 - y / h, text, va="top", **style)

    def _strip(self, name: str, values: np.ndarray, left: float, top: float, limit: float, row_labels: list[str],
               row_height: float = ROW):
        rows = values.shape[0]
        axes = self._axes(left, top, values.shape[1] * self.cell, rows * row_height)
        axes.imshow(values, aspect="auto", cmap=DIVERGING, vmin=-limit, vmax=limit, interpolation="nearest")
        self.strips[name] = (axes, values, row_labels)
        return axes

    def _draw(self, colors: dict) -> None:
        steps, labels = self.steps, self.key_labels
        count, d_k, heads = len(labels), steps.d_k, steps.heads
        label_w = max(60.0, min(140.0, label_width(labels, 8.5) + 8))
        fixed = MARGIN + label_w + 6 + 3 * GAP + 2 * NUMBER_W + 4 + BAR_W + heads * HEAD_W + GAP + MARGIN
        self.cell = max(MIN_CELL, min(MAX_CELL, (self.available.width() - fixed) / (3 * d_k)))
        strip_w = d_k * self.cell
        x_label = MARGIN
        x_k = x_label + label_w + 6
        x_products = x_k + strip_w + GAP
        x_dot = x_products + strip_w + GAP
        x_scaled = x_dot + NUMBER_W
        x_bar = x_scaled + NUMBER_W + 4
        x_heads = x_bar + BAR_W + GAP
        x_v = x_heads + heads * HEAD_W + GAP
        rows_bottom = ROWS_Y + count * ROW
        z_y = rows_bottom + 6
        next_y = z_y + STRIP_H + 30
        model_cell = max(1.0, min(2.0, (max(self.available.width(), 640) - 250) / steps.residual.shape[0]))
        width = max(x_v + strip_w + MARGIN, x_v + 190, 250 + steps.residual.shape[0] * model_cell + MARGIN, 560)
        height = next_y + 34 + 4 * 20 + 12
        self._preferred = QSize(int(width), int(height))
        text, muted = colors["text"], colors["muted"]

        self._text(MARGIN, TITLE_Y, self.title, color=text, fontsize=10.5)
        self._text(MARGIN, SUBTITLE_Y, self.subtitle, color=muted, fontsize=8.5)
        for x, formula, caption in (
                (x_label, STEP_PROJECTIONS, self.tr("query and keys: x times the head's W_Q, W_K")),
                (x_products, STEP_WEIGHTS, self.tr("match each key: products, their sum, ÷ √d_k, softmax")),
                (x_v, STEP_SUM, self.tr("the values, weighted: the head's output"))):
            self._text(x, FORMULA_Y, formula, color=text, fontsize=10.5)
            self._text(x, CAPTION_Y, caption, color=muted, fontsize=8)

        # ① the query above the keys
        self._text(x_k - 6, Q_Y, "q", color=colors["accent"], fontsize=9, ha="right")
        key_limit = symmetric_limit(steps.query_vector, steps.keys)
        self._strip("q", steps.query_vector[None, :], x_k, Q_Y, key_limit, [self.title], STRIP_H)
        headers = ((x_k, r"$k_i$", "left"), (x_products, r"$q\circ k_i$", "left"),
                   (x_dot + NUMBER_W - 4, r"$q\cdot k_i$", "right"),
                   (x_scaled + NUMBER_W - 4, rf"$\div\sqrt{{{d_k}}}$", "right"), (x_bar, r"$a_i$", "left"),
                   (x_v, r"$v_i$", "left"))
        for x, header, align in headers:
            self._text(x, HEADER_Y - 2, header, color=muted, fontsize=9.5, ha=align)
        for head in range(heads):
            self._text(x_heads + (head + 0.5) * HEAD_W, HEADER_Y, str(head + 1), fontsize=8.5, ha="center",
                       color=colors["highlight"] if head == steps.head else muted)
        self._text(x_heads - 2, HEADER_Y - 14, self.tr("all heads"), color=muted, fontsize=7.5)

        # the keys' labels: the strongest in red, the query's own position in the accent colour
        strongest = int(np.argmax(steps.weights))
        own = steps.key_columns.index(steps.query) if steps.kind != CROSS and steps.query in steps.key_columns \
            else None
        for row, label in enumerate(labels):
            color = colors["highlight"] if row == strongest else colors["accent"] if row == own else \
                muted if steps.masked[row] else text
            self._text(x_k - 6, ROWS_Y + row * ROW + 2, label, color=color, fontsize=8.5, ha="right")

        # ① keys, ② products, ③ values, as strips lined up with the labels
        self._strip("k", steps.keys, x_k, ROWS_Y, key_limit, labels)
        products = np.ma.masked_array(steps.products, np.repeat(steps.masked[:, None], d_k, axis=1))
        self._strip("q∘k", products, x_products, ROWS_Y, symmetric_limit(products.compressed()), labels)
        value_limit = symmetric_limit(steps.values, steps.output)
        self._strip("v", steps.values, x_v, ROWS_Y, value_limit, labels)
        for name in ("k", "q∘k", "v"):  # thin lines between keys; the future faded
            axes = self.strips[name][0]
            axes.hlines(np.arange(count - 1) + 0.5, -0.5, d_k - 0.5, color=colors["background"], lw=1)
            for row in np.flatnonzero(steps.masked):
                axes.add_patch(Rectangle((-0.5, row - 0.5), d_k, 1, color=colors["background"], alpha=0.7, lw=0))

        # ② the numbers and the weights
        dots, scaled = steps.dot_products, steps.scaled
        for name, left, values in (("dot", x_dot, dots), ("scaled", x_scaled, scaled)):
            axes = self._axes(left, ROWS_Y, NUMBER_W, count * ROW)
            axes.set_xlim(0, 1)
            axes.set_ylim(count - 0.5, -0.5)
            self.columns[name] = axes
            for row, value in enumerate(values):
                # −∞ in mathtext: NanumGothic has no ∞
                shown = (r"$-\infty$" if name == "scaled" else self.tr("future")) if steps.masked[row] \
                    else f"{value:.2f}"
                axes.text(0.96, row, shown, ha="right", va="center", fontsize=8,
                          color=muted if steps.masked[row] else text)
        axes = self._axes(x_bar, ROWS_Y, BAR_W, count * ROW)
        self.columns["weight"] = axes
        axes.set_ylim(count - 0.5, -0.5)
        top = float(steps.weights.max()) or 1.0
        axes.set_xlim(0, top * 1.6)
        axes.barh(range(count), steps.weights, height=0.7, lw=0,
                  color=[colors["highlight"] if r == strongest else colors["accent"] for r in range(count)])
        for row, weight in enumerate(steps.weights):
            axes.text(weight + top * 0.04, row, "0" if steps.masked[row] else f"{weight:.1%}", va="center",
                      fontsize=7.5, color=muted if steps.masked[row] else text)
        axes = self._axes(x_heads, ROWS_Y, heads * HEAD_W, count * ROW)
        self.columns["heads"] = axes
        axes.imshow(steps.head_weights.T, aspect="auto", cmap=colors["cmap"], vmin=0.0,
                    vmax=max(float(steps.head_weights.max()), 1e-6), interpolation="nearest")
        axes.add_patch(Rectangle((steps.head - 0.5, -0.5), 1, count, fill=False, ec=colors["highlight"], lw=1.5))

        # ③ z under the values
        self._text(x_v - 6, z_y - 2, r"$z=\Sigma_i\,a_i\,v_i$", color=colors["highlight"], fontsize=9.5,
                   ha="right")
        self._strip("z", steps.output[None, :], x_v, z_y, value_limit, ["z"], STRIP_H)

        # where the head's output goes next
        self._text(MARGIN, next_y, STEP_NEXT, color=text, fontsize=10.5)
        next_names = {CROSS: self.tr("cross-attention"), "feed_forward": self.tr("the feed-forward sublayer")}
        self._text(MARGIN + 330, next_y + 4, self.tr("then: on to {0} of layer {1}").format(
            next_names.get(steps.next_sublayer, steps.next_sublayer), steps.layer + 1), color=muted, fontsize=8.5)
        concatenated = steps.head_outputs.reshape(-1)
        rows = (("concat", concatenated, rf"$\mathrm{{Concat}}(z_1,\dots,z_{{{heads}}})$",
                 self.tr("{0} heads × {1} = {2}").format(heads, d_k, concatenated.shape[0])),
                ("projected", steps.projected, r"$\times\,W^O+b^O$", self.tr("the sublayer's output")),
                ("residual", steps.residual, r"$x$", self.tr("the residual: the piece's vector before it")),
                ("updated", steps.updated, r"$x+\ldots$", self.tr("what goes on")))
        saved_cell = self.cell
        self.cell = model_cell
        for line, (name, values, math, caption) in enumerate(rows):
            top_y = next_y + 34 + line * 20
            self._text(MARGIN, top_y - 2, math, color=text, fontsize=9.5)
            self._text(240, top_y, caption, color=muted, fontsize=8, ha="right")
            self._strip(name, values[None, :], 250, top_y, symmetric_limit(values), [caption], STRIP_H)
        axes = self.strips["concat"][0]
        axes.add_patch(Rectangle((steps.head * d_k - 0.5, -0.5), d_k, 1, fill=False, ec=colors["highlight"], lw=1.5))
        self.cell = saved_cell

    # --- the numbers under the mouse -----------------------------------------------------------------------------

    def describe(self, axes, x: float, y: float) -> str:
        """What the point (data coordinates of `axes`) shows, with its numbers; "" for nothing."""
        steps = self.steps
        if steps is None or axes is None:
            return ""
        for name, (strip_axes, values, row_labels) in self.strips.items():
            if axes is strip_axes:
                row, column = int(round(y)), int(round(x))
                if not (0 <= row < values.shape[0] and 0 <= column < values.shape[1]):
                    return ""
                return self._describe_strip(name, values, row_labels, row, column)
        row = int(round(y))
        if not 0 <= row < len(self.key_labels):
            return ""
        label = self.key_labels[row]
        if axes is self.columns.get("heads"):
            head = int(round(x))
            if not 0 <= head < steps.heads:
                return ""
            return self.tr("head {0}: “{1}” gets {2:.1%} (click to see head {0}'s steps)").format(
                head + 1, label, float(steps.head_weights[head, row]))
        if axes in self.columns.values():
            if steps.masked[row]:
                return self.tr("“{0}” comes later in the sentence: masked, −∞ before the softmax, 0 after").format(
                    label)
            return self.tr("“{0}”: q · k = {1:.4f}, ÷ √{2} = {3:.4f}, softmax = {4:.2%}").format(
                label, float(steps.dot_products[row]), steps.d_k, float(steps.scaled[row]),
                float(steps.weights[row]))
        return ""

    def _describe_strip(self, name: str, values, row_labels: list[str], row: int, column: int) -> str:
        steps = self.steps
        if name == "q∘k":
            if steps.masked[row]:
                return self.tr("“{0}” comes later in the sentence: masked").format(row_labels[row])
            return self.tr("q[{0}] × k[{0}] of “{1}” = {2:+.4f} × {3:+.4f} = {4:+.4f}").format(
                column, row_labels[row], float(steps.query_vector[column]), float(steps.keys[row, column]),
                float(steps.products[row, column]))
        if name in ("k", "v"):
            return self.tr("{0}[{1}] of “{2}” = {3:+.4f}").format(name, column, row_labels[row],
                                                                  float(values[row, column]))
        if name == "q":
            return self.tr("q[{0}] = {1:+.4f}").format(column, float(values[0, column]))
        if name == "z":
            return self.tr("z[{0}] = Σ a_i v_i[{0}] = {1:+.4f}").format(column, float(values[0, column]))
        if name == "concat":
            head, part = divmod(column, steps.d_k)
            return self.tr("head {0}'s z[{1}] = {2:+.4f}").format(head + 1, part, float(values[0, column]))
        return f"{row_labels[0]}: [{column}] = {float(values[0, column]):+.4f}"

    def _on_motion(self, event) -> None:
        if event.inaxes is None or event.xdata is None:
            self.valueHovered.emit("")
            return
        self.valueHovered.emit(self.describe(event.inaxes, event.xdata, event.ydata))

    def _on_press(self, event) -> None:
        if self.steps is not None and event.inaxes is self.columns.get("heads") and event.xdata is not None:
            head = int(round(event.xdata))
            if 0 <= head < self.steps.heads:
                self.headClicked.emit(head)

    def save(self, path: str) -> None:
        from model.api import write_atomic

        kind = Path(path).suffix.lstrip(".").lower() or "png"
        dpi = 200 if kind == "png" else None
        write_atomic(path, lambda tmp: self.figure.savefig(tmp, dpi=dpi, format=kind,
                                                           facecolor=self.figure.get_facecolor()))


class StepsView(QWidget):
    """The tab: the formula, the query and head pickers, the figure, the numbers under the mouse, export."""

    querySelected = Signal(int)  # a row of the sentence's heatmap, picked here
    headSelected = Signal(int)
    exported = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName(STEPS_VIEW)
        self.steps = None
        self.details: dict = {}  # the sentence and labels the JSON export adds to the numbers
        self.note = ""
        self.last_directory = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        self.formula = FormulaBar(STEPS, steps_caption(), self, size=11.0)
        layout.addWidget(self.formula)

        row = QHBoxLayout()
        row.setSpacing(6)
        self.query_combo = QComboBox(objectName="stepsQueryCombo")
        self.query_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.query_combo.setToolTip(self.tr("The piece whose query is followed (also: click its row in the heatmap, "
                                            "or the word in the text)"))
        query_label = QLabel(self.tr("&Query"))
        query_label.setBuddy(self.query_combo)
        row.addWidget(query_label)
        row.addWidget(self.query_combo)
        row.addSpacing(8)
        row.addWidget(QLabel(self.tr("Head")))
        self.head_box = QWidget()
        self.head_layout = QHBoxLayout(self.head_box)
        self.head_layout.setContentsMargins(0, 0, 0, 0)
        self.head_layout.setSpacing(2)
        self.head_group = QButtonGroup(self)
        self.head_group.setExclusive(True)
        self.head_group.idClicked.connect(self.headSelected)
        row.addWidget(self.head_box)
        row.addStretch(1)
        self.export_button = QToolButton(objectName="stepsExportButton")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_png_action = QAction(self.tr("Image (PNG)…"), self, triggered=lambda: self._export_dialog("png"))
        self.export_svg_action = QAction(self.tr("Image (SVG)…"), self, triggered=lambda: self._export_dialog("svg"))
        self.export_json_action = QAction(self.tr("Numbers (JSON)…"), self,
                                          triggered=lambda: self._export_dialog("json"))
        for action in (self.export_png_action, self.export_svg_action, self.export_json_action):
            menu.addAction(action)
        self.export_button.setMenu(menu)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.query_combo.activated.connect(lambda index: self.querySelected.emit(self.query_combo.itemData(index)))

        self.scroll = QScrollArea(objectName="stepsScroll")
        self.scroll.setWidgetResizable(False)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Base)
        self.canvas = StepsCanvas()
        self.scroll.setWidget(self.canvas)
        self.scroll.viewport().installEventFilter(self)
        layout.addWidget(self.scroll, 1)
        self.info_label = QLabel(objectName="stepsInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.info_label)
        self.canvas.valueHovered.connect(self._on_value_hovered)
        self.canvas.headClicked.connect(self.headSelected)
        self.show_message(self.tr("Translate some Korean text, then pick a sentence, to see the three steps of "
                                  "attention with the model's numbers."))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll.viewport() and event.type() == event.Type.Resize:
            self.canvas.set_available(self.scroll.viewport().size())
        return super().eventFilter(watched, event)

    # --- content ------------------------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.steps = None
        self.export_button.setEnabled(False)
        self.info_label.clear()
        self.canvas.show_message(text)

    def set_choices(self, query_labels: list[str], query: int, heads: int, head: int) -> None:
        """The queries to pick from (the sentence's rows for this attention) and the heads; nothing is emitted."""
        self.query_combo.blockSignals(True)
        if [self.query_combo.itemText(i) for i in range(self.query_combo.count())] != query_labels:
            self.query_combo.clear()
            for index, label in enumerate(query_labels):
                self.query_combo.addItem(label, index)
        self.query_combo.setCurrentIndex(query)
        self.query_combo.blockSignals(False)
        if len(self.head_group.buttons()) != heads:
            for button in self.head_group.buttons():
                self.head_group.removeButton(button)
                button.deleteLater()
            for number in range(heads):
                button = QToolButton(self.head_box, objectName=f"stepsHead{number + 1}")
                button.setText(str(number + 1))
                button.setCheckable(True)
                button.setToolTip(self.tr("Head {0}").format(number + 1))
                self.head_group.addButton(button, number)
                self.head_layout.addWidget(button)
        button = self.head_group.button(head)
        if button is not None:
            button.setChecked(True)

    def show_steps(self, steps, key_labels: list[str], title: str, subtitle: str, note: str = "",
                   details: dict | None = None) -> None:
        """Draw AttentionSteps; `note` says what the view chose for the user (a head for an average, say),
        `details` goes into the JSON export beside the numbers (the sentence, the labels shown)."""
        self.steps, self.note, self.details = steps, note, dict(details or {})
        self.export_button.setEnabled(True)
        self.canvas.show_steps(steps, key_labels, title, subtitle)
        self.info_label.setText(note or self.tr("Point at a strip to read its numbers; click a head's column to "
                                                "see its steps."))

    def _on_value_hovered(self, text: str) -> None:
        if text:
            self.info_label.setText(text)
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()
            if self.steps is not None:
                self.info_label.setText(self.note or self.tr("Point at a strip to read its numbers; click a "
                                                             "head's column to see its steps."))

    # --- export -------------------------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        """The numbers shown (AttentionSteps.to_dict) with the sentence and the labels."""
        if self.steps is None:
            raise ValueError("no steps to export")
        return {**self.details, "key_labels": list(self.canvas.key_labels), **self.steps.to_dict()}

    def export(self, path: str) -> None:
        """The figure (.png, .svg) or the numbers (.json), written atomically."""
        if self.steps is None:
            raise ValueError("no steps to export")
        if path.lower().endswith(".json"):
            from model.api import write_text_atomic

            write_text_atomic(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            self.canvas.save(path)
        self.exported.emit(path)

    def _export_dialog(self, kind: str) -> None:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                   "json": self.tr("JSON file (*.json)")}
        stem = "attention-steps" + (f"-{self.steps.kind}-layer{self.steps.layer + 1}-head{self.steps.head + 1}"
                                    if self.steps is not None else "")
        path = ask_export_path(self, self.tr("Export the steps"), self.last_directory, stem, kind, filters[kind])
        if path:
            self.last_directory = str(Path(path).parent)
            try:
                self.export(path)
            except (OSError, ValueError) as error:
                self.info_label.setText(self.tr("Could not export: {0}").format(error))

