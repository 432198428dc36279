"""Plain helpers the tests share (fixtures live in the conftest.py files): the tiny corpus and model settings, running
the CLI (also with a Cancel at a known moment of the final scoring), simulated full disks, and hashes that prove a
model was left untouched."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED_MODEL = REPO / "assets" / "model"

# Short everyday pairs: enough for SentencePiece and a few real training steps.
TINY_PAIRS = [
    ("고양이가 자고 있어요.", "The cat is sleeping."),
    ("개가 밖에서 놀고 있어요.", "The dog is playing outside."),
    ("나는 학교에 가요.", "I go to school."),
    ("그는 책을 읽어요.", "He reads a book."),
    ("우리는 밥을 먹었어요.", "We ate rice."),
    ("날씨가 좋아요.", "The weather is nice."),
    ("물 좀 주세요.", "Please give me some water."),
    ("이것은 얼마예요?", "How much is this?"),
    ("기차가 늦게 도착했어요.", "The train arrived late."),
    ("내일 만나요.", "See you tomorrow."),
] * 4

TINY_CONFIG = {
    "model": {"d_model": 32, "num_heads": 2, "d_ff": 64, "num_encoder_layers": 1, "num_decoder_layers": 1,
              "max_len": 128},
    "epochs": 20,
    "max_tokens_per_batch": 200,
    "warmup_steps": 5,
    "peak_learning_rate": 0.005,
    "checkpoint_minutes": 0.0,
    "eval_every_steps": 30,
    "dev_sample_per_corpus": 10,
    "corpus_weights": {"*": 1.0},
}


def write_pairs(folder: Path, pairs, stem: str = "train") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.ko").write_text("\n".join(k for k, _ in pairs) + "\n", encoding="utf-8")
    (folder / f"{stem}.en").write_text("\n".join(e for _, e in pairs) + "\n", encoding="utf-8")
    return folder


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "model.cli", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})


@contextmanager
def file_size_limit(size: int):
    """Writes past `size` bytes fail with EFBIG, as on a full disk (root included). Unix only."""
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    previous = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, previous[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, previous)
        signal.signal(signal.SIGXFSZ, previous_handler)


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by relative path: to prove a model was left untouched."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(Path(folder).rglob("*")) if path.is_file()}


def resign(folder: Path) -> None:
    """Rewrite a bundle's checksums.json after a test changed a file on purpose, so only that change is refused."""
    from model import bundle as bundles

    checksums = {name: bundles.sha256(folder / name) for name in bundles.FILES if (folder / name).is_file()}
    (folder / "checksums.json").write_text(json.dumps(checksums))


# --- the desktop app (tests/app): plain helpers for a real window; the fixtures are in tests/app/conftest.py ---


def translate(qtbot, window, text: str, timeout: int = 60_000) -> None:
    """Put text in and translate it with the Translate button; returns when the result is shown."""
    window.source_edit.setPlainText(text)
    with qtbot.waitSignal(window.translationShown, timeout=timeout):
        window.panes.translate_button.click()


def type_korean(qtbot, widget, text: str, delay_ms: int = 40) -> None:
    """Type text the way a Korean input method delivers it: one committed syllable at a time (QTest's key
    clicks only know ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)
        qtbot.wait(delay_ms)


# The real `hanyeong` command with the user's Cancel at a known moment: right after the first batch of the final
# scoring of the model its first argument names ("base" or "new"); the run looks at its stop request before the
# next batch, as it does for the stop file. Run as `python FILE base|new ARGUMENTS...` (write_cancelling_cli).
CANCELLING_CLI = """
import sys
from model import cli

stop_in, arguments = sys.argv[1], sys.argv[2:]
scored = []
show = cli.print_json_event if "--progress-json" in arguments else cli.print_progress


def watch(event):
    if event["kind"] == "scoring" and event.get("role") == stop_in:
        scored.append(event)
    show(event)


cli.print_json_event = cli.print_progress = watch
cli.StopRequest.__call__ = lambda self: bool(scored)
sys.exit(cli.main(arguments))
"""


def write_cancelling_cli(folder: Path) -> Path:
    path = Path(folder) / "cancelling_cli.py"
    path.write_text(CANCELLING_CLI, encoding="utf-8")
    return path


def run_cancelling_cli(stop_in: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """`hanyeong ARGS` cancelled after the first batch of the final scoring of the base or the new model."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        driver = write_cancelling_cli(Path(folder))
        return subprocess.run([sys.executable, str(driver), stop_in, *args], cwd=REPO, capture_output=True,
                              text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})
