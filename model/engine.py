"""Engines: what the decoding search calls to run the network (see decoding.py for the contract).

`LiteRTEngine` runs a bundle's exported model.tflite with ai-edge-litert: this is what translation uses, and it
never loads TensorFlow. `KerasEngine` runs the Keras model itself, for evaluation during training.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np


class KerasEngine:
    """Runs a Keras `Transformer` through compiled TensorFlow functions."""

    def __init__(self, model):
        import tensorflow as tf

        from .transformer import padding_mask

        self.tf, self.model = tf, model
        config = model.config
        self.num_heads, self.depth = config.num_heads, config.d_model // config.num_heads

        def encode(src_ids):
            memory, _ = model.encode(src_ids)
            return padding_mask(src_ids), model.cross_keys_values(memory)

        def step(tokens, position, caches, src_mask, cross):
            log_probs, caches, _, _ = model.decode_step(tokens, position, caches, cross, src_mask)
            return log_probs, caches

        def attention(src_ids, tgt_ids):
            memory, encoder = model.encode(src_ids)
            _, decoder, cross = model.decode(tgt_ids, memory, padding_mask(src_ids))
            return encoder, decoder, cross

        self._encode = tf.function(encode, reduce_retracing=True)
        self._step = tf.function(step, reduce_retracing=True)
        self._attention = tf.function(attention, reduce_retracing=True)

    def encode(self, src_ids: np.ndarray):
        return self._encode(self.tf.constant(src_ids, self.tf.int32))

    def empty_caches(self, rows: int, max_len: int):
        tf, dtype = self.tf, self.model.compute_dtype
        shape = (rows, self.num_heads, max_len, self.depth)
        return [(tf.zeros(shape, dtype), tf.zeros(shape, dtype)) for _ in self.model.decoder_layers]

    def step(self, tokens: np.ndarray, position: int, caches, state):
        tf = self.tf
        src_mask, cross = state
        log_probs, caches = self._step(tf.constant(tokens, tf.int32), tf.constant(position, tf.int32), caches,
                                       src_mask, cross)
        return np.array(log_probs, dtype=np.float32), caches

    def reorder(self, caches, rows: np.ndarray):
        rows = self.tf.constant(rows, self.tf.int32)
        return [(self.tf.gather(keys, rows), self.tf.gather(values, rows)) for keys, values in caches]

    def attention(self, src_ids: np.ndarray, tgt_ids: np.ndarray):
        """-> encoder self, decoder self, cross: lists (per layer) of (B, H, Lq, Lk) float32 arrays."""
        tf = self.tf
        weights = self._attention(tf.constant(src_ids, tf.int32), tf.constant(tgt_ids, tf.int32))
        return tuple([np.asarray(w, dtype=np.float32) for w in kind] for kind in weights)


class LiteRTEngine:
    """Runs the three signatures of an exported model.tflite (see export.py)."""

    def __init__(self, path: str | Path, config):
        from ai_edge_litert.interpreter import Interpreter

        self.layers = config.num_decoder_layers
        self.num_heads, self.depth = config.num_heads, config.d_model // config.num_heads
        self.interpreter = Interpreter(model_path=str(path), num_threads=os.cpu_count() or 1)
        self._encode = self.interpreter.get_signature_runner("encode")
        self._step = self.interpreter.get_signature_runner("step")
        self._attention = self.interpreter.get_signature_runner("attention")

    def encode(self, src_ids: np.ndarray):
        out = self._encode(src_ids=src_ids.astype(np.int32))
        return out["src_mask"], [(out[f"cross_k_{i}"], out[f"cross_v_{i}"]) for i in range(self.layers)]

    def empty_caches(self, rows: int, max_len: int):
        shape = (rows, self.num_heads, max_len, self.depth)
        return [(np.zeros(shape, np.float32), np.zeros(shape, np.float32)) for _ in range(self.layers)]

    def step(self, tokens: np.ndarray, position: int, caches, state):
        src_mask, cross = state
        inputs = {"tokens": tokens.astype(np.int32), "position": np.array(position, np.int32), "src_mask": src_mask}
        for i, ((keys, values), (cross_keys, cross_values)) in enumerate(zip(caches, cross)):
            inputs.update({f"cache_k_{i}": keys, f"cache_v_{i}": values, f"cross_k_{i}": cross_keys,
                           f"cross_v_{i}": cross_values})
        out = self._step(**inputs)
        caches = [(out[f"cache_k_{i}"], out[f"cache_v_{i}"]) for i in range(self.layers)]
        return np.array(out["log_probs"], dtype=np.float32), caches

    def reorder(self, caches, rows: np.ndarray):
        return [(keys[rows], values[rows]) for keys, values in caches]

    def attention(self, src_ids: np.ndarray, tgt_ids: np.ndarray):
        out = self._attention(src_ids=src_ids.astype(np.int32), tgt_ids=tgt_ids.astype(np.int32))
        count = lambda name: sum(1 for key in out if key.startswith(name + "_"))  # noqa: E731
        return tuple([out[f"{name}_{i}"] for i in range(count(name))] for name in ("encoder", "decoder", "cross"))
