"""Training and fine-tuning: data pipeline, schedule, loss, checkpoints, strategy, dev selection.

A run lives in a work folder:
  tokenizers (ko.model, en.model), data.npz (tokenised pairs), checkpoint/ (latest weights, optimizer, state),
  best.weights.h5 (best on dev so far), snapshots/ (weights at the last evaluations, for averaging),
  log.jsonl (every progress event).
Starting a run on a work folder that already has a checkpoint resumes it, so a run killed at any moment (even with
SIGKILL) continues from its last checkpoint. The bundle is written only at the end, to a fresh folder.
"""

from __future__ import annotations

import fnmatch
import json
import math
import os
import platform
import shutil
import time
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np

from .corpus import ValidationReport, clean_pairs, corpus_folders, iter_rows, read_licence
from .config import TransformerConfig
from .decoding import LENGTH_PENALTY_ALPHA
from .files import check_free_space, write_atomic, write_json_atomic  # shared with the app
from .tokenizer import BOS_ID, EOS_ID, PAD_ID, PLACEHOLDERS, Tokenizer

# How often each corpus is drawn per epoch: a pair of a corpus with weight w is seen w times an epoch (the fraction
# as a random share). Keys are corpus names or shell patterns; the first key that matches a corpus wins.
DEFAULT_CORPUS_WEIGHTS = {
    # conversation and general prose: what users paste
    "tatoeba": 3.0, "korsts": 3.0, "xpersona_ko": 3.0, "xrisawoz_fewshot": 3.0, "iwslt23_formality_enko": 3.0,
    "ud_korean_pud": 3.0,
    "bible_*": 0.33,  # three Korean versions of one English Bible: together about one pass over its verses
    "python_docs_ko": 0.5,
    "loanword_names": 0.1,  # a word-level lexicon: names and loanwords, not sentences
    "*": 0.5,  # software localisation: vocabulary and short phrases
}
BUCKETS = (8, 12, 16, 24, 32, 48, 64, 96)  # padded lengths: few distinct shapes, little padding

ProgressCallback = Callable[[dict], None]


class TrainingCancelled(Exception):
    pass


