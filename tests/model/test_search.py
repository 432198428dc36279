"""The search on its own, with a fake engine whose next-token probabilities depend only on the last token: fast,
and the right answers can be worked out by hand."""

import math

import numpy as np
import pytest

from model.search import DecodingTrace, beam_search, greedy_search, length_penalty
from model.tokenizer import BOS_ID, EOS_ID

A, B, C = 4, 5, 6  # three "words" after the four special ids
VOCAB = 7


class TableEngine:
    """next-token probabilities = TABLE[last token]; the source is ignored."""

    def __init__(self, table: dict[int, dict[int, float]]):
        self.table = table

    def encode(self, src_ids):
        return None

    def empty_caches(self, rows, max_len):
        return np.zeros((rows, 1), np.int32)

    def step(self, tokens, position, caches, state):
        log_probs = np.full((len(tokens), VOCAB), -1e9, np.float32)
        for row, token in enumerate(tokens[:, 0]):
            for nxt, p in self.table.get(int(token), {EOS_ID: 1.0}).items():
                log_probs[row, nxt] = math.log(p)
        return log_probs, caches

    def reorder(self, caches, rows):
        return caches[rows]


# Greedy takes A (0.6) then must end weakly; B (0.4) leads to a sure ending: A·EOS = 0.6·0.3 = 0.18, B·EOS = 0.4.
TRAP = {BOS_ID: {A: 0.6, B: 0.4}, A: {EOS_ID: 0.3, C: 0.35, B: 0.35}, B: {EOS_ID: 1.0}, C: {EOS_ID: 1.0}}
SOURCE = np.array([[A, EOS_ID]], np.int32)


def test_greedy_follows_the_most_likely_next_token():
    [hypothesis] = greedy_search(TableEngine(TRAP), SOURCE, 10)
    assert hypothesis.tokens[0] == A


def test_beam_finds_the_better_sentence_that_greedy_misses():
    [hypothesis] = beam_search(TableEngine(TRAP), SOURCE, 10, beam_size=2, alpha=0.0)
    assert hypothesis.tokens == [B]
    assert beam_search(TableEngine(TRAP), SOURCE, 10, beam_size=1)[0].tokens == greedy_search(
        TableEngine(TRAP), SOURCE, 10)[0].tokens


def test_the_length_penalty_lets_longer_sentences_win():
    # A·C·EOS scores 0.6·0.6 = 0.36 against B·EOS's 0.4: raw scores prefer the short one, a strong length
    # penalty (divide by ((5 + length) / 6) ** alpha) the long one
    engine = TableEngine({**TRAP, A: {C: 0.6, EOS_ID: 0.4}})
    assert beam_search(engine, SOURCE, 10, 3, alpha=0.0)[0].tokens == [B]
    assert beam_search(engine, SOURCE, 10, 3, alpha=2.0)[0].tokens == [A, C]
    assert length_penalty(np.array([3]), 1.0)[0] > length_penalty(np.array([2]), 1.0)[0]


@pytest.mark.parametrize("beam", [1, 2, 3])
def test_a_trace_records_what_the_search_did_and_changes_nothing(beam):
    engine = TableEngine(TRAP)
    untraced = beam_search(engine, SOURCE, 10, beam)
    trace = DecodingTrace(top_k=3)
    traced = beam_search(engine, SOURCE, 10, beam, trace=trace)
    assert [h.tokens for h in traced] == [h.tokens for h in untraced]
    assert trace.steps and trace.steps[0].prefixes == [[]]
    for step in trace.steps:
        for candidates in step.candidates:
            probabilities = [p for _, p in candidates]
            assert sum(probabilities) <= 1.0 + 1e-6 and probabilities == sorted(probabilities, reverse=True)
        assert 1 <= len(step.kept) <= beam
    normalized = [final["normalized"] for final in trace.finals]
    assert normalized == sorted(normalized, reverse=True)
    chosen = [final for final in trace.finals if final["chosen"]]
    assert len(chosen) == 1 and chosen[0]["tokens"] == traced[0].tokens == trace.finals[0]["tokens"]
