"""The `hanyeong` command line: translate, evaluate, info, devices, train, finetune. Every error is one line on
stderr and a non-zero exit code (2 for a usage error)."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
from pathlib import Path

from .resources import DEFAULT_DATA, SHIPPED_MODEL


class StopRequest:
    """SIGTERM or SIGINT asks the run to checkpoint and stop at the next step (or, while scoring, at once); so does
    the stop file (--stop-file) appearing: the app's Cancel on every platform (Windows has no SIGTERM)."""

    def __init__(self, stop_file: str | os.PathLike | None = None):
        self.requested = False
        self.stop_file = Path(stop_file) if stop_file else None
        signal.signal(signal.SIGTERM, self.request)
        signal.signal(signal.SIGINT, self.request)

    def request(self, *_):
        self.requested = True

    def __call__(self) -> bool:
        if not self.requested and self.stop_file is not None and self.stop_file.exists():
            self.requested = True
        return self.requested


EXIT_DEVICE = 4  # the GPU failed (out of memory, CUDA libraries); the checkpoint is kept, the message says what to do

_CUDA_WORDS = ("cuda", "cudnn", "cublas", "cufft", "curand", "cusolver", "cusparse", "nccl", "ptxas", "libdevice",
               "dnn library", "nvidia driver", "gpu driver", "libnvidia")
# outside the frameworks' own errors (a library that fails to load, say), only unmistakable CUDA wording counts
_CUDA_LIBRARY = re.compile(r"libcu\w+\.so|cudnn|cublas|cuda (?:driver|runtime)|nvidia driver|libnvidia", re.I)
_FRAMEWORKS = ("tensorflow", "keras", "jax", "jaxlib", "tf_keras")


def device_trouble(error: BaseException) -> str | None:
    """What to do about a GPU error (out of memory, CUDA libraries that do not fit), as one line; None for other
    errors. Recognised by exception class and message, so it works for TensorFlow's and JAX's errors alike."""
    names = {cls.__name__ for cls in type(error).__mro__}
    text = str(error)
    lowered = text.lower()
    on_gpu = "gpu" in lowered or "cuda" in lowered
    if "ResourceExhaustedError" in names or "RESOURCE_EXHAUSTED" in text or "OOM when allocating" in text or (
            "out of memory" in lowered and on_gpu):
        smaller = ("run the same command again with a smaller batch (--max-tokens-per-batch, e.g. half of it; in "
                   "the app: Training ▸ Advanced ▸ Tokens per batch)")
        if not on_gpu:
            return f"the training ran out of memory. The last checkpoint is kept: {smaller}"
        return (f"the GPU ran out of memory. The last checkpoint is kept: {smaller}, or train on the CPU with "
                "CUDA_VISIBLE_DEVICES= (in the app: Settings ▸ Device ▸ CPU only)")
    framework = type(error).__module__.split(".")[0] in _FRAMEWORKS
    if (framework and any(word in lowered for word in _CUDA_WORDS)) or (
            isinstance(error, (RuntimeError, OSError, ImportError)) and _CUDA_LIBRARY.search(text)):
        detail = (text.strip().splitlines() or [type(error).__name__])[0][:200]
        return (f"the GPU could not be used ({detail}). The CUDA/cuDNN libraries or the NVIDIA driver do not fit "
                "this TensorFlow. The last checkpoint is kept: run the same command again on the CPU with "
                "CUDA_VISIBLE_DEVICES= (in the app: Settings ▸ Device ▸ CPU only), or install the CUDA libraries "
                "TensorFlow asks for (pip install tensorflow[and-cuda])")
    return None


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
    elif kind == "scoring":
        if event["done"] == event["total"] or event["done"] % 320 < 32:
            print(f"scoring {event['model']}: {event['done']} of {event['total']} dev lines", flush=True)
    elif kind in ("log", "start", "finished", "cancelled", "bundle"):
        print(f"[{kind}] " + json.dumps({k: v for k, v in event.items() if k not in ('kind', 'time')},
                                        ensure_ascii=False), flush=True)


