"""`hanyeong-app --self-test OUT.png`: the real window translates a sample, opens the attention panel on it and
saves a screenshot; exit code 0 when all of that worked and TensorFlow was never loaded."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from ..views.attention.examples import SELF_TEST_SAMPLE
from .startup_report import StartupReport

SELF_TEST_SIZE = (1280, 860)


class SelfTest:
    """Drives the real window through translate → attention → screenshot, with a deadline."""

    def __init__(self, app, window, output: Path, timeout_s: float):
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
        if window.service.ready:  # the model finished loading while the window was built
            QTimer.singleShot(0, lambda: self._on_model(window.service.model_path, window.service.card))

    def run(self) -> int:
        self.deadline.start()
        self.app.exec()
        return self.code

    def _on_model(self, path: str, card: dict) -> None:
        self.report.mark("model_loaded")
        self.stage = "translating the sample"
        self.window.run_example(SELF_TEST_SAMPLE)

    def _on_example(self) -> None:
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
