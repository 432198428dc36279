"""Before the window opens on Linux: can Qt's xcb (X11) platform plugin load?

Qt needs system libraries for X11 that a bare desktop may lack (libxcb-cursor0 first of all). Without them Qt prints
"could not load the Qt platform plugin" and aborts, which nobody sees when the app was started from a menu. So the
plugin is loaded here first; when that fails, the message names the missing libraries and the Debian/Ubuntu packages
that hold them, goes to stderr and, where a desktop tool for it exists (zenity, kdialog, xmessage), to a dialog box,
and the app exits with code 2. The packaged app carries most of these libraries itself (build.spec).
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

EXIT_CODE = 2

# soname -> Debian/Ubuntu package (Fedora and others name them alike: xcb-util-cursor, libxkbcommon-x11, ...)
X11_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
# The packages a bare X11 desktop most often lacks; named whenever the plugin cannot load, whatever else is missing.
USUAL_PACKAGES = ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
                  "libxcb-xinerama0", "libxcb-randr0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0",
                  "libx11-xcb1", "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3"]
_CULPRIT = re.compile(r"\s*([^\s:]+\.so[\w.]*):")


def load_failure(library: str) -> str | None:
    """None if `library` loads; otherwise the library the dynamic loader complained about, which is `library`
    itself or one it depends on (a missing libxcb.so.1 makes every libxcb-* fail)."""
    try:
        ctypes.CDLL(library)
        return None
    except OSError as error:
        # the loader's own message; in the packaged app PyInstaller's ctypes wraps it in an error of its own
        match = _CULPRIT.match(str(error.__cause__ or error))
        return Path(match.group(1) if match else library).name


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt is going to try the xcb plugin: Linux, and no other platform asked for."""
    if not platform.startswith("linux"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return any(name.split(":")[0].strip() == "xcb" for name in requested.split(";"))
    # A Wayland session uses the wayland plugin (xcb is only its fallback there); without any display Qt fails
    # with its own clear message about the display, not about libraries.
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """libqxcb.so of the PySide6 in use (from source or inside the packaged app), if it has one."""
    try:
        import PySide6
    except ImportError:
        return None
    plugin = Path(PySide6.__file__).resolve().parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def missing_libraries(plugin: Path | None = None, load=load_failure) -> list[str] | None:
    """None when the xcb plugin loads; otherwise the libraries that are missing or broken (may be empty when the
    loader's complaint is about something else)."""
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None
    failed = load_failure(str(plugin))
    if failed is None:
        return None
    culprits = [load(name) for name in X11_LIBRARIES] + [failed]
    return list(dict.fromkeys(name for name in culprits if name and name != plugin.name))


def message(missing: list[str]) -> str:
    packages = list(dict.fromkeys([X11_LIBRARIES[name] for name in missing if name in X11_LIBRARIES]))
    packages += [name for name in USUAL_PACKAGES if name not in packages]
    unknown = [name for name in missing if name not in X11_LIBRARIES]
    install = textwrap.wrap("sudo apt-get install " + " ".join(packages), 76, break_long_words=False,
                            break_on_hyphens=False)
    lines = textwrap.wrap("Hanyeong cannot open its window: Qt's X11 (xcb) platform plugin needs system libraries "
                          "that are missing.", 80)
    if missing:
        lines += textwrap.wrap("Missing or broken: " + ", ".join(missing) + ".", 80)
    lines += ["On Debian or Ubuntu, install them with:"]
    lines += ["  " + line + " \\" for line in install[:-1]] + ["  " + install[-1]]
    lines += ["(Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image",
              "  xcb-util-renderutil libxkbcommon-x11)"]
    if unknown:
        lines += textwrap.wrap("Also missing: " + ", ".join(unknown) + " (install the package that provides it).", 80)
    lines += ["Then start Hanyeong again. On a Wayland desktop, QT_QPA_PLATFORM=wayland is", "another way."]
    return "\n".join(lines)


def system_environment() -> dict[str, str]:
    """The environment for a system program: without the packaged app's library path (PyInstaller puts its own
    folder first in LD_LIBRARY_PATH and keeps the user's value in LD_LIBRARY_PATH_ORIG)."""
    environment = dict(os.environ)
    if getattr(sys, "frozen", False):
        original = environment.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            environment.pop("LD_LIBRARY_PATH", None)
        else:
            environment["LD_LIBRARY_PATH"] = original
    return environment


def show_dialog(text: str) -> bool:
    """Best effort: a desktop dialog without Qt, for an app started from a menu (stderr is seen by nobody)."""
    for command in (["zenity", "--error", "--no-markup", "--title=Hanyeong", "--text", text],
                    ["kdialog", "--title", "Hanyeong", "--error", text],
                    ["xmessage", "-center", text]):
        if shutil.which(command[0]):
            try:
                done = subprocess.run(command, timeout=600, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      env=system_environment())
                if done.returncode in (0, 1):  # dismissed (zenity and kdialog answer 1 for a closed window)
                    return True
            except (OSError, subprocess.SubprocessError):
                continue
    return False


def report_missing_libraries(environ=os.environ) -> bool:
    """Check before QApplication is created; True (after telling the user) when the window cannot open."""
    if not uses_xcb(environ):
        return False
    missing = missing_libraries()
    if missing is None:
        return False
    text = message(missing)
    print(f"hanyeong-app: {text}", file=sys.stderr, flush=True)
    if sys.stdin is None or not sys.stdin.isatty():  # started from a menu or file manager, not a terminal
        show_dialog(text)
    return True
