"""The three steps of attention for the Steps tab (model.api explain_attention), computed off the GUI thread.

The worker lives in the translator's thread (the TranslationService's WorkerThread), like the explain worker: it
uses the translator loaded there, and the numpy network of that model's weights, read on the first request and
dropped when another model loads. Nothing is computed unless the Steps tab asks, so translation never pays for it.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from .translation_service import TranslationService


@dataclass
class StepsRequest:
    id: int
    key: tuple  # the caller's name for it: (item id, kind, layer, head, query)
    sentence: object  # model.api.SentenceTranslation: its pieces are what was translated
    kind: str
    layer: int
    head: int
    query: int
    cancel: threading.Event = field(default_factory=threading.Event)


class StepsWorker(QObject):
    finished = Signal(int, object)  # request id, model.api.AttentionSteps
    failed = Signal(int, str)

    def __init__(self, host):
        super().__init__()
        self.host = host  # the TranslatorWorker whose translator (and thread) this worker shares
        self.network = None
        self.network_path = ""  # the bundle whose weights self.network holds

    @Slot(object)
    def compute(self, request: StepsRequest) -> None:
        from model.api import explain_attention, network_for

        if request.cancel.is_set():
            return
        translator = self.host.translator
        if translator is None:
            self.failed.emit(request.id, "no model is loaded")
            return
        try:
            path = str(translator.bundle.path) if translator.bundle is not None else ""
            if self.network is None or self.network_path != path:
                self.network, self.network_path = network_for(translator), path
            steps = explain_attention(translator, request.sentence, request.kind, request.layer, request.head,
                                      request.query, self.network)
        except Exception as error:  # noqa: BLE001 - whatever goes wrong, the app stays up and says so
            self.failed.emit(request.id, f"{type(error).__name__}: {error}")
            return
        self.finished.emit(request.id, steps)

    @Slot()
    def release(self) -> None:
        """Another model is loading: its weights are not these (about 20 MB for the shipped model)."""
        self.network, self.network_path = None, ""


class StepsService(QObject):
    """The GUI thread's handle: only the latest request matters; older ones are skipped or their results dropped."""

    computed = Signal(object, object)  # key, AttentionSteps
    failed = Signal(object, str)  # key, message

    _compute = Signal(object)
    _release = Signal()

    def __init__(self, service: TranslationService, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self.pending: dict[int, StepsRequest] = {}
        self.worker = StepsWorker(service.worker)
        self.worker.moveToThread(service.thread)
        service.thread.finished.connect(self.worker.deleteLater)
        self._compute.connect(self.worker.compute)
        self._release.connect(self.worker.release)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        service.modelLoading.connect(self._on_model_loading)

    def compute(self, key: tuple, sentence, kind: str, layer: int, head: int, query: int) -> StepsRequest:
        self.cancel_all()
        request = StepsRequest(next(self._ids), key, sentence, kind, layer, head, query)
        self.pending[request.id] = request
        self._compute.emit(request)
        return request

    def cancel_all(self) -> None:
        for request in self.pending.values():
            request.cancel.set()
        self.pending.clear()

    def _on_model_loading(self, *_args) -> None:
        self.cancel_all()
        self._release.emit()

    def _on_finished(self, request_id: int, steps) -> None:
        request = self.pending.pop(request_id, None)
        if request is not None and not request.cancel.is_set():
            self.computed.emit(request.key, steps)

    def _on_failed(self, request_id: int, message: str) -> None:
        request = self.pending.pop(request_id, None)
        if request is not None and not request.cancel.is_set():
            self.failed.emit(request.key, message)
