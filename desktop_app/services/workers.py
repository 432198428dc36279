"""Worker objects that live in their own QThread: loading the model and translating, checking corpora.

They talk to the GUI thread only through signals. A job is cancelled when its cancel flag is found set: a file's
between batches (the progress callback raises), a text's between the parts the translator streams (what was done
stays, job.partial).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, Signal, Slot

TEXT, FILE, UNIT = "text", "file", "unit"
PREVIEW_PAIRS = 200


class Cancelled(Exception):
    pass


@dataclass
class TranslationJob:
    id: int
    kind: str  # TEXT: text -> Translation; FILE: source_path -> target_path; UNIT: one line as one sentence
    text: str = ""
    beam: int = 4
    max_len: int = 256
    with_attention: bool = False
    attention_limit: int = 0  # TEXT: attention only for a text of at most this many sentences (0: no limit)
    source_path: str = ""
    target_path: str = ""
    terms: list = field(default_factory=list)  # model.api.Term: how those words must be translated
    key: object = None  # the caller's name for what the job is for (UNIT: the attention panel's item id)
    cancel: threading.Event = field(default_factory=threading.Event)
    cancelled_by_user: bool = False  # Cancel, not a newer text or a new model
    partial: object = None  # TEXT, once cancelled: the Translation of the lines done until then (what is kept)

    def check(self, done: int = 0, total: int = 0) -> None:
        if self.cancel.is_set():
            raise Cancelled()


class TranslatorWorker(QObject):
    """Owns the loaded model; runs one job at a time in its thread."""

    modelLoaded = Signal(str, object)  # path, card
    modelFailed = Signal(str, str)  # path, message for the user
    progress = Signal(int, int, int)  # job id, done, total
    partial = Signal(int, object)  # job id, Translation of the first lines so far (Translator.stream)
    finished = Signal(int, object)  # job id, Translation (TEXT), target path (FILE) or SentenceTranslation (UNIT)
    cancelled = Signal(int)
    failed = Signal(int, str)
    termsChecked = Signal(str, object)  # model path, [(korean, english, True/False/None)]

    def __init__(self):
        super().__init__()
        self.translator = None
        self.path = ""

    @Slot(str)
    def load(self, path: str) -> None:
        from model.api import BundleError, Translator

        self.translator = None
        self.path = path
        try:
            translator = Translator(path)
        except BundleError as error:
            self.modelFailed.emit(path, str(error))
            return
        except Exception as error:  # a bundle that passes its checksums but does not fit this engine
            self.modelFailed.emit(path, f"{path}: the model could not be loaded ({type(error).__name__}: {error})")
            return
        if translator.config.pair != "ko->en":  # an English->Korean model is for back-translation only
            self.modelFailed.emit(path, f"{path}: this model translates {translator.config.pair}; the app "
                                        "translates Korean to English")
            return
        self.translator = translator
        self.modelLoaded.emit(path, translator.card)

    @Slot(object)
    def check_terms(self, terms: list) -> None:
        """For the Terms page: whether the model in use already turns each term's Korean into its English."""
        results = []
        for term in terms:
            try:
                answer = self.translator.already_translates(term) if self.translator is not None else None
            except Exception:  # noqa: BLE001 - a term the model cannot take is just left unanswered
                answer = None
            results.append((term.korean, term.english, answer))
        self.termsChecked.emit(self.path, results)

    @Slot(object)
    def run(self, job: TranslationJob) -> None:
        if job.cancel.is_set():
            self.cancelled.emit(job.id)
            return
        if self.translator is None:
            self.failed.emit(job.id, "no model is loaded")
            return
        try:
            result = self._run(job)
        except Cancelled:
            self.cancelled.emit(job.id)
        except (OSError, ValueError) as error:
            self.failed.emit(job.id, str(error))
        except Exception as error:
            self.failed.emit(job.id, f"{type(error).__name__}: {error}")
        else:
            self.finished.emit(job.id, result)

    @staticmethod
    def _beam(job: TranslationJob) -> int | None:
        """The job's beam size; 0 (the default setting) is the model's own decoding, chosen on dev."""
        return job.beam or None

    def _run(self, job: TranslationJob):
        def on_progress(done: int, total: int) -> None:
            self.progress.emit(job.id, done, total)
            job.check()

        if job.kind == UNIT:  # a whole line as one encoder input, so attention across its sentences can be seen
            from model.api import SentenceTranslation

            translation = self.translator.translate(job.text, beam=self._beam(job), with_attention=True,
                                                    max_len=job.max_len, split_sentences=False, terms=job.terms)
            sentences = translation.sentences
            return sentences[0] if sentences else SentenceTranslation(source=job.text, target=job.text, confidence=1.0)
        if job.kind == FILE:
            from model.api import CorpusError

            try:
                self.translator.translate_file(job.source_path, job.target_path, beam=self._beam(job),
                                               max_len=job.max_len, terms=job.terms, on_progress=on_progress)
            except CorpusError as error:
                raise ValueError(str(error)) from None
            return job.target_path
        return self._run_text(job)

    def _run_text(self, job: TranslationJob):
        """A text, line by line as the translator streams it: the English of the first lines is emitted as
        `partial` as soon as they are done, and progress counts the sentences of that English, so that Cancel
        keeps exactly what the progress said (job.partial)."""
        attention = job.with_attention and (not job.attention_limit or
                                            self.translator.sentence_count(job.text) <= job.attention_limit)
        translation = None
        for translation in self.translator.stream(job.text, beam=self._beam(job), with_attention=attention,
                                                  max_len=job.max_len, terms=job.terms):
            job.partial = translation
            self.progress.emit(job.id, translation.done, translation.total)
            job.check()
            if translation.lines and not translation.complete:
                self.partial.emit(job.id, translation)
        return translation


