"""The app installs like any Python package: every package is declared in pyproject.toml, and a plain
(non-editable) `pip install .` into a fresh virtual environment gives a `hanyeong` that translates and a
`hanyeong-app` that passes its self-test, with the model, fonts and icons found as the package `hanyeong_assets`.

The install itself takes minutes (it downloads or unpacks TensorFlow and Qt), so it runs only with
HANYEONG_INSTALL_TEST=1; the declaration check is cheap and always runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

INSTALL_TEST = os.environ.get("HANYEONG_INSTALL_TEST") == "1"


def declared_packages() -> set[str]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_and_data_folder_is_declared():
    """A package missing from the list would be left out of a plain install (an editable one hides that)."""
    found = set()
    for top in ("model", "desktop_app"):
        for folder in [REPO / top, *(REPO / top).rglob("*")]:
            if folder.is_dir() and folder.name != "__pycache__" and any(
                    child.is_file() and child.suffix != ".pyc" for child in folder.iterdir()):
                found.add(".".join(folder.relative_to(REPO).parts))
    declared = declared_packages()
    assert found <= declared, f"not in pyproject.toml [tool.setuptools] packages: {sorted(found - declared)}"
    for folder in ("model", "fonts", "icons"):
        assert f"hanyeong_assets.{folder}" in declared and (REPO / "assets" / folder).is_dir()


@pytest.mark.skipif(not INSTALL_TEST, reason="installs TensorFlow and Qt into a new venv: HANYEONG_INSTALL_TEST=1")
def test_a_plain_install_translates_and_opens_the_window(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(REPO)],
                             capture_output=True, text=True, timeout=1800)
    assert install.returncode == 0, install.stderr[-3000:]
    assert "is absent from the `packages` configuration" not in install.stderr

    home, work = tmp_path / "home", tmp_path / "elsewhere"  # nothing of the checkout in reach
    home.mkdir()
    work.mkdir()
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2"}
    where = subprocess.run([str(bin_dir / "python"), "-c", "import desktop_app, model.resources as r; "
                            "print(desktop_app.__file__); print(r.ASSETS)"], cwd=work, env=env,
                           capture_output=True, text=True, timeout=120)
    package_file, assets = where.stdout.split()
    assert Path(package_file).is_relative_to(venv) and Path(assets).is_relative_to(venv), where.stdout
    assert Path(assets).name == "hanyeong_assets" and (Path(assets) / "model" / "card.json").is_file()

    translated = subprocess.run([str(bin_dir / "hanyeong"), "translate", "안녕하세요"], cwd=work, env=env,
                                capture_output=True, text=True, timeout=300)
    assert translated.returncode == 0 and translated.stdout.strip(), translated.stderr[-2000:]
    shot = tmp_path / "shot.png"
    app = subprocess.run([str(bin_dir / "hanyeong-app"), "--self-test", str(shot)], cwd=work, env=env,
                         capture_output=True, text=True, timeout=300)
    assert app.returncode == 0 and "self-test passed" in app.stdout, app.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
