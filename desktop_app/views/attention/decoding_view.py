"""The decoding view: how the English of one sentence was chosen, step by step (a tab of the attention dock).

- The chosen sentence as a row of pieces, one per decoder step (the last one is </s>, the step that ended it).
- For the selected step, the decoder's top candidates and their probabilities, for the beam (the hypothesis the
  winner grew from) and for greedy search, side by side; and that step's cross-attention over the Korean pieces.
- The beam as a lattice: at each step the hypotheses kept (boxed, with their cumulative log-probability) and the
  best pruned ones (faded), the winner's path highlighted; then the finished hypotheses with their raw and
  length-normalised scores, in the order the search ranked them.

The data come from model.api's Explanation (Translator.explain, computed off the GUI thread by
services/explaining.py); this module only arranges and draws them. Selecting a step is shared with the attention
panel (lecture.py connects the two): the heatmap's row of that English piece is highlighted.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QMenu, QScrollArea, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from ..export_dialog import ask_export_path
from ..fonts import setup_matplotlib
from ..theme import plot_colors
from .canvas import ShownCanvas
from .decoding_data import (BOX_PAD, LABEL_PT, LATTICE_LEFT, MAX_BOX, SCORE_PT, Candidate, LatticeLayout, Node,
                            chosen_tokens, finals_rows, fitted, lattice, sentence_score, step_candidates,
                            step_pieces)
from .formulas import LENGTH_PENALTY, FormulaBar, length_penalty_caption

__all__ = ["DecodingCanvas", "DecodingView", "chosen_tokens", "finals_rows", "step_candidates", "step_pieces"]

# --- the figure -----------------------------------------------------------------------------------------------------


class DecodingCanvas(ShownCanvas):
    """Draws at the size it asks for (it sits in a scroll area); a click in the lattice picks that step."""

    stepClicked = Signal(int)

    def __init__(self, parent=None):
        setup_matplotlib()
        self.figure = Figure(dpi=100)
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("decodingCanvas")
        self.explained = None
        self.step = 0
        self.attention = None  # (matrix (T, S), Korean labels, layer) or None
        self.message = ""
        self.available = QSize(640, 420)
        self._preferred = QSize(640, 420)
        self.lattice_axes = None
        self.bar_axes = []
        self.mpl_connect("button_press_event", self._on_press)
        self.show_message("")

    def sizeHint(self) -> QSize:
        return self._preferred

    def show_message(self, text: str) -> None:
        self.explained, self.message = None, text
        self.redraw()

    def show_explained(self, explained, step: int, attention=None) -> None:
        self.explained, self.step, self.attention = explained, step, attention
        self.redraw()

    def set_available(self, size: QSize) -> None:
        if size != self.available:
            self.available = size
            self.redraw()

    def redraw(self) -> None:
        colors = plot_colors()
        self.figure.clear()
        self.figure.set_facecolor(colors["background"])
        self.lattice_axes, self.bar_axes = None, []
        if self.explained is None:
            self._preferred = QSize(max(self.available.width(), 200), max(self.available.height(), 120))
            self.figure.text(0.5, 0.5, self.message, ha="center", va="center", color=colors["muted"], fontsize=11,
                             wrap=True)
        else:
            self._draw(colors)
        self.resize(self._preferred)
        self.draw_idle()

    # layout, in pixels from the top; matplotlib wants fractions from the bottom
    def _axes(self, left: float, top: float, width: float, height: float):
        w, h = self._preferred.width(), self._preferred.height()
        return self.figure.add_axes((left / w, 1 - (top + height) / h, width / w, height / h))

    def _text(self, x: float, y: float, text: str, **style):
        w, h = self._preferred.width(), self._preferred.height()
        return self.figure.text(x / w, 1 - y / h, text, va="top", **style)

    def _draw(self, colors: dict) -> None:
        explained = self.explained
        beam, greedy = explained.beam, explained.greedy
        nodes = lattice(beam)
        steps = len(beam.trace.steps)
        rows = max((n.row for n in nodes), default=0) + 1
        finals = finals_rows(beam)
        for node in nodes:
            node.label = fitted(("■ " if node.finished else "") + node.label, LABEL_PT, MAX_BOX - 2 * BOX_PAD)
        layout = LatticeLayout.of(nodes, steps, max(self.available.width(), 640))
        width = max(self.available.width(), 640, layout.needed_width)
        layout = LatticeLayout.of(nodes, steps, width)
        has_attention = self.attention is not None and self.step < len(self.attention[0])
        header, bars_h, attention_h = 54, 116, (88 if has_attention else 0)
        lattice_top = header + 34 + bars_h + 26 + attention_h + 30
        lattice_h = rows * layout.row + 22
        finals_top = lattice_top + lattice_h + 34
        height = finals_top + 22 + 17 * len(finals) + 12
        self._preferred = QSize(int(width), int(height))

        # the two sentences and their scores
        for line, (name, explanation) in enumerate(
                ((self.tr("Beam {0}").format(beam.beam), beam), (self.tr("Greedy"), greedy))):
            raw, normalized = sentence_score(explanation)
            self._text(12, 8 + line * 22, name, color=colors["accent"] if line == 0 else colors["second"],
                       fontsize=10.5)  # no bold: NanumGothic has none, and colour already marks it
            self._text(100, 8 + line * 22, "“{0}”   {1}".format(
                explanation.target, self.tr("log P = {0:.2f}, score = {1:.2f}").format(raw, normalized)
                if explanation.beam > 1 else self.tr("log P = {0:.2f}").format(raw)),
                color=colors["text"], fontsize=10)

        # the candidates at the selected step: beam and greedy side by side
        pane = min(360, (width - 40) / 2)
        for column, (explanation, color) in enumerate(((beam, colors["accent"]), (greedy, colors["second"]))):
            left = 12 + column * (pane + 16)
            candidates, prefix = step_candidates(explanation, self.step)
            title = (self.tr("Beam, step {0}").format(self.step + 1) if column == 0
                     else self.tr("Greedy, step {0}").format(self.step + 1))
            after = self.tr("after “{0}”").format(prefix) if prefix else self.tr("first piece")
            self._text(left, header + 4, f"{title} · {after}" if candidates else title, color=colors["text"],
                       fontsize=9.5)
            axes = self._axes(left + 78, header + 30, pane - 130, bars_h)
            self.bar_axes.append(axes)
            self._draw_bars(axes, candidates, color, colors)
            if not candidates:
                axes.text(0.5, 0.5, self.tr("finished before this step"), transform=axes.transAxes, ha="center",
                          va="center", color=colors["muted"], fontsize=9)

        self._text(12 + 78, header + 34 + bars_h + 4, self.tr("red: the piece the sentence took · colour: also kept "
                                                           "by the beam · grey: dropped"),
                   color=colors["muted"], fontsize=8.5)

        # that step's cross-attention over the Korean pieces
        if has_attention:
            matrix, source_labels, layer = self.attention
            top = header + 34 + bars_h + 28
            self._text(12, top, self.tr("Step {0} looks at the Korean: cross-attention, layer {1}, average of the "
                                        "heads").format(self.step + 1, layer + 1), color=colors["text"], fontsize=9.5)
            cell = max(14.0, min(40.0, (width - 120) / max(len(source_labels), 1)))
            axes = self._axes(24, top + 26, cell * len(source_labels), 20)
            row = np.asarray(matrix[self.step], dtype=np.float64)[None, :]
            axes.imshow(row, aspect="auto", cmap=colors["cmap"], vmin=0.0, vmax=max(float(row.max()), 1e-6),
                        interpolation="nearest")
            axes.set_yticks([])
            rotate = max((len(label) for label in source_labels), default=0) * 9 > cell
            axes.set_xticks(range(len(source_labels)), source_labels, fontsize=8.5, rotation=45 if rotate else 0,
                            ha="right" if rotate else "center", rotation_mode="anchor", color=colors["text"])
            axes.tick_params(length=0, pad=3)
            for spine in axes.spines.values():
                spine.set_visible(False)

        # the beam lattice
        self._text(12, lattice_top - 26, self.tr("The beam: kept hypotheses (boxed, cumulative log P), the best "
                                                 "pruned ones (faded), the winner's path highlighted"),
                   color=colors["text"], fontsize=9.5)
        axes = self._axes(0, lattice_top, width, lattice_h)
        self.lattice_axes = axes
        self._draw_lattice(axes, nodes, steps, rows, width, lattice_h, layout, colors)

        # the finished hypotheses, in the search's order
        self._text(12, finals_top - 22, self.tr("Finished hypotheses, best first: score = log P / ((5 + |Y|) / 6)^α, "
                                                "α = {0}").format(beam.alpha), color=colors["text"], fontsize=9.5)
        for line, row in enumerate(finals):
            y = finals_top + 2 + line * 17
            color = colors["highlight"] if row["chosen"] else colors["text"]
            self._text(16, y, "✔" if row["chosen"] else "·", color=color, fontsize=9)
            self._text(34, y, "{0:>7.2f} / {1:.3f} = {2:>7.2f}".format(row["score"], row["penalty"], row["normalized"]),
                       color=color, fontsize=9, family="monospace")
            self._text(262, y, "|Y| = {0:<3d}  {1}".format(row["length"], row["text"]), color=color, fontsize=9)

    def _draw_bars(self, axes, candidates: list[Candidate], color: str, colors: dict) -> None:
        axes.set_facecolor(colors["background"])
        for spine in axes.spines.values():
            spine.set_visible(False)
        axes.set_xlim(0, 1.0)
        axes.tick_params(colors=colors["muted"], labelsize=8, length=0)
        axes.set_xticks([])
        count = max(len(candidates), 1)
        axes.set_ylim(count - 0.5, -0.5)
        if not candidates:
            axes.set_yticks([])
            return
        fills = [colors["highlight"] if c.chosen else color if c.kept else colors["grid"] for c in candidates]
        axes.barh(range(len(candidates)), [c.probability for c in candidates], color=fills, height=0.7)
        axes.set_yticks(range(len(candidates)), [c.label for c in candidates], fontsize=9)
        for tick, candidate in zip(axes.get_yticklabels(), candidates):
            tick.set_color(colors["highlight"] if candidate.chosen else colors["text"])
        for index, candidate in enumerate(candidates):
            axes.text(candidate.probability + 0.02, index, f"{candidate.probability:.1%}", va="center",
                      color=colors["text"], fontsize=8.5)

    def _draw_lattice(self, axes, nodes: list[Node], steps: int, rows: int, width: float, height: float,
                      layout: LatticeLayout, colors: dict) -> None:
        """Steps along x (one data unit = layout.step pixels), rows down y (one unit = layout.row pixels)."""
        axes.set_facecolor(colors["background"])
        x0 = -0.5 - LATTICE_LEFT / layout.step
        axes.set_xlim(x0, x0 + width / layout.step)
        bottom = (height - 22) / layout.row  # below the last row: the step numbers
        axes.set_ylim(-0.5 + bottom + 22 / layout.row, -0.5)
        axes.axis("off")
        axes.add_patch(Rectangle((self.step - 0.5, -0.5), 1, bottom, color=colors["grid"], alpha=0.6, lw=0))
        half_w, half_h = layout.box_width / 2 / layout.step, layout.box_height / 2 / layout.row
        root = x0 + 28 / layout.step  # <s>, in the left margin
        position = {(): (root, 0)}
        for node in nodes:
            if node.kept:
                position[node.key] = (node.step, node.row)
        axes.text(root, 0, "<s>", ha="center", va="center", fontsize=LABEL_PT, color=colors["muted"])
        for node in nodes:  # edges first, under the boxes
            parent = position.get(node.parent)
            if parent is None:
                continue
            style = dict(color=colors["highlight"], lw=2.0, zorder=2) if node.winner else \
                dict(color=colors["muted"], lw=0.9, zorder=1) if node.kept else \
                dict(color=colors["muted"], lw=0.7, ls=(0, (2, 2)), alpha=0.5, zorder=1)
            start = parent[0] + (half_w if node.parent else 16 / layout.step)
            axes.plot([start, node.step - half_w], [parent[1], node.row], **style)
        for node in nodes:
            if node.winner:
                edge, face, text = colors["highlight"], colors["highlight"], colors["background"]
            elif node.kept:
                edge, face, text = colors["accent"], colors["background"], colors["text"]
            else:
                edge, face, text = colors["grid"], colors["background"], colors["muted"]
            alpha = 1.0 if node.kept else 0.65
            axes.add_patch(FancyBboxPatch((node.step - half_w, node.row - half_h), 2 * half_w, 2 * half_h,
                                          boxstyle=f"round,pad=0,rounding_size={4 / layout.step}", fc=face, ec=edge,
                                          lw=1.4 if node.kept else 0.8, ls="-" if node.kept else "--", alpha=alpha,
                                          zorder=3, mutation_aspect=layout.step / layout.row))
            axes.text(node.step, node.row + layout.label_offset / layout.row, node.label, ha="center", va="center",
                      fontsize=LABEL_PT, color=text, zorder=4, alpha=alpha)
            axes.text(node.step, node.row + layout.score_offset / layout.row, f"{node.score:.2f}", ha="center",
                      va="center", fontsize=SCORE_PT, color=text, zorder=4, alpha=alpha)
        for step in range(steps):
            axes.text(step, -0.5 + bottom + 11 / layout.row, str(step + 1), ha="center", va="center", fontsize=7,
                      color=colors["muted"])

    def _on_press(self, event) -> None:
        if self.explained is None or event.inaxes is not self.lattice_axes or event.xdata is None:
            return
        step = int(round(event.xdata))
        if 0 <= step < len(self.explained.beam.trace.steps):
            self.stepClicked.emit(step)

    def save(self, path: str) -> None:
        from model.api import write_atomic

        kind = Path(path).suffix.lstrip(".").lower() or "png"
        dpi = 200 if kind == "png" else None
        write_atomic(path, lambda tmp: self.figure.savefig(tmp, dpi=dpi, format=kind,
                                                           facecolor=self.figure.get_facecolor()))


# --- the view ---------------------------------------------------------------------------------------------------------


class DecodingView(QWidget):
    """The tab: the formula, the row of pieces (one per step), the figure, export."""

    stepHovered = Signal(int)  # step under the mouse in the row of pieces; -1 when it leaves
    stepSelected = Signal(int)  # a step chosen by the user (row of pieces, or the lattice)
    exported = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("decodingView")
        self.explained = None
        self.step = 0
        self.attention = None
        self.last_directory = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        self.formula = FormulaBar(LENGTH_PENALTY, length_penalty_caption(), self, size=12.0)
        layout.addWidget(self.formula)

        row = QHBoxLayout()
        row.setSpacing(6)
        self.pieces_scroll = QScrollArea(objectName="decodingPiecesScroll")
        self.pieces_scroll.setWidgetResizable(True)
        self.pieces_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.pieces_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pieces_scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.pieces_box = QWidget()
        self.pieces_layout = QHBoxLayout(self.pieces_box)
        self.pieces_layout.setContentsMargins(0, 0, 0, 0)
        self.pieces_layout.setSpacing(2)
        self.pieces_scroll.setWidget(self.pieces_box)
        self.pieces_scroll.setFixedHeight(40)
        self.step_buttons: list[QToolButton] = []
        self.button_group = QButtonGroup(self)
        self.button_group.setExclusive(True)
        self.button_group.idClicked.connect(self._on_button_clicked)
        self.export_button = QToolButton(objectName="decodingExportButton")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_png_action = QAction(self.tr("Image (PNG)…"), self, triggered=lambda: self._export_dialog("png"))
        self.export_svg_action = QAction(self.tr("Image (SVG)…"), self, triggered=lambda: self._export_dialog("svg"))
        self.export_json_action = QAction(self.tr("Trace (JSON)…"), self,
                                          triggered=lambda: self._export_dialog("json"))
        for action in (self.export_png_action, self.export_svg_action, self.export_json_action):
            menu.addAction(action)
        self.export_button.setMenu(menu)
        self.export_button.setEnabled(False)
        row.addWidget(self.pieces_scroll, 1)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

        self.scroll = QScrollArea(objectName="decodingScroll")
        self.scroll.setWidgetResizable(False)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Base)
        self.canvas = DecodingCanvas()
        self.scroll.setWidget(self.canvas)
        self.scroll.viewport().installEventFilter(self)
        self.canvas.stepClicked.connect(lambda step: self.select_step(step, emit=True))
        layout.addWidget(self.scroll, 1)
        self.info_label = QLabel(objectName="decodingInfo")
        self.info_label.setWordWrap(True)
        layout.addWidget(self.info_label)
        self.show_message(self.tr("Translate some Korean text, then pick a sentence, to see how its English was "
                                  "chosen."))

    # --- content ----------------------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.explained = None
        self._set_pieces([])
        self.export_button.setEnabled(False)
        self.info_label.clear()
        self.canvas.show_message(text)

    def show_explained(self, explained, attention=None) -> None:
        """Explained (services/explaining.py); attention: the cross-attention of the app's translation of the
        same sentence, (matrix (T, S) of one layer, heads averaged, Korean labels, layer), or None."""
        self.explained, self.attention = explained, attention
        beam = explained.beam
        self._set_pieces(step_pieces(beam))
        self.step = min(self.step, len(self.step_buttons) - 1) if self.step_buttons else 0
        self.export_button.setEnabled(True)
        raw, normalized = sentence_score(beam)
        greedy_raw, _ = sentence_score(explained.greedy)
        if explained.beam.target == explained.greedy.target:
            self.info_label.setText(self.tr("Beam and greedy search agree here. Click a piece (or a column of the "
                                            "beam) to see that step."))
        else:
            self.info_label.setText(self.tr("Beam and greedy search disagree: the beam's sentence has log P {0:.2f}, "
                                            "greedy's {1:.2f}. Click a piece (or a column of the beam) to see that "
                                            "step.").format(raw, greedy_raw))
        self.select_step(self.step, emit=False, force=True)

    def set_attention(self, attention) -> None:
        self.attention = attention
        if self.explained is not None:
            self.canvas.show_explained(self.explained, self.step, attention)

    def _set_pieces(self, pieces: list[str]) -> None:
        for button in self.step_buttons:
            self.button_group.removeButton(button)
        while self.pieces_layout.count():
            widget = self.pieces_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.step_buttons = []
        for index, piece in enumerate(pieces):
            button = QToolButton(self.pieces_box)
            button.setText(piece.replace("&", "&&"))
            button.setCheckable(True)
            button.setToolTip(self.tr("Step {0}").format(index + 1))
            button.setProperty("step", index)
            button.installEventFilter(self)
            self.button_group.addButton(button, index)
            self.pieces_layout.addWidget(button)
            self.step_buttons.append(button)
        self.pieces_layout.addStretch(1)

    def select_step(self, step: int, emit: bool = True, force: bool = False) -> None:
        """Show `step` (0-based: the step that produced piece `step` of the row); emit stepSelected if asked."""
        if self.explained is None or not self.step_buttons:
            return
        steps = len(self.explained.beam.trace.steps)
        step = max(0, min(step, steps - 1))
        if step == self.step and not force and self.canvas.explained is not None:
            return
        self.step = step
        if step < len(self.step_buttons):
            self.step_buttons[step].setChecked(True)
            self.pieces_scroll.ensureWidgetVisible(self.step_buttons[step])
        else:  # a step after the winner ended (the rest of the beam still running): no piece of the row
            checked = self.button_group.checkedButton()
            if checked is not None:
                self.button_group.setExclusive(False)
                checked.setChecked(False)
                self.button_group.setExclusive(True)
        self.canvas.show_explained(self.explained, step, self.attention)
        if emit:
            self.stepSelected.emit(step)

    def _on_button_clicked(self, step: int) -> None:
        self.select_step(step, emit=True, force=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.canvas.set_available(self.scroll.viewport().size())
        elif isinstance(watched, QToolButton) and watched.property("step") is not None:
            if event.type() == QEvent.Type.Enter:
                self.stepHovered.emit(int(watched.property("step")))
            elif event.type() == QEvent.Type.Leave:
                self.stepHovered.emit(-1)
        return super().eventFilter(watched, event)

    # --- export -----------------------------------------------------------------------------------------------

    def export(self, path: str) -> None:
        """The figure (.png, .svg) or the traces (.json: the beam's Explanation.to_dict(), greedy's under
        "greedy"), written atomically."""
        if self.explained is None:
            raise ValueError("no decoding to export")
        if path.lower().endswith(".json"):
            from model.api import write_text_atomic

            write_text_atomic(path, json.dumps(self.explained.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            self.canvas.save(path)
        self.exported.emit(path)

    def _export_dialog(self, kind: str) -> None:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                   "json": self.tr("JSON file (*.json)")}
        path = ask_export_path(self, self.tr("Export decoding"), self.last_directory, "decoding", kind, filters[kind])
        if path:
            self.last_directory = str(Path(path).parent)
            try:
                self.export(path)
            except (OSError, ValueError) as error:
                self.info_label.setText(self.tr("Could not export: {0}").format(error))
