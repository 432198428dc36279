"""Hanyeong's desktop app (Qt for Python). It never imports TensorFlow itself: translation goes through
`model.api` in a worker thread, training and device detection run `model.cli` in a separate process."""

APP_NAME = "Hanyeong"
ORGANIZATION = "Hanyeong"

from . import qt_compat  # noqa: E402,F401  (before any signal is emitted: see qt_compat)
