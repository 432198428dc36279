"""Recent translations: a list model persisted in the settings, newest first (views/history_view.py draws it)."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from .settings import HISTORY_LIMIT

SourceRole = Qt.ItemDataRole.UserRole + 1
TargetRole = Qt.ItemDataRole.UserRole + 2


def first_line(text: str, limit: int = 70) -> str:
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
            return f"{first_line(entry['source'])}\n{first_line(entry.get('target', ''))}"
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
