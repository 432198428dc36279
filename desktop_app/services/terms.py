"""The user's terms (a glossary: Korean → the English it must become) as a table model for the Terms page.

Each row is a term with an on/off switch. The list is kept in the settings (AppSettings.terms) and written at
every change; the switched-on terms go into every translation (TranslationService.terms). Whether the model in
use already translates a term that way without help is asked of the translator worker, off the GUI thread, and
shown in its own column, so the user can drop terms the model no longer needs.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from model.api import Term, TermError, read_terms, write_text_atomic

ON, KOREAN, ENGLISH, MODEL = range(4)
CHECK_CHUNK = 8  # terms per check job, so a translation never waits long behind a big import
UNKNOWN, CHECKING = None, "checking"


@dataclass(frozen=True)
class TermEntry:
    korean: str
    english: str
    enabled: bool = True

    @property
    def complete(self) -> bool:
        return bool(self.korean.strip() and self.english.strip())

    def term(self) -> Term:
        return Term(self.korean.strip(), self.english.strip())


def export_terms(path: str | Path, entries: list[TermEntry]) -> None:
    """All complete terms (on or off) to a TSV file, or CSV when the name ends in .csv; written atomically."""
    path = Path(path)
    rows = [("korean", "english")] + [(e.korean.strip(), e.english.strip()) for e in entries if e.complete]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="," if path.suffix.lower() == ".csv" else "\t", lineterminator="\n")
    writer.writerows(rows)
    write_text_atomic(path, buffer.getvalue())


class TermList(QAbstractTableModel):
    """The terms, one row each: on/off, Korean, English, and what the model in use does with the Korean."""

    termsChanged = Signal()  # the switched-on terms may have changed

    def __init__(self, settings, service=None, parent: QObject | None = None):
        super().__init__(parent)
        self.settings, self.service = settings, service
        self.entries: list[TermEntry] = [TermEntry(d["korean"], d["english"], bool(d.get("enabled", True)))
                                         for d in settings.terms]
        self.known: dict[tuple[str, str], object] = {}  # (korean, english) -> True/False/CHECKING for this model
        self.checks_wanted = False  # set once the Terms page has been shown: only then is the model asked
        if service is not None:
            service.termsChecked.connect(self._on_checked)
            service.modelLoaded.connect(lambda *_: self._forget_checks())

    # --- the switched-on terms -------------------------------------------------------------------------------

    def enabled_terms(self) -> list[Term]:
        return [entry.term() for entry in self.entries if entry.enabled and entry.complete]

    # --- Qt model -------------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("On"), self.tr("Korean"), self.tr("English"), self.tr("The model without the term"))[section]

    def flags(self, index: QModelIndex):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ON:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() in (KOREAN, ENGLISH):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry, column = self.entries[index.row()], index.column()
        if column == ON and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if entry.enabled else Qt.CheckState.Unchecked
        if column in (KOREAN, ENGLISH) and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return entry.korean if column == KOREAN else entry.english
        if column == MODEL and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.model_note(entry, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        return None

    def model_note(self, entry: TermEntry, tooltip: bool = False) -> str:
        if not entry.complete:
            return ""
        state = self.known.get((entry.korean.strip(), entry.english.strip()), UNKNOWN)
        if state is True:
            return self.tr("The model in use already translates “{0}” as “{1}”: this term can be dropped.").format(
                entry.korean, entry.english) if tooltip else self.tr("already translates it: can be dropped")
        if state is False:
            return self.tr("Without the term the model does not give “{0}”.").format(entry.english) if tooltip \
                else self.tr("needs the term")
        if state == CHECKING:
            return self.tr("checking…")
        return ""

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        entry, column = self.entries[index.row()], index.column()
        if column == ON and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            new = replace(entry, enabled=checked)
        elif column in (KOREAN, ENGLISH) and role == Qt.ItemDataRole.EditRole:
            text = " ".join(str(value).split())  # one line; a tab or line break would break the file
            new = replace(entry, korean=text) if column == KOREAN else replace(entry, english=text)
        else:
            return False
        if new == entry:
            return False
        self.entries[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), MODEL))
        self._save()
        if column != ON:
            self.check()
        return True

    # --- editing ------------------------------------------------------------------------------------------

    def add(self, korean: str = "", english: str = "", enabled: bool = True) -> int:
        """A new row (empty ones are kept but do nothing until both sides are filled in); returns its row."""
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(TermEntry(korean, english, enabled))
        self.endInsertRows()
        self._save()
        self.check()
        return row

    def remove(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.entries):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.entries[row]
                self.endRemoveRows()
        self._save()

    def set_enabled(self, row: int, enabled: bool) -> None:
        state = Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked
        self.setData(self.index(row, ON), state, Qt.ItemDataRole.CheckStateRole)

    def import_file(self, path: str | Path) -> tuple[int, int]:
        """Terms from a TSV/CSV file (model.api.read_terms): a Korean word already in the list gets the file's
        English (and is switched on), the others are added. Returns (added, updated); raises TermError with the
        file and line for a bad file, leaving the list as it was."""
        terms = read_terms(path)
        added = updated = 0
        self.beginResetModel()
        rows = {entry.korean.strip(): row for row, entry in enumerate(self.entries)}
        for term in terms:
            if term.korean in rows:
                row = rows[term.korean]
                if self.entries[row] != TermEntry(term.korean, term.english, True):
                    self.entries[row] = TermEntry(term.korean, term.english, True)
                    updated += 1
            else:
                rows[term.korean] = len(self.entries)
                self.entries.append(TermEntry(term.korean, term.english, True))
                added += 1
        self.endResetModel()
        self._save()
        self.check()
        return added, updated

    def export_file(self, path: str | Path) -> int:
        export_terms(path, self.entries)
        return sum(1 for entry in self.entries if entry.complete)

    def _save(self) -> None:
        self.settings.terms = [{"korean": e.korean, "english": e.english, "enabled": e.enabled}
                               for e in self.entries]
        self.termsChanged.emit()

    # --- does the model need the term? ----------------------------------------------------------------------

    def check(self) -> None:
        """Once the Terms page asked for it (checks_wanted), ask the translator worker (in its thread) whether the
        model in use already gives each term's English without help; results arrive through
        TranslationService.termsChecked."""
        if self.service is None or not self.service.ready or not self.checks_wanted:
            return
        todo = []
        for entry in self.entries:
            key = (entry.korean.strip(), entry.english.strip())
            if entry.complete and key not in self.known:
                self.known[key] = CHECKING
                todo.append(entry.term())
        for start in range(0, len(todo), CHECK_CHUNK):
            self.service.check_terms(todo[start:start + CHECK_CHUNK])
        if todo:
            self._refresh_notes()

    def _forget_checks(self) -> None:
        self.known.clear()
        self._refresh_notes()
        self.check()

    def _on_checked(self, model_path: str, results: list) -> None:
        if self.service is not None and model_path != self.service.model_path:
            return  # an answer about the model used before
        for korean, english, answer in results:
            self.known[(korean, english)] = answer if isinstance(answer, bool) else UNKNOWN
        self._refresh_notes()

    def _refresh_notes(self) -> None:
        if self.entries:
            self.dataChanged.emit(self.index(0, MODEL), self.index(len(self.entries) - 1, MODEL))


__all__ = ["CHECKING", "ENGLISH", "KOREAN", "MODEL", "ON", "TermEntry", "TermError", "TermList", "export_terms"]
