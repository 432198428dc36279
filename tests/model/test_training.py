import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model import bundle as bundles
from model.tokenizer import BOS_ID, EOS_ID, PAD_ID
from model.config import TrainingConfig
from model.training.data import EncodedCorpus, corpus_weights, epoch_batches, make_batch

from support import REPO, run_cli, write_pairs


def events(work_dir, kind):
    lines = (work_dir / "log.jsonl").read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e["kind"] == kind]


def test_tiny_training_run_lowers_the_loss_and_writes_a_verified_bundle(tiny_bundle):
    steps = events(tiny_bundle.parent / "work", "step")
    assert len(steps) >= 2
    assert steps[-1]["loss"] < steps[0]["loss"] - 0.5
    loaded = bundles.load(tiny_bundle)
    assert loaded.card["training"]["steps"] > 0
    assert set(loaded.card["dev_scores"]) == {"tiny", "mean"}
    assert loaded.card["corpora"][0]["name"] == "tiny"
    assert loaded.card["corpora"][0]["weight"] == 1.0  # conftest's "*": 1.0
    assert loaded.card["training"]["corpus_weights"] == {"*": 1.0}


def test_corpus_weights_come_from_the_config_first_matching_key_wins():
    config = TrainingConfig(corpus_weights={"tatoeba": 3.0, "bible_*": 0.33, "*": 0.5})
    names = ["tatoeba", "bible_krv1961", "bible_web_kids", "vlc_mo", "mine"]
    assert corpus_weights(names, config, user_corpora={"mine"}).tolist() == [3.0, 0.33, 0.33, 0.5, 1.0]
    # a user's corpus named in the config takes the config's weight; with no matching key a corpus counts once
    named = TrainingConfig(corpus_weights={"mine": 2.0, "tatoeba": 3.0})
    assert corpus_weights(["mine", "vlc_mo"], named, user_corpora={"mine"}).tolist() == [2.0, 1.0]


def test_a_config_with_an_unknown_setting_is_refused():
    with pytest.raises(ValueError, match="unknown training settings: general_weight"):
        TrainingConfig.from_dict({"general_weight": 3.0})


def test_batches_are_bucketed_deterministic_and_cover_the_epoch():
    rng = np.random.default_rng(0)
    src = [rng.integers(4, 50, n).astype(np.int32) for n in rng.integers(2, 40, 300)]
    tgt = [np.concatenate([[BOS_ID], rng.integers(4, 50, n), [EOS_ID]]).astype(np.int32)
           for n in rng.integers(1, 38, 300)]
    data = EncodedCorpus(src, tgt, np.zeros(300, np.int32), ["c"])
    weights = np.array([1.0])
    batches = epoch_batches(data, weights, epoch=0, seed=1, max_tokens_per_batch=256)
    again = epoch_batches(data, weights, epoch=0, seed=1, max_tokens_per_batch=256)
    assert all((a == b).all() for a, b in zip(batches, again))
    assert sorted(np.concatenate(batches).tolist()) == list(range(300))
    shapes = set()
    for members in batches:
        source, target_in, target_out = make_batch(data, members)
        assert source.shape[0] * source.shape[1] <= 256 or len(members) == 1
        assert (target_in[:, 0] == BOS_ID).all()
        assert ((target_in != PAD_ID).sum(1) == (target_out != PAD_ID).sum(1)).all()
        shapes.add(source.shape[1])
    assert shapes <= {8, 12, 16, 24, 32, 48, 64, 96}


def test_a_checkpoint_swap_interrupted_after_resuming_from_the_old_one_keeps_it(tmp_path, monkeypatch):
    """Killing a run resumed from checkpoint.old must not lose it: it is the only checkpoint there is.
    (Killing runs at random points is tests/test_reliability_training.py.)"""
    import keras

    from model.config import TransformerConfig
    from model.training.trainer import Run
    from model.transformer import Transformer

    model = Transformer(TransformerConfig(src_vocab_size=50, tgt_vocab_size=50, d_model=16, num_heads=2, d_ff=32,
                                          num_encoder_layers=1, num_decoder_layers=1, max_len=16)).build_all()
    optimizer = keras.optimizers.Adam()
    optimizer.build(model.trainable_variables)
    run = Run(tmp_path, TrainingConfig())
    run.save_checkpoint(model, optimizer, {"step": 1})
    (tmp_path / "checkpoint").rename(tmp_path / "checkpoint.old")  # a kill left only the old one
    assert run.latest_checkpoint() == tmp_path / "checkpoint.old"

    real_replace = os.replace

    def killed_before_the_new_one_is_in_place(source, target):
        if Path(source).name == "checkpoint.tmp":
            raise KeyboardInterrupt("killed")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", killed_before_the_new_one_is_in_place)
    with pytest.raises(KeyboardInterrupt):
        run.save_checkpoint(model, optimizer, {"step": 2})
    monkeypatch.setattr(os, "replace", real_replace)
    assert json.loads((run.latest_checkpoint() / "state.json").read_text()) == {"step": 1}


