"""Typed access to the persisted settings (QSettings): one place for every key and its default."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

DEFAULT_BEAM = 4
DEFAULT_MAX_LENGTH = 256
HISTORY_LIMIT = 50


class AppSettings(QObject):
    """The app's preferences. Emits `changed(key)` whenever one is written, so views can follow."""

    changed = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = settings or QSettings()

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
        return max(1, min(16, self._get("decoding/beam", DEFAULT_BEAM, int)))

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
        """'auto', 'cpu' or 'gpu'."""
        value = self._get("device/choice", "auto", str)
        return value if value in ("auto", "cpu", "gpu") else "auto"

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
        return value if value in ("system", "en", "ko") else "system"

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

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self.store.value("window/geometry"), self.store.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

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
    def last_training_run(self) -> dict | None:
        value = self._get_json("training/last_run", None)
        return value if isinstance(value, dict) else None

    @last_training_run.setter
    def last_training_run(self, spec: dict | None) -> None:
        self._set("training/last_run", json.dumps(spec, ensure_ascii=False) if spec else "")

    def sync(self) -> None:
        self.store.sync()
