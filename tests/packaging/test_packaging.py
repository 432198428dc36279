"""The packaged app (build.spec, PyInstaller).

The first tests are cheap and part of `make test`: the spec, the desktop entry, the icons, the frozen entry point's
command-line mode and the check for missing X11 libraries. The ones marked `package` use the built bundle
dist/Hanyeong and run only with HANYEONG_PACKAGE_TEST=1, which `make package-test` sets after building it (a
PyInstaller build of TensorFlow takes many minutes).
"""

from __future__ import annotations

import ast
import configparser
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, TINY_CONFIG, TINY_PAIRS, write_pairs

from desktop_app import RUN_CLI_FLAG
from desktop_app.app import platform_check
from desktop_app.services.cli_process import cli_command

SPEC = REPO / "build.spec"
DESKTOP_ENTRY = REPO / "assets" / "hanyeong.desktop"
ICONS = REPO / "assets" / "icons"
BUNDLE = REPO / "dist" / "Hanyeong"
APP = BUNDLE / ("Hanyeong.exe" if sys.platform == "win32" else "Hanyeong")
GPU_BUILD = os.environ.get("HANYEONG_GPU_BUILD") == "1"  # built with the CUDA libraries (README: GPU build)
SIZE_LIMIT = 1.6e9  # bytes, CPU build
PACKAGE_TEST = os.environ.get("HANYEONG_PACKAGE_TEST") == "1"
package = pytest.mark.skipif(not PACKAGE_TEST, reason="needs the built bundle: make package-test")


# ---------------------------------------------------------------------------------------------------- the spec ---

def spec_strings() -> set[str]:
    return {node.value for node in ast.walk(ast.parse(SPEC.read_text())) if isinstance(node, ast.Constant)
            and isinstance(node.value, str)}


