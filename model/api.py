"""The engine's public API: what the CLI and the desktop app may use. Everything else in `model` is internal.

Nothing here imports TensorFlow: the app imports this module at start-up, and translation runs on LiteRT.
Training (`train`, `finetune`) imports TensorFlow when called, which only the training process does.
"""

from __future__ import annotations

from pathlib import Path

from .attention_steps import (AttentionSteps, NumpyTransformer, describe_steps, explain_attention, find_query,
                              network_for)
from .bundle import BundleError, import_archive
from .config import TrainingConfig
from .corpus import CorpusError, ValidationReport, check_corpus, has_hangul, read_corpus, read_text_file
from .files import free_bytes, write_atomic, write_text_atomic
from .resources import DEFAULT_DATA, FONTS, ICONS, SHIPPED_MODEL
from .positional import sinusoid_table
from .search import DecodingTrace, length_penalty
from .sentences import split_text
from .terms import Term, TermError, read_terms, write_terms
from .tokenizer import WORD_START, readable_pieces
from .translate import Explanation, SentenceTranslation, Translation, TranslationError, Translator

__all__ = [
    "AttentionSteps", "BundleError", "CorpusError", "DEFAULT_DATA", "DecodingTrace", "Explanation", "FONTS", "ICONS",
    "NumpyTransformer", "SHIPPED_MODEL", "SentenceTranslation", "Term", "TermError", "TrainingConfig", "Translation",
    "TranslationError", "Translator", "ValidationReport", "WORD_START", "check_corpus", "describe_steps",
    "explain_attention", "find_query", "finetune", "free_bytes", "has_hangul", "network_for", "import_archive",
    "length_penalty", "named_corpora", "readable_pieces", "read_corpus", "read_terms", "read_text_file",
    "sinusoid_table", "split_text", "train", "write_atomic", "write_terms", "write_text_atomic",
]


Paths = str | Path | list[str | Path]  # one picked path or several: folders, data roots, corpus files


def _paths(picked: Paths | None) -> list[Path]:
    if picked is None:
        return []
    return [Path(picked)] if isinstance(picked, (str, Path)) else [Path(path) for path in picked]


def named_corpora(paths: Paths) -> list[tuple[str, Path]]:
    """(name, source) of every corpus in the picked paths (a folder of .ko/.en files, a data root of corpus
    folders, or a corpus file), named as training and fine-tuning name them: the app's preview shows the same
    corpora the run reads. Raises CorpusError for a folder that holds no corpus."""
    from .training.data import named_corpora as name_corpora  # lazily: the app starts without the training code

    return name_corpora(_paths(paths))


def train(data: Paths, dev_root: str | Path | None, output: str | Path, work_dir: str | Path,
          config: TrainingConfig | None = None, progress=None, should_stop=None,
          final_beam: int | None = None) -> Path:
    """Train a model from scratch on the corpora in `data` (named_corpora); write a bundle to `output`."""
    from .training import train_from_scratch

    return train_from_scratch(_paths(data), Path(dev_root) if dev_root else None, Path(output), Path(work_dir),
                              config or TrainingConfig(), progress, should_stop, final_beam)


def finetune(base: str | Path, corpora: Paths, output: str | Path, work_dir: str | Path,
             mix_data: Paths | None = None, dev_root: str | Path | None = None,
             config: TrainingConfig | None = None, progress=None, should_stop=None,
             final_beam: int | None = None) -> Path:
    """Continue training a bundle on a user's corpora (optionally mixed with the original data, or on the original
    data alone); both are any paths named_corpora takes. Scored, like its base on the same lines, with the base's
    decoding (final_beam: another beam); the base bundle is only read."""
    from .training import finetune_bundle

    return finetune_bundle(Path(base), _paths(corpora), Path(output), Path(work_dir), _paths(mix_data),
                           Path(dev_root) if dev_root else None, config or TrainingConfig.for_finetuning(), progress,
                           should_stop, final_beam)
