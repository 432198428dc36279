"""Explanations of how a sentence's English was chosen (model.api Translator.explain), off the GUI thread.

The explain worker lives in the translator's own thread (the TranslationService's WorkerThread) and uses the
translator loaded there, so the engine stays on the one thread that created it and explanations queue behind
translations instead of competing with them for the two cores. Each request decodes its sentence twice with a trace:
with the beam and greedily, for the decoding view's side-by-side comparison, both with the terms, beam and length
penalty of the translation on screen (model.api.Translation: beam, alpha, terms), so that the search explained is the
one that made its English.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from .translation_service import TranslationService


@dataclass
class ExplainRequest:
    id: int
    key: object  # the caller's name for what is explained (the attention panel's item id)
    text: str  # one Korean sentence
    beam: int  # the beam its translation was made with; 1 (greedy) is compared with the model's own beam
    max_len: int = 256
    top_k: int = 5
    alpha: float | None = None  # the translation's length penalty (None: the model's)
    terms: list = field(default_factory=list)  # model.api.Term: the translation's terms
    cancel: threading.Event = field(default_factory=threading.Event)


@dataclass
class Explained:
    """Both searches of one sentence: `beam` (beam > 1) and `greedy` (beam 1), each a model.api.Explanation."""

    key: object
    text: str
    beam: object
    greedy: object
    translated_with: int  # the beam size of the app's translation, whose pieces the attention panel shows

    @property
    def primary(self):
        """The search the app's translation used (its pieces are the heatmap's rows)."""
        return self.greedy if self.translated_with == 1 else self.beam

    def to_dict(self) -> dict:
        """The traces as plain JSON: the beam's (Explanation.to_dict) with the greedy one beside it."""
        data = self.beam.to_dict()
        data["greedy"] = self.greedy.to_dict()
        return data


class ExplainWorker(QObject):
    finished = Signal(int, object)  # request id, Explained
    failed = Signal(int, str)
    sized = Signal(int, int)  # the model's positional range (max_len) and d_model; 0, 0 without a model

    def __init__(self, host):
        super().__init__()
        self.host = host  # the TranslatorWorker whose translator (and thread) this worker shares

    @Slot(object)
    def explain(self, request: ExplainRequest) -> None:
        translator = self.host.translator
        if request.cancel.is_set():
            return
        if translator is None:
            self.failed.emit(request.id, "no model is loaded")
            return
        try:
            wide = request.beam if request.beam > 1 else max(2, translator.decoding[0])
            alpha = request.alpha if request.beam > 1 else None
            beam = translator.explain(request.text, beam=wide, alpha=alpha, top_k=request.top_k,
                                      max_len=request.max_len, terms=request.terms)
            greedy = translator.explain(request.text, beam=1, top_k=request.top_k, max_len=request.max_len,
                                        terms=request.terms)
        except Exception as error:  # noqa: BLE001 - whatever goes wrong, the app stays up and says so
            self.failed.emit(request.id, f"{type(error).__name__}: {error}")
            return
        if not beam or not greedy:
            self.failed.emit(request.id, "the sentence has nothing to translate")
            return
        self.finished.emit(request.id, Explained(request.key, request.text, beam[0], greedy[0], request.beam))

    @Slot()
    def describe(self) -> None:
        translator = self.host.translator
        config = translator.config if translator is not None else None
        self.sized.emit(int(config.max_len) if config else 0, int(config.d_model) if config else 0)


class ExplainService(QObject):
    """The GUI thread's handle: one explanation at a time matters (the latest request); older ones are dropped."""

    explained = Signal(object, object)  # key, Explained
    failed = Signal(object, str)  # key, message
    sized = Signal(int, int)  # max_len, d_model

    _explain = Signal(object)
    _describe = Signal()

    def __init__(self, service: TranslationService, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self.pending: dict[int, ExplainRequest] = {}
        self.worker = ExplainWorker(service.worker)
        self.worker.moveToThread(service.thread)
        service.thread.finished.connect(self.worker.deleteLater)
        self._explain.connect(self.worker.explain)
        self._describe.connect(self.worker.describe)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.sized.connect(self.sized)

    def explain(self, key, text: str, beam: int, max_len: int = 256, alpha: float | None = None,
                terms: list = ()) -> ExplainRequest:
        self.cancel_all()  # superseded: skipped if not started, its result dropped if it has
        request = ExplainRequest(next(self._ids), key, text, beam, max_len, alpha=alpha, terms=list(terms))
        self.pending[request.id] = request
        self._explain.emit(request)
        return request

    def describe_model(self) -> None:
        """Ask for the loaded model's sizes (answered by `sized`)."""
        self._describe.emit()

    def cancel_all(self) -> None:
        for request in self.pending.values():
            request.cancel.set()
        self.pending.clear()

    def _on_finished(self, request_id: int, explained: Explained) -> None:
        request = self.pending.pop(request_id, None)
        if request is not None and not request.cancel.is_set():
            self.explained.emit(request.key, explained)

    def _on_failed(self, request_id: int, message: str) -> None:
        request = self.pending.pop(request_id, None)
        if request is not None and not request.cancel.is_set():
            self.failed.emit(request.key, message)