def training_config(args, finetuning: bool = False):
    """The defaults (from-scratch or fine-tuning ones), then what --config sets, then the flags given."""
    from .config import FINETUNE_DEFAULTS, TrainingConfig

    values = dict(FINETUNE_DEFAULTS) if finetuning else {}
    if args.config:
        values.update(json.loads(Path(args.config).read_text()))
    config = TrainingConfig.from_dict(values)
    for name in ("epochs", "time_limit_minutes", "max_tokens_per_batch", "peak_learning_rate", "warmup_steps",
                 "eval_every_steps", "checkpoint_minutes", "final_dev_lines", "name"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(config, name, value)
    return config


def add_training_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", required=True, help="folder for the new bundle (must not exist)")
    parser.add_argument("--work-dir", help="checkpoints and logs; run again with the same folder to resume")
    parser.add_argument("--name", help="the new model's name in its card (default: the output folder's name)")
    parser.add_argument("--dev", help="dev corpora for model selection (default: ../shared/data/dev if present)")
    parser.add_argument("--config", help="JSON file with training settings (the fields of TrainingConfig in "
                        "model/config.py)")
    parser.add_argument("--epochs", type=float)
    parser.add_argument("--time-limit-minutes", type=float)
    parser.add_argument("--max-tokens-per-batch", type=int)
    parser.add_argument("--peak-learning-rate", type=float)
    parser.add_argument("--warmup-steps", type=int)
    parser.add_argument("--eval-every-steps", type=int)
    parser.add_argument("--checkpoint-minutes", type=float)
    parser.add_argument("--final-beam", type=positive_int, help="beam size for the final dev scores and the new "
                        "model's decoding (default: 4 for a new model; a fine-tune keeps its base model's beam and "
                        "length penalty, and scores the base with them too)")
    parser.add_argument("--final-dev-lines", type=int, help="lines per dev corpus for the final scores (0: all; "
                        "fine-tuning's default: 100, and the base model is scored on the same lines)")
    parser.add_argument("--no-dev", action="store_true", help="skip dev scoring and model selection")
    parser.add_argument("--progress-json", action="store_true", help="print progress as JSON lines (for the app)")
    parser.add_argument("--stop-file", help="checkpoint and stop when this file appears (like SIGTERM; the app's "
                        "Cancel, also on Windows)")


def default_dev(args) -> Path | None:
    if args.no_dev:
        return None
    if args.dev:
        return Path(args.dev)
    candidate = DEFAULT_DATA / "dev"
    return candidate if candidate.is_dir() else None


def check_run_space(work_dir: Path, output: Path, config) -> None:
    """Refuse to start (with a message) when the disk cannot hold the run's checkpoints and bundle: a checkpoint
    written to a full disk keeps the previous one intact, but HDF5 may crash instead of reporting the error."""
    from .files import check_free_space, estimated_parameters

    weights = 4 * estimated_parameters(config.model)
    # checkpoint (weights + 2 optimizer slots) twice during the swap, best and snapshot weights, bundle
    check_free_space(work_dir, 12 * weights + (32 << 20), "the training run's checkpoints")
    check_free_space(output.parent, 3 * weights + (8 << 20), "the new model")


def command_train(args) -> int:
    from . import api

    work_dir = Path(args.work_dir or f"{args.output}.work")
    config = training_config(args)
    check_run_space(work_dir, Path(args.output), config)
    path = api.train(args.data, default_dev(args), args.output, work_dir, config,
                     print_json_event if args.progress_json else print_progress, StopRequest(args.stop_file),
                     final_beam=args.final_beam)
    print(f"model written to {path}")
    return 0


def command_finetune(args) -> int:
    from . import api

    work_dir = Path(args.work_dir or f"{args.output}.work")
    from .config import TransformerConfig

    if not args.corpus and not args.mix_data:
        raise ValueError("finetune needs --corpus (your own pairs), --mix-data (a folder of corpora), or both")
    config = training_config(args, finetuning=True)
    base = Path(args.model or SHIPPED_MODEL)
    try:  # the run's size is the base model's
        sizing = TransformerConfig.from_dict(json.loads((base / "config.json").read_text(encoding="utf-8"))["model"])
    except (OSError, ValueError, KeyError, TypeError):
        sizing = config.model  # a damaged base is reported by finetune itself
    check_run_space(work_dir, Path(args.output), type(config)(model=sizing))
    path = api.finetune(base, args.corpus, args.output, work_dir, args.mix_data, default_dev(args), config,
                        print_json_event if args.progress_json else print_progress, StopRequest(args.stop_file),
                        final_beam=args.final_beam)
    print(f"model written to {path}")
    return 0


def open_translator(args):
    from .api import Translator

    return Translator(args.model or SHIPPED_MODEL)


TRANSLATE_BATCH_LINES = 64  # lines translated together: batched decoding, output still streamed


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a usage error otherwise, exit code 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def input_lines(text: str) -> list[str]:
    """Lines as separated by "\n" ("\r\n" counts as one break; a final line break does not start a new line).
    Other characters that str.splitlines() would break at (form feed, U+2028, …) stay inside their line, so the
    output has exactly one line per input line."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def decode_input(data: bytes, source: str) -> str:
    """Bytes from stdin: UTF-8 (a BOM is dropped), UTF-16 with a BOM, or CP949/EUC-KR (with a note on stderr);
    anything else is read as UTF-8 with undecodable bytes replaced, so every line still gets an output line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from .corpus import has_hangul

    try:
        text = data.decode("cp949")
        if has_hangul(text):
            print(f"hanyeong: note: {source} is CP949/EUC-KR, not UTF-8; read it as CP949", file=sys.stderr)
            return text
    except UnicodeDecodeError:
        pass
    print(f"hanyeong: note: {source} is not valid UTF-8; undecodable bytes were replaced", file=sys.stderr)
    return data.decode("utf-8", errors="replace")


def print_explanations(explanations, as_json: bool) -> int:
    """`translate --explain`: how the search chose each sentence's English, step by step."""
    if as_json:
        print(json.dumps([e.to_dict() for e in explanations], ensure_ascii=False, indent=1))
        return 0
    for explanation in explanations:
        trace = explanation.trace
        print(f"{explanation.source}\n  beam {explanation.beam}, length penalty alpha {explanation.alpha} "
              f"(final score = sum of log-probabilities / ((5 + length) / 6) ^ alpha)")
        for step in trace.steps:
            print(f"  step {step.position + 1}:")
            for prefix, score, candidates in zip(step.prefixes, step.scores, step.candidates):
                words = explanation.pieces
                shown = "".join(words[t] for t in prefix).replace("▁", " ").strip() or "<start>"
                options = "  ".join(f"{words[t]} {p:.2f}" for t, p in candidates)
                print(f"    {shown!r} ({score:.2f}) -> {options}")
            kept = ", ".join(f"{explanation.pieces[t]} ({score:.2f})" for _, t, score in step.kept)
            print(f"    kept: {kept}")
        for final in trace.finals:
            text = "".join(explanation.spell(final["tokens"])).replace("▁", " ").strip()
            mark = "  <- chosen" if final["chosen"] else ""
            print(f"  final: {text!r} score {final['score']:.2f}, normalised {final['normalized']:.2f}{mark}")
        print(f"  = {explanation.target}\n")
    return 0


def print_attention_steps(translator, text: str, args, terms) -> int:
    """`translate --explain-attention LAYER HEAD QUERY`: the three steps of scaled dot-product attention for one
    query piece of one head (model/attention_steps.py), in every sentence where QUERY is found."""
    from .attention_steps import CROSS, ENCODER, describe_steps, explain_attention, find_query, network_for

    layer, head, query = args.explain_attention
    try:
        layer, head = int(layer) - 1, int(head) - 1
    except ValueError:
        raise ValueError("--explain-attention takes LAYER HEAD QUERY: a layer and a head counted from 1, and a "
                         f"word, piece or piece number; not {args.explain_attention[0]!r} "
                         f"{args.explain_attention[1]!r}") from None
    translation = translator.translate(text, beam=args.beam, max_len=args.max_len, terms=terms,
                                       split_sentences=not args.whole_line)
    network, found, misses = network_for(translator), [], []
    for sentence in (s for s in translation.sentences if s.target_pieces):  # lines passed through have none
        kinds = [args.attention_type] if args.attention_type else [ENCODER, CROSS]  # the source first
        for kind in kinds:
            try:
                row = find_query(sentence.source_pieces if kind == ENCODER else sentence.target_pieces, query)
            except ValueError as error:
                misses.append(str(error))
                continue
            found.append((sentence, explain_attention(translator, sentence, kind, layer, head, row, network)))
            break
    if not found:
        raise ValueError(misses[0] if misses else "nothing to translate in the input")
    if args.json:
        print(json.dumps([{"source": s.source, "target": s.target, "source_pieces": s.source_pieces,
                           "target_pieces": s.target_pieces, **steps.to_dict()} for s, steps in found],
                         ensure_ascii=False, indent=1))
        return 0
    for sentence, steps in found:
        print(f"{sentence.source}\n  = {sentence.target}")
        print("\n".join("  " + line for line in describe_steps(steps).splitlines()) + "\n")
    return 0


def command_translate(args) -> int:
    from .corpus import read_text_file

    if args.input:
        lines = input_lines(read_text_file(Path(args.input)))
    elif args.text:
        lines = input_lines(" ".join(args.text))
    else:
        lines = input_lines(decode_input(sys.stdin.buffer.read(), "the input"))
    terms = []
    if args.terms:
        from .terms import read_terms

        terms = read_terms(args.terms)
    translator = open_translator(args)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a terminal that cannot show a character gets "?", not a crash
    if args.explain_attention:
        return print_attention_steps(translator, "\n".join(lines), args, terms)
    if args.explain:
        return print_explanations(translator.explain("\n".join(lines), beam=args.beam, top_k=args.top_k), args.json)
    for start in range(0, len(lines), TRANSLATE_BATCH_LINES):
        translation = translator.translate("\n".join(lines[start:start + TRANSLATE_BATCH_LINES]), beam=args.beam,
                                           max_len=args.max_len, terms=terms)
        for number, line in enumerate(translation.lines, start=start + 1):
            sys.stdout.write(" ".join(sentence.target for sentence in line) + "\n")
            for problem in (problem for sentence in line for problem in sentence.term_problems):
                print(f"hanyeong: note: line {number}: {problem}", file=sys.stderr)
        sys.stdout.flush()
    return 0


def command_evaluate(args) -> int:
    from .corpus import read_text_file
    from .evaluation import dev_sets, evaluate_sets, read_eval_set, score

    translator = open_translator(args)
    if args.src:
        if not args.ref:
            raise ValueError("--src needs --ref")
        sources, references = read_eval_set(Path(args.src), translator.config.source_language) \
            if Path(args.src).is_dir() else (
            read_text_file(Path(args.src)).splitlines(), read_text_file(Path(args.ref)).splitlines())
        if len(sources) != len(references):
            raise ValueError(f"{args.src} has {len(sources)} lines but {args.ref} has {len(references)}")
        results = {Path(args.src).stem: score(translator.translate_lines(sources, args.beam), references)}
    else:
        results = evaluate_sets(lambda lines: translator.translate_lines(lines, args.beam),
                                dev_sets(args.dev or DEFAULT_DATA / "dev", args.limit,
                                         translator.config.source_language))
    for name, result in results.items():
        print(f"{name:<20} BLEU {result['bleu']:6.2f}  chrF {result['chrf']:6.2f}")
    if args.json:
        from .files import write_json_atomic

        write_json_atomic(Path(args.json), results)
    return 0


def command_info(args) -> int:
    from . import bundle as bundles

    loaded = bundles.load(args.model or SHIPPED_MODEL)
    if args.json:
        print(json.dumps({k: v for k, v in loaded.card.items() if k != "dev_curve"}, indent=2, ensure_ascii=False))
    else:
        print(card_summary(loaded))
    return 0


def card_summary(loaded) -> str:
    """A model card for people: what the model is, what it learnt from, how it decodes and how well it scores."""
    card, config = loaded.card, loaded.config
    training = card.get("training", {})
    size = sum(f.stat().st_size for f in loaded.path.iterdir() if f.is_file())
    lines = [f"{loaded.name}  ({card.get('date', '?')[:10]}, {size / 1e6:.0f} MB on disk)",
             f"model: Transformer, d_model {config.d_model}, {config.num_heads} heads, feed-forward {config.d_ff}, "
             f"{config.num_encoder_layers}+{config.num_decoder_layers} layers, vocabularies "
             f"{config.src_vocab_size}+{config.tgt_vocab_size}"]
    if card.get("base_model"):
        lines.append(f"continued from: {card['base_model']}")
    corpora = card.get("corpora", [])
    lines.append(f"trained on {sum(c.get('pairs', 0) for c in corpora):,} pairs from {len(corpora)} corpora; "
                 f"{training.get('steps', '?')} steps, {round(training.get('train_seconds', 0) / 60)} min on "
                 f"{training.get('hardware', '?')}")
    decoding = card.get("decoding", {})
    lines.append(f"decoding: beam {decoding.get('beam', 4)}, length penalty {decoding.get('length_penalty_alpha')}")
    scores = card.get("dev_scores", {})
    if scores:
        lines.append("dev scores (BLEU / chrF):")
        lines += [f"  {name:<20} {s['bleu']:6.2f} / {s['chrf']:6.2f}" for name, s in scores.items()]
    lines.append("the whole card, with every setting and corpus licence: hanyeong info --json")
    return "\n".join(lines)


def command_devices(args) -> int:
    """What could train here (model/devices.py): the devices TensorFlow sees, an idle NVIDIA GPU and how to use it,
    or driver/CUDA trouble in one line; run in its own process so the app never loads TensorFlow."""
    from .devices import describe, probe

    report = probe()
    print(json.dumps(report, ensure_ascii=False) if args.json else "\n".join(describe(report)))
    return 0


class OneLineParser(argparse.ArgumentParser):
    """A usage error (`--beam 0`, an unknown option) in one line, as every other error, not argparse's usage
    block; --help still prints it all. The subcommands' parsers are of this class too."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog="hanyeong", description="Offline Korean→English translation")
    commands = parser.add_subparsers(dest="command", required=True)

    translate = commands.add_parser("translate", help="translate Korean text (arguments, -i FILE, or stdin)")
    translate.add_argument("text", nargs="*", help="Korean text; without it, lines are read from stdin")
    translate.add_argument("-i", "--input", help="a UTF-8 text file; one English line per input line")
    translate.add_argument("--beam", type=positive_int,
                           help="beam size (default: the model's, chosen on dev; 1 = greedy)")
    translate.add_argument("--terms", help="a TSV or CSV file of terms, Korean and English per line: how those "
                           "words must be translated")
    translate.add_argument("--explain", action="store_true",
                           help="print how each sentence was chosen: per step the top candidates and the beam")
    translate.add_argument("--top-k", type=positive_int, default=5, help="candidates shown per step with --explain")
    translate.add_argument("--explain-attention", nargs=3, metavar=("LAYER", "HEAD", "QUERY"),
                           help="print the three steps of attention for one head (layer and head from 1) and one "
                           "query (a word, a piece or a piece number): q and the keys, q·k, ÷√d_k, softmax, "
                           "Σ aᵢvᵢ, with the model's own numbers")
    translate.add_argument("--attention-type", choices=("encoder", "decoder", "cross"),
                           help="with --explain-attention: which attention (default: encoder self-attention when "
                           "QUERY is in the source sentence, else cross-attention)")
    translate.add_argument("--whole-line", action="store_true",
                           help="with --explain-attention: each line as one sentence, so attention across its "
                           "sentences can be seen (the app's \"Whole line\")")
    translate.add_argument("--json", action="store_true",
                           help="with --explain or --explain-attention: the numbers as JSON")
    translate.add_argument("--max-len", type=positive_int, default=256,
                           help="longest translation of one sentence, in pieces (also bounded by 2 x its length + 10)")
    translate.add_argument("--model", help="model bundle folder (default: the shipped model)")
    translate.set_defaults(run=command_translate)

    evaluate = commands.add_parser("evaluate", help="BLEU and chrF against references")
    evaluate.add_argument("--src", help="Korean source file (or a corpus folder)")
    evaluate.add_argument("--ref", help="English reference file")
    evaluate.add_argument("--dev", help="without --src: score every corpus under this folder (default: the dev set)")
    evaluate.add_argument("--limit", type=positive_int, help="score only the first N lines of each corpus")
    evaluate.add_argument("--beam", type=positive_int, help="beam size (default: the model's)")
    evaluate.add_argument("--model", help="model bundle folder (default: the shipped model)")
    evaluate.add_argument("--json", help="also write the scores to this JSON file")
    evaluate.set_defaults(run=command_evaluate)

    info = commands.add_parser("info", help="print a model's card")
    info.add_argument("--model", help="model bundle folder (default: the shipped model)")
    info.add_argument("--json", action="store_true", help="the whole card as JSON")
    info.set_defaults(run=command_info)

    devices = commands.add_parser("devices", help="the devices training can use: GPUs, their memory and precision, "
                                  "and how to enable an NVIDIA GPU that CPU-only TensorFlow leaves idle")
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(run=command_devices)

    train = commands.add_parser("train", help="train a model from scratch")
    train.add_argument("--data", nargs="+", default=[str(DEFAULT_DATA / "train")],
                       help="the corpora: folders of .ko/.en files, folders of such folders (a data root such as "
                       "../shared/data/train), or files (.ko/.en pair, TSV/CSV, XLSX, TMX); default: "
                       "../shared/data/train")
    add_training_options(train)
    train.set_defaults(run=command_train)

    finetune = commands.add_parser("finetune", help="fine-tune a model on your own corpus")
    finetune.add_argument("--model", default=None, help="bundle to start from (default: the shipped model)")
    finetune.add_argument("--corpus", nargs="+", default=[], help="your corpora: files (.ko/.en pair, TSV/CSV, "
                          "XLSX, TMX), folders of .ko/.en files, or folders of such folders")
    finetune.add_argument("--mix-data", nargs="+", default=[], help="also train on these original corpora (the "
                          "same kinds of path), against forgetting (alone, without --corpus: continue training the "
                          "model on them)")
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
    except BrokenPipeError:  # `hanyeong translate ... | head`: the reader has gone, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except TrainingCancelled as error:
        print(f"hanyeong: {error}", file=sys.stderr)
        return 3
    except Exception as error:  # noqa: BLE001 - every error is one line for the user (and the app)
        trouble = device_trouble(error)
        if trouble:
            print(f"hanyeong: {trouble}", file=sys.stderr)
            return EXIT_DEVICE
        if isinstance(error, (BundleError, CorpusError, ValueError, OSError)):
            print(f"hanyeong: {error}", file=sys.stderr)
            return 1
        if os.environ.get("HANYEONG_DEBUG"):
            import traceback

            traceback.print_exc()
        first_line = (str(error).strip().splitlines() or [""])[0][:300]
        print(f"hanyeong: unexpected error ({type(error).__name__}: {first_line}); "
              "run again with HANYEONG_DEBUG=1 for the details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
