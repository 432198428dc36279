"""The GUI thread's handle on the translator worker: submits jobs, cancels them, drops stale results, and knows
which jobs are current: the text whose translation the window waits for and the file being translated.

A newer text translation supersedes the one in progress (translate-as-you-type): the old job is cancelled and its
late result, progress and partial English, if any, are ignored.
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
    partial = Signal(object, object)  # job, Translation of the first lines (its sentences know where they are)
    translated = Signal(object, object)  # job, Translation
    fileTranslated = Signal(object, str)  # job, target path
    unitTranslated = Signal(object, object)  # job, SentenceTranslation with attention
    cancelled = Signal(object)  # job (a text job's .partial: the lines done until then)
    failed = Signal(object, str)  # job, message
    termsChecked = Signal(str, object)  # model path, [(korean, english, already translates: True/False/None)]
    termsChanged = Signal()  # the terms every translation uses are not the same as before

    _submit = Signal(object)
    _load = Signal(str)
    _check_terms = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self.jobs: dict[int, TranslationJob] = {}
        self.current: TranslationJob | None = None  # the latest text job: the one whose English is shown
        self.current_file: TranslationJob | None = None  # the file being translated, if one is
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

    def translate(self, text: str, beam: int, max_len: int, with_attention: bool,
                  attention_limit: int = 0) -> TranslationJob:
        """Translate a text; it becomes the current job (a text job still running is superseded). Attention is
        computed when asked for and the text has at most attention_limit sentences (0: any number)."""
        for job in self.jobs.values():
            if job.kind == TEXT:
                job.cancel.set()  # superseded
        job = TranslationJob(next(self._ids), TEXT, text=text, beam=beam, max_len=max_len,
                             with_attention=with_attention, attention_limit=attention_limit)
        self.current = job
        return self._start(job)

    def translate_file(self, source: str, target: str, beam: int, max_len: int) -> TranslationJob:
        job = TranslationJob(next(self._ids), FILE, beam=beam, max_len=max_len, source_path=source,
                             target_path=target)
        self.current_file = job
        return self._start(job)

    def translate_unit(self, text: str, beam: int, max_len: int, key=None,
                       terms: list | None = None) -> TranslationJob:
        """One line as one encoder input, with attention; `key` comes back with the result (job.key). `terms`:
        those of the translation the line belongs to (default: the ones a text job on it would use)."""
        job = TranslationJob(next(self._ids), UNIT, text=text, beam=beam, max_len=max_len, with_attention=True,
                             key=key)
        return self._start(job, terms)

    def is_current(self, job: TranslationJob | None) -> bool:
        """Whether `job` is the current text or file job."""
        return job is not None and job in (self.current, self.current_file)

    def running(self, job: TranslationJob | None) -> bool:
        return job is not None and job.id in self.jobs

    def set_terms(self, terms: list) -> None:
        """The terms every translation uses from now on (termsChanged when they differ)."""
        if list(terms) != self.terms:
            self.terms = list(terms)
            self.termsChanged.emit()

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

    def cancel(self, job: TranslationJob | None, by_user: bool = False) -> None:
        if job is not None:
            job.cancelled_by_user = job.cancelled_by_user or by_user
            job.cancel.set()

    def cancel_current(self, by_user: bool = True) -> None:
        """Cancel the current text and file jobs (Esc, the Cancel button)."""
        for job in (self.current, self.current_file):
            if self.running(job):
                self.cancel(job, by_user)

    def shutdown(self) -> None:
        self.cancel_all()
        self.thread.stop()

    # --- worker results ----------------------------------------------------------------------------------------

    def _start(self, job: TranslationJob, terms: list | None = None) -> TranslationJob:
        was_busy = self.busy
        job.terms = list(terms) if terms is not None else \
            self.terms_for(job.text) if job.kind != FILE else list(self.terms)
        self.jobs[job.id] = job
        if not was_busy:
            self.busyChanged.emit(True)
        self._submit.emit(job)
        return job

    def _done(self, job_id: int) -> TranslationJob | None:
        job = self.jobs.pop(job_id, None)
        if job is not None and job is self.current_file:
            self.current_file = None
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
        # a cancelled current job's last reports still come: they count what its .partial keeps
        job = self.jobs.get(job_id)
        if self.is_current(job):
            self.progress.emit(job, done, total)

    def _on_partial(self, job_id: int, translation) -> None:
        job = self.jobs.get(job_id)
        if job is self.current:
            self.partial.emit(job, translation)

    def _on_finished(self, job_id: int, result) -> None:
        job = self._done(job_id)
        if job is None:
            return
        if job.cancel.is_set():
            self.cancelled.emit(job)
        elif job.kind == TEXT:
            if job is self.current:
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
