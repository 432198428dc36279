"""The main window's central widget: the Korean editor and the English output side by side (stacked when the
window is narrow), their buttons, and the progress row of long translations."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from .editors import OutputView, SourceEdit
from .fonts import korean_font

NARROW_WIDTH = 760


def _pane(title: str, editor, header_extra: list, footer: list) -> QWidget:
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    header = QHBoxLayout()
    label = QLabel(title)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    header.addWidget(label)
    header.addStretch(1)
    for widget in header_extra:
        header.addWidget(widget)
    layout.addLayout(header)
    layout.addWidget(editor, 1)
    bottom = QHBoxLayout()
    for widget in footer:
        if widget is None:
            bottom.addStretch(1)
        else:
            bottom.addWidget(widget)
    layout.addLayout(bottom)
    return pane


class TranslationPanes(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.source_edit = SourceEdit()
        self.source_edit.setFont(korean_font(self.source_edit.font()))
        self.source_edit.setPlaceholderText(self.tr("Type or paste Korean text here.\n\nCtrl+Enter translates."))
        self.source_edit.setAccessibleName(self.tr("Korean text"))
        self.output_view = OutputView()
        self.output_view.setFont(korean_font(self.output_view.font()))
        self.output_view.setAccessibleName(self.tr("English translation"))
        self.show_output_hint()
        for editor in (self.source_edit, self.output_view):
            font = editor.font()
            font.setPointSizeF(font.pointSizeF() * 1.25 if font.pointSizeF() > 0 else 12)
            editor.setFont(font)

        self.char_count = QLabel(objectName="charCount")
        self.as_you_type_box = QCheckBox(self.tr("Translate as you &type"), objectName="asYouTypeBox")
        self.clear_button = QPushButton(self.tr("C&lear"), objectName="clearButton")
        self.translate_button = QPushButton(self.tr("&Translate"), objectName="translateButton")
        self.translate_button.setDefault(True)
        self.translate_button.setToolTip(self.tr("Translate (Ctrl+Enter)"))
        self.busy_bar = QProgressBar(objectName="busyIndicator")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedSize(QSize(72, 8))
        self.busy_bar.setVisible(False)
        self.confidence_note = QLabel(objectName="confidenceNote")
        self.confidence_note.setEnabled(False)  # drawn faint
        self.copy_button = QPushButton(self.tr("&Copy"), objectName="copyButton")
        self.copy_button.setToolTip(self.tr("Copy the translation (Ctrl+Shift+C)"))

        source_pane = _pane(self.tr("Korean"), self.source_edit, [self.char_count],
                            [self.as_you_type_box, None, self.clear_button, self.translate_button])
        output_pane = _pane(self.tr("English"), self.output_view, [self.busy_bar],
                            [self.confidence_note, None, self.copy_button])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(source_pane)
        self.splitter.addWidget(output_pane)
        self.splitter.setHandleWidth(14)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        self.progress_row = QWidget(objectName="progressRow")
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar(objectName="progressBar")
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancelButton")
        row.addWidget(self.progress_label)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.progress_row)
        self.source_edit.textChanged.connect(self.update_char_count)
        self.update_char_count()

    def show_output_hint(self, problem: str = "") -> None:
        """The output's placeholder: where the translation appears, or why there is none (no model)."""
        self.output_view.setPlaceholderText(problem or self.tr("The English translation appears here."))

    def update_char_count(self) -> None:
        text = self.source_edit.toPlainText()
        count = self.tr("1 character") if len(text) == 1 else self.tr("{0} characters")
        self.char_count.setText(count.format(len(text)))

    def show_progress(self, label: str) -> None:
        self.progress_label.setText(label)
        self.progress_bar.setRange(0, 0)
        self.progress_row.setVisible(True)

    def set_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(self.tr("%v of %m sentences"))  # the unit of the label beside it

    def set_narrow(self, narrow: bool) -> None:
        """Stack the two panes when the window is narrow."""
        orientation = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
