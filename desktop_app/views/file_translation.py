"""Files: File ▸ Translate a Text File (a new file, line for line, in the worker thread) and File ▸ Save
Translation As. Reports through `message` (for the status bar) and `started`/`ended` (for the progress row)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from model.api import write_text_atomic

from ..services.settings import AppSettings
from ..services.translation_service import TranslationService
from ..services.workers import FILE


class FileTranslation(QObject):
    started = Signal(str)  # a file translation began: the progress label
    ended = Signal()  # it finished, failed or was cancelled
    message = Signal(str, int)  # a status message and how long to show it (ms; 0: until replaced)

    def __init__(self, service: TranslationService, settings: AppSettings, parent: QWidget):
        super().__init__(parent)
        self.service, self.settings, self.parent_widget = service, settings, parent
        service.fileTranslated.connect(self._on_done)
        service.cancelled.connect(self._on_cancelled)
        service.failed.connect(self._on_failed)

    def ask(self) -> None:
        """Ask for the file to translate and the file to write, then translate."""
        source, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Translate a Text File"),
                                                self.settings.dialog_folder,
                                                self.tr("Text files (*.txt);;All files (*)"))
        if not source:
            return
        self.settings.last_directory = str(Path(source).parent)
        suggestion = str(Path(source).with_name(Path(source).stem + ".en.txt"))
        target, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Save the Translation As"), suggestion,
                                                self.tr("Text files (*.txt)"))
        if target:
            self.translate(source, target)

    def translate(self, source: str, target: str) -> None:
        if Path(source).resolve() == Path(target).resolve():
            self.message.emit(self.tr("Choose a different file for the translation: the original is never "
                                      "overwritten."), 6000)
            return
        if not self.service.ready:
            self.message.emit(self.tr("The model is still loading.") if self.service.loading else
                              self.tr("No model is loaded."), 5000)
            return
        self.service.translate_file(source, target, self.settings.beam, self.settings.max_length)
        self.started.emit(self.tr("Translating {0}…").format(Path(source).name))

    def save_dialog(self, text: str) -> None:
        """Save the translation on screen as a text file."""
        folder = Path(self.settings.dialog_folder)
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Save Translation As"),
                                              str(folder / "translation.txt"), self.tr("Text files (*.txt)"))
        if not path:
            return
        try:
            write_text_atomic(Path(path), text + "\n")
        except OSError as error:
            self.message.emit(self.tr("Could not save: {0}").format(error), 0)
        else:
            self.settings.last_directory = str(Path(path).parent)
            self.message.emit(self.tr("Translation saved to {0}").format(path), 6000)

    def _finish(self, job) -> bool:
        if job.kind != FILE:
            return False
        self.ended.emit()
        return True

    def _on_done(self, job, target: str) -> None:
        if self._finish(job):
            self.message.emit(self.tr("Translation saved to {0}").format(target), 8000)

    def _on_cancelled(self, job) -> None:
        if self._finish(job):
            self.message.emit(self.tr("File translation cancelled."), 5000)

    def _on_failed(self, job, message: str) -> None:
        if self._finish(job):
            self.message.emit(self.tr("Translation failed: {0}").format(message), 0)
