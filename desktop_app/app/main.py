"""Entry point of `hanyeong-app`.

  hanyeong-app                      the translator window
  hanyeong-app --model DIR          use this model bundle instead of the one chosen in the settings
  hanyeong-app --self-test OUT.png  open the real window, translate a Korean sample, open the attention panel on
                                    it, save a screenshot of the window to OUT.png and exit (0: all worked; it
                                    fails if TensorFlow got loaded)

Exit code 2: the window cannot open because X11 libraries are missing (see platform_check; the message names the
packages to install).

The device chosen for training (Settings ▸ Device) is not applied here: it only goes into the environment of the
training process (services/cli_process.py), so that switching it back takes effect without a restart.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .. import APP_NAME, ORGANIZATION

SELF_TEST_TIMEOUT_S = 240


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hanyeong-app", description="Hanyeong: offline Korean→English translation")
    parser.add_argument("--model", metavar="DIR", help="model bundle folder to use")
    parser.add_argument("--language", choices=("system", "en", "ko"), help="interface language for this run")
    parser.add_argument("--self-test", metavar="OUT.png", help="translate a sample, save a screenshot, exit")
    parser.add_argument("--timeout", type=float, default=SELF_TEST_TIMEOUT_S, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def create_application(argv: list[str]):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("hanyeong")
    return app


def setup_application(app, settings, language: str | None = None) -> str:
    """Language (the settings' unless given), fonts and theme; returns the interface language in use."""
    from ..views.fonts import register_qt_font, setup_matplotlib
    from ..views.main_window import app_icon
    from ..views.theme import apply_theme
    from . import i18n

    language = i18n.install(app, language or settings.language)
    register_qt_font(app)
    setup_matplotlib()
    apply_theme(app, settings.theme)
    app.setWindowIcon(app_icon())
    return language


def build_services(settings, store, model_override: str | None = None):
    """The services the window works through (services/app_services.py), connected to one another: the one place
    where they are made. The model (`model_override`, else the settings' choice) starts loading on the translator's
    thread at once, while the window is built."""
    from ..services.app_services import AppServices
    from ..services.attention_steps import StepsService
    from ..services.explaining import ExplainService
    from ..services.history import HistoryModel
    from ..services.terms import TermList
    from ..services.training_runner import TrainingRunner
    from ..services.translation_service import TranslationService

    translation = TranslationService()
    translation.load(str(Path(model_override) if model_override else store.resolve(settings.model_path)))
    terms = TermList(settings, translation)
    translation.set_terms(terms.enabled_terms())  # every translation uses the switched-on terms
    terms.termsChanged.connect(lambda: translation.set_terms(terms.enabled_terms()))
    return AppServices(settings, store, translation, ExplainService(translation), StepsService(translation),
                       TrainingRunner(settings), HistoryModel(settings), terms)


def build_window(settings, store, model_override: str | None = None, services=None):
    """The main window over `services` (built here when not given)."""
    services = services or build_services(settings, store, model_override)
    from ..views.main_window import MainWindow

    return MainWindow(services, model_override=model_override)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    from .platform_check import EXIT_CODE, report_missing_libraries

    if report_missing_libraries():  # Qt would abort on a missing X11 library; say which package to install
        return EXIT_CODE
    from PySide6.QtCore import QSettings

    app = create_application([sys.argv[0]])
    from ..services.model_store import ModelStore
    from ..services.settings import AppSettings

    user_settings = AppSettings()
    if args.self_test:
        # the self-test uses the user's model choice but leaves their settings and history alone
        scratch = tempfile.NamedTemporaryFile(prefix="hanyeong-self-test-", suffix=".ini", delete=False)
        scratch.close()
        settings = AppSettings(QSettings(scratch.name, QSettings.Format.IniFormat))
        settings.model_path = user_settings.model_path
        settings.language, settings.theme = user_settings.language, user_settings.theme
        settings.translate_as_you_type = False
    else:
        settings = user_settings
    store = ModelStore()
    services = build_services(settings, store, args.model)  # the model loads while the window is being built
    from PySide6.QtCore import QStandardPaths

    from ..views.fonts import use_app_font_cache

    # before matplotlib's fonts are needed: its font list is not rebuilt from the system's fonts at a first start
    use_app_font_cache(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    setup_application(app, settings, args.language)
    window = build_window(settings, store, args.model, services)
    if args.self_test:
        from .self_test import SELF_TEST_SIZE, SelfTest

        window.resize(*SELF_TEST_SIZE)
        window.show()
        code = SelfTest(app, window, Path(args.self_test), args.timeout).run()
        os.unlink(scratch.name)
        return code
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