@dataclass
class CorpusCheck:
    """What the training page shows for one picked corpus."""

    path: str
    pairs: int
    preview: list[tuple[str, str]]
    report: object  # model.api.ValidationReport
    parts: list[tuple[str, str]] = field(default_factory=list)  # (name, path) of each corpus in a picked data root


class CorpusWorker(QObject):
    """Reads and validates corpora with model.api.check_corpus (streamed, in flat memory): each corpus that the
    training run will read from the picked path (model.api.named_corpora), so the count is the run's."""

    checked = Signal(str, object)  # path, CorpusCheck
    failed = Signal(str, str)  # path, message for the user

    @Slot(str)
    def check(self, path: str) -> None:
        from model.api import CorpusError, ValidationReport, check_corpus, named_corpora

        try:
            named = named_corpora([path])  # several for a data root such as shared/data/train
            parts = [source for _, source in named]
            report = ValidationReport(source=str(path))
            pairs_total, preview = 0, []
            for part in parts:  # streamed: a corpus of millions of lines is checked in flat memory
                count, first, part_report = check_corpus(part, PREVIEW_PAIRS)
                pairs_total += count
                preview += first[:max(0, PREVIEW_PAIRS - len(preview))]
                if len(parts) == 1:
                    report = part_report
                else:
                    report.merge(part_report)
        except CorpusError as error:
            self.failed.emit(path, str(error))
        except OSError as error:
            self.failed.emit(path, f"{path}: {error.strerror or error}")
        except Exception as error:  # noqa: BLE001 - whatever a file from the wild does, the app stays up
            self.failed.emit(path, f"{path}: cannot be read ({type(error).__name__}: {error})")
        else:
            listed = [(name, str(source)) for name, source in named] if len(named) > 1 else []
            self.checked.emit(path, CorpusCheck(path, pairs_total, preview, report, listed))


class WorkerThread(QThread):
    """A QThread that hosts one worker object and stops cleanly."""

    def __init__(self, worker: QObject, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.worker = worker
        worker.moveToThread(self)
        self.start()

    def run(self) -> None:
        # The event loop runs inside this Python call, so the thread keeps one Python thread state for its whole
        # life: without it every queued slot call gets a fresh thread state and loses the thread-locals of the
        # one before. The engine (LiteRT, never TensorFlow in the app) is created and used on this thread only.
        self.exec()

    def stop(self, timeout_ms: int = 30000) -> None:
        self.quit()
        self.wait(timeout_ms)
