"""Entry point of `hanyeong-app`.

  hanyeong-app                      the translator window
  hanyeong-app --model DIR          use this model bundle instead of the one chosen in the settings
  hanyeong-app --self-test OUT.png  open the real window, translate a Korean sample, open the attention panel on
                                    it, save a screenshot of the window to OUT.png and exit (0: all worked; it
                                    fails if TensorFlow got loaded)

Exit code 2: the window cannot open because X11 libraries are missing (see platform_check; the message names the
packages to install).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import APP_NAME, ORGANIZATION

SELF_TEST_TIMEOUT_S = 240
SELF_TEST_SIZE = (1280, 860)


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
    from . import i18n
    from .fonts import register_qt_font, setup_matplotlib
    from .main_window import app_icon
    from .theme import apply_theme

    language = i18n.install(app, language or settings.language)
    register_qt_font(app)
    setup_matplotlib()
    apply_theme(app, settings.theme)
    app.setWindowIcon(app_icon())
    return language


class SelfTest:
    """Drives the real window through translate → attention → screenshot, with a deadline."""

    def __init__(self, app, window, output: Path, timeout_s: float):
        from PySide6.QtCore import QTimer

        from .startup_report import StartupReport

        self.app, self.window, self.output = app, window, output
        self.report = StartupReport()
        QTimer.singleShot(0, lambda: self.report.mark("window_shown"))  # the first turn of the event loop paints
        self.code = 1
        self.stage = "loading the model"
        self.deadline = QTimer(singleShot=True, interval=int(timeout_s * 1000))
        self.deadline.timeout.connect(lambda: self.fail(f"timed out while {self.stage}"))
        window.service.modelLoaded.connect(self._on_model)
        window.service.modelFailed.connect(lambda path, message: self.fail(message))
        window.service.failed.connect(lambda job, message: self.fail(f"translation failed: {message}"))
        window.exampleShown.connect(self._on_example)

    def run(self) -> int:
        self.deadline.start()
        self.app.exec()
        return self.code

    def _on_model(self, path: str, card: dict) -> None:
        from .examples import SELF_TEST_SAMPLE

        self.report.mark("model_loaded")
        self.stage = "translating the sample"
        self.window.run_example(SELF_TEST_SAMPLE)

    def _on_example(self) -> None:
        from PySide6.QtCore import QTimer

        self.report.mark("first_translation_shown")
        self.stage = "drawing the attention panel"
        QTimer.singleShot(400, self._capture)

    def _capture(self) -> None:
        window = self.window
        if not window.output_view.toPlainText().strip():
            return self.fail("the translation is empty")
        if window.attention_panel.view is None or not window.attention_panel.isVisible():
            return self.fail("the attention panel shows no attention")
        if "tensorflow" in sys.modules:
            return self.fail("TensorFlow was loaded; translating must use LiteRT only")
        window.attention_panel.canvas.draw()
        self.app.processEvents()
        image = window.grab()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(self.output)):
            return self.fail(f"could not write {self.output}")
        print(f"self-test passed: translated {len(window.result.translation.sentences)} sentences with "
              f"{window.service.card.get('name')}; screenshot in {self.output}")
        self.report.save()
        self.finish(0)

    def fail(self, message: str) -> None:
        print(f"hanyeong-app self-test failed: {message}", file=sys.stderr)
        self.finish(1)

    def finish(self, code: int) -> None:
        self.code = code
        self.deadline.stop()
        self.window.close()
        self.app.exit(code)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    from .platform_check import EXIT_CODE, report_missing_libraries

    if report_missing_libraries():  # Qt would abort on a missing X11 library; say which package to install
        return EXIT_CODE
    from PySide6.QtCore import QSettings

    app = create_application([sys.argv[0]])
    from .model_store import ModelStore
    from .settings import AppSettings

    user_settings = AppSettings()
    if user_settings.device == "cpu":
        os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")  # before the worker loads TensorFlow
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
    setup_application(app, settings, args.language)
    from .main_window import MainWindow

    window = MainWindow(settings, ModelStore(), model_override=args.model)
    if args.self_test:
        window.resize(*SELF_TEST_SIZE)
        window.show()
        code = SelfTest(app, window, Path(args.self_test), args.timeout).run()
        os.unlink(scratch.name)
        return code
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
