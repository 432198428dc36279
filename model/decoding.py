"""Greedy and beam search over cached decoder steps, batched, plus sentence splitting.

The search itself is numpy; the network runs behind an *engine* with three calls:
  encode(src_ids)            -> state for the decoder (source mask, cross-attention keys/values)
  step(tokens, position, …)  -> log-probabilities of the next token, with the key/value caches updated
  attention(src_ids, tgt_ids)-> every attention matrix of a finished translation (one teacher-forced pass)
so the same search drives the Keras model during training and any exported runtime in the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .corpus import normalize
from .tokenizer import BOS_ID, EOS_ID, PAD_ID

LENGTH_PENALTY_ALPHA = 0.6


def max_output_length(source_length: int, limit: int) -> int:
    """Output length bounded by the input's: English needs at most about twice the Korean pieces."""
    return int(min(limit, 2 * source_length + 10))


def length_penalty(length: np.ndarray, alpha: float) -> np.ndarray:
    """GNMT's ((5 + |Y|) / 6)^alpha: without it beam search prefers short outputs."""
    return ((5.0 + length) / 6.0) ** alpha


@dataclass
class Hypothesis:
    tokens: list[int]  # without BOS/EOS
    log_probs: list[float] = field(default_factory=list)  # one per emitted token, EOS included

    @property
    def confidence(self) -> float:
        """Geometric-mean probability of the emitted tokens, in [0, 1]."""
        return float(np.exp(np.mean(self.log_probs))) if self.log_probs else 0.0


def restrict(log_probs: np.ndarray, last_position: bool) -> np.ndarray:
    """PAD and BOS are never generated; at the last position only EOS is left (out of room)."""
    log_probs[..., PAD_ID] = -np.inf
    log_probs[..., BOS_ID] = -np.inf
    if last_position:
        eos = log_probs[..., EOS_ID].copy()
        log_probs[...] = -np.inf
        log_probs[..., EOS_ID] = eos
    return log_probs


def pad_batch(sequences: list[list[int]]) -> np.ndarray:
    width = max(len(sequence) for sequence in sequences)
    batch = np.full((len(sequences), width), PAD_ID, dtype=np.int32)
    for row, sequence in enumerate(sequences):
        batch[row, : len(sequence)] = sequence
    return batch


def greedy_search(engine, src_ids: np.ndarray, max_len: int) -> list[Hypothesis]:
    """src_ids (B, S) -> one hypothesis per row."""
    batch = src_ids.shape[0]
    state = engine.encode(src_ids)
    caches = engine.empty_caches(batch, max_len)
    tokens = np.full((batch, 1), BOS_ID, dtype=np.int32)
    hypotheses = [Hypothesis([]) for _ in range(batch)]
    finished = np.zeros(batch, dtype=bool)
    for position in range(max_len):
        log_probs, caches = engine.step(tokens, position, caches, state)
        log_probs = restrict(log_probs, position == max_len - 1)
        next_tokens = log_probs.argmax(axis=-1)
        for row in np.flatnonzero(~finished):
            token = int(next_tokens[row])
            hypotheses[row].log_probs.append(float(log_probs[row, token]))
            if token == EOS_ID:
                finished[row] = True
            else:
                hypotheses[row].tokens.append(token)
        if finished.all():
            break
        tokens = next_tokens.astype(np.int32)[:, None]
    return hypotheses


def beam_search(
    engine, src_ids: np.ndarray, max_len: int, beam_size: int, alpha: float = LENGTH_PENALTY_ALPHA
) -> list[Hypothesis]:
    """Batched beam search: rows are (sentence, beam) pairs, B * k of them."""
    if beam_size == 1:
        return greedy_search(engine, src_ids, max_len)
    batch, k = src_ids.shape[0], beam_size
    state = engine.encode(np.repeat(src_ids, k, axis=0))
    caches = engine.empty_caches(batch * k, max_len)
    scores = np.full((batch, k), -np.inf)
    scores[:, 0] = 0.0  # all beams start identical: expand only the first
    tokens = np.full((batch, k, 0), PAD_ID, dtype=np.int32)
    token_log_probs = np.zeros((batch, k, 0))
    finished = np.zeros((batch, k), dtype=bool)
    last = np.full((batch * k, 1), BOS_ID, dtype=np.int32)
    for position in range(max_len):
        log_probs, caches = engine.step(last, position, caches, state)
        vocab = log_probs.shape[-1]
        log_probs = restrict(log_probs.reshape(batch, k, vocab), position == max_len - 1)
        # a finished beam only continues with PAD, at no cost
        log_probs[finished] = -np.inf
        log_probs[finished, PAD_ID] = 0.0
        candidates = (scores[:, :, None] + log_probs).reshape(batch, k * vocab)
        best = np.argsort(-candidates, axis=-1)[:, :k]  # (B, k)
        origin, token = best // vocab, best % vocab
        rows = np.arange(batch)[:, None]
        scores = candidates[rows, best]
        step_log_probs = log_probs[rows, origin, token]
        tokens = np.concatenate([tokens[rows, origin], token[:, :, None]], axis=-1)
        token_log_probs = np.concatenate([token_log_probs[rows, origin], step_log_probs[:, :, None]], axis=-1)
        finished = finished[rows, origin] | (token == EOS_ID)
        caches = engine.reorder(caches, (rows * k + origin).reshape(-1))
        last = token.reshape(-1, 1).astype(np.int32)
        if finished.all():
            break
    lengths = np.maximum(((tokens != PAD_ID) & (tokens != EOS_ID)).sum(-1) + 1, 1)
    best_beam = (scores / length_penalty(lengths, alpha)).argmax(axis=-1)
    hypotheses = []
    for row, beam in enumerate(best_beam):
        emitted = tokens[row, beam]
        kept = [int(t) for t in emitted if t not in (PAD_ID, EOS_ID)]
        probs = [float(p) for t, p in zip(emitted, token_log_probs[row, beam]) if t != PAD_ID]
        hypotheses.append(Hypothesis(kept, probs))
    return hypotheses


# --- sentence splitting ------------------------------------------------------------------------------------

# A sentence ends at . ? ! (and their full-width forms, and ellipses) followed by space; Korean endings such as
# "다." "요?" are covered because the punctuation is what ends them. Line breaks always end a sentence.
_SENTENCE_END = re.compile(r"(?:(?<=[.?!。？！…])|(?<=[.?!。？！…][\"'”’)\]]))\s+")


_LINE_BREAKS = re.compile("[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """A translated sentence with any line break in it (a model can spell one with byte pieces) turned into a
    space, so that the output keeps exactly the input's lines; same length, so character spans stay valid."""
    return _LINE_BREAKS.sub(" ", text)


def split_sentences(line: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]


def split_text(text: str) -> list[list[str]]:
    """Text -> lines (paragraph structure kept, blank lines included as []) -> normalised sentences.

    Lone surrogates (from broken clipboard data) become "?" and control characters spaces, so that anything a
    user pastes reaches the tokenizer as valid text.
    """
    text = text.encode("utf-8", "replace").decode("utf-8")
    return [split_sentences(normalize(line)) for line in text.split("\n")]