def test_spec_freezes_the_entry_point_into_one_folder_named_hanyeong():
    tree = ast.parse(SPEC.read_text())
    calls = {node.func.id: node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= set(calls), "one-folder build: EXE with exclude_binaries + COLLECT"
    keywords = {k.arg: k.value for k in calls["EXE"].keywords}
    assert ast.literal_eval(keywords["exclude_binaries"]) is True
    strings = spec_strings()
    assert "Hanyeong" in strings and "frozen.py" in strings
    assert (REPO / "desktop_app" / "frozen.py").is_file()


def test_spec_carries_the_assets_and_leaves_out_what_the_app_never_uses():
    strings = spec_strings()
    for folder in ("assets/model", "assets/fonts", "assets/icons", "desktop_app/app/translations"):
        assert folder in strings
    for name in ("tensorboard", "pytest", "hypothesis", "tests", "PyQt5", "PyQt6"):
        assert name in strings, name
    text = SPEC.read_text()
    for module in ("QtWebEngineCore", "QtQml", "QtQuick", "QtMultimedia", "Qt3DCore"):
        assert f'"{module}"' in text, module
    assert "nvidia" in text and "HANYEONG_GPU_BUILD" in text  # CUDA left out unless a GPU build asks for it
    # the packaged app needs every file the code resolves beside its packages
    for path in ("assets/model/model.tflite", "assets/model/ko.model", "assets/model/en.model",
                 "assets/fonts/NanumGothic.ttf", "desktop_app/app/translations/hanyeong_ko.qm",
                 "assets/icons/hanyeong.svg"):
        assert (REPO / path).is_file(), path
    assert "qtbase_ko.qm" in text  # Qt's own Korean: the file dialogs in the Korean interface


def test_the_desktop_app_imports_only_the_qt_modules_the_spec_keeps():
    text = SPEC.read_text()
    imported = set()
    for path in (REPO / "desktop_app").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert imported, "no PySide6 imports found"
    for module in imported:
        assert f'"{module}"' not in text, f"{module} is used by the app but excluded in build.spec"


# --------------------------------------------------------------------------------------- desktop entry, icons ---

def test_desktop_entry_is_valid():
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(DESKTOP_ENTRY)], capture_output=True, text=True)
        assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout + result.stderr
    parser = configparser.RawConfigParser(strict=True)
    parser.optionxform = str
    parser.read(DESKTOP_ENTRY, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "Hanyeong"
    assert entry["Exec"] and entry["Icon"] == "hanyeong" and entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^install-desktop:", makefile, re.M)
    for size in re.search(r"for size in ([\d ]+);", makefile).group(1).split():
        assert (ICONS / f"hanyeong-{size}.png").is_file()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_png_sizes(size):
    assert png_size(ICONS / f"hanyeong-{size}.png") == (size, size)


def test_icon_svg_source_ico_and_icns():
    svg = (ICONS / "hanyeong.svg").read_text(encoding="utf-8")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    assert root.get("viewBox") == "0 0 256 256"
    assert not list(root.iter("{http://www.w3.org/2000/svg}text")), "text must be outlines (no font needed)"
    ico = (ICONS / "hanyeong.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {(ico[6 + 16 * i] or 256) for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    assert (ICONS / "hanyeong.icns").read_bytes()[:4] == b"icns"


# ------------------------------------------------------------------------------- the frozen entry point, in-process ---

def test_frozen_app_starts_itself_with_the_cli_flag(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    program, arguments = cli_command(["train", "--progress-json"])
    assert program == sys.executable and arguments == [RUN_CLI_FLAG, "train", "--progress-json"]


def test_frozen_entry_runs_the_command_line_after_freeze_support(monkeypatch, capsys):
    import multiprocessing

    from desktop_app import frozen

    calls = []
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append("freeze_support"))
    assert frozen.main([RUN_CLI_FLAG, "info", "--json"]) == 0
    assert calls == ["freeze_support"]
    assert json.loads(capsys.readouterr().out)["name"]
    assert frozen.main([RUN_CLI_FLAG, "translate", "--beam", "1", "날씨가 좋아요."]) == 0
    assert re.search(r"[A-Za-z]", capsys.readouterr().out)
    assert frozen.main([RUN_CLI_FLAG, "translate", "--model", "/nonexistent/model", "안녕"]) == 1


def test_cli_mode_of_the_entry_script_imports_neither_qt_nor_tensorflow(tmp_path):
    """PyInstaller runs desktop_app/frozen.py as a script; its command-line mode must stay light."""
    result = subprocess.run([sys.executable, "-X", "importtime", str(REPO / "desktop_app" / "frozen.py"),
                             RUN_CLI_FLAG, "info"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "model.cli" in imported
    assert not any(name.startswith(("PySide6", "tensorflow", "keras")) for name in imported)


def test_user_models_go_to_the_data_folder_never_into_the_bundle(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    code = ("import sys; sys.frozen = True; sys._MEIPASS = sys.argv[1]\n"
            "from desktop_app.services.model_store import ModelStore\n"
            "store = ModelStore(); path = store.new_model_path('mine')\n"
            "print(store.models_dir); print(path); print(store.new_work_dir(path))\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    result = subprocess.run([sys.executable, "-c", code, str(REPO)], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env={**env, "HOME": str(home), "PYTHONPATH": str(REPO),
                                              "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-2000:]
    for line in result.stdout.split():
        path = Path(line)
        assert path.is_relative_to(home / ".local" / "share"), path
        assert not path.is_relative_to(REPO)


# ----------------------------------------------------------------------------------- missing X11 libraries ---

def test_xcb_check_applies_on_linux_x11_only():
    assert platform_check.uses_xcb({"DISPLAY": ":0"}, "linux")
    assert platform_check.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not platform_check.uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not platform_check.uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not platform_check.uses_xcb({"DISPLAY": ":0"}, "win32")


def test_a_plugin_that_cannot_load_names_the_packages_to_install(tmp_path):
    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a library")
    missing = platform_check.missing_libraries(broken, load=lambda name: name if name == "libxcb-cursor.so.0" else None)
    assert missing == ["libxcb-cursor.so.0"]
    text = platform_check.message(missing)
    assert "libxcb-cursor.so.0" in text and "sudo apt-get install libxcb-cursor0 " in text
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert package in text
    assert platform_check.missing_libraries(broken, load=lambda name: None) == []


def test_the_library_underneath_is_named_not_everything_that_needs_it(monkeypatch):
    assert platform_check.load_failure("libnot-there-at-all.so.7") == "libnot-there-at-all.so.7"

    def frozen_cdll(name):  # what PyInstaller's ctypes raises in the packaged app
        try:
            raise OSError("/lib/x86_64-linux-gnu/libxcb.so.1: cannot open shared object file: No such file")
        except OSError as error:
            raise OSError(f"Failed to load dynlib/dll {name!r}.") from error

    monkeypatch.setattr(platform_check.ctypes, "CDLL", frozen_cdll)
    assert platform_check.load_failure("libxcb-cursor.so.0") == "libxcb.so.1"
    monkeypatch.undo()
    depends = lambda name: "libxcb.so.1" if name.startswith(("libxcb", "libX11")) else None  # noqa: E731
    missing = platform_check.missing_libraries(Path(platform_check.__file__), load=depends)
    assert missing == ["libxcb.so.1"]
    assert "sudo apt-get install libxcb1 libxcb-cursor0 " in platform_check.message(missing)


def test_the_dialog_runs_with_the_users_library_path_not_the_bundles(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/Hanyeong/_internal:/usr/local/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    environment = platform_check.system_environment()
    assert environment["LD_LIBRARY_PATH"] == "/usr/local/lib" and "LD_LIBRARY_PATH_ORIG" not in environment
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert "LD_LIBRARY_PATH" not in platform_check.system_environment()


def test_the_app_exits_with_the_message_instead_of_aborting(monkeypatch, capsys):
    from desktop_app.app import main as app_main

    monkeypatch.setattr(platform_check, "missing_libraries", lambda: ["libxcb-cursor.so.0"])
    monkeypatch.setattr(platform_check, "show_dialog", lambda text: True)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if not sys.platform.startswith("linux"):
        pytest.skip("X11 only")
    assert app_main.main([]) == platform_check.EXIT_CODE
    assert "libxcb-cursor0" in capsys.readouterr().err


def readme_desktop_packages() -> set[str]:
    """The packages of README's `apt-get install` line for the app on X11 (the tests themselves need none)."""
    text = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    line = re.search(r"on a bare system: `apt-get install ([^`]+)`", text)
    assert line, "README names the desktop libraries for X11"
    return set(line.group(1).split())


def test_the_real_xcb_plugin_is_checked_and_readme_names_what_this_host_lacks():
    """The README asks only for libgl1 libegl1 libfontconfig1 to run the tests (offscreen); the X11 desktop
    libraries are for opening the window. So this host may lack them: then the app's check must name each one and
    the package README tells the user to install, and the plugin's loading itself cannot be tried here."""
    if not sys.platform.startswith("linux") or platform_check.xcb_plugin() is None:
        pytest.skip("no xcb plugin in this PySide6")
    missing = platform_check.missing_libraries()
    if missing is None:
        return  # the plugin loads: this host has the desktop libraries
    assert missing, "the plugin fails to load for a reason the check cannot name"
    packages = readme_desktop_packages() | {"libgl1", "libegl1", "libfontconfig1"}
    text = platform_check.message(missing)
    for library in missing:
        package = platform_check.X11_LIBRARIES.get(library)
        assert package, f"{library} is missing here and platform_check does not know its package"
        assert package in text and package in packages, f"README does not ask for {package} ({library})"
    pytest.skip(f"this host lacks {', '.join(missing)} (README: only the app on X11 needs them), so the xcb "
                "plugin cannot load here; the message and README name their packages")


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED entries of an ELF shared library, read in Python (no binutils needed)."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF", path
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    header = struct.unpack_from(order + ("QQQIHHHHHH" if wide else "IIIIHHHHHH"), data, 24)
    program_offset, entry_size, entries = header[1], header[5], header[6]
    segment = order + ("IIQQQQQQ" if wide else "IIIIIIII")
    loads, dynamic = [], None
    for index in range(entries):
        fields = struct.unpack_from(segment, data, program_offset + index * entry_size)
        kind, offset, address, size = ((fields[0], fields[2], fields[3], fields[5]) if wide else
                                       (fields[0], fields[1], fields[2], fields[4]))
        if kind == 1:
            loads.append((address, offset, size))
        elif kind == 2:
            dynamic = (offset, size)
    if dynamic is None:
        return []
    pair = order + ("qQ" if wide else "iI")
    tags = [struct.unpack_from(pair, data, dynamic[0] + i) for i in range(0, dynamic[1], struct.calcsize(pair))]
    strings = next(value for tag, value in tags if tag == 5)  # DT_STRTAB, a virtual address
    table = next(offset + strings - address for address, offset, size in loads if address <= strings < address + size)
    names = []
    for tag, value in tags:
        if tag == 1:  # DT_NEEDED
            end = data.index(b"\0", table + value)
            names.append(data[table + value:end].decode())
    return names


# The X11 libraries a bundle carries for its xcb plugin (PyInstaller copies them from the machine that builds it):
# the xcb extensions and utilities and xkbcommon, which a bare desktop lacks. libxcb itself, libX11, GL and the
# like belong to the system (platform_check names them when they are missing).
CARRIED_X11 = re.compile(r"^lib(xcb-(?!dri|glx|present)[\w-]+|xkbcommon(-x11)?)\.so")


def x11_libraries_needed(plugin: Path, folder: Path) -> tuple[list[str], list[str]]:
    """The libraries of CARRIED_X11 that `plugin` needs, directly or through the libraries under `folder`, and
    those of them that `folder` does not have."""
    files = {path.name: path for path in folder.rglob("*.so*") if path.is_file()}
    needed, queue = set(), [plugin]
    while queue:
        for name in needed_libraries(queue.pop()):
            if name not in needed:
                needed.add(name)
                if name in files:
                    queue.append(files[name])
    wanted = sorted(name for name in needed if CARRIED_X11.match(name))
    return wanted, [name for name in wanted if name not in files]


def test_the_x11_libraries_of_the_xcb_plugin_are_found_through_qts_own_libraries():
    """What the bundle test below checks, on this PySide6: its plugin needs the xcb utilities through Qt's xcb
    library (libQt6XcbQpa), never directly."""
    plugin = platform_check.xcb_plugin()
    if not sys.platform.startswith("linux") or plugin is None:
        pytest.skip("no xcb plugin in this PySide6")
    assert any(name.startswith("libQt6XcbQpa") for name in needed_libraries(plugin))
    wanted, _ = x11_libraries_needed(plugin, plugin.parents[2])  # PySide6/Qt: plugins/platforms, lib
    assert "libxcb-cursor.so.0" in wanted and "libxcb-icccm.so.4" in wanted, wanted


# ------------------------------------------------------------------------------- the built bundle (slow) ---

def bundle_files() -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(BUNDLE)): (path.lstat().st_size, path.lstat().st_mtime_ns)
            for path in BUNDLE.rglob("*")}


@pytest.fixture(scope="module")
def bundle_before():
    if not APP.is_file():
        pytest.fail(f"{APP} is missing: run make package")
    return bundle_files()


def offline_prefix() -> list[str]:
    """`unshare -n` (no network at all) where this user may create a network namespace."""
    if sys.platform.startswith("linux") and shutil.which("unshare"):
        if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
            return ["unshare", "-n"]
    return []


def first_start_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's first start: an empty HOME, nothing of Python, the venv or the source tree in the environment."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "TF_CPP_MIN_LOG_LEVEL": "2"}
    env.update(extra)
    return env


def run_app(args: list[str], home: Path, cwd: Path, timeout: float = 300, **extra: str):
    started = time.monotonic()
    result = subprocess.run(offline_prefix() + [str(APP), *args], cwd=cwd, env=first_start_env(home, **extra),
                            capture_output=True, text=True, timeout=timeout)
    print(f"{' '.join(args[:3])}: exit {result.returncode} in {time.monotonic() - started:.1f} s")
    return result


@package
def test_bundle_is_complete_and_small_enough(bundle_before):
    size = sum(BUNDLE.joinpath(name).lstat().st_size for name in bundle_before
               if BUNDLE.joinpath(name).is_file() and not BUNDLE.joinpath(name).is_symlink())
    print(f"bundle size: {size / 1e9:.2f} GB")
    assert GPU_BUILD or size < SIZE_LIMIT
    names = "\n".join(bundle_before)
    for needed in ("assets/model/model.tflite", "assets/model/ko.model", "assets/fonts/NanumGothic.ttf",
                   "desktop_app/app/translations/hanyeong_ko.qm", "assets/icons/hanyeong.svg",
                   "PySide6/Qt/plugins/platforms/libqxcb.so", "libtensorflow_cc.so"):
        assert needed in names, needed
    for unused in ("tensorboard", "pytest", "hypothesis", "QtWebEngine", "libQt6Quick", "libQt6Qml.",
                   "tests/test_") + (() if GPU_BUILD else ("nvidia/", "libcudnn", "libcublas")):
        assert unused not in names, unused


@package
def test_the_bundle_carries_the_x11_libraries_its_xcb_plugin_needs(bundle_before):
    """A user's machine needs only the system's libxcb, libX11 and GL: the rest comes with the bundle. PyInstaller
    can only copy what the building machine has, so a build on a machine without them is caught here."""
    if not sys.platform.startswith("linux"):
        pytest.skip("X11 only")
    plugin = next(BUNDLE.rglob("platforms/libqxcb.so"))
    wanted, lacking = x11_libraries_needed(plugin, BUNDLE)
    print(f"X11 libraries carried for the xcb plugin: {', '.join(wanted)}")
    packages = [platform_check.X11_LIBRARIES.get(name, name) for name in lacking]
    assert wanted and not lacking, (f"the bundle lacks {', '.join(lacking)}: the machine that built it does not have "
                                    f"them; install {' '.join(packages)} there and run make package again")


@package
def test_self_test_on_first_start_offline_from_another_folder(bundle_before, tmp_path):
    home, cwd = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    cwd.mkdir()
    out = tmp_path / "shots" / "self-test.png"
    result = run_app(["--self-test", str(out)], home, cwd, QT_QPA_PLATFORM="offscreen", LD_DEBUG="files")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "self-test passed" in result.stdout
    assert png_size(out)[0] > 600
    assert "libtensorflow" not in result.stderr  # the dynamic loader never saw TensorFlow's libraries
    assert "libtensorflow" not in result.stdout


@package
def test_self_test_on_an_x11_display(bundle_before, tmp_path):
    """Through Qt's xcb plugin and the X11 libraries the bundle carries (under Xvfb)."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed")
    display = next(n for n in range(91, 199) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                   and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{display}").exists():
            assert time.monotonic() < deadline and server.poll() is None, "Xvfb did not start"
            time.sleep(0.1)
        home, out = tmp_path / "home", tmp_path / "x11.png"
        home.mkdir()
        result = run_app(["--self-test", str(out)], home, tmp_path, DISPLAY=f":{display}")
        assert result.returncode == 0, result.stderr[-3000:]
        assert "self-test passed" in result.stdout and png_size(out)[0] > 600
    finally:
        server.terminate()
        server.wait(timeout=20)


@package
def test_missing_x11_library_gives_the_package_to_install(bundle_before, tmp_path):
    """libxcb.so.1 is never bundled (it belongs to the system): hide it and the app must say what to install."""
    hidden = Path("/lib/x86_64-linux-gnu/libxcb.so.1")
    if not (sys.platform.startswith("linux") and hidden.exists() and os.geteuid() == 0 and shutil.which("unshare")):
        pytest.skip("needs root on x86-64 Linux to hide a system library in a mount namespace")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:  # inside a chroot, for one: the root's mount propagation cannot be changed there
        pytest.skip(f"no mount namespace here to hide a library in ({probe.stderr.strip()})")
    home = tmp_path / "home"
    home.mkdir()
    script = f"mount --bind /dev/null {hidden} && exec {APP}"
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, env=first_start_env(home, DISPLAY=":1"), stdin=subprocess.DEVNULL)
    assert result.returncode == platform_check.EXIT_CODE, result.stderr[-3000:]
    assert "libxcb.so.1" in result.stderr and "sudo apt-get install libxcb1 " in result.stderr
    assert "Aborted" not in result.stderr and "could not load the Qt platform plugin" not in result.stderr


@package
def test_translate_through_the_frozen_command_line(bundle_before, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_app([RUN_CLI_FLAG, "translate", "고양이가 의자 위에서 자고 있어요."], home, tmp_path,
                     LD_DEBUG="files")
    assert result.returncode == 0, result.stderr[-3000:]
    english = result.stdout.strip()
    print(f"frozen translate: {english}")
    assert re.search(r"\bcat\b", english, re.I), english
    assert "libtensorflow" not in result.stderr
    info = run_app([RUN_CLI_FLAG, "info", "--json"], home, tmp_path)
    assert info.returncode == 0 and json.loads(info.stdout)["name"]


@package
def test_training_and_its_model_through_the_frozen_command_line(bundle_before, tmp_path):
    """What the app's training dialog runs: the frozen executable with --run-cli train --progress-json."""
    home = tmp_path / "home"
    home.mkdir()
    corpus = write_pairs(tmp_path / "data" / "tiny", TINY_PAIRS)
    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(TINY_CONFIG))
    output = home / ".local" / "share" / "Hanyeong" / "Hanyeong" / "models" / "tiny"
    result = run_app([RUN_CLI_FLAG, "train", "--data", str(corpus.parent), "--dev", str(corpus), "--output",
                      str(output), "--work-dir", str(tmp_path / "work"), "--config", str(config), "--final-beam", "1",
                      "--time-limit-minutes", "4", "--progress-json"], home, tmp_path, timeout=540)
    assert result.returncode == 0, result.stderr[-3000:]
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    kinds = [event["kind"] for event in events]
    steps = [event for event in events if event["kind"] == "step"]
    print(f"frozen training: {len(steps)} steps, last loss {steps[-1]['loss']:.3f}; events {sorted(set(kinds))}")
    assert steps and "finished" in kinds
    assert (output / "model.tflite").is_file() and (output / "checksums.json").is_file()
    translated = run_app([RUN_CLI_FLAG, "translate", "--model", str(output), "--beam", "1", "고양이가 자고 있어요."],
                         home, tmp_path)
    assert translated.returncode == 0 and translated.stdout.count("\n") == 1, translated.stderr[-3000:]
    print(f"tiny model translates: {translated.stdout.strip()!r}")  # a few seconds of training: maybe nonsense
    info = run_app([RUN_CLI_FLAG, "info", "--json", "--model", str(output)], home, tmp_path)
    assert info.returncode == 0 and json.loads(info.stdout)["corpora"][0]["name"] == "tiny"


@package
def test_finetuning_the_shipped_model_through_the_frozen_command_line(bundle_before, tmp_path):
    """`finetune` starts from the shipped model inside the bundle and writes the new one to the data folder."""
    home = tmp_path / "home"
    home.mkdir()
    corpus = write_pairs(tmp_path / "data" / "mine", TINY_PAIRS)
    output = home / ".local" / "share" / "Hanyeong" / "Hanyeong" / "models" / "tuned"
    result = run_app([RUN_CLI_FLAG, "finetune", "--corpus", str(corpus), "--output", str(output), "--work-dir",
                      str(tmp_path / "work"), "--epochs", "1", "--no-dev", "--final-beam", "1", "--progress-json"],
                     home, tmp_path, timeout=540)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "finished" in [json.loads(line)["kind"] for line in result.stdout.splitlines() if line.startswith("{")]
    translated = run_app([RUN_CLI_FLAG, "translate", "--model", str(output), "고양이가 자고 있어요."], home, tmp_path)
    assert translated.returncode == 0 and re.search(r"[A-Za-z]", translated.stdout), translated.stderr[-3000:]
    print(f"fine-tuned model translates: {translated.stdout.strip()!r}")


@package
def test_running_the_app_wrote_nothing_into_the_bundle(bundle_before):
    assert bundle_files() == bundle_before
