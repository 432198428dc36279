"""Writing files so that a crash, a full disk or a missing permission never leaves a half-written one.

Every file Hanyeong writes (bundles, checkpoints, prepared data, settings exports, translations, attention exports)
goes through `write_atomic`: the content is written to a temporary name beside the target, flushed to disk, and
renamed over the target in one step. If anything fails midway the temporary file is removed, the previous file is
left exactly as it was, and the error says which file could not be written and why.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Callable


class WriteFailed(OSError):
    """A file could not be written; the previous version (if any) is unchanged. str() is a sentence for the user."""

    def __init__(self, path: Path, cause: BaseException):
        code = getattr(cause, "errno", None) or errno.EIO
        reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
        super().__init__(code, reason, str(path))
        self.path, self.reason = Path(path), reason

    def __str__(self) -> str:
        kept = "the previous version is unchanged" if self.path.exists() else "nothing was written"
        return f"could not write {self.path}: {self.reason} ({kept})"


def temporary_name(path: Path) -> Path:
    """Beside the target (same filesystem, so the rename is atomic), keeping the suffix for writers that go by it."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}{path.suffix}")


def _fsync(path: Path) -> None:
    try:
        with open(path, "rb") as file:
            os.fsync(file.fileno())
    except OSError:  # some filesystems (and Windows for read-only handles) cannot; the rename is still atomic
        pass


def write_atomic(path: str | Path, write: Callable[[str], None]) -> None:
    """write(tmp_name) then rename over path: a crash or an error midway leaves the old file intact.

    Errors (disk full, permission denied, …) are raised as WriteFailed, whose message names the file.
    """
    path = Path(path)
    tmp = temporary_name(path)
    try:
        write(str(tmp))
        _fsync(tmp)
        os.replace(tmp, path)
    except OSError as error:
        raise WriteFailed(path, error) from error
    finally:
        try:
            tmp.unlink()
        except OSError:  # already renamed into place, or never created
            pass


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    write_atomic(path, lambda tmp: Path(tmp).write_bytes(data))


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Text as given: line endings are not translated, so a file has the same bytes on every system."""
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as file:
            file.write(text)

    write_atomic(path, write)


def write_json_atomic(path: str | Path, value) -> None:
    write_text_atomic(path, json.dumps(value, indent=2, ensure_ascii=False))


# --- free space ----------------------------------------------------------------------------------------------


def free_bytes(folder: str | Path) -> int | None:
    """Free bytes on the filesystem holding `folder` (or its nearest existing parent); None if unknown."""
    import shutil

    folder = Path(folder).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def check_free_space(folder: str | Path, needed: int, what: str) -> None:
    """Raise OSError(ENOSPC) with a message for the user when less than `needed` bytes are free for `what`.

    Checked before big writes: some writers (HDF5 under Keras) crash rather than fail cleanly on a full disk."""
    free = free_bytes(folder)
    if free is not None and free < needed:
        raise OSError(errno.ENOSPC, f"not enough disk space for {what} in {Path(folder)}: {free / 1e6:.0f} MB free, "
                                    f"about {needed / 1e6:.0f} MB needed; free some space and run again")


def estimated_parameters(config) -> int:
    """Rough parameter count of a TransformerConfig (embeddings, attention, feed-forward)."""
    d, ff = config.d_model, config.d_ff
    layer = 4 * d * d + 2 * d * ff
    return (config.src_vocab_size + config.tgt_vocab_size) * d + \
        (config.num_encoder_layers + 2 * config.num_decoder_layers) * layer
