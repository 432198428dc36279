"""Engines: what the decoding search calls to run the network (see decoding.py for the contract)."""

from __future__ import annotations

import numpy as np
import tensorflow as tf
from keras import ops

from .transformer import Transformer, padding_mask


class KerasEngine:
    """Runs a Keras `Transformer` through compiled TensorFlow functions."""

    def __init__(self, model: Transformer):
        self.model = model
        config = model.config
        self.num_heads, self.depth = config.num_heads, config.d_model // config.num_heads
        self._encode = tf.function(self._encode_graph, reduce_retracing=True)
        self._step = tf.function(self._step_graph, reduce_retracing=True)
        self._attention = tf.function(self._attention_graph, reduce_retracing=True)

    def _encode_graph(self, src_ids):
        memory, _ = self.model.encode(src_ids)
        return padding_mask(src_ids), self.model.cross_keys_values(memory)

    def _step_graph(self, tokens, position, caches, src_mask, cross):
        log_probs, caches, _, _ = self.model.decode_step(tokens, position, caches, cross, src_mask)
        return log_probs, caches

    def _attention_graph(self, src_ids, tgt_ids):
        memory, encoder = self.model.encode(src_ids)
        _, decoder, cross = self.model.decode(tgt_ids, memory, padding_mask(src_ids))
        return encoder, decoder, cross

    def encode(self, src_ids: np.ndarray):
        return self._encode(tf.constant(src_ids, tf.int32))

    def empty_caches(self, rows: int, max_len: int):
        dtype = self.model.compute_dtype
        shape = (rows, self.num_heads, max_len, self.depth)
        return [(tf.zeros(shape, dtype), tf.zeros(shape, dtype)) for _ in self.model.decoder_layers]

    def step(self, tokens: np.ndarray, position: int, caches, state):
        src_mask, cross = state
        log_probs, caches = self._step(tf.constant(tokens, tf.int32), tf.constant(position, tf.int32), caches,
                                       src_mask, cross)
        return np.array(log_probs, dtype=np.float32), caches

    def reorder(self, caches, rows: np.ndarray):
        rows = tf.constant(rows, tf.int32)
        return [(tf.gather(keys, rows), tf.gather(values, rows)) for keys, values in caches]

    def attention(self, src_ids: np.ndarray, tgt_ids: np.ndarray):
        """-> encoder self, decoder self, cross: lists (per layer) of (B, H, Lq, Lk) float32 arrays."""
        encoder, decoder, cross = self._attention(tf.constant(src_ids, tf.int32), tf.constant(tgt_ids, tf.int32))
        as_numpy = lambda weights: [np.asarray(w, dtype=np.float32) for w in weights]  # noqa: E731
        return as_numpy(encoder), as_numpy(decoder), as_numpy(cross)
