"""Training survives being killed, a full disk and GPU trouble; and it never touches the network.

The kill test runs the real `hanyeong train` (tiny config, a checkpoint every step) in subprocesses that load the
no-network guard (tests/no_network_site), so the same runs also prove that training and the LiteRT export of the
bundle open no socket.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model import bundle as bundles

from support import REPO, SHIPPED_MODEL, tree_hashes

GUARD_SITE = Path(__file__).resolve().parent.parent / "no_network_site"
sys.path.insert(0, str(GUARD_SITE))
import no_network_guard  # noqa: E402


def guarded_env(log: Path) -> dict:
    """Environment of a subprocess that refuses (and records) network access."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(GUARD_SITE), str(REPO)]),
            "HANYEONG_NO_NETWORK_LOG": str(log)}


def events(work: Path, kind: str) -> list[dict]:
    """Logged events of one kind; a line cut short by a kill is skipped."""
    if not (work / "log.jsonl").exists():
        return []
    found = []
    for line in (work / "log.jsonl").read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("kind") == kind:
            found.append(event)
    return found


def checkpoint_step(work: Path) -> int | None:
    for folder in ("checkpoint", "checkpoint.old"):
        state = work / folder / "state.json"
        if state.exists():
            return json.loads(state.read_text())["step"]
    return None


def wait_for(condition, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    raise AssertionError("the run did not get there in time")


def test_training_killed_three_times_at_random_points_and_a_full_disk_still_ends_with_a_valid_bundle(
        tmp_path, tiny_corpus, tiny_config_file):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    config = json.loads(tiny_config_file.read_text())
    config.update(epochs=40, eval_every_steps=10_000)
    config_path = tmp_path / "config.json"
    config_path.write_text(json.dumps(config))
    work, output, net_log = tmp_path / "work", tmp_path / "bundle", tmp_path / "network.log"
    command = [sys.executable, "-m", "model.cli", "train", "--data", str(tiny_corpus.parent), "--no-dev",
               "--output", str(output), "--work-dir", str(work), "--config", str(config_path)]
    active = tree_hashes(SHIPPED_MODEL)
    steps_at_kill = []
    for attempt in range(3):
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=guarded_env(net_log))
        if attempt == 0:  # anywhere in start-up: imports, reading the corpus, tokenizers, the first steps
            time.sleep(rng.uniform(1.0, 8.0))
        else:  # mid-run: after a random number of further checkpoints, then a random fraction of a step
            seen = len(events(work, "checkpoint"))
            more = rng.randint(2, 12)
            wait_for(lambda: len(events(work, "checkpoint")) >= seen + more, 240, process)
            time.sleep(rng.uniform(0.0, 0.3))
        assert process.poll() is None, f"run {attempt + 1} ended before the kill (seed {seed})"
        process.send_signal(signal.SIGKILL)
        process.wait()
        steps_at_kill.append(checkpoint_step(work))
        assert not output.exists(), f"a bundle appeared before the run finished (seed {seed})"
        assert tree_hashes(SHIPPED_MODEL) == active, "the active model changed"
    assert steps_at_kill[-1] is not None and steps_at_kill[-1] >= 2, (steps_at_kill, seed)

    # A full disk while writing a checkpoint: the write fails (here: a file-size limit, which even root cannot
    # escape); the previous checkpoint stays exactly as it was and the run can go on later.
    checkpoint = work / "checkpoint"
    before = tree_hashes(checkpoint)
    limit = 120_000
    assert (checkpoint / "model.weights.h5").stat().st_size > limit > 4 * (work / "log.jsonl").stat().st_size

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    full = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, preexec_fn=small_disk,
                          env=guarded_env(net_log))
    assert full.returncode != 0
    assert tree_hashes(checkpoint) == before, "the previous checkpoint was damaged by the failed write"
    assert not output.exists()

    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, env=guarded_env(net_log))
    assert result.returncode == 0, result.stderr[-3000:]
    resumed = [e["message"] for e in events(work, "log") if e["message"].startswith("resumed from step")]
    assert len(resumed) >= 3, (resumed, steps_at_kill, seed)
    assert int(resumed[-1].split()[3]) >= steps_at_kill[-1]
    loaded = bundles.load(output)  # checksums, format version, tokenizers
    assert loaded.card["training"]["steps"] >= steps_at_kill[-1]
    from model.api import Translator

    assert len(Translator(output).translate("고양이가 자고 있어요.\n\n물 좀 주세요.", beam=1).lines) == 3
    assert tree_hashes(SHIPPED_MODEL) == active, "the active model changed"
    assert not list(tmp_path.glob("*.partial"))
    attempts = net_log.read_text().splitlines() if net_log.exists() else []
    assert no_network_guard.violations(attempts) == [], attempts


@pytest.mark.parametrize("error", [
    ("ResourceExhaustedError", "OOM when allocating tensor with shape[4096,8000] and type float on "
                               "/job:localhost/replica:0/task:0/device:GPU:0"),
    ("InternalError", "CUDA runtime implicit initialization on GPU:0 failed. Status: CUDA driver version is "
                      "insufficient for CUDA runtime version"),
    ("NotFoundError", "DNN library is not found."),
])
def test_gpu_trouble_stops_the_run_with_what_to_do_and_keeps_the_checkpoint(tmp_path, monkeypatch, capsys, error):
    import tensorflow as tf

    from model import api, cli

    kind, message = error
    work = tmp_path / "work"
    (work / "checkpoint").mkdir(parents=True)
    (work / "checkpoint" / "state.json").write_text('{"step": 7}')
    before = tree_hashes(work)

    def fail(*args, **kwargs):
        raise getattr(tf.errors, kind)(None, None, message)

    monkeypatch.setattr(api, "train", fail)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = cli.main(["train", "--data", str(tmp_path), "--no-dev", "--output", str(tmp_path / "out"),
                         "--work-dir", str(work)])
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert code == cli.EXIT_DEVICE
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hanyeong: the GPU")
    assert "CUDA_VISIBLE_DEVICES=" in lines[0] and "checkpoint is kept" in lines[0]
    if kind == "ResourceExhaustedError":
        assert "--max-tokens-per-batch" in lines[0]
    assert tree_hashes(work) == before


def test_training_refuses_to_start_on_a_full_disk_with_a_message(tmp_path, monkeypatch, capsys):
    import shutil as shutil_module

    from model import api, cli

    started = []
    monkeypatch.setattr(api, "train", lambda *a, **k: started.append(1))
    usage = shutil_module.disk_usage(tmp_path)
    monkeypatch.setattr(shutil_module, "disk_usage", lambda path: usage._replace(free=5_000_000))
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = cli.main(["train", "--data", str(tmp_path), "--no-dev", "--output", str(tmp_path / "out"),
                         "--work-dir", str(tmp_path / "work")])
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert code == 1 and not started
    line = capsys.readouterr().err.strip()
    assert line.startswith("hanyeong: ") and "not enough disk space" in line and "5 MB free" in line


def test_unexpected_errors_are_one_line(tmp_path, monkeypatch, capsys):
    from model import api, cli

    def broken(*args, **kwargs):
        raise KeyError("something internal")

    monkeypatch.setattr(api, "train", broken)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = cli.main(["train", "--data", str(tmp_path), "--no-dev", "--output", str(tmp_path / "out")])
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and "unexpected error (KeyError" in lines[0]
