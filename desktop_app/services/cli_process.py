"""How the app starts the `hanyeong` command line in a separate process (training, device detection).

The one place that knows: from source or an installed package it is `python -m model.cli`; in a frozen
(PyInstaller) app it is the app's own executable, whose entry point (desktop_app/frozen.py) hands `--run-cli ARGS`
to model.cli. Only services use this module; the views talk to TrainingRunner and DeviceProbe.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QProcessEnvironment

from .. import RUN_CLI_FLAG

# The folder that holds the desktop_app and model packages (a checkout, or site-packages of an install).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
CPU, AUTO = "cpu", "auto"


def cli_command(arguments: list[str]) -> tuple[str, list[str]]:
    """(program, arguments) that run `hanyeong ARGUMENTS`."""
    if getattr(sys, "frozen", False):
        return sys.executable, [RUN_CLI_FLAG, *arguments]
    return sys.executable, ["-m", "model.cli", *arguments]


def cli_environment(device: str = AUTO) -> QProcessEnvironment:
    """The environment for the CLI process: the engine importable, quiet TensorFlow, and the chosen device. The
    device choice goes into this process's environment only, never into the app's own (os.environ), so switching
    back to Automatic takes effect at the next run."""
    environment = QProcessEnvironment.systemEnvironment()
    if getattr(sys, "frozen", False):
        # the child is a new instance of the packaged app, not a helper process of this one (PyInstaller >= 6.10)
        environment.insert("PYINSTALLER_RESET_ENVIRONMENT", "1")
    else:
        paths = [str(PROJECT_ROOT)] + [p for p in environment.value("PYTHONPATH", "").split(os.pathsep) if p]
        environment.insert("PYTHONPATH", os.pathsep.join(paths))
    environment.insert("TF_CPP_MIN_LOG_LEVEL", "2")
    environment.insert("PYTHONUNBUFFERED", "1")
    environment.insert("PYTHONIOENCODING", "utf-8")
    if device == CPU:
        environment.insert("CUDA_VISIBLE_DEVICES", "-1")
    return environment


def error_line(stderr: str) -> str:
    """The CLI's one-line error ('hanyeong: …') out of stderr, which also carries TensorFlow's chatter."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith("hanyeong:"):
            return line[len("hanyeong:"):].strip()
    for line in reversed(lines):
        if "Error" in line or "error" in line:
            return line
    return lines[-1] if lines else ""
