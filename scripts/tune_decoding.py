"""Choose a model's decoding on dev: beam size 1–6, then the length penalty at the best beam, by mean dev chrF.

Scores the bundle through the app's own pipeline (LiteRT, model.api.Translator) on the first --lines lines of each
dev corpus (the same lines for every setting), prints the table and writes it as JSON. The choice goes into the
bundle's card ("decoding"), which the app and the CLI follow: see docs/training.md.
Usage: .venv/bin/python scripts/tune_decoding.py BUNDLE OUT.json [--dev ../shared/data/dev] [--lines 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.api import Translator  # noqa: E402
from model.evaluation import dev_sets, evaluate_sets  # noqa: E402

BEAMS = (1, 2, 3, 4, 5, 6)
ALPHAS = (0.2, 0.4, 0.6, 0.8, 1.0, 1.2)
DEFAULT_ALPHA = 0.6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dev", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "dev")
    parser.add_argument("--lines", type=int, default=200, help="lines per dev corpus")
    args = parser.parse_args()
    translator = Translator(args.bundle)
    sets = dev_sets(args.dev, args.lines)
    rows = []

    def score(beam: int, alpha: float) -> float:
        started = time.perf_counter()
        scores = evaluate_sets(lambda lines: translator.translate_lines(lines, beam=beam, alpha=alpha), sets)
        rows.append({"beam": beam, "alpha": alpha, "dev": scores, "seconds": round(time.perf_counter() - started, 1)})
        per_corpus = "  ".join(f"{name} {s['bleu']:5.2f}/{s['chrf']:5.2f}" for name, s in scores.items())
        print(f"beam {beam} alpha {alpha:.1f}: {per_corpus}", flush=True)
        return scores["mean"]["chrf"]

    best_beam = max(BEAMS, key=lambda beam: score(beam, DEFAULT_ALPHA))
    best_alpha = max(ALPHAS, key=lambda alpha: next(
        (r["dev"]["mean"]["chrf"] for r in rows if r["beam"] == best_beam and r["alpha"] == alpha), None)
        or score(best_beam, alpha))
    chosen = {"beam": best_beam, "length_penalty_alpha": best_alpha}
    args.out.write_text(json.dumps({"model": translator.card.get("name"), "lines_per_corpus": args.lines,
                                    "chosen": chosen, "runs": rows}, indent=1) + "\n")
    print("chosen:", chosen)


if __name__ == "__main__":
    main()