def test_finetune_writes_a_new_bundle_and_leaves_the_base_untouched(tmp_path, tiny_bundle, tiny_config_file):
    before = (tiny_bundle / "checksums.json").read_text()
    user = write_pairs(tmp_path / "mine", [("사과를 먹어요.", "I eat an apple.")] * 20, stem="mine")
    result = run_cli("finetune", "--model", str(tiny_bundle), "--corpus", str(user / "mine.ko"), "--output",
                     str(tmp_path / "tuned"), "--config", str(tiny_config_file), "--epochs", "3", "--no-dev")
    assert result.returncode == 0, result.stderr[-2000:]
    tuned = bundles.load(tmp_path / "tuned")
    assert tuned.card["base_model"] == "bundle"
    assert (tmp_path / "tuned" / "ko.model").read_bytes() == (tiny_bundle / "ko.model").read_bytes()
    assert (tiny_bundle / "checksums.json").read_text() == before
    bundles.verify(tiny_bundle)


def test_finetune_on_mixed_corpora_alone_continues_training_the_model(tmp_path, tiny_bundle, tiny_corpus,
                                                                       tiny_config_file):
    weights = tmp_path / "weights.json"
    weights.write_text(json.dumps({**json.loads(tiny_config_file.read_text()), "corpus_weights": {"tiny": 0.5}}))
    result = run_cli("finetune", "--model", str(tiny_bundle), "--mix-data", str(tiny_corpus.parent), "--output",
                     str(tmp_path / "continued"), "--config", str(weights), "--epochs", "2", "--no-dev")
    assert result.returncode == 0, result.stderr[-2000:]
    card = bundles.load(tmp_path / "continued").card
    assert [(c["name"], c["weight"]) for c in card["corpora"]] == [("tiny", 0.5)]
    refused = run_cli("finetune", "--model", str(tiny_bundle), "--output", str(tmp_path / "nothing"))
    assert refused.returncode == 1 and "finetune needs --corpus" in refused.stderr


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_two_local_workers_train_together_with_multiworker_mirrored_strategy(tmp_path, tiny_corpus,
                                                                              tiny_config_file):
    workers = [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]
    command = [sys.executable, "-m", "model.cli", "train", "--data", str(tiny_corpus.parent), "--no-dev",
               "--output", str(tmp_path / "bundle"), "--work-dir", str(tmp_path / "work"),
               "--config", str(tiny_config_file), "--epochs", "4", "--progress-json"]
    processes = []
    for index in range(2):
        tf_config = json.dumps({"cluster": {"worker": workers}, "task": {"type": "worker", "index": index}})
        processes.append(subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          text=True, env={**os.environ, "PYTHONPATH": str(REPO),
                                                          "TF_CONFIG": tf_config}))
    outputs = [process.communicate(timeout=600) for process in processes]
    for process, (_, stderr) in zip(processes, outputs):
        assert process.returncode == 0, stderr[-3000:]
    start = [json.loads(line) for line in outputs[0][0].splitlines() if '"start"' in line][0]
    assert start["workers"] == 2 and start["replicas"] == 2
    bundles.verify(tmp_path / "bundle")


def test_the_time_limit_counts_the_whole_run_across_resumes(tmp_path, tiny_bundle, tiny_corpus, tiny_config_file):
    work = tmp_path / "work"
    shutil.copytree(tiny_bundle.parent / "work", work)
    state_path = work / "checkpoint" / "state.json"
    state = json.loads(state_path.read_text())
    assert state["stop_reason"] == "finished"  # a finished run started again goes straight to its ending
    del state["stop_reason"]
    state["run_seconds"] = 3600.0  # as if the earlier sessions had used an hour of a 2-minute limit
    state_path.write_text(json.dumps(state))
    result = run_cli("train", "--data", str(tiny_corpus.parent), "--no-dev", "--output", str(tmp_path / "bundle"),
                     "--work-dir", str(work), "--config", str(tiny_config_file), "--epochs", "100",
                     "--time-limit-minutes", "2")
    assert result.returncode == 0, result.stderr[-2000:]
    finished = events(work, "finished")[-1]
    assert finished["reason"] == "time limit" and finished["step"] == state["step"] + 1


