"""Model bundles: one folder holding everything a translation needs, verified before it is used.

  config.json        TransformerConfig and the bundle format version
  model.weights.h5   Keras weights (HDF5 arrays only: loading them runs no code), for fine-tuning
  model.tflite       the same network exported for LiteRT, which translation uses (no TensorFlow needed)
  ko.model, en.model SentencePiece models
  card.json          data, licences, settings, dev scores, hardware, dates, score history
  checksums.json     SHA-256 of every file above
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .tokenizer import Tokenizer
from .config import TransformerConfig

FORMAT_VERSION = 1
FILES = ("config.json", "model.weights.h5", "model.tflite", "ko.model", "en.model", "card.json")


class BundleError(Exception):
    """A bundle that is missing, damaged or from an incompatible version; the message says which file."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Bundle:
    path: Path
    config: TransformerConfig
    card: dict
    ko: Tokenizer
    en: Tokenizer

    @property
    def weights_path(self) -> Path:
        return self.path / "model.weights.h5"

    @property
    def litert_path(self) -> Path:
        return self.path / "model.tflite"

    @property
    def name(self) -> str:
        return self.card.get("name", self.path.name)


def verify(path: str | Path) -> None:
    """Raise BundleError unless every file is present and matches its checksum."""
    path = Path(path)
    if not path.is_dir():
        raise BundleError(f"{path}: no model bundle here")
    checksums_path = path / "checksums.json"
    if not checksums_path.exists():
        raise BundleError(f"{path}: checksums.json is missing; the bundle is incomplete")
    try:
        checksums = json.loads(checksums_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BundleError(f"{checksums_path}: not valid JSON") from None
    for name in FILES:
        file = path / name
        if file.is_symlink():
            raise BundleError(f"{file}: links are not allowed in a bundle")
        if not file.exists():
            raise BundleError(f"{file}: missing from the bundle")
        if checksums.get(name) != sha256(file):
            raise BundleError(f"{file}: checksum mismatch; the file is damaged or was changed")


def load(path: str | Path) -> Bundle:
    """Verify and read a bundle (not the weights, which the engine loads)."""
    path = Path(path)
    verify(path)
    config_values = json.loads((path / "config.json").read_text(encoding="utf-8"))
    version = config_values.pop("format_version", None)
    if version != FORMAT_VERSION:
        raise BundleError(
            f"{path}: bundle format version {version}, this Hanyeong reads version {FORMAT_VERSION}; "
            "update Hanyeong or use a bundle made by this version"
        )
    try:
        config = TransformerConfig.from_dict(config_values["model"])
        card = json.loads((path / "card.json").read_text(encoding="utf-8"))
        ko, en = Tokenizer.load(path / "ko.model"), Tokenizer.load(path / "en.model")
    except (KeyError, TypeError, ValueError, RuntimeError, OSError) as error:
        raise BundleError(f"{path}: unreadable bundle ({error})") from None
    return Bundle(path, config, card, ko, en)


def save(path: str | Path, config: TransformerConfig, weights: Path, ko: Tokenizer, en: Tokenizer,
         card: dict) -> Path:
    """Write a bundle (exporting the LiteRT model from the weights) to a temporary folder, verify it, then move it
    into place; an existing bundle at `path` is never touched (the caller picks a fresh path)."""
    import keras

    from .export import export_litert
    from .transformer import Transformer

    path = Path(path)
    if path.exists():
        raise BundleError(f"{path}: already exists; a bundle is never overwritten")
    tmp = path.with_name(path.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        (tmp / "config.json").write_text(
            json.dumps({"format_version": FORMAT_VERSION, "model": config.to_dict()}, indent=2))
        shutil.copyfile(weights, tmp / "model.weights.h5")
        keras.mixed_precision.set_global_policy("float32")  # the app computes in float32
        model = Transformer(config).build_all()
        model.load_weights(str(weights))
        export_litert(model, tmp / "model.tflite")
        ko.save(tmp / "ko.model")
        en.save(tmp / "en.model")
        (tmp / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False), encoding="utf-8")
        (tmp / "checksums.json").write_text(json.dumps({name: sha256(tmp / name) for name in FILES}, indent=2))
        verify(tmp)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return path
