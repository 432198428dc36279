"""Tracing the search costs nothing when it is off: beam-4 latency of the same sentences with `trace=None` (what
every translation runs) and with a DecodingTrace (what `hanyeong translate --explain` and the app's decoding view
run), on the bundle's LiteRT engine, one sentence at a time.

The two are interleaved (ABBA per sentence and repeat) so that a busy machine slows both alike; the tokens are
checked to be the same.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

from common import SAMPLE, percentile, record

from model.api import SHIPPED_MODEL, DecodingTrace, Translator  # noqa: E402
from model.search import beam_search, max_output_length  # noqa: E402
from model.translate import source_chunks  # noqa: E402

BEAM, REPEATS = 4, 2


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else SHIPPED_MODEL
    translator = Translator(path)
    engine, alpha = translator.engine, translator.decoding[1]
    sources = [source_chunks(translator.src, s)[0] for s in SAMPLE.read_text(encoding="utf-8").splitlines() if s]
    times = {"off": [], "on": []}
    same = True

    def run(source, traced: bool) -> list[int]:
        batch = np.array([source], np.int32)
        start = time.perf_counter()
        hypothesis = beam_search(engine, batch, max_output_length(len(source), 256), BEAM, alpha,
                                 DecodingTrace() if traced else None)[0]
        times["on" if traced else "off"].append((time.perf_counter() - start) * 1000)
        return hypothesis.tokens

    for source in sources:
        run(source, False)  # warm-up for this shape, not counted
        times["off"].pop()
        for _ in range(REPEATS):
            a, b = run(source, False), run(source, True)
            c, d = run(source, True), run(source, False)
            same &= a == b == c == d
    off, on = times["off"], times["on"]
    ratios = [t / f for f, t in zip(off, on)]
    record("trace", {
        "model": str(path), "beam": BEAM, "sentences": len(sources), "runs_each": len(off),
        "tracing_off_ms": {"p50": round(percentile(off, 50), 1), "p95": round(percentile(off, 95), 1),
                           "mean": round(statistics.mean(off), 1)},
        "tracing_on_ms": {"p50": round(percentile(on, 50), 1), "p95": round(percentile(on, 95), 1),
                          "mean": round(statistics.mean(on), 1)},
        "on_over_off_median_ratio": round(statistics.median(ratios), 3),
        "same_tokens": same,
    })


if __name__ == "__main__":
    main()
