"""Write a bundle again from another one's weights: another LiteRT weight format, the decoding chosen on dev, a new
name; the new bundle is scored (the exported file itself, full dev set, its own decoding) before it is written.
Usage: .venv/bin/python scripts/rebundle.py SOURCE OUTPUT --name NAME [--litert-weights float16|int8|float32]
           [--beam N --alpha A] [--dev ../shared/data/dev] [--note TEXT]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model import bundle as bundles  # noqa: E402
from model.evaluation import dev_sets, litert_scorer  # noqa: E402
from model.export import LITERT_WEIGHTS  # noqa: E402
from model.training.runs import now_iso  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--name", required=True)
    parser.add_argument("--litert-weights", choices=LITERT_WEIGHTS, default="float16")
    parser.add_argument("--beam", type=int)
    parser.add_argument("--alpha", type=float)
    parser.add_argument("--dev", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "dev")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    source = bundles.load(args.source)
    card = dict(source.card)
    decoding = dict(card.get("decoding", {}))
    if args.beam:
        decoding["beam"] = args.beam
    if args.alpha is not None:
        decoding["length_penalty_alpha"] = args.alpha
    history = list(card.get("history", [])) + [{"name": card.get("name"), "date": card.get("date"),
                                                 "dev": card.get("dev_scores")}]
    card.update(name=args.name, date=now_iso(), decoding=decoding, history=history, dev_sets=str(args.dev),
                rebundled_from={"name": source.name, "note": args.note})
    score = litert_scorer(source.config, source.ko, source.en, dev_sets(args.dev), decoding.get("beam", 4),
                          decoding.get("length_penalty_alpha"))
    bundles.save(args.output, source.config, source.weights_path, source.ko, source.en, card,
                 litert_weights=args.litert_weights, score=score)
    print(bundles.load(args.output).card["dev_scores"])


if __name__ == "__main__":
    main()
