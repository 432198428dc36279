"""Training throughput on this machine for the shipped model's config: Hanyeong's pipeline against plain fit.

Hanyeong: token-budget batches bucketed into 8 lengths, bfloat16 where the CPU has it, one compiled step per shape.
Plain: `model.fit` on fixed-size batches padded to the longest sentence (96 tokens), float32.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from common import REPO, record


DATA = REPO.parent / "shared" / "data" / "train"
PAIRS = 20000
STEPS = 30


def encoded_sample():
    from model import bundle as bundles
    from model.resources import SHIPPED_MODEL
    from model.corpus import corpus_folders
    from model.config import TrainingConfig
    from model.training.data import corpus_weights, encode_corpora, read_training_corpora

    loaded = bundles.load(SHIPPED_MODEL)
    texts, _ = read_training_corpora(corpus_folders(DATA))
    rng = np.random.default_rng(0)
    everything = [(name, pair) for name, pairs in texts.items() for pair in pairs]
    chosen = rng.choice(len(everything), PAIRS, replace=False)
    sample = {}
    for index in chosen:
        name, pair = everything[index]
        sample.setdefault(name, []).append(pair)
    data = encode_corpora(sample, loaded.ko, loaded.en, 96)
    return loaded, data, np.ones(len(data.names))


def hanyeong_pipeline(loaded, data, weights) -> dict:
    import keras
    import tensorflow as tf

    from model.training.data import distributed_batches, epoch_batches
    from model.training.hardware import set_precision
    from model.training.objective import make_schedule
    from model.training.trainer import make_train_step
    from model.transformer import Transformer

    policy = set_precision()
    strategy = tf.distribute.get_strategy()
    model = Transformer(loaded.config).build_all()
    optimizer = keras.optimizers.Adam(make_schedule(1e-3, 100), beta_2=0.98, epsilon=1e-9, global_clipnorm=1.0)
    step = make_train_step(strategy, model, optimizer, 0.1)
    batches = epoch_batches(data, weights, 0, 1, 6000)
    warmup, timed = batches[:16], batches[16:16 + STEPS]  # warm-up compiles most of the 8 shapes
    for src, tgt_in, tgt_out in distributed_batches(strategy, data, warmup):
        step(src, tgt_in, tgt_out)
    pairs = tokens = 0
    start = time.perf_counter()
    for src, tgt_in, tgt_out in distributed_batches(strategy, data, timed):
        float(step(src, tgt_in, tgt_out))
        pairs += int(src.shape[0])
        tokens += int(np.count_nonzero(src) + np.count_nonzero(tgt_out))
    seconds = time.perf_counter() - start
    keras.mixed_precision.set_global_policy("float32")
    return {"precision": policy, "pairs_per_second": round(pairs / seconds, 1),
            "tokens_per_second": round(tokens / seconds), "steps": len(timed)}


def plain_fit(loaded, data) -> dict:
    import keras

    from model.training.data import make_batch
    from model.transformer import Transformer

    keras.mixed_precision.set_global_policy("float32")
    model = Transformer(loaded.config).build_all()
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=0))
    batch_size = 6000 // 96
    count = batch_size * (STEPS + 4)
    src, tgt_in, tgt_out = make_batch(data, np.arange(count))
    pad = lambda a: np.pad(a, ((0, 0), (0, 96 - a.shape[1])))  # noqa: E731
    src, tgt_in, tgt_out = pad(src), pad(tgt_in), pad(tgt_out)
    model.fit((src[:batch_size * 4], tgt_in[:batch_size * 4]), tgt_out[:batch_size * 4], batch_size=batch_size,
              epochs=1, verbose=0)
    start = time.perf_counter()
    model.fit((src[batch_size * 4:], tgt_in[batch_size * 4:]), tgt_out[batch_size * 4:], batch_size=batch_size,
              epochs=1, verbose=0)
    seconds = time.perf_counter() - start
    pairs = batch_size * STEPS
    tokens = int(np.count_nonzero(src[batch_size * 4:]) + np.count_nonzero(tgt_out[batch_size * 4:]))
    return {"precision": "float32", "pairs_per_second": round(pairs / seconds, 1),
            "tokens_per_second": round(tokens / seconds), "steps": STEPS, "batch_size": batch_size}


def main() -> None:
    loaded, data, weights = encoded_sample()
    ours = hanyeong_pipeline(loaded, data, weights)
    plain = plain_fit(loaded, data)
    record("training", {"config": loaded.config.to_dict(), "hanyeong_pipeline": ours, "plain_fit_padded": plain,
                        "speedup_tokens": round(ours["tokens_per_second"] / plain["tokens_per_second"], 2)})


if __name__ == "__main__":
    main()
