"""Settings ▸ Terms: the user's glossary. A table of terms (on/off, Korean, English, and whether the model in use
already translates the Korean that way), with Add, Delete, Import and Export (TSV or CSV)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from ...services.terms import ENGLISH, KOREAN, MODEL, ON, TermError, TermList
from ..fonts import korean_font


class TermsPage(QWidget):
    def __init__(self, terms: TermList, settings, parent=None):
        super().__init__(parent)
        self.setObjectName("termsPage")
        self.terms, self.settings = terms, settings
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Terms pin how a word or a name is translated: the switched-on terms are used in every translation. "
            "A term matches at the start of a word, with its particles (아이유는, 아이유의), never inside another "
            "word. The last column says when the model in use already gives that English without the term, so "
            "the term can be dropped."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableView(objectName="termsTable")
        self.table.setModel(terms)
        self.table.setFont(korean_font(self.table.font()))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                   QAbstractItemView.EditTrigger.EditKeyPressed |
                                   QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ON, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KOREAN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ENGLISH, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MODEL, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(KOREAN, 190)
        self.table.setColumnWidth(ENGLISH, 220)
        layout.addWidget(self.table, 1)

        self.message = QLabel(objectName="termsMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add Term"), objectName="addTermButton")
        self.delete_button = QPushButton(self.tr("&Delete"), objectName="deleteTermButton")
        self.import_button = QPushButton(self.tr("&Import…"), objectName="importTermsButton")
        self.export_button = QPushButton(self.tr("E&xport…"), objectName="exportTermsButton")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_term)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self._import_dialog)
        self.export_button.clicked.connect(self._export_dialog)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        terms.modelReset.connect(self._update_buttons)
        terms.rowsInserted.connect(self._update_buttons)
        terms.rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.terms.checks_wanted = True
        self.terms.check()

    # --- editing ------------------------------------------------------------------------------------------------

    def add_term(self) -> None:
        """A new row, its Korean cell open for typing."""
        row = self.terms.add()
        index = self.terms.index(row, KOREAN)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect |
                                           QItemSelectionModel.SelectionFlag.Rows)
        self.table.edit(index)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.terms.remove(rows)
            self._say(self.tr("Deleted %n term(s).", "", len(rows)))

    def _update_buttons(self, *_args) -> None:
        self.delete_button.setEnabled(bool(self.selected_rows()))
        self.export_button.setEnabled(any(entry.complete for entry in self.terms.entries))

    # --- files --------------------------------------------------------------------------------------------------

    def import_file(self, path: str) -> bool:
        try:
            added, updated = self.terms.import_file(path)
        except TermError as error:
            self._say(self.tr("Nothing imported: {0}").format(error), problem=True)
            return False
        self.settings.last_directory = str(Path(path).parent)
        self._say(self.tr("Imported from {0}: {1} new, {2} changed.").format(Path(path).name, added, updated))
        return True

    def export_file(self, path: str) -> bool:
        try:
            count = self.terms.export_file(path)
        except OSError as error:
            self._say(self.tr("Not exported: {0}").format(error), problem=True)
            return False
        self.settings.last_directory = str(Path(path).parent)
        self._say(self.tr("Exported %n term(s) to {0}.", "", count).format(path))
        return True

    def _file_filter(self) -> str:
        return self.tr("Term lists: TSV or CSV, Korean and English (*.tsv *.csv *.txt);;All files (*)")

    def _import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Terms"), self.settings.dialog_folder,
                                              self._file_filter())
        if path:
            self.import_file(path)

    def _export_dialog(self) -> None:
        start = str(Path(self.settings.dialog_folder) / "terms.tsv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Terms"), start, self._file_filter())
        if path:
            self.export_file(path)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        palette = self.message.palette()
        color = Qt.GlobalColor.red if problem else self.palette().color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.message.setPalette(palette)
