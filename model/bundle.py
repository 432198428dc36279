"""Model bundles: one folder holding everything a translation needs, verified before it is used.

  config.json        TransformerConfig and the bundle format version
  model.weights.h5   Keras weights in float16 (HDF5 arrays only: loading them runs no code), for fine-tuning;
                     Keras loads them into the model's float32 variables
  model.tflite       the same network exported for LiteRT, which translation uses (no TensorFlow needed), its
                     weights stored as card["export"]["litert_weights"] says (export.LITERT_WEIGHTS)
  ko.model, en.model SentencePiece models of the two languages (config.json's pair says which is the source)
  card.json          data, licences, settings, dev scores, hardware, dates, score history
  checksums.json     SHA-256 of every file above
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

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

    @property
    def source_tokenizer(self) -> Tokenizer:
        return language_tokenizers(self.config, self.ko, self.en)[0]

    @property
    def target_tokenizer(self) -> Tokenizer:
        return language_tokenizers(self.config, self.ko, self.en)[1]


def language_tokenizers(config: TransformerConfig, ko: Tokenizer, en: Tokenizer) -> tuple[Tokenizer, Tokenizer]:
    """(source, target) tokenizers for the config's language pair."""
    return (ko, en) if config.source_language == "ko" else (en, ko)


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
    if not isinstance(checksums, dict):
        raise BundleError(f"{checksums_path}: not a table of checksums")
    for name in FILES:
        file = path / name
        if file.is_symlink():
            raise BundleError(f"{file}: links are not allowed in a bundle")
        if not file.exists():
            raise BundleError(f"{file}: missing from the bundle")
        if not file.is_file():  # a FIFO or device would block or never end when read
            raise BundleError(f"{file}: not a regular file")
        if checksums.get(name) != sha256(file):
            raise BundleError(f"{file}: checksum mismatch; the file is damaged or was changed")


def load(path: str | Path) -> Bundle:
    """Verify and read a bundle (not the weights, which the engine loads)."""
    path = Path(path)
    verify(path)
    try:
        config_values = json.loads((path / "config.json").read_text(encoding="utf-8"))
        version = config_values.pop("format_version", None)
    except (ValueError, UnicodeDecodeError, AttributeError):
        raise BundleError(f"{path / 'config.json'}: not a valid bundle configuration") from None
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


def write_float16_weights(source: Path, target: Path) -> None:
    """Copy a Keras .weights.h5 file with its float32 arrays stored as float16: half the size on disk. Training
    computes in float32 (or bfloat16) either way; float16 keeps about three significant digits, which moved no dev
    score (docs/training.md)."""
    import h5py
    import numpy as np

    def copy(group_in, group_out) -> None:
        group_out.attrs.update(dict(group_in.attrs))
        for name, item in group_in.items():
            if isinstance(item, h5py.Dataset):
                data = item[()]
                if data.dtype == np.float32:
                    data = data.astype(np.float16)
                group_out.create_dataset(name, data=data).attrs.update(dict(item.attrs))
            else:
                copy(item, group_out.create_group(name))

    with h5py.File(source, "r") as file_in, h5py.File(target, "w") as file_out:
        copy(file_in, file_out)


def save(path: str | Path, config: TransformerConfig, weights: Path, ko: Tokenizer, en: Tokenizer,
         card: dict, litert_weights: str = "float16", score: Callable[[Path], dict] | None = None) -> Path:
    """Write a bundle (exporting the LiteRT model from the weights) to a temporary folder, verify it, then move it
    into place; an existing bundle at `path` is never touched (the caller picks a fresh path).

    `score`, if given, gets the exported model.tflite and returns the dev scores for the card: a bundle is scored
    by the very file users will run. If it raises, nothing is left behind."""
    from .files import check_free_space

    path = Path(path)
    if path.exists():
        raise BundleError(f"{path}: already exists; a bundle is never overwritten")
    # weights, their LiteRT export (about the same size) and the tokenizers; HDF5 may crash on a full disk
    check_free_space(path.parent, 3 * Path(weights).stat().st_size + (8 << 20), "the new model")
    from .export import export_litert
    from .transformer import float32_model

    tmp = path.with_name(path.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        (tmp / "config.json").write_text(
            json.dumps({"format_version": FORMAT_VERSION, "model": config.to_dict()}, indent=2))
        write_float16_weights(Path(weights), tmp / "model.weights.h5")
        export_litert(float32_model(config, weights), tmp / "model.tflite", litert_weights)
        card = {**card, "export": {"weights_h5": "float16", "litert_weights": litert_weights}}
        if score is not None:
            card["dev_scores"] = score(tmp / "model.tflite")
        ko.save(tmp / "ko.model")
        en.save(tmp / "en.model")
        (tmp / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False), encoding="utf-8")
        (tmp / "checksums.json").write_text(json.dumps({name: sha256(tmp / name) for name in FILES}, indent=2))
        verify(tmp)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return path


# --- importing a bundle from an archive --------------------------------------------------------------------

ARCHIVE_MAX_BYTES = 4 << 30  # unpacked; a bundle is about 100 MB, so this only stops "zip bombs"
ARCHIVE_MAX_MEMBERS = 200


