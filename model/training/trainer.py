"""The training loop of one run in a work folder: steps, checkpoints, dev selection, averaging.

A run lives in a work folder:
  tokenizers (ko.model, en.model), data.npz (tokenised pairs), checkpoint/ (latest weights, optimizer, state),
  best.weights.h5 (best on dev so far), snapshots/ (weights at the last evaluations, for averaging),
  log.jsonl (every progress event).
Starting a run on a work folder that already has a checkpoint resumes it, so a run killed at any moment (even with
SIGKILL) continues from its last checkpoint."""

from __future__ import annotations

import json
import math
import os
import shutil
import time
from pathlib import Path
from typing import Callable

import numpy as np

from ..config import TrainingConfig
from ..files import check_free_space
from ..tokenizer import Tokenizer
from .data import EncodedCorpus, distributed_batches, epoch_batches
from .hardware import hardware_description, local_values, pick_strategy, set_precision, worker_position
from .objective import LearningRate, make_optimizer, selection_score, smoothed_loss

ProgressCallback = Callable[[dict], None]


class TrainingCancelled(Exception):
    pass


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

        from ..engine import KerasEngine
        from ..evaluation import evaluate_sets
        from ..translate import Translator

        config = self.config
        strategy = pick_strategy()  # first: collective ops must be configured before any other TensorFlow op
        worker, workers = worker_position(strategy)
        policy, speeds = set_precision(measure=workers == 1)
        # With several workers every stop must be agreed on, so only the planned number of steps ends a run.
        single = workers == 1
        self.chief = worker == 0
        model, optimizer, state = self._build(strategy, initial_weights)
        if state.get("stop_reason"):
            self.emit("log", message=f"training had already ended ({state['stop_reason']}) at step {state['step']}")
            return state
        train_step = make_train_step(strategy, model, optimizer, config.label_smoothing)
        translator = Translator.for_engine(KerasEngine(model), ko, en, config.model)

        def evaluate() -> dict:  # greedy on the dev sample: cheap enough to run every eval_every_steps
            return evaluate_sets(lambda sentences: translator.translate_lines(sentences, beam=1), dev)

        batches_per_epoch = len(epoch_batches(data, weights, 0, config.seed, config.max_tokens_per_batch))
        steps_per_epoch = batches_per_epoch // workers
        total_steps = int(config.epochs * steps_per_epoch)
        # the time limit counts the whole run, across resumes: run_seconds is kept in the checkpoint
        resumed_at, seconds_before = time.time(), state.get("run_seconds", 0.0)
        deadline = resumed_at + config.time_limit_minutes * 60 - seconds_before if config.time_limit_minutes \
            else math.inf
        self.emit("start", total_steps=total_steps, steps_per_epoch=steps_per_epoch, pairs=len(data.src),
                  precision=policy, matmul_gflops=speeds, replicas=strategy.num_replicas_in_sync, workers=workers,
                  parameters=model.count_params(), hardware=hardware_description())
        last_checkpoint, window_start, window_pairs, window_tokens, losses = time.time(), time.time(), 0, 0, []
        rate = LearningRate(config.peak_learning_rate, config.warmup_steps, state.get("rewarm_from"),
                            config.rewarm_steps)
        stop_reason = None
        first_step = state["step"] + 1
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
                state["run_seconds"] = seconds_before + time.time() - resumed_at
                state["batch_in_epoch"] += workers
                losses.append(loss)
                local_src, local_tgt = local_values(src), local_values(tgt_out)
                window_pairs += sum(int(t.shape[0]) for t in local_src) * workers
                window_tokens += sum(int(np.count_nonzero(t)) for t in local_src + local_tgt) * workers
                if not math.isfinite(loss):
                    raise FloatingPointError(f"the loss became {loss} at step {state['step']}; "
                                             "lower the learning rate and start again")
                # every 20 steps, and the first and last step, so a run of a few steps has a curve too
                if state["step"] % 20 == 0 or state["step"] in (first_step, total_steps):
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
        if dev and self.chief and single:
            self._try_average(model, evaluate, state)
        state["stop_reason"] = stop_reason  # a run started again after this goes straight to its ending
        self.save_checkpoint(model, optimizer, state)
        self.emit("finished", step=state["step"], reason=stop_reason, best_step=state["best_step"],
                  best_score=state["best_score"])
        return state

    @property
    def seed_dir(self) -> Path:
        """A committed snapshot to continue from when the work folder has no checkpoint (a new machine)."""
        return self.work_dir / "seed"

    def _build(self, strategy, initial_weights: Path | None):
        """Model and optimizer in the strategy's scope, restored from the latest checkpoint if there is one, else
        from a snapshot in seed/ (weights and counters, a fresh optimizer that warms up again)."""
        from ..transformer import Transformer

        config = self.config
        checkpoint = self.latest_checkpoint()
        state = None
        if checkpoint is not None:
            state = json.loads((checkpoint / "state.json").read_text())
        elif (self.seed_dir / "state.json").exists():
            state = json.loads((self.seed_dir / "state.json").read_text())
            # the best weights and the averaging snapshots stayed on the old machine: selection starts again
            state.update(rewarm_from=state["step"], stop_reason=None, best_score=None, best_step=None,
                         evals_without_gain=0)
        with strategy.scope():
            model = Transformer(config.model).build_all()
            optimizer = make_optimizer(config, state.get("rewarm_from") if state else None)
            if checkpoint is not None:
                self.restore_checkpoint(model, optimizer, checkpoint)
                self.emit("log", message=f"resumed from step {state['step']} (epoch {state['epoch']})",
                          resumed_from="checkpoint", step=state["step"])
                return model, optimizer, state
            if state is not None:
                model.load_weights(str(self.seed_dir / "model.weights.h5"))
                optimizer.build(model.trainable_variables)
                optimizer.iterations.assign(state["step"])
                self.emit("log", message=f"continued from the committed snapshot at step {state['step']} with a "
                          f"fresh optimizer (warm-up over {config.rewarm_steps} steps)",
                          resumed_from="snapshot", step=state["step"])
                return model, optimizer, state
            if initial_weights is not None:
                model.load_weights(str(initial_weights))
            optimizer.build(model.trainable_variables)
        state = {"step": 0, "epoch": 0, "batch_in_epoch": 0, "best_score": None, "best_step": None,
                 "evals_without_gain": 0, "train_seconds": 0.0, "run_seconds": 0.0, "history": []}
        return model, optimizer, state

    def write_snapshot(self, target: Path) -> Path:
        """The latest checkpoint's weights in float16 (no optimizer: a third of the size) and its counters, in
        `target` (replaced whole), for a later session on another machine to continue from (seed/)."""
        from ..bundle import write_float16_weights
        from ..files import write_json_atomic

        checkpoint = self.latest_checkpoint()
        if checkpoint is None:
            raise FileNotFoundError(f"{self.work_dir}: no checkpoint to take a snapshot of")
        target = Path(target)
        tmp = target.with_name(target.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        write_float16_weights(checkpoint / "model.weights.h5", tmp / "model.weights.h5")
        state = json.loads((checkpoint / "state.json").read_text())
        write_json_atomic(tmp / "state.json", state)
        for name in ("ko.model", "en.model", "config.json"):  # a run from scratch made its own tokenizers
            if (self.work_dir / name).exists():
                shutil.copy2(self.work_dir / name, tmp / name)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        return target

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
