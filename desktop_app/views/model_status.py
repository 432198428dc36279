"""Which model translates, shown in the status bar: loading, ready (name and dev scores), or why there is none.

A chosen model that cannot be loaded (damaged, from a newer version, gone) is replaced by the shipped one for
this run, and the status bar says why; the choice in the settings is kept (the folder may come back, e.g. a drive
that is not mounted)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QToolButton

from ..services.model_store import ModelStore, dev_lines, score_text
from ..services.settings import AppSettings
from ..services.translation_service import TranslationService


class ModelStatus(QObject):
    changed = Signal()  # loading started, or a model is ready, or none could be loaded
    ready = Signal()  # a model is loaded
    settingsRequested = Signal()  # the status bar's model button was clicked

    def __init__(self, window: QMainWindow, service: TranslationService, store: ModelStore, settings: AppSettings,
                 model_override: str | None = None):
        super().__init__(window)
        self.window, self.service, self.store, self.settings = window, service, store, settings
        self.model_override = model_override
        self.problem = ""  # why nothing can be translated, if so
        self.fallback = ""  # why the shipped model is used instead of the chosen one, if it is
        self.label = QToolButton(objectName="modelLabel")
        self.label.setAutoRaise(True)
        self.label.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.label.clicked.connect(self.settingsRequested)
        service.modelLoading.connect(self._on_loading)
        service.modelLoaded.connect(self._on_loaded)
        service.modelFailed.connect(self._on_failed)
        if service.loading:  # started with the services (app/main.py), before this was here to see it
            self._on_loading(service.model_path)

    def model_path(self) -> Path:
        if self.model_override:
            return Path(self.model_override)
        return self.store.resolve(self.settings.model_path)

    def load(self) -> None:
        self.service.load(str(self.model_path()))

    def ensure_loading(self) -> None:
        """Load the model in use unless the service already loads or holds it."""
        if self.service.model_path != str(self.model_path()):
            self.load()

    def switch(self, path: str) -> None:
        """Use the model at `path` from now on (and at the next start)."""
        self.model_override = None
        self.fallback = ""
        value = "" if self.store.is_shipped(path) else str(path)
        if self.settings.model_path == value:
            self.load()
        else:
            self.settings.model_path = value  # the window reloads when the setting changes

    def summary(self, card: dict) -> str:
        """The model's name and mean dev scores; scores on the first lines of each dev set say so, since they do
        not compare with the full-set scores of other models."""
        name = card.get("name", "?")
        mean = (card.get("dev_scores") or {}).get("mean") or {}
        if "bleu" not in mean:
            return self.tr("{0} · not scored").format(name)
        bleu, chrf = score_text(mean["bleu"]), score_text(mean.get("chrf", 0.0))
        lines = dev_lines(card)
        if lines:
            return self.tr("{0} · BLEU {1} · chrF {2} on {3} lines per dev set").format(name, bleu, chrf, lines)
        return self.tr("{0} · mean dev BLEU {1} · chrF {2}").format(name, bleu, chrf)

    def _status(self, text: str, timeout_ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout_ms)

    def _on_loading(self, path: str) -> None:
        self.problem = ""
        self.label.setText(self.tr("Loading model…"))
        self.label.setToolTip(path)
        self.changed.emit()

    def _on_loaded(self, path: str, card: dict) -> None:
        self.label.setText(self.summary(card))
        scores = card.get("dev_scores") or {}
        sets = ", ".join(name for name in scores if name != "mean")
        lines = dev_lines(card)
        where = ""
        if sets:
            where = (self.tr("Dev scores: the mean over the first {0} lines of {1}.").format(lines, sets) if lines
                     else self.tr("Dev scores: the mean over {0}.").format(sets)) + "\n"
        base = (card.get("base_dev_scores") or {}).get("mean") or {}
        if lines and "bleu" in base:
            where += self.tr("Its base {0} on the same lines: BLEU {1} · chrF {2}.").format(
                card.get("base_model", ""), score_text(base["bleu"]), score_text(base.get("chrf", 0.0))) + "\n"
        self.label.setToolTip(where + self.tr("{0}\nClick to choose another model").format(path))
        if self.fallback and self.store.is_shipped(path):
            self.label.setToolTip(self.fallback)
            self._status(self.fallback)  # stays until another message replaces it
        else:
            self.fallback = ""
            self._status(self.tr("Model ready: {0}").format(card.get("name", "")), 4000)
        self.changed.emit()
        self.ready.emit()

    def _on_failed(self, path: str, message: str) -> None:
        if not self.store.is_shipped(path) and (self.store.shipped / "checksums.json").is_file():
            self.fallback = self.tr("The model {0} could not be loaded, so the shipped model is used: "
                                    "{1}").format(Path(path).name, message)
            self.model_override = str(self.store.shipped)
            self.load()
            return
        missing = not Path(path).exists() or not any(Path(path).iterdir())
        if missing and self.store.is_shipped(path):
            self.problem = self.tr("No translation model is installed yet (expected in {0}). Choose or train one "
                                   "in Tools ▸ Settings ▸ Model.").format(path)
        else:
            self.problem = self.tr("The model could not be loaded: {0}").format(message)
        self.label.setText(self.tr("No model"))
        self.label.setToolTip(self.problem)
        self._status(self.problem)
        self.changed.emit()
