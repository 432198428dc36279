"""The sinusoidal positional encoding of "Attention is All You Need", in numpy: the Transformer adds it to the
embeddings, and the app draws it (without TensorFlow)."""

from __future__ import annotations

import numpy as np


def sinusoid_table(max_len: int, d_model: int) -> np.ndarray:
    """PE[pos, 2i] = sin(pos / 10000^(2i/D)), PE[pos, 2i+1] = cos(...)."""
    positions = np.arange(max_len)[:, None]
    rates = 1.0 / np.power(10000.0, np.arange(0, d_model, 2) / d_model)
    table = np.zeros((max_len, d_model), dtype=np.float32)
    table[:, 0::2] = np.sin(positions * rates)
    table[:, 1::2] = np.cos(positions * rates)
    return table
