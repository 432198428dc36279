"""Fixtures for the engine's tests (tests/model): the search, the pipeline, training, bundles, the CLI."""

import pytest


@pytest.fixture
def bundle_copy(tiny_bundle, tmp_path):
    """A copy of the session's tiny bundle that a test may damage."""
    import shutil

    target = tmp_path / "copy"
    shutil.copytree(tiny_bundle, target)
    return target

