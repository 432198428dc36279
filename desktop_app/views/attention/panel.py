"""The attention inspector: a dock with the heatmap of one sentence's attention, its controls, export, and a
short explanation of what attention is.

The panel works in terms of sentences and piece indices. The main window's TextHighlighter (views/highlighting.py)
maps pieces to characters of the two editors: it listens to `highlightChanged` and calls `focus_piece` when the
mouse is over a word.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (QComboBox, QDockWidget, QHBoxLayout, QLabel, QMenu, QScrollArea,
                               QSizePolicy, QTabWidget, QTextBrowser, QToolButton, QVBoxLayout, QWidget)

from ...services.alignment import SOURCE, find_word, piece_spans, slot_replacements
from ..export_dialog import ask_export_path
from .data import (ALL_HEADS, AVERAGE, CROSS, DECODER, ENCODER, ROLLOUT, AttentionView, has_attention, select,
                   strongest, strongest_link, write_csv)
from .formulas import ATTENTION, ROLLOUT as ROLLOUT_FORMULA, attention_caption, attention_formula_bar, rollout_caption
from .heatmap import HeatmapCanvas


@dataclass
class PanelItem:
    """One thing the panel can show: a translated sentence, or a whole line taken as one encoder input."""

    id: int
    label: str
    text: str  # the Korean the attention is computed on
    sentence_index: int | None = None  # index in Translation.sentences (None for a whole line)
    line_index: int | None = None
    sentence: object = None  # SentenceTranslation, once it has attention
    requested: bool = False


@dataclass
class Highlight:
    """What to mark in the texts: the piece in focus and the pieces it relates to most, per side."""

    item: PanelItem
    focus: dict = field(default_factory=dict)  # side -> [piece index]
    strong: dict = field(default_factory=dict)  # side -> [piece index]


CONTROLS = frozenset({"sentence", "type", "layer", "heads"})  # the panel's choices above its tabs


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class AttentionPanel(QDockWidget):
    highlightChanged = Signal(object)  # Highlight or None
    attentionNeeded = Signal(int, str)  # item id, Korean text to translate with attention
    attentionProvided = Signal(int)  # item id: the attention asked for with attentionNeeded has arrived
    currentItemChanged = Signal()  # another sentence is shown: picked, or the first of a new translation
    exported = Signal(str)  # path written

    def __init__(self, parent=None):
        super().__init__(self.tr("Attention"), parent)
        self.setObjectName("attentionPanel")
        self.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        self.items: list[PanelItem] = []
        self.translation = None  # model.api.Translation the items come from: its decoding and terms too
        self._ids = itertools.count(1)
        self.view: AttentionView | None = None
        self.shown: tuple | None = None  # what the heatmap was last drawn for (PanelItem id, sentence, choices)
        self.pinned: tuple[str, int] | None = None  # (side, piece) kept when the mouse leaves
        self.last_directory = ""
        # the controls (CONTROLS) each tab uses, a set or a function giving one; a tab not listed uses them all
        self.tab_controls: dict[QWidget, object] = {}
        self._view_controls = False  # whether the heatmap has a view the controls act on
        self._build()

    # --- construction -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)

        self.sentence_combo = QComboBox(objectName="sentenceCombo")
        self.sentence_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sentence_combo.setMinimumContentsLength(24)
        self.sentence_combo.setToolTip(self.tr("The sentence whose attention is shown"))
        self.kind_combo = QComboBox(objectName="kindCombo")
        self.kind_combo.addItem(self.tr("Cross: English → Korean"), CROSS)
        self.kind_combo.addItem(self.tr("Encoder self: Korean → Korean"), ENCODER)
        self.kind_combo.addItem(self.tr("Decoder self: English → English"), DECODER)
        self.kind_combo.setToolTip(self.tr("Which attention to show (see “How it works”)"))
        self.layer_combo = QComboBox(objectName="layerCombo")
        self.layer_combo.setToolTip(self.tr("Layer, or the rollout of all layers"))
        self.head_combo = QComboBox(objectName="headCombo")
        for combo in (self.kind_combo, self.layer_combo, self.head_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.head_combo.setToolTip(self.tr("One head, the average of the heads, or all heads side by side"))

        self.export_button = QToolButton(objectName="exportButton")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.export_button)
        self.export_png_action = QAction(self.tr("Image (PNG)…"), self, triggered=lambda: self._export_dialog("png"))
        self.export_svg_action = QAction(self.tr("Image (SVG)…"), self, triggered=lambda: self._export_dialog("svg"))
        self.export_csv_action = QAction(self.tr("Matrix (CSV)…"), self, triggered=lambda: self._export_dialog("csv"))
        for action in (self.export_png_action, self.export_svg_action, self.export_csv_action):
            menu.addAction(action)
        self.export_button.setMenu(menu)

        top = QHBoxLayout()
        top.setSpacing(6)
        sentence_label = QLabel(self.tr("&Sentence"))
        sentence_label.setBuddy(self.sentence_combo)
        top.addWidget(sentence_label)
        top.addWidget(self.sentence_combo, 1)
        layout.addLayout(top)
        controls = QHBoxLayout()
        controls.setSpacing(6)
        for text, combo in ((self.tr("&Type"), self.kind_combo), (self.tr("&Layer"), self.layer_combo),
                            (self.tr("&Heads"), self.head_combo)):
            label = QLabel(text)
            label.setBuddy(combo)
            controls.addWidget(label)
            controls.addWidget(combo)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        layout.addLayout(controls)

        self.tabs = QTabWidget(objectName="attentionTabs")
        self.tabs.setDocumentMode(True)
        heatmap_page = QWidget()
        heatmap_layout = QVBoxLayout(heatmap_page)
        heatmap_layout.setContentsMargins(0, 4, 0, 0)
        self.scroll = QScrollArea(objectName="heatmapScroll")
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Base)
        self.resize_timer = QTimer(self, singleShot=True, interval=120)
        self.resize_timer.timeout.connect(self._fit_canvas)
        self.canvas = HeatmapCanvas()
        self.scroll.setWidget(self.canvas)
        self.scroll.viewport().installEventFilter(self)
        heatmap_layout.addWidget(self.scroll, 1)
        self.info_label = QLabel(objectName="attentionInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        heatmap_layout.addWidget(self.info_label)
        self.formula_bar = attention_formula_bar()  # softmax(QKᵀ/√d_k)V beside the heatmap (formulas.py)
        heatmap_layout.addWidget(self.formula_bar)
        self.tabs.addTab(heatmap_page, self.tr("Heatmap"))
        self.help_browser = QTextBrowser(objectName="attentionHelp")
        self.help_browser.setOpenExternalLinks(True)
        self.help_browser.setHtml(self.help_html())
        self.tabs.addTab(self.help_browser, self.tr("How it works"))
        self.use_controls(self.help_browser, set())
        layout.addWidget(self.tabs, 1)
        self.setWidget(body)

        self.sentence_combo.currentIndexChanged.connect(self._on_item_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.layer_combo.currentIndexChanged.connect(self._on_layer_changed)
        self.head_combo.currentIndexChanged.connect(self.refresh)
        self.canvas.cellHovered.connect(self._on_cell_hovered)
        self.canvas.cellClicked.connect(self._on_cell_clicked)
        self.tabs.currentChanged.connect(self._update_controls)
        self._set_controls_enabled(False)
        self.canvas.show_message(self.tr("Translate some Korean text to see where the model looks."))
        self._fit_canvas()
        self._hint_default()

    def sizeHint(self) -> QSize:
        return QSize(560, 520)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "canvas"):  # light/dark: new colours
            if self.view is not None:
                self.refresh()
            else:
                self.canvas.show_message(self.canvas.message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.resize_timer.start()  # relayout once the resizing settles
        return super().eventFilter(watched, event)

    def _fit_canvas(self) -> None:
        """Tell the heatmap how much room it has; it lays itself out to fit, or to scroll when too long."""
        self.canvas.set_available(self.scroll.viewport().size())

    def use_controls(self, page: QWidget, controls) -> None:
        """Which of the controls (CONTROLS) `page` uses: a set, or a function that gives one when asked; the
        others are disabled while it is shown, since they would change nothing there."""
        self.tab_controls[page] = controls
        self._update_controls()

    def _set_controls_enabled(self, enabled: bool) -> None:
        self._view_controls = enabled
        self._update_controls()

    def _update_controls(self, *_args) -> None:
        used = self.tab_controls.get(self.tabs.currentWidget(), CONTROLS)
        used = used() if callable(used) else used
        view = self._view_controls
        self.sentence_combo.setEnabled(bool(self.items) and "sentence" in used)
        self.kind_combo.setEnabled(view and "type" in used)
        self.layer_combo.setEnabled(view and "layer" in used)
        self.head_combo.setEnabled(view and "heads" in used and self.layer_combo.currentData() != ROLLOUT)
        self.export_button.setEnabled(view)

    def _hint_default(self) -> None:
        self.info_label.setText(self.tr("Point at a row, or at a word in either text, to see what it attends to "
                                        "most; click to keep it highlighted."))

    # --- content ------------------------------------------------------------------------------------------------

    def show_translating(self) -> None:
        """A translation is under way: say so (not "no Korean sentence") until its result comes."""
        if not self.items:
            self.view = None
            self._set_controls_enabled(False)
            self.canvas.show_message(self.tr("Translating… The sentences are listed here when it is done."))

    def set_translation(self, translation) -> None:
        """New result: one item per translated sentence, plus one per line that holds several (its text the line
        as typed, so that the translator places its pieces in the line)."""
        self.items = []
        self.translation = translation
        index = 0
        for line_number, line in enumerate(translation.lines if translation else []):
            translated = [s for s in line if s.translated]
            for sentence in line:
                if sentence.translated:
                    self.items.append(PanelItem(next(self._ids), _shorten(sentence.source), sentence.source,
                                                sentence_index=index, line_index=line_number,
                                                sentence=sentence if has_attention(sentence) else None))
                index += 1
            if len(translated) > 1:
                start, end = translation.line_spans[line_number]
                label = _shorten(" ".join(s.source for s in line), 48)
                self.items.append(PanelItem(next(self._ids), self.tr("Whole line: {0}").format(label),
                                            translation.source[start:end], line_index=line_number))
        self.pinned = None
        self.sentence_combo.blockSignals(True)
        self.sentence_combo.clear()
        for item in self.items:
            self.sentence_combo.addItem(item.label, item.id)
        self.sentence_combo.blockSignals(False)
        if self.items:
            self.sentence_combo.setCurrentIndex(0)
            self._on_item_changed()
        else:
            self.view = None
            self._set_controls_enabled(False)
            self.canvas.show_message(self.tr("Nothing to show: the text has no Korean sentence."))
            self._fit_canvas()
            self.highlightChanged.emit(None)
            self.currentItemChanged.emit()

    @property
    def current_item(self) -> PanelItem | None:
        item_id = self.sentence_combo.currentData()
        return next((item for item in self.items if item.id == item_id), None)

    def item_for_sentence(self, sentence_index: int) -> PanelItem | None:
        return next((item for item in self.items if item.sentence_index == sentence_index), None)

    def select_sentence(self, sentence_index: int) -> bool:
        item = self.item_for_sentence(sentence_index)
        if item is None:
            return False
        self.select_item(item)
        return True

    def select_line(self, line_index: int) -> bool:
        item = next((i for i in self.items if i.line_index == line_index and i.sentence_index is None), None)
        if item is not None:
            self.select_item(item)
        return item is not None

    def select_item(self, item: PanelItem) -> None:
        position = self.sentence_combo.findData(item.id)
        if position != self.sentence_combo.currentIndex():
            self.sentence_combo.setCurrentIndex(position)

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def show_layer_head(self, layer: int, head: int) -> None:
        self.layer_combo.setCurrentIndex(self.layer_combo.findData(layer))
        self.head_combo.setCurrentIndex(self.head_combo.findData(head))

    def provide_attention(self, item_id: int, sentence) -> None:
        item = next((i for i in self.items if i.id == item_id), None)
        if item is None:
            return
        item.sentence = sentence if has_attention(sentence) else None
        if item is self.current_item and item.sentence is not None:
            self._rebuild_choices()
        self.attentionProvided.emit(item_id)  # an example waiting for it picks its own view first (one drawing)
        if item is self.current_item:
            if item.sentence is None:
                self.canvas.show_message(self.tr("No attention for this sentence: it has nothing to translate."))
                self._fit_canvas()
            elif self.shown != self._view_key(item):
                self.refresh()

    def attention_failed(self, item_id: int, message: str) -> None:
        item = next((i for i in self.items if i.id == item_id), None)
        if item is not None:
            item.requested = False
            if item is self.current_item:
                self.canvas.show_message(self.tr("Could not compute the attention: {0}").format(message))
                self._fit_canvas()

    def _on_item_changed(self, *_args) -> None:
        item = self.current_item
        self.pinned = None
        self.highlightChanged.emit(None)
        if item is not None and item.sentence is None:
            self.view = None
            self._set_controls_enabled(False)
            self.canvas.show_message(self.tr("Computing the attention…"))
            self._fit_canvas()
            if not item.requested:
                item.requested = True
                self.attentionNeeded.emit(item.id, item.text)
        elif item is not None:
            self._rebuild_choices()
            self.refresh()
        self.currentItemChanged.emit()

    def _on_kind_changed(self, *_args) -> None:
        self.pinned = None
        self._rebuild_choices()
        self.refresh()

    def _on_layer_changed(self, *_args) -> None:
        self._update_controls()
        self.refresh()

    def _rebuild_choices(self) -> None:
        """Layer and head lists for the current sentence and attention type, keeping the choice if it exists."""
        item = self.current_item
        if item is None or item.sentence is None:
            return
        kind = self.kind_combo.currentData()
        layers = item.sentence.encoder_attention if kind == ENCODER else item.sentence.cross_attention
        heads = layers[0].shape[0]
        layer, head = self.layer_combo.currentData(), self.head_combo.currentData()
        for combo in (self.layer_combo, self.head_combo):
            combo.blockSignals(True)
            combo.clear()
        for number in range(len(layers)):
            self.layer_combo.addItem(self.tr("Layer {0}").format(number + 1), number)
        self.layer_combo.addItem(self.tr("Rollout (all layers)"), ROLLOUT)
        self.head_combo.addItem(self.tr("Average of heads"), AVERAGE)
        for number in range(heads):
            self.head_combo.addItem(self.tr("Head {0}").format(number + 1), number)
        self.head_combo.addItem(self.tr("All heads (grid)"), ALL_HEADS)
        layer_position = self.layer_combo.findData(layer) if layer is not None else -1
        self.layer_combo.setCurrentIndex(layer_position if layer_position >= 0 else len(layers) - 1)
        head_position = self.head_combo.findData(head) if head is not None else -1
        self.head_combo.setCurrentIndex(max(head_position, 0))
        for combo in (self.layer_combo, self.head_combo):
            combo.blockSignals(False)

    def title(self) -> str:
        kind = {CROSS: self.tr("Cross-attention"), ENCODER: self.tr("Encoder self-attention"),
                DECODER: self.tr("Decoder self-attention")}[self.view.kind]
        if self.view.layer == ROLLOUT:
            where = self.tr("rollout through all layers")
        else:
            where = self.tr("layer {0}").format(self.view.layer + 1)
        heads = self.head_combo.count() - 2
        if self.view.layer == ROLLOUT or self.view.head == AVERAGE:
            which = self.tr("average of {0} heads").format(heads)
        elif self.view.head == ALL_HEADS:
            which = self.tr("all {0} heads").format(heads)
        else:
            which = self.tr("head {0}").format(self.view.head + 1)
        return f"{kind} · {where} · {which}"

    def _view_key(self, item: PanelItem) -> tuple:
        return (item.id, id(item.sentence), self.kind_combo.currentData(), self.layer_combo.currentData(),
                self.head_combo.currentData())

    def refresh(self, *_args) -> None:
        item = self.current_item
        if item is None or item.sentence is None:
            return
        self.view = select(item.sentence, self.kind_combo.currentData(), self.layer_combo.currentData(),
                           self.head_combo.currentData())
        self.shown = self._view_key(item)
        self._set_controls_enabled(True)
        if self.view.layer == ROLLOUT:
            self.formula_bar.show_formula(ROLLOUT_FORMULA, rollout_caption())
        else:
            self.formula_bar.show_formula(ATTENTION, attention_caption())
        self.canvas.set_available(self.scroll.viewport().size(), redraw=False)  # drawn once, at its size
        self.canvas.show_view(self.view, self.title())
        if not self.pinned:  # a new view opens at its top: title and column labels in sight
            self.scroll.horizontalScrollBar().setValue(0)
            self.scroll.verticalScrollBar().setValue(0)
        if self.pinned:
            self.focus_piece(*self.pinned)
        else:
            self._hint_default()
            self.highlightChanged.emit(None)

    def show_example(self, example) -> bool:
        """Show the view an example (examples.py) is about: its first sentence or whole line, its attention type,
        its word in focus pinned and, when it names the word that one refers to, the layer and head that link the
        two most, saying how much. False while the attention is still being computed (attentionProvided
        follows)."""
        if example.whole_line:
            self.select_line(0)
        else:
            self.select_sentence(0)
        self.set_kind(example.kind)
        item = self.current_item
        if item is None or not has_attention(item.sentence):
            return False
        sentence = item.sentence
        slots = slot_replacements(sentence, SOURCE)  # a term's slot piece stands for the term's Korean
        piece = find_word(sentence.source_pieces, sentence.source, example.focus, slots)
        link = None
        if piece is not None and example.antecedent:
            start = sentence.source.find(example.antecedent)
            end = start + len(example.antecedent)
            targets = [i for i, span in enumerate(piece_spans(sentence.source_pieces, sentence.source, slots))
                       if span and start >= 0 and span[0] < end and start < span[1]]
            link = strongest_link(sentence, example.kind, piece, targets)
            if link is not None:
                self.show_layer_head(link[0], link[1])
        if piece is not None:
            self.pinned = None
            self.pin_piece(SOURCE, piece)
        if link is not None:
            self.info_label.setText(self.tr("Of all heads, layer {0} head {1} links “{2}” most to “{3}”: {4:.0%} of "
                                            "its attention.").format(link[0] + 1, link[1] + 1, example.focus,
                                                                     example.antecedent, link[2]))
        return True

    def show_help(self) -> None:
        """Open the panel on “How it works”."""
        self.show()
        self.raise_()
        self.tabs.setCurrentWidget(self.help_browser)

    # --- focus: hover and click ---------------------------------------------------------------------------------

    def focus_piece(self, side: str | None, piece: int | None) -> None:
        """Focus the row or column of a piece (from the texts); None restores the pinned focus or clears."""
        if self.view is None:
            return
        if side is None or piece is None:
            if self.pinned and self.pinned != (side, piece):
                self.focus_piece(*self.pinned)
            else:
                self._clear_focus()
            return
        view = self.view
        if view.row_side == side and view.row_of_piece(piece) is not None:
            self._focus_row(view.row_of_piece(piece))
        elif view.col_side == side and view.col_of_piece(piece) is not None:
            self._focus_col(view.col_of_piece(piece))
        else:
            self._clear_focus()
            return
        self._reveal()

    def _reveal(self) -> None:
        """Scroll the heatmap so that the strongest highlighted cell is in sight (focus from the texts)."""
        row, col, cells = self.canvas.focus
        target = cells[0] if cells else (row or 0, col or 0)
        point = self.canvas.cell_position(*target)
        self.scroll.ensureVisible(point.x(), point.y(), 80, 80)

    def pin_piece(self, side: str | None, piece: int | None) -> None:
        self.pinned = None if side is None or self.pinned == (side, piece) else (side, piece)
        self.focus_piece(side, piece) if self.pinned else self._clear_focus()

    def _focus_row(self, row: int) -> None:
        view = self.view
        columns = strongest(view.single[row], view.col_pieces)
        self.canvas.set_focus(row, None, [(row, c) for c in columns])
        highlight = Highlight(self.current_item)
        highlight.focus.setdefault(view.row_side, []).append(view.row_pieces[row])
        highlight.strong.setdefault(view.col_side, []).extend(view.col_pieces[c] for c in columns)
        self.info_label.setText(self.tr("“{0}” attends most to: {1}").format(
            view.row_labels[row], ", ".join(f"{view.col_labels[c]} ({view.single[row, c]:.0%})" for c in columns)))
        self.highlightChanged.emit(highlight)

    def _focus_col(self, col: int) -> None:
        view = self.view
        rows = strongest(view.single[:, col], view.row_pieces)
        self.canvas.set_focus(None, col, [(r, col) for r in rows])
        highlight = Highlight(self.current_item)
        highlight.focus.setdefault(view.col_side, []).append(view.col_pieces[col])
        highlight.strong.setdefault(view.row_side, []).extend(view.row_pieces[r] for r in rows)
        self.info_label.setText(self.tr("Attending most to “{0}”: {1}").format(
            view.col_labels[col], ", ".join(f"{view.row_labels[r]} ({view.single[r, col]:.0%})" for r in rows)))
        self.highlightChanged.emit(highlight)

    def _clear_focus(self) -> None:
        self.canvas.set_focus(None, None, [])
        self._hint_default()
        self.highlightChanged.emit(None)

    def _on_cell_hovered(self, row: int, col: int) -> None:
        if self.view is None:
            return
        if row < 0:
            self.focus_piece(None, None)
        elif self.view.row_pieces[row] is not None:
            self._focus_row(row)

    def _on_cell_clicked(self, row: int, col: int) -> None:
        if self.view is not None and self.view.row_pieces[row] is not None:
            self.pin_piece(self.view.row_side, self.view.row_pieces[row])

    # --- export -------------------------------------------------------------------------------------------------

    def export(self, path: str) -> None:
        """Write the current heatmap (.png, .svg) or matrix (.csv)."""
        if self.view is None:
            raise ValueError("no attention to export")
        if path.lower().endswith(".csv"):
            write_csv(self.view, path)
        else:
            self.canvas.save(path)
        self.exported.emit(path)

    def _export_dialog(self, kind: str) -> None:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                   "csv": self.tr("CSV table (*.csv)")}
        item = self.current_item
        stem = "attention-" + (self.view.kind if self.view else "") + (f"-{item.id}" if item else "")
        path = ask_export_path(self, self.tr("Export attention"), self.last_directory, stem, kind, filters[kind])
        if path:
            self.last_directory = str(Path(path).parent)
            try:
                self.export(path)
            except (OSError, ValueError) as error:
                self.info_label.setText(self.tr("Could not export: {0}").format(error))

    # --- help ---------------------------------------------------------------------------------------------------

    def help_html(self) -> str:
        return self.tr("""
