"""The GUI thread's handle on the translator worker: submits jobs, cancels them, drops stale results.

A newer text translation supersedes the one in progress (translate-as-you-type): the old job is cancelled and its
late result, if any, is ignored.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Signal

from .workers import FILE, TEXT, UNIT, TranslationJob, TranslatorWorker, WorkerThread


class TranslationService(QObject):
    modelLoading = Signal(str)  # path
    modelLoaded = Signal(str, object)  # path, card
    modelFailed = Signal(str, str)  # path, message
    busyChanged = Signal(bool)
    progress = Signal(object, int, int)  # job, done, total
    partial = Signal(object, object, str)  # job, Translation of the first lines, the Korean they translate
    translated = Signal(object, object)  # job, Translation
    fileTranslated = Signal(object, str)  # job, target path
    unitTranslated = Signal(object, object)  # job, SentenceTranslation with attention
    cancelled = Signal(object)  # job
    failed = Signal(object, str)  # job, message
    termsChecked = Signal(str, object)  # model path, [(korean, english, already translates: True/False/None)]

    _submit = Signal(object)
    _load = Signal(str)
    _check_terms = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self.jobs: dict[int, TranslationJob] = {}
        self.latest_text_job: int | None = None
        self.model_path: str | None = None
        self.card: dict | None = None
        self.loading = False
        self.terms: list = []  # model.api.Term: the user's switched-on terms, given to every job
        self.example_terms: tuple[str, list] = ("", [])  # (text, terms) an example adds for its own text
        self.worker = TranslatorWorker()
        self.thread = WorkerThread(self.worker, "translator", self)
        self.thread.finished.connect(self.worker.deleteLater)
        self._submit.connect(self.worker.run)
        self._load.connect(self.worker.load)
        self._check_terms.connect(self.worker.check_terms)
        self.worker.termsChecked.connect(self.termsChecked)
        self.worker.modelLoaded.connect(self._on_loaded)
        self.worker.modelFailed.connect(self._on_failed_load)
        self.worker.progress.connect(self._on_progress)
        self.worker.partial.connect(self._on_partial)
        self.worker.finished.connect(self._on_finished)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)

    # --- requests --------------------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self.card is not None and not self.loading

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def load(self, path: str) -> None:
        self.cancel_all()
        self.loading = True
        self.card = None
        self.model_path = path
        self.modelLoading.emit(path)
        self._load.emit(path)

    def translate(self, text: str, beam: int, max_len: int, with_attention: bool) -> TranslationJob:
        for job in self.jobs.values():
            if job.kind == TEXT:
                job.cancel.set()  # superseded
        job = TranslationJob(next(self._ids), TEXT, text=text, beam=beam, max_len=max_len,
                             with_attention=with_attention)
        self.latest_text_job = job.id
        return self._start(job)

    def translate_file(self, source: str, target: str, beam: int, max_len: int) -> TranslationJob:
        return self._start(TranslationJob(next(self._ids), FILE, beam=beam, max_len=max_len, source_path=source,
                                          target_path=target))

    def translate_unit(self, text: str, beam: int, max_len: int) -> TranslationJob:
        return self._start(TranslationJob(next(self._ids), UNIT, text=text, beam=beam, max_len=max_len,
                                          with_attention=True))

    def check_terms(self, terms: list) -> None:
        """Ask the worker whether the model already translates these terms (answers through termsChecked)."""
        self._check_terms.emit(list(terms))

    def terms_for(self, text: str) -> list:
        """The terms a job on `text` uses: the user's, plus an example's own when the text is the example's."""
        example_text, example_terms = self.example_terms
        extra = example_terms if example_text and text == example_text else []
        mine = {term.korean for term in self.terms}
        return list(self.terms) + [term for term in extra if term.korean not in mine]

    def cancel_all(self) -> None:
        for job in self.jobs.values():
            job.cancel.set()

    def cancel(self, job: TranslationJob | None) -> None:
        if job is not None:
            job.cancel.set()

    def shutdown(self) -> None:
        self.cancel_all()
        self.thread.stop()

    # --- worker results ----------------------------------------------------------------------------------------

    def _start(self, job: TranslationJob) -> TranslationJob:
        was_busy = self.busy
        job.terms = self.terms_for(job.text) if job.kind != FILE else list(self.terms)
        self.jobs[job.id] = job
        if not was_busy:
            self.busyChanged.emit(True)
        self._submit.emit(job)
        return job

    def _done(self, job_id: int) -> TranslationJob | None:
        job = self.jobs.pop(job_id, None)
        if job is not None and not self.jobs:
            self.busyChanged.emit(False)
        return job

    def _on_loaded(self, path: str, card: dict) -> None:
        if path != self.model_path:
            return
        self.loading = False
        self.card = card
        self.modelLoaded.emit(path, card)

    def _on_failed_load(self, path: str, message: str) -> None:
        if path != self.model_path:
            return
        self.loading = False
        self.card = None
        self.modelFailed.emit(path, message)

    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        job = self.jobs.get(job_id)
        if job is not None and not job.cancel.is_set():
            self.progress.emit(job, done, total)

    def _on_partial(self, job_id: int, translation, source_prefix: str) -> None:
        job = self.jobs.get(job_id)
        if job is not None and not job.cancel.is_set():
            self.partial.emit(job, translation, source_prefix)

    def _on_finished(self, job_id: int, result) -> None:
        job = self._done(job_id)
        if job is None:
            return
        if job.cancel.is_set():
            self.cancelled.emit(job)
        elif job.kind == TEXT:
            if job.id == self.latest_text_job:
                self.translated.emit(job, result)
        elif job.kind == FILE:
            self.fileTranslated.emit(job, result)
        elif job.kind == UNIT:
            self.unitTranslated.emit(job, result)

    def _on_cancelled(self, job_id: int) -> None:
        job = self._done(job_id)
        if job is not None:
            self.cancelled.emit(job)

    def _on_failed(self, job_id: int, message: str) -> None:
        job = self._done(job_id)
        if job is not None:
            self.failed.emit(job, message)
