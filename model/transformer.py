"""The Transformer of "Attention is All You Need", in Keras 3, sized by one config dataclass.

Shapes in comments: B batch, S source length, T target length, D d_model, H heads, K = D / H.

Two departures from the paper, both for training on small data and small machines:
- pre-layer-normalisation (normalise, then attend, then add), which trains stably without a long warmup;
- the output projection shares its matrix with the target embedding (tied embeddings), saving parameters.

Every attention returns its weights, so the app can draw them: encoder self-attention, decoder self-attention and
cross-attention, for every layer and head.
"""

from __future__ import annotations

import math

import keras
import numpy as np
from keras import ops

from .config import TransformerConfig
from .positional import sinusoid_table  # numpy only: the app draws the same table without TensorFlow
from .tokenizer import PAD_ID

NEG_INF = -1e9


def padding_mask(ids):
    """(B, S) token ids -> (B, 1, 1, S) True where a real token may be attended to."""
    return ops.expand_dims(ops.expand_dims(ops.not_equal(ids, PAD_ID), 1), 1)


def causal_mask(length):
    """(1, 1, T, T) True where position i may see position j, i.e. j <= i."""
    return ops.expand_dims(ops.expand_dims(ops.tril(ops.ones((length, length), dtype="bool")), 0), 0)


class PositionalEncoding(keras.layers.Layer):
    """Token embedding scaled by sqrt(D) plus the fixed sinusoidal position signal."""

    def __init__(self, vocab_size: int, d_model: int, max_len: int, dropout: float, **kwargs):
        super().__init__(**kwargs)
        self.d_model = d_model
        self.embedding = keras.layers.Embedding(vocab_size, d_model)
        self.table = sinusoid_table(max_len, d_model)
        self.dropout = keras.layers.Dropout(dropout)

    def call(self, ids, offset=0, training=False):
        # ids: (B, L) -> (B, L, D); offset is the position of ids[:, 0] (used in step-by-step decoding)
        length = ops.shape(ids)[1]
        positions = ops.slice(ops.convert_to_tensor(self.table), (offset, 0), (length, self.d_model))
        x = self.embedding(ids) * math.sqrt(self.d_model) + ops.cast(positions[None], self.compute_dtype)
        return self.dropout(x, training=training)


class MultiHeadAttention(keras.layers.Layer):
    """softmax(Q Kᵀ / sqrt(K)) V in H heads, with the weights returned for inspection."""

    def __init__(self, d_model: int, num_heads: int, dropout: float, **kwargs):
        super().__init__(**kwargs)
        self.num_heads, self.depth = num_heads, d_model // num_heads
        self.query = keras.layers.Dense(d_model)
        self.key = keras.layers.Dense(d_model)
        self.value = keras.layers.Dense(d_model)
        self.output_projection = keras.layers.Dense(d_model)
        self.dropout = keras.layers.Dropout(dropout)

    def split_heads(self, x):
        # (B, L, D) -> (B, H, L, K)
        batch, length = ops.shape(x)[0], ops.shape(x)[1]
        return ops.transpose(ops.reshape(x, (batch, length, self.num_heads, self.depth)), (0, 2, 1, 3))

    def project_key_value(self, memory):
        # (B, S, D) -> keys, values (B, H, S, K); computed once per sentence for cross-attention
        return self.split_heads(self.key(memory)), self.split_heads(self.value(memory))

    def attend(self, query, keys, values, mask, training=False):
        # query (B, Lq, D); keys, values (B, H, Lk, K); mask broadcastable to (B, H, Lq, Lk)
        q = self.split_heads(self.query(query))
        scores = ops.matmul(q, ops.transpose(keys, (0, 1, 3, 2))) / math.sqrt(self.depth)  # (B, H, Lq, Lk)
        scores = ops.where(mask, ops.cast(scores, "float32"), NEG_INF)
        weights = ops.softmax(scores, axis=-1)
        context = ops.matmul(ops.cast(self.dropout(weights, training=training), values.dtype), values)
        batch, length = ops.shape(context)[0], ops.shape(context)[2]
        context = ops.reshape(ops.transpose(context, (0, 2, 1, 3)), (batch, length, self.num_heads * self.depth))
        return self.output_projection(context), weights  # (B, Lq, D), (B, H, Lq, Lk)

    def call(self, query, memory, mask, training=False):
        keys, values = self.project_key_value(memory)
        return self.attend(query, keys, values, mask, training)


