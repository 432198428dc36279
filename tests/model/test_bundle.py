import json
import shutil

import pytest

from model import bundle as bundles


def test_a_good_bundle_loads(bundle_copy):
    loaded = bundles.load(bundle_copy)
    assert loaded.config.d_model == 32 and loaded.ko.vocab_size > 0


def test_truncated_weights_are_detected(bundle_copy):
    weights = bundle_copy / "model.weights.h5"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(bundles.BundleError, match="model.weights.h5: checksum mismatch"):
        bundles.load(bundle_copy)


def test_missing_tokenizer_is_detected(bundle_copy):
    (bundle_copy / "en.model").unlink()
    with pytest.raises(bundles.BundleError, match="en.model: missing"):
        bundles.load(bundle_copy)


def test_bundle_from_a_newer_version_is_refused(bundle_copy):
    config = json.loads((bundle_copy / "config.json").read_text())
    config["format_version"] = bundles.FORMAT_VERSION + 1
    (bundle_copy / "config.json").write_text(json.dumps(config))
    checksums = json.loads((bundle_copy / "checksums.json").read_text())
    checksums["config.json"] = bundles.sha256(bundle_copy / "config.json")
    (bundle_copy / "checksums.json").write_text(json.dumps(checksums))
    with pytest.raises(bundles.BundleError, match="format version 2"):
        bundles.load(bundle_copy)


def test_links_inside_a_bundle_are_refused(bundle_copy, tmp_path):
    outside = tmp_path / "elsewhere.model"
    shutil.move(bundle_copy / "ko.model", outside)
    (bundle_copy / "ko.model").symlink_to(outside)
    with pytest.raises(bundles.BundleError, match="links are not allowed"):
        bundles.load(bundle_copy)


def test_saving_never_overwrites_an_existing_bundle(bundle_copy):
    loaded = bundles.load(bundle_copy)
    with pytest.raises(bundles.BundleError, match="already exists"):
        bundles.save(bundle_copy, loaded.config, loaded.weights_path, loaded.ko, loaded.en, loaded.card)


def test_weights_are_stored_in_float16_and_load_into_float32(bundle_copy):
    import h5py
    import numpy as np

    from model.transformer import Transformer

    dtypes = set()
    with h5py.File(bundle_copy / "model.weights.h5") as weights:
        weights.visititems(lambda name, item: dtypes.add(item.dtype) if isinstance(item, h5py.Dataset) else None)
    assert dtypes == {np.dtype(np.float16)}
    loaded = bundles.load(bundle_copy)
    assert loaded.card["export"] == {"weights_h5": "float16", "litert_weights": "float16"}
    model = Transformer(loaded.config).build_all()
    model.load_weights(str(loaded.weights_path))  # what fine-tuning does: float16 on disk, float32 to train
    assert {variable.dtype for variable in model.weights} == {"float32"}