@dataclass
class TrainingConfig:
    model: TransformerConfig = field(default_factory=TransformerConfig)
    max_tokens_per_batch: int = 6000  # padded source tokens per batch
    max_sentence_tokens: int = 96
    epochs: float = 8.0
    time_limit_minutes: float = 0.0  # 0: no limit
    warmup_steps: int = 800
    peak_learning_rate: float = 1e-3
    label_smoothing: float = 0.1
    checkpoint_minutes: float = 5.0
    eval_every_steps: int = 500
    patience: int = 5  # evaluations without dev improvement before stopping early
    corpus_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CORPUS_WEIGHTS))
    dev_sample_per_corpus: int = 100  # dev lines per corpus used for model selection during training
    average_last: int = 3  # at the end, try the mean of the last evaluations' weights (kept if dev says so)
    seed: int = 1

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "TrainingConfig":
        values = dict(values)
        unknown = sorted(set(values) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(f"unknown training settings: {', '.join(unknown)} (see model/training.py TrainingConfig)")
        model = TransformerConfig.from_dict(values.pop("model", {}))
        return cls(model=model, **values)


# --- hardware ----------------------------------------------------------------------------------------------


def cpu_supports_bfloat16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def tf_config_task() -> tuple[int, int]:
    """(worker index, worker count) from TF_CONFIG; (0, 1) when it names no cluster."""
    tf_config = json.loads(os.environ.get("TF_CONFIG", "{}") or "{}")
    workers = len(tf_config.get("cluster", {}).get("worker", [])) or 1
    return int(tf_config.get("task", {}).get("index", 0)), workers


def wait_for_chief(paths: list[Path], minutes: float = 30) -> None:
    """Workers other than the chief use the data the chief prepares in the shared work folder."""
    deadline = time.time() + minutes * 60
    while not all(path.exists() for path in paths):
        if time.time() > deadline:
            raise TimeoutError(f"the chief worker did not prepare {paths[0].parent} in {minutes} minutes")
        time.sleep(2)


def pick_strategy():
    """One device, MirroredStrategy on several GPUs, MultiWorkerMirroredStrategy when TF_CONFIG names workers."""
    import tensorflow as tf

    if tf_config_task()[1] > 1:
        return tf.distribute.MultiWorkerMirroredStrategy()
    gpus = tf.config.list_physical_devices("GPU")
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def set_precision() -> str:
    """bfloat16 compute where the hardware has it (recent GPUs, AVX-512 BF16 CPUs); float32 elsewhere."""
    import keras
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    policy = "mixed_bfloat16" if (gpus or cpu_supports_bfloat16()) else "float32"
    keras.mixed_precision.set_global_policy(policy)
    return policy


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def hardware_description() -> str:
    import tensorflow as tf

    gpus = [tf.config.experimental.get_device_details(g).get("device_name", g.name) for g in
            tf.config.list_physical_devices("GPU")]
    return f"{os.cpu_count()} CPU cores ({cpu_model()})" + (f", GPUs: {', '.join(gpus)}" if gpus else ", no GPU")


# --- data --------------------------------------------------------------------------------------------------


@dataclass
class EncodedCorpus:
    """Tokenised pairs. src: pieces + EOS; tgt: BOS + pieces + EOS. corpus: index into names."""

    src: list[np.ndarray]
    tgt: list[np.ndarray]
    corpus: np.ndarray
    names: list[str]

    def save(self, path: Path) -> None:
        src_lengths = np.array([len(s) for s in self.src])
        tgt_lengths = np.array([len(t) for t in self.tgt])
        write_atomic(path, lambda tmp: np.savez(
            tmp, src=np.concatenate(self.src), tgt=np.concatenate(self.tgt), src_lengths=src_lengths,
            tgt_lengths=tgt_lengths, corpus=self.corpus, names=np.array(self.names)))

    @classmethod
    def load(cls, path: Path) -> "EncodedCorpus":
        data = np.load(path, allow_pickle=False)
        src = np.split(data["src"], np.cumsum(data["src_lengths"])[:-1])
        tgt = np.split(data["tgt"], np.cumsum(data["tgt_lengths"])[:-1])
        return cls(src, tgt, data["corpus"], [str(n) for n in data["names"]])


def read_training_corpora(paths: list[Path]) -> tuple[dict[str, list[tuple[str, str]]], list[dict]]:
    """{corpus name: clean pairs} and a card entry per corpus (name, pairs, licence, validation report)."""
    corpora, entries = {}, []
    for path in paths:
        report = ValidationReport(source=str(path))
        pairs = list(clean_pairs(iter_rows(path), report))
        name = path.stem if path.is_file() else path.name
        corpora[name] = pairs
        entries.append({"name": name, "pairs": len(pairs), "licence": read_licence(path) if path.is_dir() else
                        "user corpus", "report": report.to_dict()})
    return corpora, entries


def encode_corpora(corpora: dict[str, list[tuple[str, str]]], ko: Tokenizer, en: Tokenizer,
                   max_tokens: int) -> EncodedCorpus:
    src, tgt, corpus, names = [], [], [], list(corpora)
    for index, name in enumerate(names):
        pairs = corpora[name]
        korean = ko.encode_batch([k for k, _ in pairs])
        english = en.encode_batch([e for _, e in pairs])
        for k_ids, e_ids in zip(korean, english):
            if len(k_ids) + 1 > max_tokens or len(e_ids) + 1 > max_tokens:
                continue  # too long to be worth the padding; a few paragraphs of documentation
            src.append(np.array(k_ids + [EOS_ID], dtype=np.int32))
            tgt.append(np.array([BOS_ID] + e_ids + [EOS_ID], dtype=np.int32))
            corpus.append(index)
    return EncodedCorpus(src, tgt, np.array(corpus, dtype=np.int32), names)


def bucket_length(length: int, buckets: tuple[int, ...] = BUCKETS) -> int:
    for bucket in buckets:
        if length <= bucket:
            return bucket
    return buckets[-1]


def epoch_batches(data: EncodedCorpus, weights: np.ndarray, epoch: int, seed: int,
                  max_tokens_per_batch: int, buckets: tuple[int, ...] = BUCKETS) -> list[np.ndarray]:
    """The batches (arrays of pair indices) of one epoch; the same for the same epoch and seed, so a resumed run
    can skip the batches it already trained on."""
    rng = np.random.default_rng([seed, epoch])
    pair_weights = weights[data.corpus]
    whole = np.floor(pair_weights).astype(int)
    indices = np.repeat(np.arange(len(data.src)), whole)
    extra = np.flatnonzero(rng.random(len(data.src)) < pair_weights - whole)
    indices = np.concatenate([indices, extra])
    lengths = np.array([max(len(data.src[i]), len(data.tgt[i]) - 1) for i in indices])
    bucket_of = np.array([bucket_length(n, buckets) for n in lengths])
    batches = []
    for bucket in buckets:
        members = rng.permutation(indices[bucket_of == bucket])
        size = max(1, max_tokens_per_batch // bucket)
        batches.extend(members[start:start + size] for start in range(0, len(members), size))
    order = rng.permutation(len(batches))
    return [batches[i] for i in order]


def make_batch(data: EncodedCorpus, members: np.ndarray,
               buckets: tuple[int, ...] = BUCKETS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width = bucket_length(max(max(len(data.src[i]), len(data.tgt[i]) - 1) for i in members), buckets)
    src = np.full((len(members), width), PAD_ID, np.int32)
    tgt_in = np.full((len(members), width), PAD_ID, np.int32)
    tgt_out = np.full((len(members), width), PAD_ID, np.int32)
    for row, i in enumerate(members):
        s, t = data.src[i], data.tgt[i]
        src[row, : len(s)] = s
        tgt_in[row, : len(t) - 1] = t[:-1]
        tgt_out[row, : len(t) - 1] = t[1:]
    return src, tgt_in, tgt_out


# --- the run -----------------------------------------------------------------------------------------------


class LearningRate:
    """Warmup then inverse square-root decay, as in the paper, with the peak set directly."""

    def __init__(self, peak: float, warmup_steps: int):
        self.peak, self.warmup = peak, max(1, warmup_steps)

    def __call__(self, step):
        from keras import ops  # backend-neutral: the same schedule trains under TensorFlow and JAX

        step = ops.cast(step, "float32") + 1.0
        return self.peak * ops.minimum(step / self.warmup, ops.sqrt(self.warmup / step))


def make_schedule(peak: float, warmup_steps: int):
    import keras

    class WarmupInverseSqrt(keras.optimizers.schedules.LearningRateSchedule):
        def __init__(self):
            self.rate = LearningRate(peak, warmup_steps)

        def __call__(self, step):
            return self.rate(step)

        def get_config(self):
            return {"peak": peak, "warmup_steps": warmup_steps}

    return WarmupInverseSqrt()


def smoothed_loss(logits, targets, smoothing: float):
    """Label-smoothed cross entropy summed over real tokens; returns (sum, token count)."""
    from keras import ops  # backend-neutral, like LearningRate

    log_probs = ops.log_softmax(ops.cast(logits, "float32"), axis=-1)  # (B, T, V)
    nll = -ops.squeeze(ops.take_along_axis(log_probs, ops.expand_dims(targets, -1), axis=-1), -1)  # (B, T)
    uniform = -ops.mean(log_probs, axis=-1)
    loss = (1.0 - smoothing) * nll + smoothing * uniform
    mask = ops.cast(ops.not_equal(targets, PAD_ID), "float32")
    return ops.sum(loss * mask), ops.sum(mask)


def worker_position(strategy) -> tuple[int, int]:
    """(this worker's index, number of workers); (0, 1) outside multi-worker training."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not resolver.cluster_spec().as_dict():
        return 0, 1
    return int(resolver.task_id), len(resolver.cluster_spec().as_dict().get("worker", [None]))


def distributed_batches(strategy, data: EncodedCorpus, batches: list[np.ndarray]):
    """A tf.data pipeline over pre-bucketed batches, split across the strategy's replicas."""
    import tensorflow as tf

    def generate():
        for members in batches:
            yield make_batch(data, members)

    spec = tf.TensorSpec((None, None), tf.int32)
    dataset = tf.data.Dataset.from_generator(generate, output_signature=(spec, spec, spec)).prefetch(4)
    options = tf.data.Options()
    # batches are already divided between workers above; don't let tf.data shard them again
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.OFF
    return strategy.experimental_distribute_dataset(dataset.with_options(options))


def local_values(value) -> list:
    """The per-replica parts of a distributed value (or the value itself on one device)."""
    return list(getattr(value, "values", (value,)))


def make_train_step(strategy, model, optimizer, label_smoothing: float):
    import tensorflow as tf

    replicas = strategy.num_replicas_in_sync
    jit = bool(tf.config.list_physical_devices("GPU"))  # XLA measured slower than plain TF on 2 CPU cores

    def replica_step(src, tgt_in, tgt_out):
        with tf.GradientTape() as tape:
            logits = model((src, tgt_in), training=True)
            loss_sum, tokens = smoothed_loss(logits, tgt_out, label_smoothing)
            loss = loss_sum / tf.maximum(tokens, 1.0) / replicas
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss

    @tf.function(jit_compile=jit, reduce_retracing=True)
    def train_step(src, tgt_in, tgt_out):
        per_replica = strategy.run(replica_step, args=(src, tgt_in, tgt_out))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)

    return train_step


def selection_score(scores: dict) -> float:
    """What "better on dev" means when picking weights: mean BLEU + mean chrF over the dev corpora."""
    return scores["mean"]["bleu"] + scores["mean"]["chrf"]


class Run:
    """One training or fine-tuning run in a work folder."""

    def __init__(self, work_dir: Path, config: TrainingConfig, progress: ProgressCallback | None = None,
                 should_stop: Callable[[], bool] | None = None):
        self.work_dir = Path(work_dir)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.config = config
        self.progress_callback = progress or (lambda event: None)
        self.should_stop = should_stop or (lambda: False)
        self.log_path = self.work_dir / "log.jsonl"

    def emit(self, kind: str, **values) -> None:
        event = {"kind": kind, "time": round(time.time(), 1), **values}
        if self.chief:
            with open(self.log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(event, ensure_ascii=False) + "\n")
        self.progress_callback(event)

    # checkpoint/ holds weights, optimizer state and counters; swapped in whole so it is never half-written
    @property
    def checkpoint_dir(self) -> Path:
        return self.work_dir / "checkpoint"

    def latest_checkpoint(self) -> Path | None:
        for candidate in (self.checkpoint_dir, self.work_dir / "checkpoint.old"):
            if (candidate / "state.json").exists():
                return candidate
        return None

    chief = True  # in multi-worker training only worker 0 writes files

    def save_checkpoint(self, model, optimizer, state: dict) -> None:
        if not self.chief:
            return
        # HDF5 crashes instead of raising on a full disk, so ask first (weights + Adam's two moments, float32)
        check_free_space(self.work_dir, 3 * 4 * model.count_params() + 10_000_000, "a checkpoint")
        tmp, old = self.work_dir / "checkpoint.tmp", self.work_dir / "checkpoint.old"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        model.save_weights(str(tmp / "model.weights.h5"))
        np.savez(tmp / "optimizer.npz", *[np.asarray(v.numpy()) for v in optimizer.variables])
        (tmp / "state.json").write_text(json.dumps(state, indent=2))
        # Only while checkpoint/ exists may checkpoint.old go: after resuming from checkpoint.old it is the only one.
        if self.checkpoint_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(self.checkpoint_dir, old)
        os.replace(tmp, self.checkpoint_dir)
        shutil.rmtree(old, ignore_errors=True)

    def restore_checkpoint(self, model, optimizer, checkpoint: Path) -> dict:
        model.load_weights(str(checkpoint / "model.weights.h5"))
        optimizer.build(model.trainable_variables)
        arrays = np.load(checkpoint / "optimizer.npz", allow_pickle=False)
        for variable, name in zip(optimizer.variables, sorted(arrays.files, key=lambda n: int(n.split("_")[1]))):
            variable.assign(arrays[name])
        return json.loads((checkpoint / "state.json").read_text())

    def train(self, data: EncodedCorpus, weights: np.ndarray, ko: Tokenizer, en: Tokenizer,
              dev: dict[str, tuple[list[str], list[str]]], initial_weights: Path | None = None) -> dict:
        """Train until the epochs, the time limit, early stopping or cancellation; returns the final state.

        The best weights on the dev sample are in work_dir/best.weights.h5.
        """
        import tensorflow as tf

        from .api import translate_sentences
        from .engine import KerasEngine
        from .evaluation import evaluate_sets

        config = self.config
        policy = set_precision()
        strategy = pick_strategy()
        worker, workers = worker_position(strategy)
        # With several workers every stop must be agreed on, so only the planned number of steps ends a run.
        single = workers == 1
        self.chief = worker == 0
        model, optimizer, state = self._build(strategy, initial_weights)
        train_step = make_train_step(strategy, model, optimizer, config.label_smoothing)
        engine = KerasEngine(model)

        def evaluate() -> dict:
            translate = lambda sentences: translate_sentences(engine, ko, en, sentences, beam=1)  # noqa: E731
            return evaluate_sets(translate, dev)

        batches_per_epoch = len(epoch_batches(data, weights, 0, config.seed, config.max_tokens_per_batch))
        steps_per_epoch = batches_per_epoch // workers
        total_steps = int(config.epochs * steps_per_epoch)
        deadline = time.time() + config.time_limit_minutes * 60 if config.time_limit_minutes else math.inf
        self.emit("start", total_steps=total_steps, steps_per_epoch=steps_per_epoch, pairs=len(data.src),
                  precision=policy, replicas=strategy.num_replicas_in_sync, workers=workers,
                  parameters=model.count_params(), hardware=hardware_description())
        last_checkpoint, window_start, window_pairs, window_tokens, losses = time.time(), time.time(), 0, 0, []
        rate = LearningRate(config.peak_learning_rate, config.warmup_steps)
        stop_reason = None
        while stop_reason is None:
            batches = epoch_batches(data, weights, state["epoch"], config.seed, config.max_tokens_per_batch)
            # each worker takes every n-th batch of what is left; all take the same number of steps
            remaining = batches[state["batch_in_epoch"]:]
            mine = remaining[worker::workers][: len(remaining) // workers]
            for src, tgt_in, tgt_out in distributed_batches(strategy, data, mine):
                step_start = time.time()
                loss = float(train_step(src, tgt_in, tgt_out))
                state["train_seconds"] += time.time() - step_start
                state["step"] += 1
                state["batch_in_epoch"] += workers
                losses.append(loss)
                local_src, local_tgt = local_values(src), local_values(tgt_out)
                window_pairs += sum(int(t.shape[0]) for t in local_src) * workers
                window_tokens += sum(int(np.count_nonzero(t)) for t in local_src + local_tgt) * workers
                if not math.isfinite(loss):
                    raise FloatingPointError(f"the loss became {loss} at step {state['step']}; "
                                             "lower the learning rate and start again")
                if state["step"] % 20 == 0:
                    elapsed = max(time.time() - window_start, 1e-6)
                    seconds_per_step = state["train_seconds"] / max(state["step"], 1)
                    eta = min((total_steps - state["step"]) * seconds_per_step, deadline - time.time())
                    self.emit("step", step=state["step"], epoch=state["epoch"] + state["batch_in_epoch"] / len(batches),
                              loss=round(float(np.mean(losses)), 4), learning_rate=float(rate(state["step"])),
                              pairs_per_second=round(window_pairs / elapsed, 1),
                              tokens_per_second=round(window_tokens / elapsed), eta_seconds=round(max(eta, 0)))
                    window_start, window_pairs, window_tokens, losses = time.time(), 0, 0, []
                if dev and self.chief and (state["step"] % config.eval_every_steps == 0 or
                                           state["step"] >= total_steps):
                    stop_reason = self._evaluate_and_select(model, evaluate, state) if single else None
                if state["step"] >= total_steps:
                    stop_reason = stop_reason or "finished"
                elif single and time.time() > deadline:
                    stop_reason = "time limit"
                elif single and self.should_stop():
                    stop_reason = "cancelled"
                if stop_reason or time.time() - last_checkpoint > config.checkpoint_minutes * 60:
                    self.save_checkpoint(model, optimizer, state)
                    last_checkpoint = time.time()
                    self.emit("checkpoint", step=state["step"])
                if stop_reason:
                    break
            else:
                state["epoch"] += 1
                state["batch_in_epoch"] = 0
        if stop_reason == "cancelled":
            self.emit("cancelled", step=state["step"])
            raise TrainingCancelled(f"cancelled at step {state['step']}; start it again to resume")
        evaluated = bool(state["history"]) and state["history"][-1]["step"] == state["step"]
        if dev and self.chief and not evaluated:
            self._evaluate_and_select(model, evaluate, state)
        self.save_checkpoint(model, optimizer, state)
        if dev and self.chief and single:
            self._try_average(model, evaluate, state)
        self.emit("finished", step=state["step"], reason=stop_reason, best_step=state["best_step"],
                  best_score=state["best_score"])
        state["stop_reason"] = stop_reason
        return state

    def _build(self, strategy, initial_weights: Path | None):
        """Model and optimizer in the strategy's scope, restored from the latest checkpoint if there is one."""
        import keras

        from .transformer import Transformer

        config = self.config
        with strategy.scope():
            model = Transformer(config.model).build_all()
            optimizer = keras.optimizers.Adam(
                make_schedule(config.peak_learning_rate, config.warmup_steps),
                beta_1=0.9, beta_2=0.98, epsilon=1e-9, global_clipnorm=1.0,
            )
            checkpoint = self.latest_checkpoint()
            if checkpoint is not None:
                state = self.restore_checkpoint(model, optimizer, checkpoint)
                self.emit("log", message=f"resumed from step {state['step']} (epoch {state['epoch']})")
                return model, optimizer, state
            if initial_weights is not None:
                model.load_weights(str(initial_weights))
            optimizer.build(model.trainable_variables)
        state = {"step": 0, "epoch": 0, "batch_in_epoch": 0, "best_score": None, "best_step": None,
                 "evals_without_gain": 0, "train_seconds": 0.0, "history": []}
        return model, optimizer, state

    @property
    def snapshot_dir(self) -> Path:
        return self.work_dir / "snapshots"

    def _snapshots(self) -> list[Path]:
        return sorted(self.snapshot_dir.glob("step-*.weights.h5"), key=lambda p: int(p.name.split("-")[1].split(".")[0]))

    def _try_average(self, model, evaluate, state: dict) -> None:
        """Checkpoint averaging: the mean of the last snapshots often beats each of them; keep it only if dev agrees."""
        snapshots = self._snapshots()[-self.config.average_last:]
        if len(snapshots) < 2:
            return
        total = None
        for path in snapshots:
            model.load_weights(str(path))
            weights = model.get_weights()
            total = weights if total is None else [t + w for t, w in zip(total, weights)]
        model.set_weights([t / len(snapshots) for t in total])
        scores = evaluate()
        improved = selection_score(scores) > state["best_score"]
        if improved:
            self._save_weights(model, self.work_dir / "best.weights.h5")
            state["best_score"] = selection_score(scores)
            state["best_step"] = f"mean of steps {', '.join(p.name.split('-')[1].split('.')[0] for p in snapshots)}"
        self.emit("eval", step=state["step"], dev=scores, best=improved, averaged=len(snapshots))

    def _save_weights(self, model, path: Path) -> None:
        tmp = path.with_name("tmp-" + path.name)
        model.save_weights(str(tmp))
        os.replace(tmp, path)

    def _evaluate_and_select(self, model, evaluate, state: dict) -> str | None:
        """Score the dev sample; keep the weights if they are the best so far. Returns 'early stop' or None."""
        started = time.time()
        self.snapshot_dir.mkdir(exist_ok=True)
        self._save_weights(model, self.snapshot_dir / f"step-{state['step']}.weights.h5")
        for old in self._snapshots()[:-self.config.average_last]:
            old.unlink()
        scores = evaluate()
        score = selection_score(scores)
        improved = state["best_score"] is None or score > state["best_score"]
        if improved:
            self._save_weights(model, self.work_dir / "best.weights.h5")
            state["best_score"], state["best_step"], state["evals_without_gain"] = score, state["step"], 0
        else:
            state["evals_without_gain"] += 1
        state["history"].append({"step": state["step"], "dev": scores})
        self.emit("eval", step=state["step"], dev=scores, best=improved, seconds=round(time.time() - started, 1))
        return "early stop" if state["evals_without_gain"] >= self.config.patience else None


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- whole runs: from scratch and fine-tuning --------------------------------------------------------------


def corpus_weight(name: str, weights: dict[str, float]) -> float:
    """The weight of the first key (name or shell pattern) that matches; 1.0 when none does."""
    for pattern, weight in weights.items():
        if fnmatch.fnmatchcase(name, pattern):
            return float(weight)
    return 1.0


def corpus_weights(names: list[str], config: TrainingConfig, user_corpora: set[str] = frozenset()) -> np.ndarray:
    """Per-corpus draw weights; a user's own corpora (fine-tuning) are drawn once an epoch unless named in the
    config."""
    def weight(name: str) -> float:
        if name in user_corpora and name not in config.corpus_weights:
            return 1.0
        return corpus_weight(name, config.corpus_weights)

    return np.array([weight(name) for name in names], dtype=np.float64)


def record_weights(corpora: list[dict], names: list[str], weights: np.ndarray) -> None:
    """The card says how often each corpus was drawn per epoch."""
    by_name = dict(zip(names, weights.tolist()))
    for entry in corpora:
        entry["weight"] = by_name.get(entry["name"], 0.0)


def final_card(bundle_name: str, config: TrainingConfig, corpora: list[dict], state: dict, dev_scores: dict,
               beam: int, ko: Tokenizer, en: Tokenizer, base_card: dict | None = None) -> dict:
    history = list((base_card or {}).get("history", []))
    if base_card:
        history.append({"name": base_card.get("name"), "date": base_card.get("date"),
                        "dev": base_card.get("dev_scores")})
    return {
        "name": bundle_name,
        "date": now_iso(),
        "base_model": base_card.get("name") if base_card else None,
        "corpora": [{k: v for k, v in entry.items() if k != "report"} for entry in corpora],
        "training": {**config.to_dict(), "steps": state["step"], "best_step": state["best_step"],
                     "stop_reason": state.get("stop_reason"),
                     "train_seconds": round(state["train_seconds"]), "hardware": hardware_description()},
        "tokenizer": {"type": "SentencePiece unigram, byte fallback", "ko_vocab_size": ko.vocab_size,
                      "en_vocab_size": en.vocab_size, "whole_pieces": PLACEHOLDERS},
        "decoding": {"beam": beam, "length_penalty_alpha": LENGTH_PENALTY_ALPHA},
        "dev_scores": dev_scores,
        "dev_curve": state["history"],
        "history": history,
    }


def evaluate_full_dev(weights: Path, model_config: TransformerConfig, ko: Tokenizer, en: Tokenizer,
                      dev_root: Path | None, beam: int) -> dict:
    if dev_root is None:
        return {}
    import keras

    from .api import translate_sentences
    from .engine import KerasEngine
    from .evaluation import dev_sets, evaluate_sets
    from .transformer import Transformer

    keras.mixed_precision.set_global_policy("float32")  # score what the app will run
    model = Transformer(model_config).build_all()
    model.load_weights(str(weights))
    engine = KerasEngine(model)
    return evaluate_sets(lambda lines: translate_sentences(engine, ko, en, lines, beam), dev_sets(dev_root))


def train_from_scratch(data_root: Path, dev_root: Path | None, output: Path, work_dir: Path,
                       config: TrainingConfig, progress=None, should_stop=None, final_beam: int = 4) -> Path:
    from . import bundle as bundles
    from .evaluation import dev_sets

    run = Run(work_dir, config, progress, should_stop)
    data_path, corpora_path = work_dir / "data.npz", work_dir / "corpora.json"
    chief = tf_config_task()[0] == 0
    if not chief:
        wait_for_chief([data_path, work_dir / "ko.model", work_dir / "en.model", corpora_path])
    if data_path.exists() and (work_dir / "ko.model").exists():
        ko, en = Tokenizer.load(work_dir / "ko.model"), Tokenizer.load(work_dir / "en.model")
        data, corpora = EncodedCorpus.load(data_path), json.loads(corpora_path.read_text())
    else:
        run.emit("log", message=f"reading corpora under {data_root}")
        texts, corpora = read_training_corpora(corpus_folders(data_root))
        run.emit("log", message=f"{sum(len(p) for p in texts.values())} clean pairs; training tokenizers")
        ko = Tokenizer.train((k for pairs in texts.values() for k, _ in pairs), config.model.src_vocab_size,
                             character_coverage=0.9995)
        en = Tokenizer.train((e for pairs in texts.values() for _, e in pairs), config.model.tgt_vocab_size)
        data = encode_corpora(texts, ko, en, config.max_sentence_tokens)
        ko.save(work_dir / "ko.model")
        en.save(work_dir / "en.model")
        write_json_atomic(corpora_path, corpora)
        data.save(data_path)
    config.model.src_vocab_size, config.model.tgt_vocab_size = ko.vocab_size, en.vocab_size
    write_json_atomic(work_dir / "config.json", config.to_dict())
    dev = dev_sets(dev_root, config.dev_sample_per_corpus) if dev_root else {}
    weights = corpus_weights(data.names, config)
    record_weights(corpora, data.names, weights)
    state = run.train(data, weights, ko, en, dev)
    if not chief:
        return output  # the chief scores the model and writes the bundle
    best = work_dir / "best.weights.h5" if (work_dir / "best.weights.h5").exists() else None
    weights = best or work_dir / "checkpoint" / "model.weights.h5"
    run.emit("log", message=f"scoring the full dev set with beam {final_beam}")
    scores = evaluate_full_dev(weights, config.model, ko, en, dev_root, final_beam)
    card = final_card(output.name, config, corpora, state, scores, final_beam, ko, en)
    card["dev_sets"] = str(dev_root) if dev_root else None
    path = bundles.save(output, config.model, weights, ko, en, card)
    run.emit("bundle", path=str(path), dev=scores)
    return path


def finetune_bundle(base: Path, corpora_paths: list[Path], output: Path, work_dir: Path,
                    mix_data_root: Path | None, dev_root: Path | None, config: TrainingConfig, progress=None,
                    should_stop=None, final_beam: int = 4) -> Path:
    """Same loop, starting from a bundle's weights and vocabularies; the base bundle is only read."""
    from . import bundle as bundles
    from .evaluation import dev_sets

    base_bundle = bundles.load(base)
    config.model = base_bundle.config
    run = Run(work_dir, config, progress, should_stop)
    ko, en = base_bundle.ko, base_bundle.en
    data_path, corpora_path = work_dir / "data.npz", work_dir / "corpora.json"
    user_names = {path.stem if path.is_file() else path.name for path in corpora_paths}
    if data_path.exists():
        data, corpora = EncodedCorpus.load(data_path), json.loads(corpora_path.read_text())
    else:
        texts, corpora = read_training_corpora(corpora_paths)
        if mix_data_root is not None:
            mixed, mixed_entries = read_training_corpora(corpus_folders(mix_data_root))
            texts.update({name: pairs for name, pairs in mixed.items() if name not in user_names})
            corpora += mixed_entries
        data = encode_corpora(texts, ko, en, config.max_sentence_tokens)
        write_json_atomic(corpora_path, corpora)
        data.save(data_path)
    if len(data.src) == 0:
        raise ValueError("the corpus has no usable pairs; see its validation report")
    dev = dev_sets(dev_root, config.dev_sample_per_corpus) if dev_root else {}
    weights = corpus_weights(data.names, config, user_names)
    record_weights(corpora, data.names, weights)
    state = run.train(data, weights, ko, en, dev,
                      initial_weights=base_bundle.weights_path)
    best = work_dir / "best.weights.h5"
    weights = best if best.exists() else work_dir / "checkpoint" / "model.weights.h5"
    scores = evaluate_full_dev(weights, config.model, ko, en, dev_root, final_beam)
    card = final_card(output.name, config, corpora, state, scores, final_beam, ko, en, base_card=base_bundle.card)
    path = bundles.save(output, config.model, weights, ko, en, card)
    run.emit("bundle", path=str(path), dev=scores)
    return path