class FeedForward(keras.layers.Layer):
    def __init__(self, d_model: int, d_ff: int, dropout: float, **kwargs):
        super().__init__(**kwargs)
        self.expand = keras.layers.Dense(d_ff, activation="relu")
        self.contract = keras.layers.Dense(d_model)
        self.dropout = keras.layers.Dropout(dropout)

    def call(self, x, training=False):
        return self.contract(self.dropout(self.expand(x), training=training))


class EncoderLayer(keras.layers.Layer):
    def __init__(self, config: TransformerConfig, **kwargs):
        super().__init__(**kwargs)
        self.self_attention = MultiHeadAttention(config.d_model, config.num_heads, config.dropout)
        self.feed_forward = FeedForward(config.d_model, config.d_ff, config.dropout)
        self.norm1 = keras.layers.LayerNormalization(epsilon=1e-6)
        self.norm2 = keras.layers.LayerNormalization(epsilon=1e-6)
        self.dropout = keras.layers.Dropout(config.dropout)

    def call(self, x, src_mask, training=False):
        # x: (B, S, D) -> (B, S, D), self-attention weights (B, H, S, S)
        h = self.norm1(x)
        attended, weights = self.self_attention(h, h, src_mask, training=training)
        x = x + self.dropout(attended, training=training)
        x = x + self.dropout(self.feed_forward(self.norm2(x), training=training), training=training)
        return x, weights


class DecoderLayer(keras.layers.Layer):
    def __init__(self, config: TransformerConfig, **kwargs):
        super().__init__(**kwargs)
        self.self_attention = MultiHeadAttention(config.d_model, config.num_heads, config.dropout)
        self.cross_attention = MultiHeadAttention(config.d_model, config.num_heads, config.dropout)
        self.feed_forward = FeedForward(config.d_model, config.d_ff, config.dropout)
        self.norm1 = keras.layers.LayerNormalization(epsilon=1e-6)
        self.norm2 = keras.layers.LayerNormalization(epsilon=1e-6)
        self.norm3 = keras.layers.LayerNormalization(epsilon=1e-6)
        self.dropout = keras.layers.Dropout(config.dropout)

    def build(self, input_shape=None):
        # sublayers are built on first use; cross-attention is reached through attend(), not __call__
        self.built = True

    def finish(self, x, attended, cross_keys, cross_values, src_mask, training):
        """Everything after self-attention: residual, cross-attention over the source, feed-forward."""
        x = x + self.dropout(attended, training=training)
        crossed, cross_weights = self.cross_attention.attend(
            self.norm2(x), cross_keys, cross_values, src_mask, training=training
        )
        x = x + self.dropout(crossed, training=training)
        x = x + self.dropout(self.feed_forward(self.norm3(x), training=training), training=training)
        return x, cross_weights

    def call(self, x, memory, src_mask, tgt_mask, training=False):
        # x: (B, T, D), memory: (B, S, D) -> (B, T, D), self weights (B, H, T, T), cross weights (B, H, T, S)
        h = self.norm1(x)
        attended, self_weights = self.self_attention(h, h, tgt_mask, training=training)
        cross_keys, cross_values = self.cross_attention.project_key_value(memory)
        x, cross_weights = self.finish(x, attended, cross_keys, cross_values, src_mask, training)
        return x, self_weights, cross_weights

    def step(self, x, position, cache_keys, cache_values, cross_keys, cross_values, src_mask):
        """One decoding step with cached keys/values of the earlier target positions.

        x: (B, 1, D); cache_*: (B, H, Tmax, K) -> x (B, 1, D), updated caches, weights (B, H, 1, Tmax), (B, H, 1, S)
        """
        h = self.norm1(x)
        attention = self.self_attention
        new_key, new_value = attention.project_key_value(h)  # (B, H, 1, K)
        max_len = ops.shape(cache_keys)[2]
        slot = ops.reshape(ops.one_hot(position, max_len), (1, 1, -1, 1))  # writes position `position` only
        slot = ops.cast(slot, cache_keys.dtype)
        cache_keys = cache_keys * (1.0 - slot) + new_key * slot
        cache_values = cache_values * (1.0 - slot) + new_value * slot
        visible = ops.reshape(ops.arange(max_len) <= position, (1, 1, 1, -1))
        attended, self_weights = attention.attend(h, cache_keys, cache_values, visible)
        x, cross_weights = self.finish(x, attended, cross_keys, cross_values, src_mask, False)
        return x, cache_keys, cache_values, self_weights, cross_weights


