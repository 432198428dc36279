"""Quality experiments on a lent GPU machine, which has JAX but no TensorFlow.

Keras 3 runs the model classes of model/transformer.py unchanged on the JAX backend, so weights trained there load
into the TensorFlow model that exports the app's LiteRT file. Three steps:

  prepare (here, TensorFlow venv): tokenise ../shared/data/train once per vocabulary size of the configs, copy the
      dev sets, into .gpu/ (ignored by git; the corpora never enter the repository):
        .venv/bin/python scripts/device_train.py prepare configs/experiments/*.json --data ../shared/data
  train (GPU machine, one process per config, all sharing the GPU for the same wall-clock minutes):
        KERAS_BACKEND=jax python3 scripts/device_train.py train configs/experiments/X.json --minutes 6 --out OUT
      It trains with the same batches, loss and schedule as model/training.py, scores the whole dev set with greedy
      decoding every --eval-seconds, keeps the best weights (or the mean of the last three evaluations when dev
      prefers it), and writes OUT/X.json (log, scores) and OUT/X.weights.npz (float16, to travel back small).
  bundle (here): turn returned weights into a verified model bundle scored with the shipped decoding (beam 4):
        .venv/bin/python scripts/device_train.py bundle configs/experiments/X.json OUT/X.weights.npz runs/X-bundle
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.corpus import corpus_folders  # noqa: E402
from model.tokenizer import Tokenizer  # noqa: E402
from model.config import TrainingConfig  # noqa: E402
from model.files import write_json_atomic  # noqa: E402
from model.training.data import (EncodedCorpus, corpus_weights, encode_corpora, epoch_batches,  # noqa: E402
                                 make_batch, read_training_corpora)

PREPARED = Path(".gpu")  # relative to the repository root, where every step runs
GPU_BUCKETS = (16, 32, 64, 96)  # fewer shapes than on CPU: each one is an XLA compilation, padding is cheap on a GPU


def vocab_folder(config: TrainingConfig) -> Path:
    return PREPARED / f"vocab-{config.model.src_vocab_size}-{config.model.tgt_vocab_size}"


def load_config(path: str) -> TrainingConfig:
    return TrainingConfig.from_dict(json.loads(Path(path).read_text()))


# --- prepare (here) -----------------------------------------------------------------------------------------


def prepare(config_paths: list[str], data_root: Path) -> None:
    import shutil

    texts = corpora = None
    for path in config_paths:
        config = load_config(path)
        folder = vocab_folder(config)
        if (folder / "data.npz").exists():
            continue
        if texts is None:
            texts, corpora = read_training_corpora(corpus_folders(data_root / "train"))
        folder.mkdir(parents=True, exist_ok=True)
        ko = Tokenizer.train((k for pairs in texts.values() for k, _ in pairs), config.model.src_vocab_size,
                             character_coverage=0.9995)
        en = Tokenizer.train((e for pairs in texts.values() for _, e in pairs), config.model.tgt_vocab_size)
        ko.save(folder / "ko.model")
        en.save(folder / "en.model")
        write_json_atomic(folder / "corpora.json", corpora)
        encode_corpora(texts, ko, en, config.max_sentence_tokens).save(folder / "data.npz")
        print(f"{folder}: {sum(len(p) for p in texts.values())} pairs")
    shutil.copytree(data_root / "dev", PREPARED / "dev", dirs_exist_ok=True)
    for path in config_paths:
        shutil.copy(path, PREPARED / Path(path).name)


# --- train (GPU machine, JAX) ---------------------------------------------------------------------------------


def batch_stream(data: EncodedCorpus, weights: np.ndarray, config: TrainingConfig, epoch: int):
    """Full batches only (a few pairs a bucket wait for the next epoch), so every bucket has one shape."""
    for members in epoch_batches(data, weights, epoch, config.seed, config.max_tokens_per_batch, GPU_BUCKETS):
        src, tgt_in, tgt_out = make_batch(data, members, GPU_BUCKETS)
        if len(src) == max(1, config.max_tokens_per_batch // src.shape[1]):
            yield src, tgt_in, tgt_out


def prefetch(generator, size: int = 32):
    """Builds numpy batches in a thread while the GPU trains."""
    items: queue.Queue = queue.Queue(size)

    def fill():
        for item in generator:
            items.put(item)
        items.put(None)

    threading.Thread(target=fill, daemon=True).start()
    while (item := items.get()) is not None:
        yield item


def train(config_path: str, minutes: float, eval_seconds: float, out: Path, dev_limit: int | None = None,
          resume_from: Path | None = None, resume_step: int = 0, resume_epoch: int = 0) -> None:
    import jax
    import keras

    from model.engine import KerasEngine
    from model.evaluation import dev_sets, evaluate_sets
    from model.training.objective import make_optimizer, selection_score, smoothed_loss
    from model.transformer import Transformer
    from model.translate import Translator

    name = Path(config_path).stem
    config = load_config(config_path)
    folder = vocab_folder(config)
    data = EncodedCorpus.load(folder / "data.npz")
    ko, en = Tokenizer.load(folder / "ko.model"), Tokenizer.load(folder / "en.model")
    weights = corpus_weights(data.names, config)
    dev = dev_sets(PREPARED / "dev", dev_limit)
    started = time.time()
    deadline = started + minutes * 60
    events: list[dict] = []

    def emit(kind: str, **values):
        event = {"kind": kind, "seconds": round(time.time() - started, 1), **values}
        events.append(event)
        print(name, json.dumps(event), flush=True)

    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    keras.utils.set_random_seed(config.seed)
    model = Transformer(config.model).build_all()
    optimizer = make_optimizer(config)
    optimizer.build(model.trainable_variables)
    if resume_from is not None:
        # weights from an earlier call (float16, as they travelled); the schedule goes on from resume_step, and
        # Adam's moments start again from zero
        arrays = np.load(resume_from, allow_pickle=False)
        model.set_weights([arrays[f"arr_{i}"].astype(np.float32) for i in range(len(arrays.files))])
        optimizer.iterations.assign(resume_step)
    emit("start", parameters=model.count_params(), pairs=len(data.src), device=str(jax.devices()[0]))

    def loss_fn(trainable, non_trainable, src, tgt_in, tgt_out):
        logits, non_trainable = model.stateless_call(trainable, non_trainable, (src, tgt_in), training=True)
        loss_sum, tokens = smoothed_loss(logits, tgt_out, config.label_smoothing)
        return loss_sum / keras.ops.maximum(tokens, 1.0), non_trainable

    gradient_fn = jax.value_and_grad(loss_fn, has_aux=True)

    @jax.jit
    def train_step(state, src, tgt_in, tgt_out):
        trainable, non_trainable, optimizer_vars = state
        (loss, non_trainable), grads = gradient_fn(trainable, non_trainable, src, tgt_in, tgt_out)
        trainable, optimizer_vars = optimizer.stateless_apply(optimizer_vars, grads, trainable)
        return loss, (trainable, non_trainable, optimizer_vars)

    translator = Translator.for_engine(KerasEngine(model), ko, en, config.model)

    def evaluate(trainable, non_trainable) -> dict:
        """Greedy dev scores through the app's translation pipeline, with these weights put into the model."""
        for variable, value in zip(model.trainable_variables + model.non_trainable_variables,
                                   list(trainable) + list(non_trainable)):
            variable.assign(value)
        return evaluate_sets(lambda sources: translator.translate_lines(sources, beam=1), dev)

    state = ([v.value for v in model.trainable_variables], [v.value for v in model.non_trainable_variables],
             [v.value for v in optimizer.variables])
    step, epoch, pairs, snapshots, best = resume_step, resume_epoch, 0, [], None
    last_eval, window_start, losses = time.time(), time.time(), []
    while time.time() < deadline:
        for src, tgt_in, tgt_out in prefetch(batch_stream(data, weights, config, epoch)):
            loss, state = train_step(state, src, tgt_in, tgt_out)
            losses.append(loss)
            step += 1
            pairs += len(src)
            if step % 50 == 0:
                emit("step", step=step, epoch=epoch, loss=round(float(np.mean([float(x) for x in losses])), 4),
                     pairs_per_second=round(pairs / (time.time() - window_start)))
                losses, pairs, window_start = [], 0, time.time()
            out_of_time = time.time() >= deadline
            if out_of_time or time.time() - last_eval >= eval_seconds:
                trainable = [np.asarray(v) for v in state[0]]
                scores = evaluate(state[0], state[1])
                snapshots = (snapshots + [trainable])[-3:]
                candidate = {"step": step, "dev": scores, "weights": trainable}
                if best is None or selection_score(scores) > selection_score(best["dev"]):
                    best = candidate
                emit("eval", step=step, epoch=epoch, dev=scores, best=best is candidate)
                last_eval = time.time()
            if out_of_time:
                break
        else:
            epoch += 1
    if len(snapshots) > 1:
        mean = [np.mean(parts, axis=0) for parts in zip(*snapshots)]
        scores = evaluate([jax.numpy.asarray(w) for w in mean], state[1])
        averaged = selection_score(scores) > selection_score(best["dev"])
        emit("eval", step=step, averaged=len(snapshots), dev=scores, best=averaged)
        if averaged:
            best = {"step": f"mean of the last {len(snapshots)} evaluations", "dev": scores, "weights": mean}
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / f"{name}.weights.npz", *[w.astype(np.float16) for w in best["weights"]])
    result = {"name": name, "config": config.to_dict(), "steps": step, "epochs": epoch, "best_step": best["step"],
              "dev_greedy": best["dev"], "train_seconds": round(time.time() - started),
              "hardware": f"{jax.devices()[0].device_kind}, JAX {jax.__version__}, Keras {keras.__version__}",
              "events": events}
    (out / f"{name}.json").write_text(json.dumps(result, indent=1))
    emit("done", best_step=best["step"], dev=best["dev"]["mean"])


