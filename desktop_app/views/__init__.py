"""The windows and widgets: main window, editors, history, attention panel, settings dialog; they use services,
never the engine or the command line directly."""

from .. import qt_compat  # noqa: F401  (before any signal is emitted: see qt_compat)
