import numpy as np
import pytest
from keras import ops

from model.search import beam_search, greedy_search, restrict
from model.engine import KerasEngine
from model.tokenizer import BOS_ID, EOS_ID, PAD_ID
from model.transformer import (Transformer, TransformerConfig, causal_mask, padding_mask, sinusoid_table)

CONFIG = TransformerConfig(src_vocab_size=50, tgt_vocab_size=60, d_model=16, num_heads=2, d_ff=32,
                           num_encoder_layers=2, num_decoder_layers=2, dropout=0.0, max_len=64)


@pytest.fixture(scope="module")
def model():
    return Transformer(CONFIG).build_all()


def test_padding_mask_hides_pad_tokens():
    mask = np.asarray(padding_mask(np.array([[5, 6, PAD_ID]])))
    assert mask.shape == (1, 1, 1, 3)
    assert mask[0, 0, 0].tolist() == [True, True, False]


def test_causal_mask_sees_only_the_past():
    mask = np.asarray(causal_mask(3))[0, 0]
    assert mask.tolist() == [[True, False, False], [True, True, False], [True, True, True]]


def test_positional_encoding_is_the_papers_sinusoid():
    table = sinusoid_table(50, 16)
    assert table.shape == (50, 16)
    assert table[0, 0::2].tolist() == [0.0] * 8 and table[0, 1::2].tolist() == [1.0] * 8
    assert np.isclose(table[7, 2], np.sin(7 / 10000 ** (2 / 16)))
    assert np.isclose(table[7, 3], np.cos(7 / 10000 ** (2 / 16)))


def test_every_attention_has_one_map_per_layer_and_head(model):
    src = np.array([[5, 6, 7, EOS_ID, PAD_ID]], np.int32)
    tgt = np.array([[BOS_ID, 8, 9]], np.int32)
    memory, encoder = model.encode(src)
    logits, decoder, cross = model.decode(tgt, memory, padding_mask(src))
    assert logits.shape == (1, 3, CONFIG.tgt_vocab_size)
    assert [tuple(w.shape) for w in encoder] == [(1, 2, 5, 5)] * 2
    assert [tuple(w.shape) for w in decoder] == [(1, 2, 3, 3)] * 2
    assert [tuple(w.shape) for w in cross] == [(1, 2, 3, 5)] * 2
    cross_weights = np.asarray(cross[0])
    assert np.allclose(cross_weights.sum(-1), 1.0, atol=1e-5)
    assert np.allclose(cross_weights[..., 4], 0.0)  # padding gets no attention
    assert np.allclose(np.triu(np.asarray(decoder[0])[0, 0], 1), 0.0)  # no peeking at later target tokens


def test_cached_step_matches_full_decoder(model):
    rng = np.random.default_rng(0)
    src = rng.integers(4, 50, (2, 6)).astype(np.int32)
    tgt = np.concatenate([np.full((2, 1), BOS_ID), rng.integers(4, 60, (2, 4))], axis=1).astype(np.int32)
    memory, _ = model.encode(src)
    full_logits, _, _ = model.decode(tgt, memory, padding_mask(src))
    full = np.asarray(ops.log_softmax(full_logits, axis=-1))
    engine = KerasEngine(model)
    state = engine.encode(src)
    caches = engine.empty_caches(2, 8)
    for position in range(tgt.shape[1]):
        step, caches = engine.step(tgt[:, position:position + 1], position, caches, state)
        assert np.allclose(step, full[:, position], atol=1e-4)


def naive_greedy(model, src, max_len):
    """Re-runs the whole prefix every step: the reference the cached search must match."""
    tokens = np.full((src.shape[0], 1), BOS_ID, np.int32)
    memory, _ = model.encode(src)
    for position in range(max_len):
        logits, _, _ = model.decode(tokens, memory, padding_mask(src))
        log_probs = restrict(np.array(ops.log_softmax(logits[:, -1], axis=-1)), position == max_len - 1)
        tokens = np.concatenate([tokens, log_probs.argmax(-1)[:, None].astype(np.int32)], axis=1)
    return tokens[:, 1:]


def test_cached_greedy_gives_the_same_tokens_as_uncached(model):
    src = np.random.default_rng(1).integers(4, 50, (3, 7)).astype(np.int32)
    cached = greedy_search(KerasEngine(model), src, max_len=10)
    naive = naive_greedy(model, src, 10)
    for hypothesis, reference in zip(cached, naive):
        reference = reference.tolist()
        expected = reference[: reference.index(EOS_ID)] if EOS_ID in reference else reference
        assert hypothesis.tokens == expected


def test_beam_of_one_equals_greedy(model):
    engine = KerasEngine(model)
    src = np.random.default_rng(2).integers(4, 50, (2, 5)).astype(np.int32)
    greedy = [h.tokens for h in greedy_search(engine, src, 12)]
    beam1 = [h.tokens for h in beam_search(engine, src, 12, beam_size=1)]
    assert greedy == beam1


def test_beam_search_scores_at_least_as_well_as_greedy(model):
    engine = KerasEngine(model)
    src = np.random.default_rng(3).integers(4, 50, (4, 6)).astype(np.int32)
    greedy = greedy_search(engine, src, 8)
    beam = beam_search(engine, src, 8, beam_size=4, alpha=0.0)
    for g, b in zip(greedy, beam):
        assert sum(b.log_probs) >= sum(g.log_probs) - 1e-4
        assert len(b.tokens) <= 8
