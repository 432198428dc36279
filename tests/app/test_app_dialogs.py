"""File dialogs open where the user keeps files: the folder of the last one picked, else Documents, else home;
never the working directory (the source tree under `make run`), nor a folder that does not exist."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog
from support import REPO


def test_every_file_dialog_starts_in_documents_or_home_then_where_the_last_file_went(window, monkeypatch,
                                                                                      tmp_path):
    asked = []

    def answer(kind):
        def dialog(parent, title, start="", *rest, **keywords):
            asked.append((title, start))
            return ([], "") if kind == "many" else ("", "")
        return staticmethod(dialog)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer("one"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer("one"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", answer("many"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda parent, title, start="", *a, **k:
                        asked.append((title, start)) or "")
    window.settings.last_directory = ""

    def open_every_dialog():
        asked.clear()
        window.files.ask()
        window.files.save_dialog("text")
        window.attention_panel._export_dialog("png")
        window.lecture.decoding._export_dialog("json")
        window.open_settings("terms")
        page = window.settings_dialog.terms_page
        page._import_dialog()
        page._export_dialog()
        training = window.settings_dialog.training_page
        training._add_files_dialog()
        training._add_folder_dialog()
        return {title: (Path(start) if Path(start).is_dir() else Path(start).parent) for title, start in asked}

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    expected = Path(documents) if documents and os.path.isdir(documents) else Path.home()
    folders = open_every_dialog()
    assert len(folders) == 8, folders
    for title, folder in folders.items():
        assert folder == expected, f"{title!r} opens in {folder}"
        assert folder != Path.cwd() and not folder.is_relative_to(REPO)

    window.settings.last_directory = str(tmp_path)  # a file was picked there
    for title, folder in open_every_dialog().items():
        if title not in ("Export attention", "Export decoding"):  # those remember their own last folder
            assert folder == tmp_path, f"{title!r} opens in {folder}"
    window.settings.last_directory = str(tmp_path / "gone")  # a folder since deleted, or an unplugged drive
    assert set(open_every_dialog().values()) == {expected}