def test_the_same_pipeline_trains_and_translates_english_to_korean(tiny_reverse_bundle, tiny_corpus):
    """A language pair in the config: the tiny corpus trained the other way round gives a bundle that says so,
    is scored on dev reversed (Korean references), and passes through lines without Latin letters."""
    from model.evaluation import dev_sets
    from model.translate import Translator

    loaded = bundles.load(tiny_reverse_bundle)
    assert loaded.config.pair == "en->ko" and loaded.card["languages"] == "en->ko"
    assert loaded.source_tokenizer is loaded.en and loaded.target_tokenizer is loaded.ko
    assert loaded.config.src_vocab_size == loaded.en.vocab_size
    sources, references = dev_sets(tiny_corpus.parent, 3, "en")["tiny"]
    assert sources[0] == "The cat is sleeping." and references[0] == "고양이가 자고 있어요."
    assert set(loaded.card["dev_scores"]) == {"tiny", "mean"}
    translator = Translator(tiny_reverse_bundle)
    translation = translator.translate("The cat is sleeping.\n고양이 123")
    assert translation.text.split("\n")[1] == "고양이 123"  # no Latin letters: passed through
    assert translator.src is translator.bundle.en and translator.tgt is translator.bundle.ko
    assert translation.sentences[0].source_pieces == loaded.en.pieces(loaded.en.encode("The cat is sleeping.")
                                                                       + [EOS_ID])


def test_a_run_continues_on_a_new_machine_from_its_committed_snapshot(tmp_path, tiny_bundle, tiny_corpus,
                                                                      tiny_config_file):
    """The snapshot (float16 weights, counters, tokenizers) seeds an empty work folder: the run goes on at the
    same step with a fresh optimizer that warms up again, and the log says it came from the snapshot."""
    from model.training.trainer import Run

    old_work = tmp_path / "old"
    shutil.copytree(tiny_bundle.parent / "work", old_work)
    snapshot = Run(old_work, TrainingConfig()).write_snapshot(tmp_path / "snapshots" / "tiny")
    assert sorted(p.name for p in snapshot.iterdir()) == ["config.json", "en.model", "ko.model",
                                                         "model.weights.h5", "state.json"]
    import h5py

    with h5py.File(snapshot / "model.weights.h5") as weights:
        dtypes = set()
        weights.visititems(lambda name, item: dtypes.add(item.dtype) if isinstance(item, h5py.Dataset) else None)
    assert np.dtype("float16") in dtypes and np.dtype("float32") not in dtypes
    state = json.loads((snapshot / "state.json").read_text())

    new_work = tmp_path / "new"
    (new_work / "seed").mkdir(parents=True)  # what scripts/long_run.py start does on a machine without the run
    for name in ("model.weights.h5", "state.json"):
        shutil.copy2(snapshot / name, new_work / "seed" / name)
    for name in ("ko.model", "en.model"):
        shutil.copy2(snapshot / name, new_work / name)
    result = run_cli("train", "--data", str(tiny_corpus.parent), "--no-dev", "--output", str(tmp_path / "bundle"),
                     "--work-dir", str(new_work), "--config", str(tiny_config_file), "--epochs",
                     str(state["epoch"] + 2))
    assert result.returncode == 0, result.stderr[-2000:]
    resumed = [e for e in events(new_work, "log") if e.get("resumed_from")]
    assert resumed == [resumed[0]] and resumed[0]["resumed_from"] == "snapshot"
    assert resumed[0]["step"] == state["step"]
    steps = events(new_work, "step")
    assert steps[0]["step"] == state["step"] + 1
    # the fresh optimizer's rate starts near zero and climbs over rewarm_steps (200 by default)
    assert steps[0]["learning_rate"] < 0.02 * TrainingConfig.from_dict(
        json.loads(tiny_config_file.read_text())).peak_learning_rate
    assert (new_work / "ko.model").read_bytes() == (old_work / "ko.model").read_bytes()
    assert bundles.load(tmp_path / "bundle").card["training"]["steps"] > state["step"]
