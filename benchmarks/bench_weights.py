"""How the LiteRT file stores its weights: float32, float16 or dynamic-range int8 (model/export.py LITERT_WEIGHTS).

For one bundle's weights, exports each variant and measures its file size, the full dev set's BLEU/chrF with beam 4
(the app's decoding) and beam-4 latency by source length, so the choice in bundle.save is made from figures.
Usage: bench_weights.py [BUNDLE] [DEV_ROOT]  (defaults: the shipped model, ../shared/data/dev)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import REPO, SAMPLE, record

from bench_translation import latency  # noqa: E402
from model import bundle as bundles  # noqa: E402
from model.api import SHIPPED_MODEL  # noqa: E402
from model.translate import Translator  # noqa: E402
from model.engine import LiteRTEngine  # noqa: E402
from model.evaluation import dev_sets, evaluate_sets  # noqa: E402
from model.export import LITERT_WEIGHTS, export_litert  # noqa: E402


def merge_latency(per_sentence: list[dict]) -> dict:
    """bench_translation.latency figures of single sentences -> p50/p95 per length bucket."""
    from common import percentile

    buckets: dict[str, list[float]] = {}
    for figures in per_sentence:
        for bucket, values in figures.items():
            buckets.setdefault(bucket, []).extend(values["times_ms"])
    return {bucket: {"p50_ms": round(percentile(v, 50), 1), "p95_ms": round(percentile(v, 95), 1), "n": len(v)}
            for bucket, v in buckets.items()}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED_MODEL
    dev_root = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO.parent / "shared" / "data" / "dev"
    import keras

    from model.transformer import Transformer

    loaded = bundles.load(path)
    keras.mixed_precision.set_global_policy("float32")
    model = Transformer(loaded.config).build_all()
    model.load_weights(str(loaded.weights_path))
    sets = dev_sets(dev_root)
    sentences = SAMPLE.read_text(encoding="utf-8").splitlines()
    figures = {"model": loaded.name, "dev": str(dev_root), "variants": {}}
    with tempfile.TemporaryDirectory() as folder:
        engines = {}
        for weights in LITERT_WEIGHTS:
            file = export_litert(model, Path(folder) / f"{weights}.tflite", weights)
            engines[weights] = LiteRTEngine(file, loaded.config)
            translator = Translator.for_engine(engines[weights], loaded.ko, loaded.en, loaded.config)
            figures["variants"][weights] = {
                "megabytes": round(file.stat().st_size / 1e6, 1),
                "dev_beam4": evaluate_sets(lambda lines: translator.translate_lines(lines, beam=4), sets),
            }
            print(weights, figures["variants"][weights], flush=True)
        # latency round-robin, sentence by sentence, so every variant meets the same load on the machine
        timings = {weights: [] for weights in engines}
        for sentence in sentences:
            for weights, engine in engines.items():
                timings[weights].append(latency(engine, loaded.ko, [sentence], beam=4))
        for weights, per_sentence in timings.items():
            figures["variants"][weights]["latency_beam4"] = merge_latency(per_sentence)
    reference = figures["variants"]["float32"]["dev_beam4"]
    for weights, variant in figures["variants"].items():
        variant["bleu_change_vs_float32"] = {name: round(scores["bleu"] - reference[name]["bleu"], 2)
                                             for name, scores in variant["dev_beam4"].items()}
    record("litert_weights", figures)


if __name__ == "__main__":
    main()