# --- bundle (here, TensorFlow) ------------------------------------------------------------------------------


def bundle(config_path: str, weights_npz: Path, output: Path, result_json: Path | None, data_root: Path,
           litert_weights: str = "float16", dev_lines: int = 0) -> None:
    """The returned weights as a verified bundle, scored (the exported LiteRT file itself, beam 4) on the first
    dev_lines lines of each dev corpus (0: all)."""
    from model import bundle as bundles
    from model.evaluation import dev_sets, litert_scorer
    from model.training.runs import final_card
    from model.transformer import Transformer

    config = load_config(config_path)
    folder = vocab_folder(config)
    ko, en = Tokenizer.load(folder / "ko.model"), Tokenizer.load(folder / "en.model")
    arrays = np.load(weights_npz, allow_pickle=False)
    model = Transformer(config.model).build_all()
    model.set_weights([arrays[f"arr_{i}"].astype(np.float32) for i in range(len(arrays.files))])
    weights_path = output.with_name(output.name + ".weights.h5")
    model.save_weights(str(weights_path))
    result = json.loads(result_json.read_text()) if result_json else {}
    state = {"step": result.get("steps"), "best_step": result.get("best_step"), "train_seconds":
             result.get("train_seconds", 0), "history": [e for e in result.get("events", []) if e["kind"] == "eval"],
             "stop_reason": "time limit"}
    corpora = json.loads((folder / "corpora.json").read_text())
    card = final_card(output.name, config, corpora, state, {}, 4, ko, en,
                      base_card=bundles.load(Path("assets/model")).card)
    card["base_model"] = None  # trained from scratch; the previous shipped model's scores are in "history"
    card["training"]["hardware"] = result.get("hardware", "")
    card["training"]["trainer"] = "scripts/device_train.py (Keras 3 on JAX)"
    card["dev_sets"] = str(data_root / "dev")
    card["dev_lines_per_corpus"] = dev_lines or None
    score = litert_scorer(config.model, ko, en, dev_sets(data_root / "dev", dev_lines or None), beam=4)
    bundles.save(output, config.model, weights_path, ko, en, card, litert_weights=litert_weights, score=score)
    weights_path.unlink()
    print(json.dumps(bundles.load(output).card["dev_scores"], indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("configs", nargs="+")
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    t = commands.add_parser("train")
    t.add_argument("config")
    t.add_argument("--minutes", type=float, required=True)
    t.add_argument("--eval-seconds", type=float, default=75)
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--dev-limit", type=int, help="score only the first N lines of each dev set (quick checks)")
    t.add_argument("--resume-from", type=Path, help="weights (.npz) returned by an earlier call")
    t.add_argument("--resume-step", type=int, default=0, help="the step those weights were taken at")
    t.add_argument("--resume-epoch", type=int, default=0, help="the epoch to go on from (its own shuffle)")
    b = commands.add_parser("bundle")
    b.add_argument("config")
    b.add_argument("weights", type=Path)
    b.add_argument("output", type=Path)
    b.add_argument("--result", type=Path)
    b.add_argument("--data", type=Path, default=Path("../shared/data"))
    b.add_argument("--litert-weights", default="float16", choices=("float32", "float16", "int8"),
                   help="int8 keeps a 30M-parameter bundle under 100 MB (docs/training.md)")
    b.add_argument("--dev-lines", type=int, default=0, help="score only the first N lines of each dev corpus")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.configs, args.data)
    elif args.command == "train":
        train(args.config, args.minutes, args.eval_seconds, args.out, args.dev_limit, args.resume_from,
              args.resume_step, args.resume_epoch)
    else:
        bundle(args.config, args.weights, args.output, args.result, args.data, args.litert_weights, args.dev_lines)


if __name__ == "__main__":
    main()
