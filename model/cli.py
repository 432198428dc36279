"""The `hanyeong` command line: translate, train, finetune, evaluate, info."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


class StopRequest:
    """SIGTERM (the app's Cancel) or SIGINT asks the run to checkpoint and stop at the next step."""

    def __init__(self):
        self.requested = False
        signal.signal(signal.SIGTERM, self.request)
        signal.signal(signal.SIGINT, self.request)

    def request(self, *_):
        self.requested = True

    def __call__(self) -> bool:
        return self.requested


def print_json_event(event: dict) -> None:
    print(json.dumps(event, ensure_ascii=False), flush=True)


def print_progress(event: dict) -> None:
    kind = event["kind"]
    if kind == "step":
        eta = event["eta_seconds"]
        print(f"step {event['step']:>6}  epoch {event['epoch']:.2f}  loss {event['loss']:.3f}  "
              f"lr {event['learning_rate']:.2e}  {event['pairs_per_second']:.0f} pairs/s  "
              f"ETA {eta // 3600:.0f}h{eta % 3600 // 60:02.0f}m", flush=True)
    elif kind == "eval":
        scores = "  ".join(f"{name} {s['bleu']:.1f}/{s['chrf']:.1f}" for name, s in event["dev"].items())
        print(f"dev (BLEU/chrF) at step {event['step']}: {scores}{'  *best*' if event['best'] else ''}", flush=True)
    elif kind in ("log", "start", "finished", "cancelled", "bundle"):
        print(f"[{kind}] " + json.dumps({k: v for k, v in event.items() if k not in ('kind', 'time')},
                                        ensure_ascii=False), flush=True)


def training_config(args):
    from .training import TrainingConfig

    config = TrainingConfig.from_dict(json.loads(Path(args.config).read_text())) if args.config else \
        TrainingConfig()
    for name in ("epochs", "time_limit_minutes", "max_tokens_per_batch", "peak_learning_rate", "warmup_steps",
                 "eval_every_steps", "checkpoint_minutes"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(config, name, value)
    return config


def add_training_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", required=True, help="folder for the new bundle (must not exist)")
    parser.add_argument("--work-dir", help="checkpoints and logs; run again with the same folder to resume")
    parser.add_argument("--dev", help="dev corpora for model selection (default: ../shared/data/dev if present)")
    parser.add_argument("--config", help="JSON file with training settings (see model/training.py TrainingConfig)")
    parser.add_argument("--epochs", type=float)
    parser.add_argument("--time-limit-minutes", type=float)
    parser.add_argument("--max-tokens-per-batch", type=int)
    parser.add_argument("--peak-learning-rate", type=float)
    parser.add_argument("--warmup-steps", type=int)
    parser.add_argument("--eval-every-steps", type=int)
    parser.add_argument("--checkpoint-minutes", type=float)
    parser.add_argument("--final-beam", type=int, default=4, help="beam size for the final dev scores")
    parser.add_argument("--no-dev", action="store_true", help="skip dev scoring and model selection")
    parser.add_argument("--progress-json", action="store_true", help="print progress as JSON lines (for the app)")


def default_dev(args) -> Path | None:
    if args.no_dev:
        return None
    if args.dev:
        return Path(args.dev)
    candidate = DEFAULT_DATA / "dev"
    return candidate if candidate.is_dir() else None


def command_train(args) -> int:
    from . import api

    work_dir = Path(args.work_dir or f"{args.output}.work")
    path = api.train(args.data, default_dev(args), args.output, work_dir, training_config(args),
                     print_json_event if args.progress_json else print_progress, StopRequest(),
                     final_beam=args.final_beam)
    print(f"model written to {path}")
    return 0


def command_finetune(args) -> int:
    from . import api

    work_dir = Path(args.work_dir or f"{args.output}.work")
    from .api import SHIPPED_MODEL

    path = api.finetune(args.model or SHIPPED_MODEL, args.corpus, args.output, work_dir, args.mix_data,
                        default_dev(args), training_config(args),
                        print_json_event if args.progress_json else print_progress, StopRequest(),
                        final_beam=args.final_beam)
    print(f"model written to {path}")
    return 0


def open_translator(args):
    from .api import SHIPPED_MODEL, Translator

    return Translator(args.model or SHIPPED_MODEL)


def command_translate(args) -> int:
    if args.input:
        lines = read_text_file(Path(args.input)).splitlines()
    elif args.text:
        lines = [" ".join(args.text)]
    else:
        lines = sys.stdin.read().splitlines()
    translator = open_translator(args)
    for line in lines:
        print(translator.translate(line, beam=args.beam).text if line.strip() else "", flush=True)
    return 0


def read_text_file(path: Path) -> str:
    from .corpus import CorpusError, _decode

    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    return _decode(path)


def command_evaluate(args) -> int:
    from .evaluation import dev_sets, evaluate_sets, read_eval_set, score

    translator = open_translator(args)
    if args.src:
        if not args.ref:
            raise ValueError("--src needs --ref")
        sources, references = read_eval_set(Path(args.src)) if Path(args.src).is_dir() else (
            read_text_file(Path(args.src)).splitlines(), read_text_file(Path(args.ref)).splitlines())
        if len(sources) != len(references):
            raise ValueError(f"{args.src} has {len(sources)} lines but {args.ref} has {len(references)}")
        results = {Path(args.src).stem: score(translator.translate_lines(sources, args.beam), references)}
    else:
        results = evaluate_sets(lambda lines: translator.translate_lines(lines, args.beam),
                                dev_sets(args.dev or DEFAULT_DATA / "dev", args.limit))
    for name, result in results.items():
        print(f"{name:<20} BLEU {result['bleu']:6.2f}  chrF {result['chrf']:6.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


def command_info(args) -> int:
    from . import bundle as bundles
    from .api import SHIPPED_MODEL

    loaded = bundles.load(args.model or SHIPPED_MODEL)
    print(json.dumps({k: v for k, v in loaded.card.items() if k != "dev_curve"}, indent=2, ensure_ascii=False))
    return 0


def command_devices(args) -> int:
    """What TensorFlow sees; run in its own process so the app never loads TensorFlow."""
    import tensorflow as tf

    devices = [{"type": "CPU", "name": "CPU"}]
    for gpu in tf.config.list_physical_devices("GPU"):
        details = tf.config.experimental.get_device_details(gpu)
        devices.append({"type": "GPU", "name": details.get("device_name", gpu.name)})
    print(json.dumps(devices) if args.json else "\n".join(f"{d['type']}: {d['name']}" for d in devices))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hanyeong", description="Offline Korean→English translation")
    commands = parser.add_subparsers(dest="command", required=True)

    translate = commands.add_parser("translate", help="translate Korean text (arguments, -i FILE, or stdin)")
    translate.add_argument("text", nargs="*", help="Korean text; without it, lines are read from stdin")
    translate.add_argument("-i", "--input", help="a UTF-8 text file; one English line per input line")
    translate.add_argument("--beam", type=int, default=4, help="beam size (1 = greedy)")
    translate.add_argument("--model", help="model bundle folder (default: the shipped model)")
    translate.set_defaults(run=command_translate)

    evaluate = commands.add_parser("evaluate", help="BLEU and chrF against references")
    evaluate.add_argument("--src", help="Korean source file (or a corpus folder)")
    evaluate.add_argument("--ref", help="English reference file")
    evaluate.add_argument("--dev", help="without --src: score every corpus under this folder (default: the dev set)")
    evaluate.add_argument("--limit", type=int, help="score only the first N lines of each corpus")
    evaluate.add_argument("--beam", type=int, default=4)
    evaluate.add_argument("--model", help="model bundle folder (default: the shipped model)")
    evaluate.add_argument("--json", help="also write the scores to this JSON file")
    evaluate.set_defaults(run=command_evaluate)

    info = commands.add_parser("info", help="print a model's card")
    info.add_argument("--model", help="model bundle folder (default: the shipped model)")
    info.set_defaults(run=command_info)

    devices = commands.add_parser("devices", help="list the devices TensorFlow can train on")
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(run=command_devices)

    train = commands.add_parser("train", help="train a model from scratch")
    train.add_argument("--data", default=str(DEFAULT_DATA / "train"), help="folder of training corpora")
    add_training_options(train)
    train.set_defaults(run=command_train)

    finetune = commands.add_parser("finetune", help="fine-tune a model on your own corpus")
    finetune.add_argument("--model", default=None, help="bundle to start from (default: the shipped model)")
    finetune.add_argument("--corpus", nargs="+", required=True, help=".ko/.en pair, TSV/CSV, XLSX or TMX")
    finetune.add_argument("--mix-data", help="also train on these original corpora, against forgetting")
    add_training_options(finetune)
    finetune.set_defaults(run=command_finetune)

    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from .bundle import BundleError
    from .corpus import CorpusError
    from .training import TrainingCancelled

    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("hanyeong: interrupted", file=sys.stderr)
        return 130
    except TrainingCancelled as error:
        print(f"hanyeong: {error}", file=sys.stderr)
        return 3
    except (BundleError, CorpusError, ValueError, OSError) as error:
        print(f"hanyeong: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
