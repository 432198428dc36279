"""What the views use, without widgets: settings, the model store, translation in a worker thread, history, the
training process and device detection. The engine is reached through `model.api` only."""

from .. import qt_compat  # noqa: F401  (before any signal is emitted: see qt_compat)
