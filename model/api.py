"""The engine's public API, used by the CLI and the desktop app: `Translator` and `train` / `finetune`.

Nothing here imports TensorFlow at module level: the app imports this module at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from . import bundle as bundles
from .corpus import has_hangul
from .decoding import Hypothesis, beam_search, max_output_length, one_line, pad_batch, split_text
from .tokenizer import BOS_ID, EOS_ID, Tokenizer

SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "assets" / "model"
MAX_SOURCE_TOKENS = 200  # a longer "sentence" is cut into pieces of this many tokens
BATCH_SENTENCES = 32


@dataclass
class SentenceTranslation:
    source: str
    target: str = ""
    source_pieces: list[str] = field(default_factory=list)
    target_pieces: list[str] = field(default_factory=list)
    confidence: float = 0.0
    # per layer (H, target or source, source or target) float32 arrays; filled when attention is asked for
    encoder_attention: list[np.ndarray] = field(default_factory=list)
    decoder_attention: list[np.ndarray] = field(default_factory=list)
    cross_attention: list[np.ndarray] = field(default_factory=list)


@dataclass
class Translation:
    lines: list[list[SentenceTranslation]]  # input lines (paragraph structure) -> sentences

    @property
    def text(self) -> str:
        return "\n".join(" ".join(s.target for s in line) for line in self.lines)

    @property
    def sentences(self) -> list[SentenceTranslation]:
        return [sentence for line in self.lines for sentence in line]


def source_chunks(ko: Tokenizer, sentence: str, max_tokens: int = MAX_SOURCE_TOKENS + 1) -> list[list[int]]:
    """The sentence's token ids (+ EOS) in pieces of at most max_tokens tokens, EOS included; a model with a
    shorter positional range (config.max_len) must get shorter pieces: see chunk_limit."""
    ids = ko.encode(sentence)
    if not ids:
        return []
    size = max(1, max_tokens - 1)
    return [ids[start:start + size] + [EOS_ID] for start in range(0, len(ids), size)]


def chunk_limit(config) -> int:
    """Longest source piece (EOS included) a model can encode: its positional range, at most MAX_SOURCE_TOKENS + 1."""
    return max(2, min(MAX_SOURCE_TOKENS + 1, config.max_len))


def output_limit(config, max_len: int) -> int:
    """The caller's output cap, never beyond the decoder's positional range (config.max_len)."""
    return max(1, min(int(max_len), config.max_len))


def decode_batched(engine, sources: list[list[int]], beam: int, max_len_limit: int,
                   on_batch: Callable[[int], None] | None = None) -> list[Hypothesis]:
    """Hypotheses for many token sequences, batched by similar length (sorted) to waste little padding."""
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    results: list[Hypothesis | None] = [None] * len(sources)
    for start in range(0, len(order), BATCH_SENTENCES):
        chosen = order[start:start + BATCH_SENTENCES]
        batch = pad_batch([sources[i] for i in chosen])
        limit = max_output_length(batch.shape[1], max_len_limit)
        for i, hypothesis in zip(chosen, beam_search(engine, batch, limit, beam)):
            results[i] = hypothesis
        if on_batch:
            on_batch(min(start + BATCH_SENTENCES, len(order)))
    return results


def translate_sentences(engine, ko: Tokenizer, en: Tokenizer, sentences: list[str], beam: int = 4,
                        max_len_limit: int = 256, config=None) -> list[str]:
    """Each input line (which may hold several sentences) -> one English line. Used for evaluation.

    `config` (the model's TransformerConfig; default: the engine's) bounds source pieces and output length by
    the model's positional range."""
    config = config or getattr(getattr(engine, "model", None), "config", None)
    max_tokens = chunk_limit(config) if config is not None else MAX_SOURCE_TOKENS + 1
    if config is not None:
        max_len_limit = output_limit(config, max_len_limit)
    chunks = [[chunk for s in line for chunk in source_chunks(ko, s, max_tokens)] for line in
              ([s for part in split_text(text) for s in part] for text in sentences)]
    flat = [chunk for line in chunks for chunk in line]
    hypotheses = iter(decode_batched(engine, flat, beam, max_len_limit))
    return [one_line(" ".join(en.decode(next(hypotheses).tokens) for _ in line)) for line in chunks]


class TranslationError(Exception):
    """Input the translator cannot take; the message is for the user."""