def _safe_member_path(name: str) -> PurePosixPath:
    """The archive entry's path inside the destination, or BundleError if it could land anywhere else."""
    cleaned = name.replace("\\", "/")
    parts = PurePosixPath(cleaned).parts
    if cleaned.startswith("/") or (parts and (":" in parts[0])):
        raise BundleError(f"the entry '{name}' has an absolute path")
    if ".." in parts:
        raise BundleError(f"the entry '{name}' points outside the archive ('..')")
    kept = [part for part in parts if part not in ("", ".")]
    return PurePosixPath(*kept) if kept else PurePosixPath()


def _archive_entries(archive: Path):
    """(relative path, is folder, size, opener) for every entry, after checking each one; raises BundleError for
    absolute paths, '..', links, devices, FIFOs and anything else that is not a plain file or folder."""
    if zipfile.is_zipfile(archive):
        bundle_zip = zipfile.ZipFile(archive)
        entries = []
        for info in bundle_zip.infolist():
            target = _safe_member_path(info.filename)
            mode = info.external_attr >> 16
            kind = stat.S_IFMT(mode)
            if kind == stat.S_IFLNK:
                raise BundleError(f"the entry '{info.filename}' is a link; links are not allowed")
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise BundleError(f"the entry '{info.filename}' is not a plain file or folder")
            entries.append((target, info.is_dir(), info.file_size,
                            lambda info=info: bundle_zip.open(info)))
        return bundle_zip, entries
    try:
        bundle_tar = tarfile.open(archive)
    except (tarfile.TarError, OSError):
        raise BundleError(f"{archive}: not a .zip or .tar archive") from None
    entries = []
    for member in bundle_tar:
        target = _safe_member_path(member.name)
        if member.issym() or member.islnk():
            raise BundleError(f"the entry '{member.name}' is a link; links are not allowed")
        if not (member.isfile() or member.isdir()):
            raise BundleError(f"the entry '{member.name}' is a device, FIFO or other special file")
        entries.append((target, member.isdir(), member.size,
                        lambda member=member: bundle_tar.extractfile(member)))
    return bundle_tar, entries


def import_archive(archive: str | Path, dest: str | Path) -> Path:
    """Unpack a bundle from a .zip or .tar(.gz/.bz2/.xz) archive into `dest`, a folder that must not exist yet.

    Every entry is checked before anything is written: absolute paths, '..', links (symbolic or hard), devices and
    FIFOs are refused, and so are archives that unpack to more than ARCHIVE_MAX_BYTES. Files are unpacked by
    copying their bytes (never by tarfile/zipfile extraction, which would honour modes and owners) into a
    temporary folder beside `dest`; the bundle there (at the top or in its one folder) is verified like any
    bundle (checksums, format version, tokenizers), and only then moved into place. On any error nothing is left
    behind and BundleError says why.
    """
    archive, dest = Path(archive), Path(dest)
    if dest.exists():
        raise BundleError(f"{dest}: already exists; a bundle is never overwritten")
    if not archive.is_file():
        raise BundleError(f"{archive}: no such file")
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        try:
            handle, entries = _archive_entries(archive)
        except BundleError as error:
            raise BundleError(f"{archive}: {error}" if not str(error).startswith(str(archive)) else str(error)) \
                from None
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
            raise BundleError(f"{archive}: a damaged archive ({error})") from None
        with handle:
            if len(entries) > ARCHIVE_MAX_MEMBERS:
                raise BundleError(f"{archive}: {len(entries)} entries; a model bundle has a handful")
            tmp.mkdir(parents=True)
            written = 0
            for target, is_dir, size, opener in entries:
                out = tmp.joinpath(*target.parts)
                if is_dir or not target.parts:
                    out.mkdir(parents=True, exist_ok=True)
                    continue
                out.parent.mkdir(parents=True, exist_ok=True)
                try:
                    with opener() as source, open(out, "xb") as sink:
                        for block in iter(lambda: source.read(1 << 20), b""):
                            written += len(block)
                            if written > ARCHIVE_MAX_BYTES:
                                raise BundleError(f"{archive}: unpacks to more than {ARCHIVE_MAX_BYTES >> 30} GB")
                            sink.write(block)
                except FileExistsError:
                    raise BundleError(f"{archive}: the entry '{target}' appears twice") from None
                except (zipfile.BadZipFile, tarfile.TarError, EOFError, ValueError) as error:
                    raise BundleError(f"{archive}: a damaged archive ({error})") from None
        root = tmp
        if not (root / "checksums.json").exists():
            folders = [child for child in tmp.iterdir() if child.is_dir()]
            if len(folders) == 1 and (folders[0] / "checksums.json").exists():
                root = folders[0]
            else:
                raise BundleError(f"{archive}: no model bundle in the archive (no checksums.json at its top or in "
                                  "its one folder)")
        try:
            load(root)
        except BundleError as error:
            raise BundleError(f"{archive}: {str(error).replace(str(root), 'the bundle')}") from None
        os.replace(root, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest
