"""No network, ever: a guard that refuses every socket except local AF_UNIX ones, and every name lookup.

It is a Python audit hook (PEP 578), so it sees every socket any Python code creates, connects, binds or sends
on (the standard library, urllib3/requests, TensorFlow's and Keras' Python layers, PySide6 through Python), not
only calls to socket.socket. A refused operation raises NetworkBlocked in the code that tried it and is recorded:
in `blocked` in this process, and as a line in the file named by $HANYEONG_NO_NETWORK_LOG for subprocesses, which
load the guard through the sitecustomize.py beside this file (put this folder first on PYTHONPATH).

One exception is recorded but not counted: urllib3 (imported by TensorFlow's bundled tf.keras through requests)
probes at import time whether IPv6 exists by binding a socket to ::1, port 0; it sends nothing and treats a
refusal as "no IPv6". The probe is refused too; `violations()` leaves it out.
"""

from __future__ import annotations

import os
import socket
import sys

ENV = "HANYEONG_NO_NETWORK_LOG"
LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", object())}
KNOWN_PROBES = (("urllib3/util/connection.py", "_has_ipv6"),)
LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
           "socket.getnameinfo")
USES = ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg")

blocked: list[str] = []
local: list[str] = []  # AF_UNIX sockets, allowed (and so far never used by Hanyeong)
_state = {"active": False, "log": None, "installed": False}


class NetworkBlocked(OSError):
    pass


def _probe() -> str:
    frame = sys._getframe(3)
    while frame is not None:
        path = frame.f_code.co_filename.replace("\\", "/")
        for ending, function in KNOWN_PROBES:
            if path.endswith(ending) and frame.f_code.co_name == function:
                return f"{ending}:{function}"
        frame = frame.f_back
    return ""


def _where() -> str:
    frame, trail = sys._getframe(3), []
    while frame is not None and len(trail) < 6:
        trail.append(f"{os.path.basename(frame.f_code.co_filename)}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(trail)


def _refuse(what: str) -> None:
    probe = _probe()
    line = f"{os.getpid()} {'probe ' + probe if probe else 'BLOCKED'} {what} at {_where()}"
    blocked.append(line)
    if _state["log"]:
        with open(_state["log"], "a", encoding="utf-8") as log:
            log.write(line + "\n")
    raise NetworkBlocked(f"network access is not allowed: {what}")


def _hook(event: str, args: tuple) -> None:
    if not _state["active"] or not event.startswith("socket."):
        return
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        if family in (-1, None):
            family = socket.AF_INET
        if family not in LOCAL_FAMILIES:
            _refuse(f"socket(family={family!r})")
        local.append(f"{os.getpid()} local socket at {_where()}")
    elif event in USES:
        sock = args[0]
        if getattr(sock, "family", None) not in LOCAL_FAMILIES:
            _refuse(f"{event.split('.')[1]}({args[1]!r})")
    elif event in LOOKUPS:
        _refuse(f"{event.split('.')[1]}{args!r}")


def activate(log: str | None = None) -> None:
    if not _state["installed"]:
        sys.addaudithook(_hook)  # hooks cannot be removed; deactivate() makes it a no-op
        _state["installed"] = True
    _state["log"] = log
    _state["active"] = True


def deactivate() -> None:
    _state["active"] = False


def violations(lines: list[str]) -> list[str]:
    """Blocked attempts other than the known harmless probe."""
    return [line for line in lines if " BLOCKED " in line]
