"""Fixtures for the engine's tests (tests/model): the search, the pipeline, training, bundles, the CLI."""

import pytest


@pytest.fixture
def bundle_copy(tiny_bundle, tmp_path):
    """A copy of the session's tiny bundle that a test may damage."""
    import shutil

    target = tmp_path / "copy"
    shutil.copytree(tiny_bundle, target)
    return target


@pytest.fixture(scope="session")
def tiny_reverse_bundle(tmp_path_factory, tiny_corpus, tiny_config_file):
    """The tiny corpus trained the other way round (English->Korean) by `hanyeong train`: the pipeline's other
    direction, and the reverse model that back-translation uses."""
    import json

    from support import run_cli

    root = tmp_path_factory.mktemp("tiny_reverse")
    config = json.loads(tiny_config_file.read_text())
    config["model"] = {**config.get("model", {}), "source_language": "en", "target_language": "ko"}
    (root / "en-ko.json").write_text(json.dumps(config))
    result = run_cli("train", "--data", str(tiny_corpus.parent), "--dev", str(tiny_corpus), "--output",
                     str(root / "bundle"), "--work-dir", str(root / "work"), "--config", str(root / "en-ko.json"),
                     "--final-beam", "1", "--epochs", "12")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "bundle"
