"""Engines: what the search calls to run the network (search.Engine is the contract).

`LiteRTEngine` runs a bundle's exported model.tflite with ai-edge-litert: this is what translation uses, and it
never loads TensorFlow. `KerasEngine` runs the Keras model itself, for evaluation during training.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np


class KerasEngine:
    """Runs a Keras `Transformer` itself: compiled TensorFlow functions under TensorFlow, plain calls under other
    Keras backends (scripts/device_train.py scores its dev sample this way on JAX)."""

    def __init__(self, model):
        import keras
        from keras import ops

        from .transformer import padding_mask

        self.ops, self.model = ops, model
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

        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            # autograph off: nothing here branches on tensors, and converting means re-reading the source files
            encode, step, attention = (tf.function(f, reduce_retracing=True, autograph=False)
                                       for f in (encode, step, attention))
        self._encode, self._step, self._attention = encode, step, attention

    def _ids(self, ids):
        return self.ops.convert_to_tensor(np.asarray(ids, np.int32))

    def encode(self, src_ids: np.ndarray):
        return self._encode(self._ids(src_ids))

    def empty_caches(self, rows: int, max_len: int):
        shape, dtype = (rows, self.num_heads, max_len, self.depth), self.model.compute_dtype
        return [(self.ops.zeros(shape, dtype), self.ops.zeros(shape, dtype)) for _ in self.model.decoder_layers]

    def step(self, tokens: np.ndarray, position: int, caches, state):
        src_mask, cross = state
        log_probs, caches = self._step(self._ids(tokens), self.ops.convert_to_tensor(np.int32(position)), caches,
                                       src_mask, cross)
        return np.array(log_probs, dtype=np.float32), caches

    def reorder(self, caches, rows: np.ndarray):
        rows = self._ids(rows)
        return [(self.ops.take(keys, rows, axis=0), self.ops.take(values, rows, axis=0)) for keys, values in caches]

    def attention(self, src_ids: np.ndarray, tgt_ids: np.ndarray):
        """-> encoder self, decoder self, cross: lists (per layer) of (B, H, Lq, Lk) float32 arrays."""
        weights = self._attention(self._ids(src_ids), self._ids(tgt_ids))
        return tuple([np.asarray(w, dtype=np.float32) for w in kind] for kind in weights)


@contextmanager
def quiet_stderr():
    """Silence what C++ code writes to file descriptor 2 for a moment (Python exceptions still carry messages)."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class LiteRTEngine:
    """Runs the three signatures of an exported model.tflite (see export.py)."""

    def __init__(self, path: str | Path, config):
        from ai_edge_litert.interpreter import Interpreter

        self.layers = config.num_decoder_layers
        self.num_heads, self.depth = config.num_heads, config.d_model // config.num_heads
        with quiet_stderr():  # LiteRT announces its XNNPACK delegate on stderr; a quiet command prints nothing
            self.interpreter = Interpreter(model_path=str(path), num_threads=os.cpu_count() or 1)
            self._encode = self.interpreter.get_signature_runner("encode")
            self._step = self.interpreter.get_signature_runner("step")
            self._attention = self.interpreter.get_signature_runner("attention")
        # XNNPACK is applied at the first call, to every signature at once: it widens the float16 weights and packs
        # them (about 95 MB for base v2.1, 0.1 s). That is left to the first translation rather than done here, so
        # a loaded model that has translated nothing yet stays small (benchmarks/bench_startup.py: idle memory).
        self._delegated = False

    def _first_call(self, runner, **inputs):
        if self._delegated:
            return runner(**inputs)
        with quiet_stderr():  # the delegate's announcement comes with the first call
            out = runner(**inputs)
        self._delegated = True
        return out

    def encode(self, src_ids: np.ndarray):
        out = self._first_call(self._encode, src_ids=src_ids.astype(np.int32))
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
        out = self._first_call(self._attention, src_ids=src_ids.astype(np.int32), tgt_ids=tgt_ids.astype(np.int32))
        count = lambda name: sum(1 for key in out if key.startswith(name + "_"))  # noqa: E731
        return tuple([out[f"{name}_{i}"] for i in range(count(name))] for name in ("encoder", "decoder", "cross"))
