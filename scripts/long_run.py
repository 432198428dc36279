"""Training runs that span sessions on the CPU.

A run lives in ~/hanyeong-runs/NAME (its work folder: checkpoints every few minutes, log.jsonl) and resumes by
itself from its last checkpoint. A later session may get another machine, without that folder; so at the end of a
session whose run is unfinished, `snapshot` writes the run's weights in float16 with its counters to
snapshots/NAME/ in the repository (one weights file, replaced each time), which is committed. `start` on a machine
without the work folder seeds it from that snapshot: the run continues at the same step with a fresh optimizer and
a short warm-up (the run log says "resumed_from": "snapshot").

  .venv/bin/python scripts/long_run.py start NAME      # resume or seed, then train (put it under nohup)
  .venv/bin/python scripts/long_run.py snapshot NAME   # before the session ends: then commit snapshots/NAME
  .venv/bin/python scripts/long_run.py status NAME     # step, epoch, speed, last dev scores; --row for the docs
  .venv/bin/python scripts/long_run.py bundle NAME OUT # the run's best weights so far as a verified bundle
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
RUNS_HOME = Path(os.environ.get("HANYEONG_RUNS", Path.home() / "hanyeong-runs"))
SNAPSHOTS = REPO / "snapshots"

# name -> the `hanyeong` command that trains it (without --output and --work-dir, which follow from the name)
RUNS = {
    "en-ko-v1": ["train", "--data", str(DATA / "train"), "--dev", str(DATA / "dev"),
                 "--config", str(REPO / "configs/long/en-ko-v1.json")],
    # base v2.1 continued on the real pairs and the synthetic ones (scripts/back_translate.py into
    # RUNS_HOME/synthetic), conversation and synthetic dialogue weighted up, the Bible and localisation down
    "base-v3": ["finetune", "--model", str(REPO / "assets/model"), "--mix-data", str(DATA / "train"),
                str(RUNS_HOME / "synthetic"), "--dev", str(DATA / "dev"),
                "--config", str(REPO / "configs/long/base-v3.json")],
}


def work_dir(name: str) -> Path:
    return RUNS_HOME / name


def has_checkpoint(work: Path) -> bool:
    return any((work / folder / "state.json").exists() for folder in ("checkpoint", "checkpoint.old"))


def seed_from_snapshot(name: str, work: Path) -> bool:
    """Copy snapshots/NAME into a work folder that has no checkpoint; False when there is none to copy."""
    snapshot = SNAPSHOTS / name
    if not (snapshot / "state.json").exists():
        return False
    (work / "seed").mkdir(parents=True, exist_ok=True)
    for file in ("model.weights.h5", "state.json"):
        shutil.copy2(snapshot / file, work / "seed" / file)
    for tokenizer in ("ko.model", "en.model"):
        if (snapshot / tokenizer).exists():
            shutil.copy2(snapshot / tokenizer, work / tokenizer)
    return True


def command_start(args) -> int:
    work = work_dir(args.name)
    work.mkdir(parents=True, exist_ok=True)
    if has_checkpoint(work):
        print(f"{work}: resuming from its checkpoint", flush=True)
    elif seed_from_snapshot(args.name, work):
        print(f"{work}: no checkpoint here; continuing from the committed snapshots/{args.name}", flush=True)
    else:
        print(f"{work}: starting a new run", flush=True)
    command = [str(REPO / ".venv/bin/hanyeong"), *RUNS[args.name], "--output", str(RUNS_HOME / f"{args.name}-bundle"),
               "--work-dir", str(work)]
    os.execv(command[0], command)


def command_snapshot(args) -> int:
    sys.path.insert(0, str(REPO))
    from model.config import TrainingConfig
    from model.training.trainer import Run

    work = work_dir(args.name)
    config = TrainingConfig.from_dict(json.loads((work / "config.json").read_text())) \
        if (work / "config.json").exists() else TrainingConfig()
    target = Run(work, config).write_snapshot(SNAPSHOTS / args.name)
    state = json.loads((target / "state.json").read_text())
    size = (target / "model.weights.h5").stat().st_size / 1e6
    print(f"snapshots/{args.name}: step {state['step']}, epoch {state['epoch']}, weights {size:.1f} MB; commit it")
    return 0


def command_bundle(args) -> int:
    """A bundle of an unfinished run (for back-translation with a reverse model still training): its best
    weights on the dev sample so far, or the latest checkpoint's, scored on the first --dev-lines of each dev
    corpus."""
    sys.path.insert(0, str(REPO))
    from model import bundle as bundles
    from model.config import TrainingConfig
    from model.evaluation import dev_sets, litert_scorer
    from model.tokenizer import Tokenizer
    from model.training.runs import final_card

    work = work_dir(args.name)
    config = TrainingConfig.from_dict(json.loads((work / "config.json").read_text()))
    weights = work / "best.weights.h5"
    checkpoint = work / "checkpoint"
    if not weights.exists():
        weights = checkpoint / "model.weights.h5"
    state = json.loads((checkpoint / "state.json").read_text())
    if (work / "ko.model").exists():  # a run from scratch trained its own tokenizers
        ko, en = Tokenizer.load(work / "ko.model"), Tokenizer.load(work / "en.model")
    else:  # a fine-tune keeps its base model's
        base = bundles.load(RUNS[args.name][RUNS[args.name].index("--model") + 1])
        ko, en = base.ko, base.en
    card = final_card(f"{config.name or args.name} (step {state['step']}, unfinished)", config, [], state, {}, 1,
                      ko, en)
    card["dev_lines_per_corpus"] = args.dev_lines
    sets = dev_sets(DATA / "dev", args.dev_lines, config.model.source_language)
    path = bundles.save(args.output, config.model, weights, ko, en, card,
                        score=litert_scorer(config.model, ko, en, sets, beam=1))
    scores = bundles.load(path).card["dev_scores"]
    print(f"{path}: greedy on {args.dev_lines} lines a dev corpus: " +
          ", ".join(f"{k} {v['bleu']:.2f}/{v['chrf']:.2f}" for k, v in scores.items()))
    return 0


def read_log(work: Path) -> list[dict]:
    path = work / "log.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def command_status(args) -> int:
    work = work_dir(args.name)
    events = read_log(work)
    steps = [e for e in events if e["kind"] == "step"]
    evals = [e for e in events if e["kind"] == "eval"]
    checkpoints = [e for e in events if e["kind"] == "checkpoint"]
    if not steps:
        print(f"{work}: no training steps logged yet")
        return 1
    last = steps[-1]
    recent = [e["tokens_per_second"] for e in steps[-10:]]
    state_path = work / "checkpoint" / "state.json"
    hours = json.loads(state_path.read_text())["run_seconds"] / 3600 if state_path.exists() else float("nan")
    dev = evals[-1]["dev"] if evals else {}
    if args.row:
        scores = " | ".join(f"{dev[c]['bleu']:.2f} / {dev[c]['chrf']:.2f}" for c in dev if c != "mean")
        print(f"| {args.name} | step {last['step']} (epoch {last['epoch']:.2f}) | {hours:.2f} h | "
              f"{sum(recent) / len(recent):.0f} tokens/s | {scores} | "
              f"{dev.get('mean', {}).get('bleu', float('nan')):.2f} / {dev.get('mean', {}).get('chrf', float('nan')):.2f} |")
        return 0
    print(f"{args.name}: step {last['step']}, epoch {last['epoch']:.2f}, loss {last['loss']}, "
          f"{sum(recent) / len(recent):.0f} tokens/s lately, {hours:.2f} h trained in all")
    if checkpoints:
        print(f"last checkpoint: step {checkpoints[-1]['step']}, {(time.time() - checkpoints[-1]['time']) / 60:.0f} "
              "min ago")
    resumes = [e for e in events if e.get("resumed_from")]
    for event in resumes:
        print(f"resumed from a {event['resumed_from']} at step {event['step']}")
    for event in evals[-3:]:
        print(f"dev (greedy, {sum(v.get('sentences', 0) for k, v in event['dev'].items() if k != 'mean')} lines) "
              f"at step {event['step']}: " + ", ".join(f"{k} {v['bleu']:.2f}/{v['chrf']:.2f}"
                                                        for k, v in event["dev"].items()))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run in (("start", command_start), ("snapshot", command_snapshot), ("status", command_status)):
        command = commands.add_parser(name)
        command.add_argument("name", choices=sorted(RUNS))
        command.set_defaults(run=run)
    commands.choices["status"].add_argument("--row", action="store_true", help="a row for docs/training.md")
    bundle = commands.add_parser("bundle")
    bundle.add_argument("name", choices=sorted(RUNS))
    bundle.add_argument("output", type=Path, help="folder for the bundle (must not exist)")
    bundle.add_argument("--dev-lines", type=int, default=100)
    bundle.set_defaults(run=command_bundle)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
