"""Which devices could train: `hanyeong devices --json` in its own process, so that loading TensorFlow to ask
stays out of the app."""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, QProcess, Signal

from .cli_process import cli_command, cli_environment, error_line


class DeviceProbe(QObject):
    # model/devices.py probe(): {"devices": [{"type": "CPU" | "GPU", "name", ...}], "hint", "error", "precision",
    # "tokens_per_batch", ...}
    found = Signal(dict)
    failed = Signal(str)  # why the devices could not be detected

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.process: QProcess | None = None

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self) -> bool:
        """Start detecting; False when a detection is already running."""
        if self.process is not None:
            return False
        program, arguments = cli_command(["devices", "--json"])
        process = QProcess(self)
        process.setProcessEnvironment(cli_environment())
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(lambda error: error == QProcess.ProcessError.FailedToStart and
                                      self._failed_to_start(process.errorString()))
        self.process = process
        process.start(program, arguments)
        return True

    def stop(self) -> None:
        """For quitting: end a detection still running."""
        if self.process is not None:
            self.process.kill()
            self.process.waitForFinished(3000)

    def _failed_to_start(self, message: str) -> None:
        self.process = None
        self.failed.emit(message)

    def _on_finished(self, code: int, _status) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        output = bytes(process.readAllStandardOutput()).decode("utf-8", errors="replace")
        stderr = bytes(process.readAllStandardError()).decode("utf-8", errors="replace")
        process.deleteLater()
        try:
            report = json.loads(output.strip().splitlines()[-1]) if code == 0 and output.strip() else None
        except ValueError:
            report = None
        if isinstance(report, list):  # an older command line: the devices alone
            report = {"devices": report}
        if isinstance(report, dict) and isinstance(report.get("devices"), list):
            self.found.emit(report)
        else:
            self.failed.emit(error_line(stderr) or f"exit code {code}")
