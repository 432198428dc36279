"""Recent translations: a list model persisted in the settings, newest first."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .settings import HISTORY_LIMIT

SourceRole = Qt.ItemDataRole.UserRole + 1
TargetRole = Qt.ItemDataRole.UserRole + 2


def _first_line(text: str, limit: int = 70) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[:limit - 1] + "…"


class HistoryModel(QAbstractListModel):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.entries: list[dict] = settings.history

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{_first_line(entry['source'])}\n{_first_line(entry.get('target', ''))}"
        if role == Qt.ItemDataRole.ToolTipRole:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.get("time", 0)))
            return f"{when}\n\n{entry['source'][:600]}\n\n{entry.get('target', '')[:600]}"
        if role == SourceRole:
            return entry["source"]
        if role == TargetRole:
            return entry.get("target", "")
        return None

    def add(self, source: str, target: str) -> None:
        """Add a translation at the top. While typing, a text that extends or trims the newest entry replaces
        it, so as-you-type does not fill the list with fragments."""
        source = source.strip("\n")
        if not source.strip():
            return
        entry = {"source": source, "target": target, "time": int(time.time())}
        if self.entries:
            newest = self.entries[0]["source"]
            if newest == source or source.startswith(newest) or newest.startswith(source):
                self.entries[0] = entry
                self.dataChanged.emit(self.index(0), self.index(0))
                self._save()
                return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.entries.insert(0, entry)
        self.endInsertRows()
        if len(self.entries) > HISTORY_LIMIT:
            self.beginRemoveRows(QModelIndex(), HISTORY_LIMIT, len(self.entries) - 1)
            del self.entries[HISTORY_LIMIT:]
            self.endRemoveRows()
        self._save()

    def clear(self) -> None:
        self.beginResetModel()
        self.entries = []
        self.endResetModel()
        self._save()

    def _save(self) -> None:
        self.settings.history = self.entries


class HistoryDelegate(QStyledItemDelegate):
    """Two lines per entry: the Korean as text, the English below it in a quieter colour."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(option.rect.width() or 200, 2 * line + 2 * self.PADDING + 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        rect = option.rect.adjusted(self.PADDING + 2, self.PADDING, -self.PADDING, -self.PADDING)
        line = option.fontMetrics.lineSpacing()
        metrics = option.fontMetrics
        source = metrics.elidedText(_first_line(index.data(SourceRole) or "", 200), Qt.TextElideMode.ElideRight,
                                    rect.width())
        target = metrics.elidedText(_first_line(index.data(TargetRole) or "", 200), Qt.TextElideMode.ElideRight,
                                    rect.width())
        painter.save()
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, source)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected
                                     else QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRect(rect.left(), rect.top() + line + 2, rect.width(), line), Qt.AlignmentFlag.AlignLeft,
                         target)
        painter.restore()
