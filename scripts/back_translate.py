"""Rebuild the synthetic corpora (derived data, kept out of git) from ../shared/data/mono: with an
English->Korean bundle the English corpora are back-translated (bt_NAME), with a Korean->English one the Korean
corpora are translated for self-training (st_NAME); one folder per corpus, {train.ko,train.en,SOURCE.txt}, in
--output (outside the repository). Greedy search; why, in model/training/back_translation.py. Killed part-way, it
continues from the chunks it finished.

  .venv/bin/python scripts/back_translate.py --model ~/hanyeong-runs/en-ko-v1-bundle \\
      --output ~/hanyeong-runs/synthetic --limit 60000
  .venv/bin/python scripts/back_translate.py --model assets/model --output ~/hanyeong-runs/synthetic
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

MONO_CORPORA = {"en": ["en_sgd", "en_taskmaster", "en_wikisplit", "en_gap"], "ko": ["ko_stylekqc"]}


def main() -> int:
    from model.bundle import load
    from model.training.back_translation import synthetic_corpora

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, type=Path, help="an English->Korean or Korean->English bundle")
    parser.add_argument("--mono", type=Path, default=REPO.parent / "shared" / "data" / "mono")
    parser.add_argument("--output", required=True, type=Path, help="folder for the bt_* corpora (not in the repo)")
    parser.add_argument("--corpora", nargs="+", help="mono/ corpora (default: all in the model's source language)")
    parser.add_argument("--limit", type=int, help="at most this many lines of each corpus, drawn at random")
    args = parser.parse_args()
    if args.output.resolve().is_relative_to(REPO):
        parser.error("synthetic pairs are derived data: write them outside the repository")
    started = time.time()

    def progress(message: str) -> None:
        print(f"[{(time.time() - started) / 60:5.1f} min] {message}", flush=True)

    corpora = args.corpora or MONO_CORPORA[load(args.model).config.source_language]
    for counts in synthetic_corpora(args.model, args.mono, args.output, corpora, args.limit, progress):
        print(f"{counts['corpus']}: kept {counts['kept']} of {counts['sampled']} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
