"""Attention in the two texts: the attention panel works in pieces, the editors in characters; this connects
them through the translation on screen (services/result.py).

- The panel highlights a piece and the pieces it relates to most: they are marked in the Korean and English text.
- The mouse over a word of either text focuses the panel on its piece; a click selects its sentence and pins it.
- The user's terms that were applied stay marked, underneath: their Korean in the source and their English in the
  translation.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from ..services.alignment import SOURCE, TARGET
from ..services.result import TranslationResult
from .attention.panel import AttentionPanel, Highlight, PanelItem
from .editors import OutputView, SourceEdit, focus_color, highlight_color
from .theme import is_dark


def term_color() -> QColor:
    """Applied terms: a green that the attention colours (orange, blue) are drawn over."""
    color = QColor("#5cb85c") if is_dark() else QColor("#b9e4b0")
    color.setAlphaF(0.45 if is_dark() else 0.8)
    return color


class TextHighlighter(QObject):
    def __init__(self, panel: AttentionPanel, source_edit: SourceEdit, output_view: OutputView,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.panel, self.source_edit, self.output_view = panel, source_edit, output_view
        self.result: TranslationResult | None = None
        panel.highlightChanged.connect(self.apply)
        source_edit.hoveredPosition.connect(lambda position: self._on_hover(SOURCE, position))
        output_view.hoveredPosition.connect(lambda position: self._on_hover(TARGET, position))
        source_edit.clickedPosition.connect(lambda position: self._on_click(SOURCE, position))
        output_view.clickedPosition.connect(lambda position: self._on_click(TARGET, position))
        source_edit.textChanged.connect(lambda: self.apply(None))  # the marks no longer fit the text

    def set_result(self, result: TranslationResult | None) -> None:
        """The translation now on screen (None: none); the panel is given the same translation by the window."""
        self.result = result
        self.apply(None)

    def piece_spans(self, item: PanelItem | None, side: str) -> list:
        """Character spans in the editor of `side` of each piece of the item's sentence (None: not shown)."""
        if self.result is None:
            return []
        return self.result.piece_spans(item, side, self.source_edit.toPlainText())

    def term_marks(self, side: str) -> list:
        """The applied terms of the translation on screen, on `side`, as (start, end, colour)."""
        if self.result is None:
            return []
        color = term_color()
        return [(start, end, color) for start, end in self.result.term_spans(side, self.source_edit.toPlainText())]

    def apply(self, highlight: Highlight | None) -> None:
        for side, editor in ((SOURCE, self.source_edit), (TARGET, self.output_view)):
            marks = self.term_marks(side)
            if highlight is not None:
                spans = self.piece_spans(highlight.item, side)
                for pieces, color in ((highlight.focus.get(side, []), focus_color()),
                                      (highlight.strong.get(side, []), highlight_color())):
                    marks += [(*spans[piece], color) for piece in pieces
                              if piece is not None and piece < len(spans) and spans[piece]]
            editor.set_highlights(marks)

    def piece_at(self, side: str, position: int, item: PanelItem | None) -> int | None:
        if item is None or position < 0:
            return None
        for index, span in enumerate(self.piece_spans(item, side)):
            if span is not None and span[0] <= position < span[1]:
                return index
        return None

    def item_at(self, side: str, position: int) -> PanelItem | None:
        if self.result is None:
            return None
        index = self.result.sentence_at(side, position, self.source_edit.toPlainText())
        return None if index is None else self.panel.item_for_sentence(index)

    def _on_hover(self, side: str, position: int) -> None:
        if not self.panel.isVisible() or self.panel.view is None:
            return
        piece = self.piece_at(side, position, self.panel.current_item)
        self.panel.focus_piece(side if piece is not None else None, piece)

    def _on_click(self, side: str, position: int) -> None:
        if not self.panel.isVisible():
            return
        item = self.item_at(side, position)
        current = self.panel.current_item
        # a click on another sentence shows it; a click in the Korean text keeps a whole-line item
        if item is not None and (current is None or current.sentence_index != item.sentence_index) and \
                (current is None or current.sentence_index is not None or side == TARGET):
            self.panel.select_item(item)
            current = item
        piece = self.piece_at(side, position, current)
        if piece is not None:
            self.panel.pin_piece(side, piece)
