"""Rebuild the back-translated corpora (derived data, kept out of git) from ../shared/data/mono with an
English->Korean bundle: one corpus folder per mono/ corpus, bt_NAME/{train.ko,train.en,SOURCE.txt}, in --output
(a folder outside the repository). Greedy search; why, in model/training/back_translation.py. Killed part-way, it
continues from the chunks it finished.

  .venv/bin/python scripts/back_translate.py --model ~/hanyeong-runs/en-ko-v1-bundle \\
      --output ~/hanyeong-runs/synthetic --limit 60000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ENGLISH_CORPORA = ["en_sgd", "en_taskmaster", "en_wikisplit", "en_gap"]


def main() -> int:
    from model.training.back_translation import back_translate

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, type=Path, help="an English->Korean bundle")
    parser.add_argument("--mono", type=Path, default=REPO.parent / "shared" / "data" / "mono")
    parser.add_argument("--output", required=True, type=Path, help="folder for the bt_* corpora (not in the repo)")
    parser.add_argument("--corpora", nargs="+", default=ENGLISH_CORPORA)
    parser.add_argument("--limit", type=int, help="at most this many lines of each corpus, drawn at random")
    args = parser.parse_args()
    if args.output.resolve().is_relative_to(REPO):
        parser.error("synthetic pairs are derived data: write them outside the repository")
    started = time.time()

    def progress(message: str) -> None:
        print(f"[{(time.time() - started) / 60:5.1f} min] {message}", flush=True)

    for counts in back_translate(args.model, args.mono, args.output, args.corpora, args.limit, progress):
        print(f"{counts['corpus']}: kept {counts['kept']} of {counts['sampled']} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
