"""The two text panes: the Korean source editor and the read-only English output.

Both report the character under the mouse (for attention highlighting) and show highlights as extra
selections; the output marks low-confidence sentences with a faint dotted underline and a tooltip.

Positions here are Python's, in characters (code points), as the rest of the app counts them; Qt's document
counts UTF-16 units, two for an emoji or another character beyond U+FFFF, so every position is converted at the
boundary (TextPositions), or marks after an emoji would land one character off.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from .theme import is_dark

# below this geometric-mean token probability a sentence is marked: the worst fifth of 800 dev sentences by
# confidence (scripts/calibrate_confidence.py, benchmarks/confidence_calibration.json; README "Low confidence")
LOW_CONFIDENCE = 0.45


def highlight_color(strength: float = 1.0) -> QColor:
    color = QColor("#f0a35e") if is_dark() else QColor("#ffd08a")
    color.setAlphaF(0.35 + 0.5 * max(0.0, min(1.0, strength)))
    return color


def focus_color() -> QColor:
    color = QColor("#6ea8fe") if is_dark() else QColor("#9ec5fe")
    color.setAlphaF(0.6)
    return color


class TextPositions:
    """Character positions of a text <-> Qt's UTF-16 positions in it."""

    def __init__(self, text: str):
        self.wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]  # characters that take two UTF-16 units
        self.wide_utf16 = [i + n for n, i in enumerate(self.wide)]

    def to_qt(self, position: int) -> int:
        return position + bisect_left(self.wide, position) if self.wide else position

    def from_qt(self, position: int) -> int:
        # each wide character that starts before it took one unit more (inside one's second half: that one)
        return position - bisect_left(self.wide_utf16, position) if self.wide else position


class HoverTextMixin:
    """Mouse tracking that reports the character position under the pointer (-1 when none)."""

    hoveredPosition: Signal
    clickedPosition: Signal

    def _setup_hover(self) -> None:
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self._last_hover = -2
        self._positions: tuple[int, TextPositions] | None = None

    def positions(self) -> TextPositions:
        """The position map of the text now in the editor (kept until the text changes)."""
        revision = self.document().revision()
        if self._positions is None or self._positions[0] != revision:
            self._positions = (revision, TextPositions(self.toPlainText()))
        return self._positions[1]

    def _position_at(self, event: QMouseEvent) -> int:
        point = event.position().toPoint()
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():  # below the last line
            return -1
        return self.positions().from_qt(cursor.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not event.buttons():
            self._emit_hover(self._position_at(event))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clickedPosition.emit(self._position_at(event))

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._emit_hover(-1)

    def _emit_hover(self, position: int) -> None:
        if position != self._last_hover:
            self._last_hover = position
            self.hoveredPosition.emit(position)

    def set_highlights(self, spans: list[tuple[int, int, QColor]]) -> None:
        """Mark these character spans (Python positions) in their colours."""
        selections = []
        length = self.document().characterCount() - 1
        positions = self.positions()
        for start, end, color in spans:
            start, end = positions.to_qt(start), positions.to_qt(end)
            start, end = max(0, min(start, length)), max(0, min(end, length))
            if end <= start:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(color)
            selections.append(selection)
        self.setExtraSelections(selections)


class SourceEdit(HoverTextMixin, QPlainTextEdit):
    """The Korean input: plain text only (pasted formatting is dropped), Ctrl+Enter asks for a translation."""

    submitRequested = Signal()
    hoveredPosition = Signal(int)
    clickedPosition = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sourceEdit")
        self.setTabChangesFocus(True)
        self._setup_hover()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(source.text())

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitRequested.emit()
            return
        super().keyPressEvent(event)


class OutputView(HoverTextMixin, QPlainTextEdit):
    """The English output, read-only; low-confidence sentences get a dotted underline and a tooltip."""

    hoveredPosition = Signal(int)
    clickedPosition = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("outputView")
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse |
                                     Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._setup_hover()
        self.sentence_spans: list[tuple[int, int]] = []
        self.confidences: list[float] = []
        self.low_confidence: list[int] = []
        self.notes: list[list[str]] = []

    def set_result(self, text: str, spans: list[tuple[int, int]], confidences: list[float],
                   notes: list[list[str]] | None = None) -> None:
        """`notes`: per sentence, problems to flag (a term the model lost or repeated); such a sentence is marked
        like a low-confidence one and its tooltip says why."""
        self.setPlainText(text)
        self.sentence_spans, self.confidences, self.notes = spans, confidences, list(notes or [])
        self.low_confidence = [i for i, value in enumerate(confidences)
                               if value < LOW_CONFIDENCE or (i < len(self.notes) and self.notes[i])]
        underline = QTextCharFormat()
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        underline.setUnderlineColor(muted)
        positions = self.positions()
        for index in self.low_confidence:
            start, end = spans[index]
            cursor = QTextCursor(self.document())
            cursor.setPosition(positions.to_qt(start))
            cursor.setPosition(positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(underline)
        self.document().setModified(False)

    def clear_result(self) -> None:
        self.sentence_spans, self.confidences, self.low_confidence, self.notes = [], [], [], []
        self.clear()

    def underlined_ranges(self) -> list[tuple[int, int]]:
        """Character ranges (Python positions) that carry the low-confidence underline (for tests and
        accessibility)."""
        ranges = []
        positions = self.positions()
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine:
                    ranges.append((positions.from_qt(fragment.position()),
                                   positions.from_qt(fragment.position() + fragment.length())))
                iterator += 1
            block = block.next()
        return ranges

    def confidence_tip(self, position: int) -> str:
        for index, (start, end) in enumerate(self.sentence_spans):
            if start <= position < end and index < len(self.confidences):
                tip = self.tr("Confidence: {0:.0%}").format(self.confidences[index])
                if index < len(self.notes) and self.notes[index]:
                    tip += "\n" + self.tr("Check this sentence: {0}").format("; ".join(self.notes[index]))
                elif index in self.low_confidence:
                    tip += self.tr(" (low: check this sentence)")
                return tip
        return ""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tip = self.confidence_tip(self.positions().from_qt(self.cursorForPosition(event.pos()).position()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

