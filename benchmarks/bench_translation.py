"""Translation latency by source length and batch throughput: the app's path against the naive path.

App path: the bundle's LiteRT model, cached incremental decoding (what `Translator` does).
Naive path: the Keras model called whole (`model((src, prefix))`) on the full prefix at every step.
Both drive the same greedy/beam search, so the difference is the engine alone.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from common import SAMPLE, percentile, record


from model import bundle as bundles  # noqa: E402
from model.api import SHIPPED_MODEL, Translator  # noqa: E402
from model.translate import decode_batched, source_chunks  # noqa: E402

BUCKETS = {"<=10": (0, 10), "11-25": (11, 25), "26-50": (26, 50)}
NAIVE_PER_BUCKET = 6  # sentences per length bucket on the naive path, which takes seconds per sentence


class NaiveKerasEngine:
    """Recomputes the whole target prefix at every step: no cache."""

    def __init__(self, model):
        self.model = model

    def encode(self, src_ids):
        return src_ids

    def empty_caches(self, rows, max_len):
        return np.full((rows, 1), 2, np.int32)  # the "cache" is just the prefix so far: BOS

    def step(self, tokens, position, prefix, src_ids):
        if position > 0:
            prefix = np.concatenate([prefix, tokens], axis=1)
        logits = np.asarray(self.model((src_ids, prefix)), np.float32)[:, -1]
        shifted = logits - logits.max(-1, keepdims=True)
        return shifted - np.log(np.exp(shifted).sum(-1, keepdims=True)), prefix

    def reorder(self, prefix, rows):
        return prefix[rows]


def latency(engine, ko, sentences, beam, repeats=2, per_bucket_limit=None):
    """per_bucket_limit: the naive path is too slow for the whole sample; it gets the first N of each bucket."""
    per_bucket = {name: [] for name in BUCKETS}
    for sentence in sentences:
        chunks = source_chunks(ko, sentence)
        length = len(chunks[0]) - 1
        bucket = next((n for n, (lo, hi) in BUCKETS.items() if lo <= length <= hi), None)
        if bucket is None or (per_bucket_limit and len(per_bucket[bucket]) >= per_bucket_limit * repeats):
            continue
        decode_batched(engine, chunks, beam, 256)  # warm-up for this shape
        for _ in range(repeats):
            start = time.perf_counter()
            decode_batched(engine, chunks, beam, 256)
            per_bucket[bucket].append((time.perf_counter() - start) * 1000)
    return {name: {"p50_ms": round(percentile(v, 50), 1), "p95_ms": round(percentile(v, 95), 1), "n": len(v),
                   "times_ms": [round(t, 2) for t in v]}
            for name, v in per_bucket.items() if v}


def throughput(engine, ko, sentences, beam, count=1000):
    chunks = [c for s in (sentences * (count // len(sentences) + 1))[:count] for c in source_chunks(ko, s)]
    start = time.perf_counter()
    hypotheses = decode_batched(engine, chunks, beam, 256)
    seconds = time.perf_counter() - start
    tokens = sum(len(h.tokens) + 1 for h in hypotheses)
    return {"sentences": count, "seconds": round(seconds, 2), "sentences_per_second": round(count / seconds, 1),
            "target_tokens_per_second": round(tokens / seconds, 1)}


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else SHIPPED_MODEL
    sentences = SAMPLE.read_text(encoding="utf-8").splitlines()
    translator = Translator(path)
    ko = translator.bundle.ko
    app = translator.engine

    from model.transformer import Transformer

    loaded = bundles.load(path)
    model = Transformer(loaded.config).build_all()
    model.load_weights(str(loaded.weights_path))
    naive = NaiveKerasEngine(model)

    figures = {"model": str(path), "latency": {}, "throughput": {}}
    for beam in (1, 4):
        name = "greedy" if beam == 1 else f"beam{beam}"
        fast, slow = latency(app, ko, sentences, beam), latency(naive, ko, sentences, beam, 1, NAIVE_PER_BUCKET)
        for figures_of_bucket in [*fast.values(), *slow.values()]:
            figures_of_bucket.pop("times_ms")  # the percentiles are what results.json keeps
        figures["latency"][name] = {
            "app_path": fast, "naive_path": slow,
            "speedup_p50": {b: round(slow[b]["p50_ms"] / fast[b]["p50_ms"], 1) for b in fast if b in slow},
        }
        figures["throughput"][name] = throughput(app, ko, sentences, beam)
    figures["throughput"]["greedy_naive_path_50"] = throughput(naive, ko, sentences, 1, count=50)
    record("translation", figures)


if __name__ == "__main__":
    main()
