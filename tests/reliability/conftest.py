"""Fixtures for the reliability tests (tests/reliability): what Hanyeong guarantees under bad input, kills, full
disks and hostile files. The tiny model and the shipped one come from tests/conftest.py."""

import pytest


@pytest.fixture(scope="module")
def tiny_translator(tiny_bundle):
    from model.api import Translator

    return Translator(tiny_bundle)