class Translator:
    """A loaded model bundle, ready to translate."""

    def __init__(self, path: str | Path = SHIPPED_MODEL):
        from .engine import LiteRTEngine

        self.bundle = bundles.load(path)
        self.engine = LiteRTEngine(self.bundle.litert_path, self.bundle.config)

    @property
    def card(self) -> dict:
        return self.bundle.card

    def translate(self, text: str, beam: int = 4, with_attention: bool = False, max_len: int = 256,
                  on_progress: Callable[[int, int], None] | None = None) -> Translation:
        """Korean text -> Translation, sentence by sentence, line breaks kept. Lines without Hangul pass through.

        Any str is accepted (lone surrogates, control characters, any script, any length): the result has one
        line per input line (split at "\n") and no sentence's translation contains a line break. Each sentence's
        output is at most min(max_len, 2 x its source pieces + 10, the model's max_len) pieces, so the time is
        bounded by the input's length."""
        ko, en = self.bundle.ko, self.bundle.en
        config = self.bundle.config
        max_len, max_tokens = output_limit(config, max_len), chunk_limit(config)
        lines = split_text(text)
        sentences = [SentenceTranslation(source=s) for line in lines for s in line]
        sources, owners = [], []
        for index, sentence in enumerate(sentences):
            if not has_hangul(sentence.source):
                sentence.target = sentence.source  # numbers, names, English: nothing to translate
                sentence.confidence = 1.0
                continue
            for chunk in source_chunks(ko, sentence.source, max_tokens):
                sources.append(chunk)
                owners.append(index)
        progress = (lambda done: on_progress(done, len(sources))) if on_progress else None
        hypotheses = decode_batched(self.engine, sources, beam, max_len, progress)
        pieces_by_owner: dict[int, list[tuple[list[int], Hypothesis]]] = {}
        for chunk, owner, hypothesis in zip(sources, owners, hypotheses):
            pieces_by_owner.setdefault(owner, []).append((chunk, hypothesis))
        for owner, parts in pieces_by_owner.items():
            sentence = sentences[owner]
            sentence.target = one_line(" ".join(en.decode(h.tokens) for _, h in parts))
            sentence.confidence = float(np.mean([h.confidence for _, h in parts]))
            src_ids, hypothesis = parts[0]
            tgt_ids = [BOS_ID] + hypothesis.tokens  # the decoder input that produced tokens + EOS
            sentence.source_pieces = ko.pieces(src_ids)
            sentence.target_pieces = en.pieces(hypothesis.tokens + [EOS_ID])
            if with_attention:
                encoder, decoder, cross = self.engine.attention(np.array([src_ids]), np.array([tgt_ids]))
                sentence.encoder_attention = [w[0] for w in encoder]
                sentence.decoder_attention = [w[0] for w in decoder]
                sentence.cross_attention = [w[0] for w in cross]
        iterator = iter(sentences)
        return Translation([[next(iterator) for _ in line] for line in lines])

    def translate_lines(self, lines: list[str], beam: int = 4, max_len: int = 256) -> list[str]:
        return translate_sentences(self.engine, self.bundle.ko, self.bundle.en, lines, beam, max_len,
                                   config=self.bundle.config)


# --- training ----------------------------------------------------------------------------------------------


def train(data_root: str | Path, dev_root: str | Path | None, output: str | Path, work_dir: str | Path,
          config=None, progress=None, should_stop=None, final_beam: int = 4) -> Path:
    """Train a model from scratch on every corpus under data_root; write a bundle to `output`."""
    from .training import TrainingConfig, train_from_scratch

    return train_from_scratch(Path(data_root), Path(dev_root) if dev_root else None, Path(output), Path(work_dir),
                              config or TrainingConfig(), progress, should_stop, final_beam)


def finetune(base: str | Path, corpora: list[str | Path], output: str | Path, work_dir: str | Path,
             mix_data_root: str | Path | None = None, dev_root: str | Path | None = None, config=None,
             progress=None, should_stop=None, final_beam: int = 4) -> Path:
    """Continue training a bundle on a user's corpora (optionally mixed with the original data)."""
    from .training import TrainingConfig, finetune_bundle

    return finetune_bundle(Path(base), [Path(c) for c in corpora], Path(output), Path(work_dir),
                           Path(mix_data_root) if mix_data_root else None, Path(dev_root) if dev_root else None,
                           config or TrainingConfig(), progress, should_stop, final_beam)