<h3>What you are looking at</h3>
<p>The translator is a Transformer. Every layer lets each piece of text look at other pieces and take
information from them. How much a piece takes from each other piece is its <b>attention</b>: a row of the
heatmap, whose cells add up to 1. Darker cells mean more attention.</p>
<p>For each head, a query vector <i>Q</i> of the piece doing the looking is compared with a key vector <i>K</i>
of every piece it may look at:</p>
<p align="center"><b>attention = softmax(Q&nbsp;K<sup>T</sup> / √d<sub>k</sub>)</b></p>
<p>The dot products say how well each key matches the query; dividing by √d<sub>k</sub> (the size of a head's
vectors) keeps them in a range where softmax does not saturate; softmax turns them into weights that sum to 1.
The output is the weighted sum of the value vectors <i>V</i>.</p>
<h3>The three kinds</h3>
<ul>
<li><b>Encoder self-attention</b> (Korean → Korean): while reading the Korean, each piece gathers context from
the other Korean pieces, for example a pronoun from the name it refers to.</li>
<li><b>Decoder self-attention</b> (English → English): each English piece being written looks at the English
already written (only to the left: the future is masked).</li>
<li><b>Cross-attention</b> (English → Korean): each English piece looks at the Korean pieces it translates. This
is the closest thing to a word alignment.</li>
</ul>
<h3>Heads and layers</h3>
<p>Each layer has several <b>heads</b>, each with its own Q, K and V projections, so each learns to look for a
different relation: the previous word, the verb of a clause, the matching noun, the end of the sentence. That is
why heads differ, and why their average is smoother than any one of them. Lower layers tend to attend to
neighbours, higher layers to more distant, meaning-related pieces.</p>
<p><b>Rollout</b> follows attention through all layers at once: the heads are averaged, the residual connection is
added as half of each row, and the layers are multiplied. For cross-attention, the rollout traces the encoder's
output back to the Korean input pieces.</p>
<h3>Pieces</h3>
<p>The model reads and writes SentencePiece pieces, not words. SentencePiece marks the start of a word with
<b>▁</b> (U+2581): in <code>▁고양이 가</code> the first piece begins a word and the second continues it. Here the
▁ is left out and a piece that continues a word starts with “·” instead (<code>고양이 ·가</code>), so word starts stay
visible; a piece that is ▁ alone (a word start whose letters come in the next pieces) is shown as “␣”. Exported
traces (JSON) and <code>hanyeong translate --explain</code> keep the ▁. <code>&lt;/s&gt;</code> ends a sentence;
<code>&lt;s&gt;</code> is the decoder's start. Rare characters may appear as byte pieces such as
<code>&lt;0xEB&gt;</code>.</p>
<p>Attention shows where the model looks, not why it decides: treat it as a clue, not as an explanation.</p>
""")
