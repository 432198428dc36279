"""The lecture's three steps of scaled dot-product attention for one query of one head, with the model's own numbers:

  1. q = x W_Q + b_Q,  k_i = x_i W_K + b_K,  v_i = x_i W_V + b_V   (x: what enters the sublayer, layer-normalised)
  2. a_i = softmax_i(q · k_i / √d_k)                             (future keys masked in decoder self-attention)
  3. z = Σ a_i v_i                                                (then: every head's z concatenated, W_O, residual)

Computed in numpy over the bundle's Keras weights (model.weights.h5, float16 as stored: the same values the float16
LiteRT export holds), so the app can show them without TensorFlow. To get x, the forward pass runs up to the chosen
sublayer in the order of transformer.py: embedding × √d_model + sinusoid, pre-layer-norm sublayers, residuals,
the encoder's final norm before the decoder's cross-attention reads it. Tests check the weights against the LiteRT
export's attention signature and z against the Keras model's own heads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .positional import sinusoid_table
from .tokenizer import BOS_ID, WORD_START

ENCODER, DECODER, CROSS = "encoder", "decoder", "cross"
KINDS = (ENCODER, DECODER, CROSS)
FEED_FORWARD = "feed_forward"  # what a sublayer's output goes to next (or CROSS after decoder self-attention)
EOS_PIECE, BOS_PIECE = "</s>", "<s>"
LAYER_NORM_EPSILON = 1e-6  # transformer.py's LayerNormalization(epsilon=1e-6)
NEG_INF = -1e9  # transformer.py's mask value: exp() of it is exactly 0 in float32


@dataclass
class AttentionSteps:
    """One query of one head, step by step. Vectors are float32 numpy arrays; keys are the columns the heatmap shows
    for this query (for a sentence cut into chunks, those of the query's chunk: the others get no attention)."""

    kind: str
    layer: int  # 0-based
    head: int  # 0-based
    heads: int
    query: int  # the query's row in the sentence's heatmap (a piece index on the row side)
    query_piece: str  # the row's piece (for the decoder: the piece this position predicts)
    query_input: str  # the piece read at the query's position (the decoder reads the one before: <s>, y1, …)
    key_pieces: list[str]
    key_columns: list[int]  # each key's column in the sentence's heatmap
    query_vector: np.ndarray  # q (d_k,)
    keys: np.ndarray  # k_i (n, d_k)
    values: np.ndarray  # v_i (n, d_k)
    masked: np.ndarray  # (n,) True for a key the query may not see (decoder self-attention: the future)
    weights: np.ndarray  # a_i (n,): softmax of the scaled dot products, masked keys 0
    head_weights: np.ndarray  # every head's a for this query (heads, n): the layer's heads side by side
    output: np.ndarray  # z = Σ a_i v_i (d_k,)
    head_outputs: np.ndarray  # every head's z for this query (heads, d_k): concatenated, they enter W_O
    projected: np.ndarray  # concat(z_1 … z_H) W_O + b_O (d_model,): the sublayer's output for this query
    residual: np.ndarray  # the query's stream before the sublayer (d_model,): the output is added to it
    next_sublayer: str  # CROSS (after decoder self-attention) or FEED_FORWARD

    @property
    def d_k(self) -> int:
        return int(self.query_vector.shape[0])

    @property
    def products(self) -> np.ndarray:
        """q ∘ k_i, element by element (n, d_k): their sum is the dot product."""
        return self.keys * self.query_vector[None, :]

    @property
    def dot_products(self) -> np.ndarray:
        return self.keys @ self.query_vector

    @property
    def scaled(self) -> np.ndarray:
        """q · k_i / √d_k, −∞ where masked: what goes into the softmax."""
        return np.where(self.masked, -np.inf, self.dot_products / np.float32(math.sqrt(self.d_k)))

    @property
    def updated(self) -> np.ndarray:
        """The query's stream after the sublayer: residual + projected."""
        return self.residual + self.projected

    def to_dict(self) -> dict:
        """Plain JSON (masked keys' dot products as null: the query never sees them)."""
        def numbers(array) -> list[float]:
            return [round(float(v), 6) for v in np.asarray(array).ravel()]

        dots, scaled = self.dot_products, self.scaled
        keys = [{"column": column, "piece": piece, "k": numbers(k), "v": numbers(v), "masked": bool(masked),
                 "dot": None if masked else round(float(dot), 6),
                 "scaled": None if masked else round(float(scale), 6), "weight": round(float(weight), 6)}
                for column, piece, k, v, masked, dot, scale, weight in zip(
                    self.key_columns, self.key_pieces, self.keys, self.values, self.masked, dots, scaled,
                    self.weights)]
        return {"kind": self.kind, "layer": self.layer + 1, "head": self.head + 1, "heads": self.heads,
                "d_k": self.d_k, "query": {"row": self.query, "piece": self.query_piece, "reads": self.query_input,
                                           "q": numbers(self.query_vector)},
                "keys": keys, "head_weights": [numbers(a) for a in self.head_weights],
                "output": numbers(self.output),
                "head_outputs": [numbers(z) for z in self.head_outputs], "projected": numbers(self.projected),
                "residual": numbers(self.residual), "updated": numbers(self.updated), "next": self.next_sublayer}


def _layer_name(prefix: str, index: int) -> str:
    # Keras names the saved layers of a list by class: encoder_layer, encoder_layer_1, encoder_layer_2, …
    return prefix if index == 0 else f"{prefix}_{index}"


class NumpyTransformer:
    """The bundle's network in numpy, run forward only as far as the attention sublayer asked for.

    Holds the float16 arrays as stored (about 20 MB for the shipped model) and widens each when used."""

    SOURCE_EMBEDDING = "layers/positional_encoding/embedding/vars/0"  # created first in Transformer.__init__
    TARGET_EMBEDDING = "layers/positional_encoding_1/embedding/vars/0"

    def __init__(self, weights_path: str | Path, config):
        import h5py  # a Keras dependency; only this module reads HDF5 outside training

        self.config = config
        self.heads, self.depth = config.num_heads, config.d_model // config.num_heads
        arrays: dict[str, np.ndarray] = {}
        with h5py.File(weights_path, "r") as file:
            file.visititems(lambda name, item: arrays.__setitem__(name, item[()])
                            if isinstance(item, h5py.Dataset) else None)
        self.arrays = arrays
        self.positions = sinusoid_table(config.max_len, config.d_model)
        self._last: tuple | None = None  # (key, result) of the last sublayer: other heads and queries of it are free

    def _array(self, name: str) -> np.ndarray:
        try:
            return self.arrays[name].astype(np.float32)
        except KeyError:
            raise ValueError(f"the model's weights have no {name}: not a Hanyeong Transformer") from None

    def _dense(self, x: np.ndarray, path: str) -> np.ndarray:
        return x @ self._array(f"{path}/vars/0") + self._array(f"{path}/vars/1")

    def _norm(self, x: np.ndarray, path: str) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        normalised = (x - mean) / np.sqrt(variance + np.float32(LAYER_NORM_EPSILON))
        return normalised * self._array(f"{path}/vars/0") + self._array(f"{path}/vars/1")

    def _embed(self, ids: list[int], table: str) -> np.ndarray:
        if len(ids) > self.config.max_len:
            raise ValueError(f"{len(ids)} pieces: longer than the model's {self.config.max_len} positions")
        rows = self.arrays[table][np.asarray(ids, dtype=np.int64)].astype(np.float32)
        return rows * np.float32(math.sqrt(self.config.d_model)) + self.positions[:len(ids)]

    def _split(self, x: np.ndarray) -> np.ndarray:
        return x.reshape(x.shape[0], self.heads, self.depth).transpose(1, 0, 2)  # (L, D) -> (H, L, K)

    def _attend(self, path: str, queries_from: np.ndarray, keys_from: np.ndarray, visible: np.ndarray):
        """-> per head q (H, Lq, K), k and v (H, Lk, K), weights (H, Lq, Lk), z (H, Lq, K); output (Lq, D)."""
        q = self._split(self._dense(queries_from, f"{path}/query"))
        k = self._split(self._dense(keys_from, f"{path}/key"))
        v = self._split(self._dense(keys_from, f"{path}/value"))
        scores = np.where(visible[None], q @ k.transpose(0, 2, 1) / np.float32(math.sqrt(self.depth)),
                          np.float32(NEG_INF))
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights = scores / scores.sum(axis=-1, keepdims=True)
        z = weights @ v
        output = self._dense(z.transpose(1, 0, 2).reshape(z.shape[1], -1), f"{path}/output_projection")
        return q, k, v, weights, z, output

    def _feed_forward(self, x: np.ndarray, path: str) -> np.ndarray:
        return self._dense(np.maximum(self._dense(x, f"{path}/expand"), 0.0), f"{path}/contract")

    def _encoder_layer(self, x: np.ndarray, index: int) -> tuple[np.ndarray, tuple]:
        path = f"encoder_layers/{_layer_name('encoder_layer', index)}"
        h = self._norm(x, f"{path}/norm1")
        attended = self._attend(f"{path}/self_attention", h, h, np.ones((len(x), len(x)), bool))
        x_mid = x + attended[-1]
        return x_mid + self._feed_forward(self._norm(x_mid, f"{path}/norm2"), f"{path}/feed_forward"), attended

    def encode(self, source_ids: list[int], stop_at: int | None = None):
        """The encoder's memory (S, D), or with stop_at the stream entering that layer and its attention."""
        x = self._embed(source_ids, self.SOURCE_EMBEDDING)
        for index in range(self.config.num_encoder_layers):
            if index == stop_at:
                return x, self._encoder_layer(x, index)[1]
            x, _ = self._encoder_layer(x, index)
        return self._norm(x, "encoder_norm")

    def sublayer(self, kind: str, layer: int, source_ids: list[int], decoder_ids: list[int]):
        """-> (residual (Lq, D), the attention's arrays as _attend returns them) of one attention sublayer."""
        key = (kind, layer, tuple(source_ids), tuple(decoder_ids))
        if self._last is None or self._last[0] != key:
            self._last = (key, self._run_to(kind, layer, list(source_ids), list(decoder_ids)))
        return self._last[1]

    def _run_to(self, kind: str, layer: int, source_ids: list[int], decoder_ids: list[int]):
        if kind == ENCODER:
            if not 0 <= layer < self.config.num_encoder_layers:
                raise ValueError(f"encoder layer {layer + 1} does not exist (the model has "
                                 f"{self.config.num_encoder_layers})")
            return self.encode(source_ids, stop_at=layer)
        if kind not in KINDS:
            raise ValueError(f"unknown attention type {kind!r} (one of {', '.join(KINDS)})")
        if not 0 <= layer < self.config.num_decoder_layers:
            raise ValueError(f"decoder layer {layer + 1} does not exist (the model has "
                             f"{self.config.num_decoder_layers})")
        memory = self.encode(source_ids)
        x = self._embed(decoder_ids, self.TARGET_EMBEDDING)
        causal = np.tril(np.ones((len(x), len(x)), bool))
        everywhere = np.ones((len(x), len(memory)), bool)
        for index in range(layer + 1):
            path = f"decoder_layers/{_layer_name('decoder_layer', index)}"
            h = self._norm(x, f"{path}/norm1")
            self_attended = self._attend(f"{path}/self_attention", h, h, causal)
            if index == layer and kind == DECODER:
                return x, self_attended
            x = x + self_attended[-1]
            crossed = self._attend(f"{path}/cross_attention", self._norm(x, f"{path}/norm2"), memory, everywhere)
            if index == layer:
                return x, crossed
            x = x + crossed[-1]
            x = x + self._feed_forward(self._norm(x, f"{path}/norm3"), f"{path}/feed_forward")
        raise AssertionError("unreachable")

    def steps(self, kind: str, layer: int, head: int, row: int, source_ids: list[int],
              decoder_ids: list[int] = ()) -> dict:
        """The arrays of AttentionSteps for query `row` of one chunk (decoder_ids: <s> and the chosen pieces)."""
        if not 0 <= head < self.heads:
            raise ValueError(f"head {head + 1} does not exist (the model has {self.heads} per layer)")
        residual, (q, k, v, weights, z, output) = self.sublayer(kind, layer, list(source_ids), list(decoder_ids))
        if not 0 <= row < q.shape[1]:
            raise ValueError(f"query {row + 1} does not exist (this attention has {q.shape[1]} queries)")
        columns = k.shape[1]
        masked = np.arange(columns) > row if kind == DECODER else np.zeros(columns, bool)
        return {"query_vector": q[head, row], "keys": k[head], "values": v[head], "masked": masked,
                "weights": weights[head, row], "head_weights": weights[:, row], "output": z[head, row],
                "head_outputs": z[:, row],
                "projected": output[row], "residual": residual[row],
                "next_sublayer": CROSS if kind == DECODER else FEED_FORWARD}


def chunk_bounds(pieces: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each chunk of a translated sentence's pieces: each chunk ends with its </s>."""
    bounds, start = [], 0
    for index, piece in enumerate(pieces):
        if piece == EOS_PIECE:
            bounds.append((start, index + 1))
            start = index + 1
    if start < len(pieces):
        bounds.append((start, len(pieces)))
    return bounds


def sentence_steps(network: NumpyTransformer, source_tokenizer, target_tokenizer, sentence, kind: str, layer: int,
                   head: int, query: int) -> AttentionSteps:
    """The steps for row `query` of a translated sentence's heatmap (translate.SentenceTranslation with its pieces:
    the ids are the pieces of what was actually translated, terms' slots included)."""
    source_chunks, target_chunks = chunk_bounds(sentence.source_pieces), chunk_bounds(sentence.target_pieces)
    if not source_chunks or len(source_chunks) != len(target_chunks):
        raise ValueError("the sentence has no translation to look into")
    rows = sentence.source_pieces if kind == ENCODER else sentence.target_pieces
    if not 0 <= query < len(rows):
        raise ValueError(f"piece {query + 1} does not exist (the sentence has {len(rows)} on that side)")
    chunk = next(i for i, (start, end) in enumerate(source_chunks if kind == ENCODER else target_chunks)
                 if start <= query < end)
    (source_start, source_end), (target_start, target_end) = source_chunks[chunk], target_chunks[chunk]
    source_pieces = sentence.source_pieces[source_start:source_end]
    decoder_pieces = [BOS_PIECE] + sentence.target_pieces[target_start:target_end - 1]  # what the decoder reads
    source_ids = source_tokenizer.ids(source_pieces)
    decoder_ids = [BOS_ID] + target_tokenizer.ids(decoder_pieces[1:])
    if kind == ENCODER:
        row, key_pieces, key_start, query_input = query - source_start, source_pieces, source_start, rows[query]
    else:
        row = query - target_start
        query_input = decoder_pieces[row]
        key_pieces, key_start = (decoder_pieces, target_start) if kind == DECODER else (source_pieces, source_start)
    arrays = network.steps(kind, layer, head, row, source_ids, decoder_ids if kind != ENCODER else ())
    return AttentionSteps(kind, layer, head, network.heads, query, rows[query], query_input, list(key_pieces),
                          [key_start + i for i in range(len(key_pieces))], **arrays)


def find_query(pieces: list[str], query: str) -> int:
    """A piece index from what a person typed: a 1-based piece number, a piece (▁ optional), or a word (its first
    piece; a word that starts with the text also counts). ValueError names the pieces when nothing matches."""
    text = query.strip()
    if text.isdigit():
        number = int(text)
        if not 1 <= number <= len(pieces):
            raise ValueError(f"piece {number} does not exist: the sentence has {len(pieces)} pieces")
        return number - 1
    if text in pieces:
        return pieces.index(text)
    text = text.lstrip(WORD_START)
    bare = [piece.lstrip(WORD_START) for piece in pieces]
    if text in bare:
        return bare.index(text)
    words: list[tuple[int, str]] = []  # (first piece, the word's text)
    for index, piece in enumerate(pieces):
        if piece.startswith(WORD_START) or not words or piece in (EOS_PIECE, BOS_PIECE):
            words.append((index, piece.lstrip(WORD_START)))
        else:
            words[-1] = (words[-1][0], words[-1][1] + piece)
    for matches in (lambda word: word == text, lambda word: word.startswith(text)):
        found = next((first for first, word in words if text and matches(word)), None)
        if found is not None:
            return found
    raise ValueError(f"no piece or word {query!r} in: {' '.join(pieces)}")


def _padded(text: str, width: int) -> str:
    """text left-aligned in `width` terminal columns (Hangul and other wide characters take two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - used)


def _vector(values: np.ndarray, shown: int = 8) -> str:
    head = " ".join(f"{v:+.3f}" for v in values[:shown])
    return f"[{head}{' …' if len(values) > shown else ''}]  (|·| = {float(np.linalg.norm(values)):.3f})"


SUBLAYER_NAMES = {ENCODER: "encoder self-attention", DECODER: "decoder self-attention", CROSS: "cross-attention",
                  FEED_FORWARD: "the feed-forward sublayer"}


def describe_steps(steps: AttentionSteps) -> str:
    """The steps as text for a terminal (`hanyeong translate --explain-attention`); --json has every number."""
    d_k, scale = steps.d_k, math.sqrt(steps.d_k)
    reads = f", reading {steps.query_input!r}" if steps.query_input != steps.query_piece else ""
    lines = [f"{SUBLAYER_NAMES[steps.kind]}, layer {steps.layer + 1}, head {steps.head + 1} of {steps.heads}: "
             f"query {steps.query_piece!r} (piece {steps.query + 1}{reads}); d_k = {d_k}",
             "1. q = x W_Q, k_i = x_i W_K, v_i = x_i W_V"
             + ("  (keys and values from the encoder's output)" if steps.kind == CROSS else ""),
             f"   q = {_vector(steps.query_vector)}",
             f"2. a_i = softmax(q · k_i / √{d_k}),  √{d_k} = {scale:.2f}",
             f"   {_padded('key', 16)}{'q · k_i':>9} {'÷ √d_k':>9} {'a_i':>8}"]
    for piece, masked, dot, scaled, weight in zip(steps.key_pieces, steps.masked, steps.dot_products, steps.scaled,
                                                  steps.weights):
        if masked:
            lines.append(f"   {_padded(piece, 16)}{'(future)':>9} {'-inf':>9} {0.0:>8.4f}")
        else:
            lines.append(f"   {_padded(piece, 16)}{dot:>9.3f} {scaled:>9.3f} {weight:>8.4f}")
    strongest = int(np.argmax(steps.weights))
    lines += [f"   strongest: {steps.key_pieces[strongest]!r} ({steps.weights[strongest]:.1%})",
              f"3. z = Σ a_i v_i = {_vector(steps.output)}",
              f"   then: the {steps.heads} heads' z concatenated ({steps.heads} × {d_k} = {steps.heads * d_k}), "
              f"× W_O + b_O:",
              f"   {_vector(steps.projected, 6)}",
              f"   added to the residual stream {_vector(steps.residual, 6)},",
              f"   on to {SUBLAYER_NAMES[steps.next_sublayer]} of layer {steps.layer + 1}"]
    return "\n".join(lines)


def network_for(translator) -> NumpyTransformer:
    """The numpy network of a translator's bundle (its Keras weights; LiteRT keeps no per-head vectors)."""
    if translator.bundle is None:
        raise ValueError("only a model bundle's weights can be stepped through")
    return NumpyTransformer(translator.bundle.weights_path, translator.config)


def explain_attention(translator, sentence, kind: str, layer: int, head: int, query: int,
                      network: NumpyTransformer | None = None) -> AttentionSteps:
    """The three steps for row `query` of a sentence the translator translated (0-based layer, head and row);
    pass `network` (network_for) to reuse the loaded weights."""
    return sentence_steps(network or network_for(translator), translator.src, translator.tgt, sentence, kind,
                          layer, head, query)
