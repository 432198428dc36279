import json
import shutil

import pytest

from model import bundle as bundles


@pytest.fixture
def copy(tiny_bundle, tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(tiny_bundle, target)
    return target


def test_a_good_bundle_loads(copy):
    loaded = bundles.load(copy)
    assert loaded.config.d_model == 32 and loaded.ko.vocab_size > 0


def test_truncated_weights_are_detected(copy):
    weights = copy / "model.weights.h5"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(bundles.BundleError, match="model.weights.h5: checksum mismatch"):
        bundles.load(copy)


def test_missing_tokenizer_is_detected(copy):
    (copy / "en.model").unlink()
    with pytest.raises(bundles.BundleError, match="en.model: missing"):
        bundles.load(copy)


def test_bundle_from_a_newer_version_is_refused(copy):
    config = json.loads((copy / "config.json").read_text())
    config["format_version"] = bundles.FORMAT_VERSION + 1
    (copy / "config.json").write_text(json.dumps(config))
    checksums = json.loads((copy / "checksums.json").read_text())
    checksums["config.json"] = bundles.sha256(copy / "config.json")
    (copy / "checksums.json").write_text(json.dumps(checksums))
    with pytest.raises(bundles.BundleError, match="format version 2"):
        bundles.load(copy)


def test_links_inside_a_bundle_are_refused(copy, tmp_path):
    outside = tmp_path / "elsewhere.model"
    shutil.move(copy / "ko.model", outside)
    (copy / "ko.model").symlink_to(outside)
    with pytest.raises(bundles.BundleError, match="links are not allowed"):
        bundles.load(copy)


def test_saving_never_overwrites_an_existing_bundle(copy):
    loaded = bundles.load(copy)
    with pytest.raises(bundles.BundleError, match="already exists"):
        bundles.save(copy, loaded.config, loaded.weights_path, loaded.ko, loaded.en, loaded.card)
