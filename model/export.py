"""Export a trained Transformer to one LiteRT (TensorFlow Lite) file with three signatures.

  encode(src_ids)                      -> src_mask, cross_k_i, cross_v_i  (per decoder layer i)
  step(tokens, position, src_mask, cache_k_i, cache_v_i, cross_k_i, cross_v_i)
                                       -> log_probs, cache_k_i, cache_v_i
  attention(src_ids, tgt_ids)          -> encoder_i, decoder_i, cross_i    (every layer's weights, all heads)

The signatures share one copy of the weights. The app translates with this file through `ai-edge-litert`, so it
never loads TensorFlow; training keeps the Keras weights beside it.
"""

from __future__ import annotations

from pathlib import Path

from .config import TransformerConfig


def signature_functions(model):
    import tensorflow as tf

    from .transformer import padding_mask

    config: TransformerConfig = model.config
    layers = config.num_decoder_layers
    heads, depth = config.num_heads, config.d_model // config.num_heads
    ids = tf.TensorSpec([None, None], tf.int32)

    @tf.function(input_signature=[tf.TensorSpec([None, None], tf.int32, name="src_ids")])
    def encode(src_ids):
        memory, _ = model.encode(src_ids)
        outputs = {"src_mask": tf.cast(padding_mask(src_ids), tf.float32)}
        for i, (keys, values) in enumerate(model.cross_keys_values(memory)):
            outputs[f"cross_k_{i}"], outputs[f"cross_v_{i}"] = keys, values
        return outputs

    cache = tf.TensorSpec([None, heads, None, depth], tf.float32)
    step_specs = [tf.TensorSpec([None, 1], tf.int32, name="tokens"), tf.TensorSpec([], tf.int32, name="position"),
                  tf.TensorSpec([None, 1, 1, None], tf.float32, name="src_mask")]
    for i in range(layers):
        step_specs += [tf.TensorSpec.from_spec(cache, name=f"{kind}_{i}")
                       for kind in ("cache_k", "cache_v", "cross_k", "cross_v")]

    @tf.function(input_signature=step_specs)
    def step(tokens, position, src_mask, *tensors):
        caches = [(tensors[4 * i], tensors[4 * i + 1]) for i in range(layers)]
        cross = [(tensors[4 * i + 2], tensors[4 * i + 3]) for i in range(layers)]
        log_probs, caches, _, _ = model.decode_step(tokens, position, caches, cross, src_mask > 0.5)
        outputs = {"log_probs": log_probs}
        for i, (keys, values) in enumerate(caches):
            outputs[f"cache_k_{i}"], outputs[f"cache_v_{i}"] = keys, values
        return outputs

    @tf.function(input_signature=[tf.TensorSpec.from_spec(ids, name="src_ids"),
                                  tf.TensorSpec.from_spec(ids, name="tgt_ids")])
    def attention(src_ids, tgt_ids):
        memory, encoder = model.encode(src_ids)
        _, decoder, cross = model.decode(tgt_ids, memory, padding_mask(src_ids))
        outputs = {}
        for name, weights in (("encoder", encoder), ("decoder", decoder), ("cross", cross)):
            for i, layer_weights in enumerate(weights):
                outputs[f"{name}_{i}"] = layer_weights
        return outputs

    return {"encode": encode, "step": step, "attention": attention}


# How the LiteRT file stores its weights; computation is float32 in every case (inputs and outputs too).
#   float32: as trained.  float16: half the size, dequantised once when the interpreter loads.
#   int8: dynamic-range quantisation, a quarter of the size; matrix products run on int8 weights.
LITERT_WEIGHTS = ("float32", "float16", "int8")


def export_litert(model, path: str | Path, weights: str = "float16") -> Path:
    """Write the model (built under the float32 policy) as one .tflite file with `weights` storage."""
    if weights not in LITERT_WEIGHTS:
        raise ValueError(f"LiteRT weights must be one of {', '.join(LITERT_WEIGHTS)}, not {weights!r}")
    import tempfile

    import tensorflow as tf

    import keras

    # Through a SavedModel written by Keras' ExportArchive, which tracks the Keras variables so that the converter
    # can freeze them into the file.
    functions = signature_functions(model)
    archive = keras.export.ExportArchive()
    archive.track(model)
    for name, function in functions.items():
        archive.add_endpoint(name, function)
    with tempfile.TemporaryDirectory() as saved_model:
        archive.write_out(saved_model, verbose=False)
        converter = tf.lite.TFLiteConverter.from_saved_model(saved_model, signature_keys=list(functions))
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS]  # the runtime has no Flex ops
        if weights != "float32":
            converter.optimizations = [tf.lite.Optimize.DEFAULT]
        if weights == "float16":
            converter.target_spec.supported_types = [tf.float16]
        flatbuffer = converter.convert()
    from .files import write_bytes_atomic

    path = Path(path)
    write_bytes_atomic(path, flatbuffer)
    return path
