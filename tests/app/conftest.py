"""Fixtures for the desktop app tests (tests/app): isolated settings and app data, and a factory for real main
windows using the session's tiny model. Plain helpers (translate, type_korean) are in tests/support.py."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from support import TINY_PAIRS, run_cli, write_pairs  # noqa: E402

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


@pytest.fixture(scope="session")
def app_bundle(tmp_path_factory):
    """The tiny model the app tests translate with, trained once per session by `hanyeong train`."""
    root = tmp_path_factory.mktemp("app_model")
    data = write_pairs(root / "data" / "everyday", TINY_PAIRS)
    config = root / "config.json"
    config.write_text(json.dumps(APP_MODEL_CONFIG))
    result = run_cli("train", "--data", str(data.parent), "--no-dev", "--output", str(root / "bundle"),
                     "--work-dir", str(root / "work"), "--config", str(config))
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "bundle"


@pytest.fixture
def app_settings(tmp_path):
    from desktop_app.services.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def model_store(tmp_path, app_bundle):
    """The tiny model plays the shipped one; user models go under tmp."""
    from desktop_app.services.model_store import ModelStore

    return ModelStore(shipped=app_bundle, root=tmp_path / "appdata")


@pytest.fixture
def make_window(qtbot, qapp, app_settings, model_store):
    from desktop_app.app.main import build_window, setup_application

    windows = []

    def make(settings=None, model_override=None, wait=True, show=True):
        settings = settings or app_settings
        setup_application(qapp, settings)
        window = build_window(settings, model_store, model_override=model_override)  # closed below, not by qtbot
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
