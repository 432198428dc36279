"""Edit ▸ Undo … Select All for whichever editor has the focus (the Korean one otherwise), enabled only where an
action would do something there."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from .editors import OutputView, SourceEdit


class EditMenu(QObject):
    def __init__(self, menu: QMenu, window: QWidget, fallback: SourceEdit):
        super().__init__(window)
        self.fallback = fallback
        self.actions: dict[str, QAction] = {}
        menu.aboutToShow.connect(self.update_actions)
        for text, key, method in ((self.tr("&Undo"), QKeySequence.StandardKey.Undo, "undo"),
                                  (self.tr("&Redo"), QKeySequence.StandardKey.Redo, "redo"),
                                  (None, None, None),
                                  (self.tr("Cu&t"), QKeySequence.StandardKey.Cut, "cut"),
                                  (self.tr("&Copy"), QKeySequence.StandardKey.Copy, "copy"),
                                  (self.tr("&Paste"), QKeySequence.StandardKey.Paste, "paste"),
                                  (self.tr("Select &All"), QKeySequence.StandardKey.SelectAll, "selectAll")):
            if text is None:
                menu.addSeparator()
                continue
            action = QAction(text, window)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the editors handle the keys
            action.triggered.connect(lambda _=False, name=method: getattr(self.target(), name)())
            menu.addAction(action)
            self.actions[method] = action

    def target(self):
        widget = QApplication.focusWidget()
        return widget if isinstance(widget, (SourceEdit, OutputView)) else self.fallback

    def update_actions(self) -> None:
        """Enabled in the editor they act on (so Copy is off after Clear, with nothing to copy)."""
        target = self.target()
        editable = not target.isReadOnly()
        selected = target.textCursor().hasSelection()
        document = target.document()
        states = {"undo": editable and document.isUndoAvailable(), "redo": editable and document.isRedoAvailable(),
                  "cut": editable and selected, "copy": selected, "paste": editable and target.canPaste(),
                  "selectAll": bool(target.toPlainText())}
        for name, enabled in states.items():
            self.actions[name].setEnabled(enabled)


def add_action(window: QWidget, text: str, shortcut=None, slot=None, checkable: bool = False,
               name: str = "") -> QAction:
    """A window-wide action: its shortcut(s), its slot (toggled for a checkable one), an object name for tests."""
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(shortcut)
    action.setCheckable(checkable)
    if slot is not None:
        (action.toggled if checkable else action.triggered).connect(slot)
    if name:
        action.setObjectName(name)
    window.addAction(action)
    return action
