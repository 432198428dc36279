"""Work-around for a reference-counting bug in PySide6 6.12 on Python < 3.12.

`SignalInstance.emit()` returns `True` without taking a new reference to it; every emitted signal therefore
takes one reference away from `True`, and after a few thousand signals Python aborts with "bool_dealloc:
deallocating True or False". (From Python 3.12 on, True is immortal and nothing happens.) The check below
detects the bug at start-up and, only where it is present, wraps emit() to give the reference back.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_installed = False


class _Probe(QObject):
    fired = Signal()


def emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) <= before - 8


def install() -> bool:
    """Wrap SignalInstance.emit where needed; returns whether the work-around is active."""
    global _installed
    if _installed:
        return True
    if not emit_loses_a_reference():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference emit() should have returned
        return result

    SignalInstance.emit = emit
    _installed = True
    return True


install()
