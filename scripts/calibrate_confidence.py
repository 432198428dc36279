"""Calibrate the app's low-confidence underline on dev: how well does a sentence's model confidence (the geometric
mean of its token probabilities, SentenceTranslation.confidence) pick out the sentences that really are bad?

    .venv/bin/python scripts/calibrate_confidence.py [--lines 200] [--dev ../shared/data/dev] [--json out.json]

Translates the first --lines lines of each dev corpus with the shipped model (the app's beam), scores each with
sentence-level chrF, and reports the confidence threshold below which the worst fifth by confidence falls, and
how often a sentence so flagged is among the worst fifth by chrF (precision; chance is 20%) and how many of the
worst fifth it catches (recall). The app's threshold is desktop_app/views/editors.py LOW_CONFIDENCE.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import sacrebleu  # noqa: E402

from model.api import DEFAULT_DATA, Translator  # noqa: E402
from model.evaluation import dev_sets  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--dev", default=str(DEFAULT_DATA / "dev"))
    parser.add_argument("--fraction", type=float, default=0.2)
    parser.add_argument("--json")
    args = parser.parse_args()
    translator = Translator()
    rows = []  # (corpus, confidence, chrF)
    started = time.time()
    for name, (sources, references) in dev_sets(args.dev, args.lines).items():
        translation = translator.translate("\n".join(sources), split_sentences=False)
        by_line = [s for s in translation.sentences]
        assert len(by_line) == len(sources), (name, len(by_line), len(sources))
        for sentence, reference in zip(by_line, references):
            rows.append((name, sentence.confidence, sacrebleu.sentence_chrf(sentence.target, [reference]).score))
        print(f"{name}: {len(sources)} lines ({time.time() - started:.0f} s)", file=sys.stderr)
    confidence = np.array([r[1] for r in rows])
    chrf = np.array([r[2] for r in rows])
    threshold = float(np.quantile(confidence, args.fraction))
    flagged = confidence < threshold
    worst = chrf <= np.quantile(chrf, args.fraction)
    precision = float((flagged & worst).sum() / max(flagged.sum(), 1))
    recall = float((flagged & worst).sum() / max(worst.sum(), 1))
    ranks = lambda values: np.argsort(np.argsort(values))  # noqa: E731
    spearman = float(np.corrcoef(ranks(confidence), ranks(chrf))[0, 1])
    per_corpus = {}
    for name in dict.fromkeys(r[0] for r in rows):
        mask = np.array([r[0] == name for r in rows])
        per_corpus[name] = {"sentences": int(mask.sum()), "flagged": int((flagged & mask).sum()),
                            "mean_chrf_flagged": round(float(chrf[flagged & mask].mean()), 1) if (flagged & mask).any()
                            else None, "mean_chrf_rest": round(float(chrf[~flagged & mask].mean()), 1)}
    result = {"sentences": len(rows), "fraction": args.fraction, "threshold": round(threshold, 3),
              "flagged": int(flagged.sum()), "precision": round(precision, 3), "recall": round(recall, 3),
              "chance": args.fraction, "spearman_confidence_chrf": round(spearman, 3),
              "mean_chrf_flagged": round(float(chrf[flagged].mean()), 1),
              "mean_chrf_rest": round(float(chrf[~flagged].mean()), 1), "per_corpus": per_corpus,
              "confidence_quantiles": {q: round(float(np.quantile(confidence, q)), 3) for q in (0.1, 0.2, 0.5, 0.8)},
              "seconds": round(time.time() - started)}
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
