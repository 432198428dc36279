"""Fixtures for the desktop app tests (imported by tests/test_app_*.py): isolated settings and app data, and a
factory for real main windows using the session's tiny model."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from conftest import TINY_PAIRS, run_cli, write_pairs  # noqa: E402
from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402

QStandardPaths.setTestModeEnabled(True)

MODEL_TIMEOUT_MS = 90_000
# One epoch at the default warm-up: the weights barely move from their random start, so every sentence gets a
# long, non-empty (nonsense) translation; what the app tests need are real pieces and attention matrices.
APP_MODEL_CONFIG = {
    "model": {"d_model": 32, "num_heads": 2, "d_ff": 64, "num_encoder_layers": 2, "num_decoder_layers": 2,
              "max_len": 128},
    "epochs": 1,
    "max_tokens_per_batch": 200,
    "checkpoint_minutes": 0.0,
}


_trained: dict[str, object] = {}


@pytest.fixture(scope="session")
def app_bundle(tmp_path_factory):
    """Trained once per session (each test module imports this fixture, so it is cached here)."""
    if "bundle" in _trained:
        return _trained["bundle"]
    root = tmp_path_factory.mktemp("app_model")
    data = write_pairs(root / "data" / "everyday", TINY_PAIRS)
    config = root / "config.json"
    config.write_text(json.dumps(APP_MODEL_CONFIG))
    result = run_cli("train", "--data", str(data.parent), "--no-dev", "--output", str(root / "bundle"),
                     "--work-dir", str(root / "work"), "--config", str(config))
    assert result.returncode == 0, result.stderr[-3000:]
    _trained["bundle"] = root / "bundle"
    return root / "bundle"


@pytest.fixture
def app_settings(tmp_path):
    from desktop_app.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def model_store(tmp_path, app_bundle):
    """The tiny model plays the shipped one; user models go under tmp."""
    from desktop_app.model_store import ModelStore

    return ModelStore(shipped=app_bundle, root=tmp_path / "appdata")


@pytest.fixture
def make_window(qtbot, qapp, app_settings, model_store):
    from desktop_app.main import setup_application
    from desktop_app.main_window import MainWindow

    windows = []

    def make(settings=None, model_override=None, wait=True, show=True):
        settings = settings or app_settings
        setup_application(qapp, settings)
        window = MainWindow(settings, model_store, model_override=model_override)  # closed below, not by qtbot
        if show:
            window.show()
        if wait:
            qtbot.waitUntil(lambda: not window.service.loading, timeout=MODEL_TIMEOUT_MS)
        windows.append(window)
        return window

    yield make
    from PySide6.QtWidgets import QMessageBox

    for window in windows:
        if window.runner.running:
            window.runner.stop_and_wait(30_000)
        with pytest.MonkeyPatch.context() as patch:  # a left-over question must not block the run
            patch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
            window.close()
        window.service.shutdown()


@pytest.fixture
def window(make_window):
    return make_window()


def translate(qtbot, window, text: str, timeout: int = 60_000):
    """Put text in and translate it with the Translate button; returns when the result is shown."""
    window.source_edit.setPlainText(text)
    with qtbot.waitSignal(window.translationShown, timeout=timeout):
        window.translate_button.click()


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
