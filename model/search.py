"""Greedy and beam search over cached decoder steps, batched.

The search itself is numpy; the network runs behind an *engine* (the `Engine` protocol below, implemented by
engine.LiteRTEngine and engine.KerasEngine). The search calls
  encode(src_ids)            -> state for the decoder (source mask, cross-attention keys/values)
  empty_caches(rows, max_len), step(tokens, position, caches, state) -> log-probabilities of the next token, with
                                the key/value caches updated; reorder(caches, rows) when the beam keeps other rows
so the same search drives the Keras model during training and the LiteRT export in the app. The protocol's
attention(src_ids, tgt_ids) (every attention matrix of a finished translation, one teacher-forced pass) is called
by translate.py, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from .tokenizer import BOS_ID, EOS_ID, PAD_ID

LENGTH_PENALTY_ALPHA = 0.6


class Engine(Protocol):
    """What the search needs from a network. Caches and state are opaque to the search (numpy arrays or tensors)."""

    def encode(self, src_ids: np.ndarray) -> Any: ...  # (B, S) int32 -> decoder state

    def empty_caches(self, rows: int, max_len: int) -> Any: ...

    def step(self, tokens: np.ndarray, position: int, caches: Any, state: Any) -> tuple[np.ndarray, Any]:
        ...  # tokens (B, 1) -> log-probabilities (B, V), updated caches

    def reorder(self, caches: Any, rows: np.ndarray) -> Any: ...  # beams: keep the caches of these rows

    def attention(self, src_ids: np.ndarray, tgt_ids: np.ndarray) -> tuple[list, list, list]:
        ...  # encoder self, decoder self, cross: per layer (B, H, Lq, Lk)


def max_output_length(source_length: int, limit: int) -> int:
    """Output length bounded by the input's: a translation needs at most about twice the source's pieces."""
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


@dataclass
class TraceStep:
    """One decoder step of the first sentence in a batch, for people to look at (`DecodingTrace`)."""

    position: int
    prefixes: list[list[int]]  # each live hypothesis before this step (token ids, no BOS)
    scores: list[float]  # their cumulative log-probabilities
    candidates: list[list[tuple[int, float]]]  # per live hypothesis: its top next tokens and their probabilities
    kept: list[tuple[int, int, float]]  # the hypotheses kept: (index into prefixes, token, new cumulative score)


@dataclass
class DecodingTrace:
    """What the search considered and chose, step by step, for the first sentence of its batch: pass one to
    greedy_search or beam_search to fill it. Off (None) by default, so normal translation does none of this."""

    top_k: int = 5
    steps: list[TraceStep] = field(default_factory=list)
    # the finished hypotheses: tokens, raw score (sum of log-probabilities), score / length penalty, chosen
    finals: list[dict] = field(default_factory=list)
    alpha: float = LENGTH_PENALTY_ALPHA

    def record(self, position: int, prefixes, scores, log_probs: np.ndarray, kept) -> None:
        candidates = []
        for row in log_probs:  # (V,) log-probabilities of one hypothesis's next token
            top = np.argpartition(-row, self.top_k)[: self.top_k]
            top = top[np.argsort(-row[top])]
            candidates.append([(int(t), float(np.exp(row[t]))) for t in top if np.isfinite(row[t])])
        self.steps.append(TraceStep(position, [list(map(int, p)) for p in prefixes], [float(x) for x in scores],
                                    candidates, [(int(a), int(b), float(c)) for a, b, c in kept]))


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


def greedy_search(engine, src_ids: np.ndarray, max_len: int,
                  trace: DecodingTrace | None = None) -> list[Hypothesis]:
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
        if trace is not None and not finished[0]:
            score = sum(hypotheses[0].log_probs)
            token = int(next_tokens[0])
            trace.record(position, [hypotheses[0].tokens], [score], log_probs[:1],
                         [(0, token, score + float(log_probs[0, token]))])
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
    if trace is not None:
        raw = float(sum(hypotheses[0].log_probs))
        trace.finals = [{"tokens": hypotheses[0].tokens, "score": raw, "normalized": raw, "chosen": True}]
    return hypotheses


def beam_search(
    engine, src_ids: np.ndarray, max_len: int, beam_size: int, alpha: float = LENGTH_PENALTY_ALPHA,
    trace: DecodingTrace | None = None,
) -> list[Hypothesis]:
    """Batched beam search: rows are (sentence, beam) pairs, B * k of them."""
    if beam_size == 1:
        return greedy_search(engine, src_ids, max_len, trace)
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
        if trace is not None:
            live = np.flatnonzero(np.isfinite(scores[0]) & ~finished[0])
            new_of_live = {int(b): i for i, b in enumerate(live)}
            trace.record(position, [[t for t in tokens[0, b] if t != PAD_ID] for b in live], scores[0, live],
                         log_probs[0, live], [(new_of_live[int(o)], t, c) for o, t, c in
                                              zip(origin[0], token[0], candidates[0, best[0]])
                                              if int(o) in new_of_live and np.isfinite(c)])
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
    normalized = scores / length_penalty(lengths, alpha)
    best_beam = normalized.argmax(axis=-1)
    if trace is not None:
        trace.alpha = alpha
        trace.finals = [{"tokens": [int(t) for t in tokens[0, b] if t not in (PAD_ID, EOS_ID)],
                         "score": float(scores[0, b]), "normalized": float(normalized[0, b]),
                         "chosen": bool(b == best_beam[0])}
                        for b in np.argsort(-normalized[0]) if np.isfinite(scores[0, b])]
    hypotheses = []
    for row, beam in enumerate(best_beam):
        emitted = tokens[row, beam]
        kept = [int(t) for t in emitted if t not in (PAD_ID, EOS_ID)]
        probs = [float(p) for t, p in zip(emitted, token_log_probs[row, beam]) if t != PAD_ID]
        hypotheses.append(Hypothesis(kept, probs))
    return hypotheses
