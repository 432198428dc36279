"""The save dialog every export uses: it opens where the last export went (or in Documents, or home: never the
working directory) and makes sure the file name ends with the chosen format's extension."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

from ..services.settings import dialog_folder


def ask_export_path(parent: QWidget, title: str, last_directory: str, stem: str, kind: str, file_filter: str) -> str:
    """The chosen path (with .kind), or "" when the user cancelled."""
    folder = dialog_folder(last_directory)
    path, _ = QFileDialog.getSaveFileName(parent, title, f"{folder}/{stem}.{kind}", file_filter)
    if path and not path.lower().endswith("." + kind):
        path += "." + kind
    return path