class Transformer(keras.Model):
    """Encoder-decoder Transformer. call((src_ids, tgt_in_ids)) -> logits (B, T, V_tgt)."""

    def __init__(self, config: TransformerConfig, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.src_embedding = PositionalEncoding(config.src_vocab_size, config.d_model, config.max_len, config.dropout)
        self.tgt_embedding = PositionalEncoding(config.tgt_vocab_size, config.d_model, config.max_len, config.dropout)
        self.encoder_layers = [EncoderLayer(config, name=f"encoder_{i}") for i in range(config.num_encoder_layers)]
        self.decoder_layers = [DecoderLayer(config, name=f"decoder_{i}") for i in range(config.num_decoder_layers)]
        self.encoder_norm = keras.layers.LayerNormalization(epsilon=1e-6)
        self.decoder_norm = keras.layers.LayerNormalization(epsilon=1e-6)

    def build_all(self) -> "Transformer":
        """Create every weight by running a tiny batch through the model."""
        self((np.ones((1, 2), "int32"), np.ones((1, 2), "int32")))
        return self

    def encode(self, src_ids, training=False):
        # src_ids (B, S) -> memory (B, S, D), [self-attention weights (B, H, S, S)] per layer
        mask = padding_mask(src_ids)
        x = self.src_embedding(src_ids, training=training)
        weights = []
        for layer in self.encoder_layers:
            x, layer_weights = layer(x, mask, training=training)
            weights.append(layer_weights)
        return self.encoder_norm(x), weights

    def logits(self, x):
        # tied output projection: (B, T, D) x (V, D)ᵀ -> (B, T, V)
        table = self.tgt_embedding.embedding.embeddings
        return ops.cast(ops.matmul(x, ops.transpose(ops.cast(table, x.dtype))), "float32")

    def decode(self, tgt_ids, memory, src_mask, training=False):
        # tgt_ids (B, T) -> logits (B, T, V), self weights [(B, H, T, T)], cross weights [(B, H, T, S)]
        tgt_mask = ops.logical_and(causal_mask(ops.shape(tgt_ids)[1]), padding_mask(tgt_ids))
        x = self.tgt_embedding(tgt_ids, training=training)
        self_weights, cross_weights = [], []
        for layer in self.decoder_layers:
            x, layer_self, layer_cross = layer(x, memory, src_mask, tgt_mask, training=training)
            self_weights.append(layer_self)
            cross_weights.append(layer_cross)
        return self.logits(self.decoder_norm(x)), self_weights, cross_weights

    def call(self, inputs, training=False):
        src_ids, tgt_ids = inputs
        memory, _ = self.encode(src_ids, training=training)
        logits, _, _ = self.decode(tgt_ids, memory, padding_mask(src_ids), training=training)
        return logits

    def cross_keys_values(self, memory):
        """Per decoder layer, the cross-attention keys and values of the source: computed once per sentence."""
        return [layer.cross_attention.project_key_value(memory) for layer in self.decoder_layers]

    def decode_step(self, token, position, caches, cross, src_mask):
        """token (B, 1) at `position`; caches [(keys, values) (B, H, Tmax, K)] per layer.

        -> log-probabilities (B, V), new caches, self weights [(B, H, 1, Tmax)], cross weights [(B, H, 1, S)]
        """
        x = self.tgt_embedding(token, offset=position)
        new_caches, self_weights, cross_weights = [], [], []
        for layer, (keys, values), (cross_keys, cross_values) in zip(self.decoder_layers, caches, cross):
            x, keys, values, layer_self, layer_cross = layer.step(
                x, position, keys, values, cross_keys, cross_values, src_mask
            )
            new_caches.append((keys, values))
            self_weights.append(layer_self)
            cross_weights.append(layer_cross)
        logits = self.logits(self.decoder_norm(x))[:, 0, :]
        return ops.log_softmax(logits, axis=-1), new_caches, self_weights, cross_weights


def float32_model(config: TransformerConfig, weights_path) -> Transformer:
    """The model with the given weights, built and computing in float32 (what the app runs: exported and scored in
    float32 whatever precision trained it). The global Keras policy is restored afterwards."""
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy("float32")
    try:
        model = Transformer(config).build_all()
    finally:
        keras.mixed_precision.set_global_policy(previous)
    model.load_weights(str(weights_path))
    return model
