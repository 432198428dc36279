"""Typed access to the persisted settings (QSettings): one place for every key and its default.

Qt writes the settings file atomically (a temporary file renamed over the old one), so a crash or a full disk never
leaves it half-written. Settings that matter (the model, history, the last training run) are written at once, and a
failed write is reported through `saveFailed` with a message for the user; the previous file stays as it was.
"""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QByteArray, QObject, QSettings, QStandardPaths, Signal

DEFAULT_BEAM = 0  # 0: the model's own decoding (its card: beam and length penalty chosen on dev)
DEFAULT_MAX_LENGTH = 256
HISTORY_LIMIT = 50
LANGUAGES = {"en": "English", "ko": "한국어"}  # interface languages besides "system" (app/i18n.py installs them)
DEVICES = ("auto", "cpu")  # for training: automatic (a GPU if there is one) or the CPU only


def dialog_folder(last: str = "") -> str:
    """Where a file dialog opens: `last` (where the previous file went) if it still exists, else the user's
    Documents folder, else their home. Never "" or a folder that is gone: Qt would then open in the working
    directory, which is the source tree under `make run`."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, documents):
        if folder and os.path.isdir(folder):
            return folder
    return os.path.expanduser("~")


class AppSettings(QObject):
    """The app's preferences. Emits `changed(key)` whenever one is written, so views can follow."""

    changed = Signal(str)
    saveFailed = Signal(str)  # a message for the user: the settings file could not be written

    SYNCED_PREFIXES = ("model/", "history/", "training/", "terms/")  # written at once, not when Qt gets round to it

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = settings or QSettings()
        self.save_problem = ""
        self._dirty = False

    def _get(self, key: str, default, kind=None):
        value = self.store.value(key, default)
        if kind is bool:
            return value in (True, "true", "1", 1)
        if kind is not None:
            try:
                return kind(value)
            except (TypeError, ValueError):
                return default
        return value

    def _set(self, key: str, value) -> None:
        if self.store.value(key) == value:
            return
        self.store.setValue(key, value)
        self._dirty = True
        if key.startswith(self.SYNCED_PREFIXES):
            self.sync()
        self.changed.emit(key)

    # --- model and decoding ----------------------------------------------------------------------------------

    @property
    def model_path(self) -> str:
        """The selected bundle; empty means the shipped model."""
        return self._get("model/path", "", str)

    @model_path.setter
    def model_path(self, value: str) -> None:
        self._set("model/path", value)

    @property
    def beam(self) -> int:
        return max(0, min(16, self._get("decoding/beam", DEFAULT_BEAM, int)))

    @beam.setter
    def beam(self, value: int) -> None:
        self._set("decoding/beam", int(value))

    @property
    def max_length(self) -> int:
        return max(8, min(1024, self._get("decoding/max_length", DEFAULT_MAX_LENGTH, int)))

    @max_length.setter
    def max_length(self, value: int) -> None:
        self._set("decoding/max_length", int(value))

    @property
    def device(self) -> str:
        """'auto' or 'cpu': the device training runs on; only the training process's environment follows it."""
        value = self._get("device/choice", "auto", str)
        return value if value in DEVICES else "auto"

    @device.setter
    def device(self, value: str) -> None:
        self._set("device/choice", value)

    # --- interface ---------------------------------------------------------------------------------------------

    @property
    def translate_as_you_type(self) -> bool:
        return self._get("ui/as_you_type", True, bool)

    @translate_as_you_type.setter
    def translate_as_you_type(self, value: bool) -> None:
        self._set("ui/as_you_type", bool(value))

    @property
    def language(self) -> str:
        """'system', 'en' or 'ko'."""
        value = self._get("ui/language", "system", str)
        return value if value == "system" or value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._set("ui/language", value)

    @property
    def theme(self) -> str:
        """'system', 'light' or 'dark'."""
        value = self._get("ui/theme", "system", str)
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("ui/theme", value)

    @property
    def last_directory(self) -> str:
        return self._get("ui/last_directory", "", str)

    @last_directory.setter
    def last_directory(self, value: str) -> None:
        self._set("ui/last_directory", value)

    @property
    def dialog_folder(self) -> str:
        """Where the next file dialog opens (dialog_folder of the last directory)."""
        return dialog_folder(self.last_directory)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self.store.value("window/geometry"), self.store.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)
        self._dirty = True

    # --- history and the last training run (JSON values) ----------------------------------------------------

    def _get_json(self, key: str, default):
        raw = self.store.value(key, "")
        try:
            return json.loads(raw) if raw else default
        except (TypeError, ValueError):
            return default

    @property
    def history(self) -> list[dict]:
        value = self._get_json("history/entries", [])
        return [entry for entry in value if isinstance(entry, dict) and "source" in entry][:HISTORY_LIMIT]

    @history.setter
    def history(self, entries: list[dict]) -> None:
        self._set("history/entries", json.dumps(entries[:HISTORY_LIMIT], ensure_ascii=False))

    @property
    def terms(self) -> list[dict]:
        """The user's terms: [{"korean", "english", "enabled"}] (services/terms.py TermList edits them)."""
        value = self._get_json("terms/entries", [])
        return [entry for entry in value if isinstance(entry, dict) and isinstance(entry.get("korean"), str)
                and isinstance(entry.get("english"), str)] if isinstance(value, list) else []

    @terms.setter
    def terms(self, entries: list[dict]) -> None:
        self._set("terms/entries", json.dumps(entries, ensure_ascii=False))

    @property
    def last_training_run(self) -> dict | None:
        value = self._get_json("training/last_run", None)
        return value if isinstance(value, dict) else None

    @last_training_run.setter
    def last_training_run(self, spec: dict | None) -> None:
        self._set("training/last_run", json.dumps(spec, ensure_ascii=False) if spec else "")

    def sync(self) -> str:
        """Write pending changes now. Returns "" or, when the file cannot be written (disk full, no permission),
        a message saying so (also emitted as saveFailed); the previous file is left intact and Qt tries again at
        the next write."""
        before = self._file_id()
        self.store.sync()
        # Qt's status stays at its first error for the life of the object, so a write that went through is
        # recognised by the file having been replaced (Qt renames a new file over the old one).
        written = self.store.status() == QSettings.Status.NoError or self._file_id() != before
        if written or not self._dirty:  # (not dirty: nothing was waiting to be written)
            self._dirty = False
            self.save_problem = ""
            return ""
        problem = (f"could not save the settings to {self.store.fileName()} (the disk may be full or the folder "
                   "read-only); the previous settings are kept and saving is tried again at the next change")
        if problem != self.save_problem:
            self.save_problem = problem
            self.saveFailed.emit(problem)
        return problem

    def _file_id(self):
        try:
            info = os.stat(self.store.fileName())
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size
