"""Training throughput on this machine for the shipped model's config: Hanyeong's pipeline in float32 and in mixed
bfloat16, against plain fit, and the matmul measurement the trainer picks its precision by.

Hanyeong: token-budget batches bucketed into 8 lengths, one compiled step per shape, the precision the trainer
would choose here (hardware.set_precision: a product measured in both). Both precisions are timed on the same
batches, alternating in rounds, so that a machine busy with other work slows both alike.
Plain: `model.fit` on fixed-size batches padded to the longest sentence (96 tokens), float32.
Keras on the JAX backend is not measured: the trainer is TensorFlow's (tf.distribute, tf.data); JAX trains only
the GPU script (scripts/device_train.py).
"""

from __future__ import annotations

import os
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


def pipeline_step(loaded, data, weights, policy: str):
    """A compiled training step of the shipped config in `policy`, warmed up on the first batches, and the
    batches to time it on."""
    import keras
    import tensorflow as tf

    from model.training.data import distributed_batches, epoch_batches
    from model.training.objective import make_optimizer
    from model.training.trainer import make_train_step
    from model.config import TrainingConfig
    from model.transformer import Transformer

    keras.mixed_precision.set_global_policy(policy)
    strategy = tf.distribute.get_strategy()
    model = Transformer(loaded.config).build_all()
    step = make_train_step(strategy, model, make_optimizer(TrainingConfig(warmup_steps=100)), 0.1)
    batches = epoch_batches(data, weights, 0, 1, 6000)
    warmup, timed = batches[:16], batches[16:16 + STEPS]  # warm-up compiles most of the 8 shapes
    for src, tgt_in, tgt_out in distributed_batches(strategy, data, warmup):
        step(src, tgt_in, tgt_out)
    keras.mixed_precision.set_global_policy("float32")
    return step, lambda: distributed_batches(strategy, data, timed)


def hanyeong_pipeline(loaded, data, weights, rounds: int = 2) -> dict:
    """tokens/s of the pipeline in float32 and mixed bfloat16, the same batches, alternating rounds."""
    import numpy as np

    figures = {}
    steps = {policy: pipeline_step(loaded, data, weights, policy) for policy in ("float32", "mixed_bfloat16")}
    totals = {policy: [0, 0, 0.0] for policy in steps}  # pairs, tokens, seconds
    for _ in range(rounds):
        for policy, (step, batches) in steps.items():
            start = time.perf_counter()
            for src, tgt_in, tgt_out in batches():
                float(step(src, tgt_in, tgt_out))
                totals[policy][0] += int(src.shape[0])
                totals[policy][1] += int(np.count_nonzero(src) + np.count_nonzero(tgt_out))
            totals[policy][2] += time.perf_counter() - start
    for policy, (pairs, tokens, seconds) in totals.items():
        figures[policy] = {"pairs_per_second": round(pairs / seconds, 1), "tokens_per_second": round(tokens / seconds),
                           "steps": STEPS * rounds}
    return figures


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
    from model.training.hardware import set_precision

    loaded, data, weights = encoded_sample()
    chosen, matmul = set_precision()
    ours = hanyeong_pipeline(loaded, data, weights)
    plain = plain_fit(loaded, data)
    record("training", {"config": loaded.config.to_dict(), "matmul_gflops": matmul, "trainer_chooses": chosen,
                        "hanyeong_pipeline": ours, "plain_fit_padded": plain,
                        "speedup_tokens": round(ours[chosen]["tokens_per_second"] / plain["tokens_per_second"], 2),
                        "load_average_before": [round(x, 2) for x in os.getloadavg()]})


if __name__ == "__main__":
    main()
