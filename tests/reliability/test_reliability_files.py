"""Files are written atomically, broken or hostile bundles and archives are refused, and nothing Hanyeong loads can
run code."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import stat
import tarfile
import zipfile
from pathlib import Path

import numpy as np
import pytest

from model import bundle as bundles
from model import files
from model.files import WriteFailed, write_atomic, write_json_atomic, write_text_atomic

from support import REPO, file_size_limit, resign


# --- atomic writes -----------------------------------------------------------------------------------------------


def test_a_write_that_fails_midway_leaves_the_old_file_and_says_why(tmp_path):
    target = tmp_path / "settings.json"
    write_json_atomic(target, {"beam": 4})
    before = target.read_bytes()

    def half_then_disk_full(tmp: str) -> None:
        with open(tmp, "w") as file:
            file.write('{"beam": ')
            file.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(WriteFailed) as failure:
        write_atomic(target, half_then_disk_full)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["settings.json"]  # the half-written temporary file is gone
    assert str(failure.value) == \
        f"could not write {target}: No space left on device (the previous version is unchanged)"
    assert failure.value.errno == errno.ENOSPC


def test_a_rename_that_fails_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "history.json"
    write_json_atomic(target, ["old"])

    def denied(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "replace", denied)
    with pytest.raises(WriteFailed, match="Permission denied"):
        write_json_atomic(target, ["new"])
    assert json.loads(target.read_text()) == ["old"] and os.listdir(tmp_path) == ["history.json"]


def test_a_really_full_disk_keeps_the_old_file(tmp_path):
    target = tmp_path / "letter.en.txt"
    write_text_atomic(target, "old\n")
    with file_size_limit(100), pytest.raises(WriteFailed, match="File too large"):
        write_text_atomic(target, "new line\n" * 1000)
    assert target.read_text() == "old\n" and os.listdir(tmp_path) == ["letter.en.txt"]


def test_tokenizers_and_prepared_training_data_are_written_atomically(tmp_path, tiny_bundle):
    from model.tokenizer import Tokenizer
    from model.training.data import EncodedCorpus

    ko = Tokenizer.load(tiny_bundle / "ko.model")
    ko.save(tmp_path / "ko.model")
    data = EncodedCorpus([np.array([5, 6, 3], np.int32)], [np.array([2, 7, 3], np.int32)], np.zeros(1, np.int32),
                         ["c"])
    data.save(tmp_path / "data.npz")
    before = {name: (tmp_path / name).read_bytes() for name in ("ko.model", "data.npz")}
    bigger = EncodedCorpus([np.arange(4, 5000, dtype=np.int32)], [np.arange(4, 5000, dtype=np.int32)],
                           np.zeros(1, np.int32), ["c"])
    bigger_tokenizer = Tokenizer.load(tiny_bundle / "ko.model")
    bigger_tokenizer.model_proto = ko.model_proto * 2
    with file_size_limit(len(before["ko.model"]) + 10), pytest.raises(WriteFailed):
        bigger_tokenizer.save(tmp_path / "ko.model")
    with file_size_limit(len(before["data.npz"]) + 10), pytest.raises(WriteFailed):
        bigger.save(tmp_path / "data.npz")
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert sorted(os.listdir(tmp_path)) == ["data.npz", "ko.model"]
    assert EncodedCorpus.load(tmp_path / "data.npz").src[0].tolist() == [5, 6, 3]


def test_a_bundle_is_not_started_on_a_disk_without_room(tmp_path, tiny_bundle, monkeypatch):
    loaded = bundles.load(tiny_bundle)
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage._replace(free=1000))
    with pytest.raises(OSError, match="not enough disk space for the new model"):
        bundles.save(tmp_path / "new", loaded.config, loaded.weights_path, loaded.ko, loaded.en, loaded.card)
    assert os.listdir(tmp_path) == []


def test_a_bundle_that_fails_midway_is_never_half_there(tmp_path, tiny_bundle, monkeypatch):
    from model import export

    loaded = bundles.load(tiny_bundle)

    def disk_full(model, path, weights):
        Path(path).write_bytes(b"half a flatbuffer")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export, "export_litert", disk_full)
    with pytest.raises(OSError, match="No space left"):
        bundles.save(tmp_path / "new", loaded.config, loaded.weights_path, loaded.ko, loaded.en, loaded.card)
    assert os.listdir(tmp_path) == []  # neither the bundle nor its .partial folder


# --- broken and hostile bundles -----------------------------------------------------------------------------------


@pytest.fixture
def copy(tiny_bundle, tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(tiny_bundle, target)
    return target


def flip_a_byte(folder: Path) -> None:
    data = bytearray((folder / "ko.model").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "ko.model").write_bytes(bytes(data))


def checksums_not_a_table(folder: Path) -> None:
    (folder / "checksums.json").write_text("[1, 2, 3]")


def config_not_a_table(folder: Path) -> None:
    (folder / "config.json").write_text('"hello"')
    resign(folder)


def fifo_instead_of_weights(folder: Path) -> None:
    (folder / "model.tflite").unlink()
    os.mkfifo(folder / "model.tflite")  # reading it would block forever


def tokenizer_not_a_tokenizer(folder: Path) -> None:
    (folder / "ko.model").write_bytes(b"not a sentencepiece model")
    resign(folder)


@pytest.mark.parametrize("damage,message", [
    (flip_a_byte, "ko.model: checksum mismatch"),
    (checksums_not_a_table, "not a table of checksums"),
    (config_not_a_table, "config.json: not a valid bundle configuration"),
    (fifo_instead_of_weights, "model.tflite: not a regular file"),
    (tokenizer_not_a_tokenizer, "unreadable bundle"),
])
def test_damaged_bundles_are_refused_with_a_message(copy, damage, message):
    damage(copy)
    with pytest.raises(bundles.BundleError, match=re.escape(message)):
        bundles.load(copy)


def zip_of(path: Path, entries: list[tuple[str, bytes, int]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            archive.writestr(info, data)
    return path


def bundle_entries(bundle: Path, folder: str = "model") -> list[tuple[str, bytes, int]]:
    return [(f"{folder}/{path.name}", path.read_bytes(), stat.S_IFREG | 0o644) for path in sorted(bundle.iterdir())]


def tar_of(path: Path, bundle: Path, extra: list[tarfile.TarInfo]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        archive.add(bundle, arcname="model")
        for info in extra:
            archive.addfile(info, io.BytesIO(b"x" * info.size) if info.isfile() else None)
    return path


def tar_entry(name: str, kind: bytes = tarfile.REGTYPE, linkname: str = "", size: int = 0) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size = kind, linkname, size
    return info


HOSTILE = {
    "zip ../": ("zip", [("../escaped.txt", b"gotcha", stat.S_IFREG | 0o644)], "outside the archive ('..')"),
    "zip absolute": ("zip", [("/tmp/hanyeong-escaped.txt", b"gotcha", stat.S_IFREG | 0o644)], "absolute path"),
    "zip backslashes": ("zip", [("..\\escaped.txt", b"gotcha", stat.S_IFREG | 0o644)], "outside the archive"),
    "zip symlink": ("zip", [("model/evil", b"/etc/passwd", stat.S_IFLNK | 0o777)], "is a link"),
    "zip device": ("zip", [("model/dev", b"", stat.S_IFCHR | 0o600)], "not a plain file or folder"),
    "tar ../": ("tar", [tar_entry("model/../../escaped.txt", size=6)], "outside the archive ('..')"),
    "tar absolute": ("tar", [tar_entry("/tmp/hanyeong-escaped.txt", size=6)], "absolute path"),
    "tar symlink": ("tar", [tar_entry("model/evil", tarfile.SYMTYPE, "/etc/passwd")], "is a link"),
    "tar hard link": ("tar", [tar_entry("model/evil", tarfile.LNKTYPE, "/etc/passwd")], "is a link"),
    "tar device": ("tar", [tar_entry("model/dev", tarfile.CHRTYPE)], "device, FIFO or other special file"),
    "tar fifo": ("tar", [tar_entry("model/pipe", tarfile.FIFOTYPE)], "device, FIFO or other special file"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_archives_are_refused_before_anything_is_written(tiny_bundle, tmp_path, name):
    kind, extra, message = HOSTILE[name]
    if kind == "zip":
        archive = zip_of(tmp_path / "model.zip", bundle_entries(tiny_bundle) + extra)
    else:
        archive = tar_of(tmp_path / "model.tar.gz", tiny_bundle, extra)
    dest = tmp_path / "models" / "imported"
    dest.parent.mkdir()
    with pytest.raises(bundles.BundleError, match=re.escape(message)):
        bundles.import_archive(archive, dest)
    assert os.listdir(dest.parent) == []  # nothing unpacked, not even a temporary folder
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/hanyeong-escaped.txt").exists()


def test_archives_with_a_damaged_or_no_bundle_are_refused(tiny_bundle, tmp_path):
    entries = bundle_entries(tiny_bundle)
    damaged = [(name, data[:100] if name.endswith(".h5") else data, mode) for name, data, mode in entries]
    dest = tmp_path / "imported"
    with pytest.raises(bundles.BundleError, match="model.weights.h5: checksum mismatch"):
        bundles.import_archive(zip_of(tmp_path / "damaged.zip", damaged), dest)
    with pytest.raises(bundles.BundleError, match="no model bundle in the archive"):
        bundles.import_archive(zip_of(tmp_path / "notes.zip", [("notes.txt", b"hi", stat.S_IFREG | 0o644)]), dest)
    (tmp_path / "plain.zip").write_bytes(b"this is not an archive")
    with pytest.raises(bundles.BundleError, match="not a .zip or .tar archive"):
        bundles.import_archive(tmp_path / "plain.zip", dest)
    assert not dest.exists() and not list(tmp_path.glob("*.partial"))


def test_archives_that_unpack_too_big_are_refused(tiny_bundle, tmp_path, monkeypatch):
    monkeypatch.setattr(bundles, "ARCHIVE_MAX_BYTES", 100_000)
    archive = zip_of(tmp_path / "bomb.zip", bundle_entries(tiny_bundle) + [("model/pad", b"\0" * 200_000,
                                                                             stat.S_IFREG | 0o644)])
    with pytest.raises(bundles.BundleError, match="unpacks to more than"):
        bundles.import_archive(archive, tmp_path / "imported")
    assert not (tmp_path / "imported").exists()


def test_a_good_archive_is_imported_and_verified(tiny_bundle, tmp_path):
    dest = bundles.import_archive(zip_of(tmp_path / "friend.zip", bundle_entries(tiny_bundle)), tmp_path / "mine")
    assert bundles.load(dest).config.d_model == 32
    flat = tar_of(tmp_path / "flat.tar.gz", tiny_bundle, [])
    assert bundles.load(bundles.import_archive(flat, tmp_path / "mine2")).ko.vocab_size > 0
    with pytest.raises(bundles.BundleError, match="already exists"):
        bundles.import_archive(flat, dest)


# --- nothing loaded can run code ------------------------------------------------------------------------------------


def test_a_pickled_array_in_training_data_is_refused_without_running_it(tmp_path):
    from model.training.data import EncodedCorpus

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    objects = np.empty(1, dtype=object)
    objects[0] = Payload()
    np.savez(tmp_path / "data.npz", src=objects, tgt=objects, src_lengths=np.array([1]), tgt_lengths=np.array([1]),
             corpus=np.zeros(1, np.int32), names=np.array(["c"]))
    with pytest.raises(ValueError, match="allow_pickle"):
        EncodedCorpus.load(tmp_path / "data.npz")
    assert not marker.exists()


def test_no_loader_in_the_code_can_run_code():
    """Model files are read as HDF5 arrays (weights), a LiteRT flatbuffer, SentencePiece protobufs, JSON and
    NumPy arrays with allow_pickle=False: never pickle, never a Keras model file (which can hold Lambda code)."""
    forbidden = re.compile(r"\bimport pickle\b|\bpickle\.|\bdill\b|\bjoblib\b|allow_pickle\s*=\s*True|"
                           r"safe_mode\s*=\s*False|(?:models|saving)\.load_model\(|saved_model\.load|torch\.load|"
                           r"(?<![.\w])eval\(|(?<![.\w])exec\(|marshal\.loads|shelve")
    offenders = []
    for folder in ("model", "desktop_app"):
        for path in sorted((REPO / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if forbidden.search(line):
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []
    loads = [line for path in (REPO / "model").rglob("*.py") for line in path.read_text().splitlines()
             if "np.load(" in line]
    assert loads and all("allow_pickle=False" in line for line in loads)
