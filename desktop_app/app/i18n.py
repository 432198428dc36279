"""The interface language: English (the source strings) or Korean (translations/hanyeong_ko.qm, made with
pyside6-lupdate / Qt Linguist / pyside6-lrelease). Follows the system locale unless the user picked one.

To update after changing strings:
  pyside6-lupdate $(find desktop_app -name '*.py') -ts desktop_app/app/translations/hanyeong_ko.ts
  (translate the new entries in Qt Linguist or by editing the .ts)
  pyside6-lrelease desktop_app/app/translations/hanyeong_ko.ts -qm desktop_app/app/translations/hanyeong_ko.qm
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from ..services.settings import LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent / "translations"

_installed: list[QTranslator] = []


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """'system' -> 'ko' for a Korean system locale, otherwise 'en'."""
    if choice in LANGUAGES:
        return choice
    locale = locale or QLocale.system()
    languages = [locale.language()] + [QLocale(name).language() for name in locale.uiLanguages()[:1]]
    return "ko" if QLocale.Language.Korean in languages else "en"


def install(app, choice: str) -> str:
    """Install the translators for the chosen language; returns 'en' or 'ko'."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve_language(choice)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return language
    QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"hanyeong_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if any(translator.load(f"{name}_{language}", str(folder)) for folder in qt_translation_folders()):
            app.installTranslator(translator)  # Qt's own dialogs and buttons ("Look in:", "Files of type:")
            _installed.append(translator)
            break
    return language


def qt_translation_folders() -> list[Path]:
    """Where Qt's own .qm files are: Qt's translations path, and PySide6's folder (the packaged app carries
    qtbase_ko.qm there, build.spec; Qt's path may point elsewhere when frozen)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]
    return [folder for index, folder in enumerate(folders) if folder.is_dir() and folder not in folders[:index]]
