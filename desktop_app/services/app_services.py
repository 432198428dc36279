"""Everything the main window works through, as one value: built once at start-up (app/main.py, build_services)
and handed to the window, which only shows. One translator thread serves translations and the decoding traces;
training runs in its own process; history, terms, the model store and the settings are kept here too."""

from __future__ import annotations

from dataclasses import dataclass

from .attention_steps import StepsService
from .explaining import ExplainService
from .history import HistoryModel
from .model_store import ModelStore
from .settings import AppSettings
from .terms import TermList
from .training_runner import TrainingRunner
from .translation_service import TranslationService


@dataclass
class AppServices:
    settings: AppSettings
    store: ModelStore
    translation: TranslationService  # the translator in its thread: texts, files, single lines with attention
    explainer: ExplainService  # the search traced for the decoding view, on the translator's thread
    steps: StepsService  # the three steps of attention for the Steps tab, on the translator's thread too
    runner: TrainingRunner  # `hanyeong train|finetune` in its own process
    history: HistoryModel
    terms: TermList  # the user's terms; the switched-on ones go into every translation

    def shutdown(self) -> None:
        """Stop what runs in the background (the translator's thread); a training run is stopped by the window,
        which asks the user first."""
        self.translation.shutdown()
