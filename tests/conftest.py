"""Fixtures every test folder shares: a tiny real model trained once per test session, and the shipped model."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from support import SHIPPED_MODEL, TINY_CONFIG, TINY_PAIRS, run_cli, write_pairs  # noqa: E402


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory) -> Path:
    return write_pairs(tmp_path_factory.mktemp("corpus") / "tiny", TINY_PAIRS)


@pytest.fixture(scope="session")
def tiny_config_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("config") / "tiny.json"
    path.write_text(json.dumps(TINY_CONFIG))
    return path


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory, tiny_corpus, tiny_config_file) -> Path:
    """A real (tiny, barely trained) bundle made by `hanyeong train`."""
    root = tmp_path_factory.mktemp("tiny_model")
    result = run_cli("train", "--data", str(tiny_corpus.parent), "--dev", str(tiny_corpus), "--output",
                     str(root / "bundle"), "--work-dir", str(root / "work"), "--config", str(tiny_config_file),
                     "--final-beam", "1")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "bundle"


@pytest.fixture(scope="session")
def shipped_translator():
    if not (SHIPPED_MODEL / "checksums.json").exists():
        pytest.fail("the shipped model is missing from assets/model")
    from model.api import Translator

    return Translator(SHIPPED_MODEL)


@pytest.fixture(scope="session")
def tiny_reverse_bundle(tmp_path_factory, tiny_corpus, tiny_config_file):
    """The tiny corpus trained the other way round (English->Korean) by `hanyeong train`: the pipeline's other
    direction, and the reverse model that back-translation uses."""
    root = tmp_path_factory.mktemp("tiny_reverse")
    config = json.loads(tiny_config_file.read_text())
    config["model"] = {**config.get("model", {}), "source_language": "en", "target_language": "ko"}
    (root / "en-ko.json").write_text(json.dumps(config))
    result = run_cli("train", "--data", str(tiny_corpus.parent), "--dev", str(tiny_corpus), "--output",
                     str(root / "bundle"), "--work-dir", str(root / "work"), "--config", str(root / "en-ko.json"),
                     "--final-beam", "1", "--epochs", "12")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "bundle"
