"""Start-up of the desktop app: `hanyeong-app` (main.py), the self-test, the X11 library check, the interface
language and the start-up report."""

from .. import qt_compat  # noqa: F401  (before any signal is emitted: see qt_compat)
