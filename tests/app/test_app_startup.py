"""Start-up (benchmarks/bench_startup.py measures it): the model loads while the window is built and stays small
until it translates, matplotlib reads its font list instead of scanning the system's fonts, and figures on hidden
tabs are not drawn for nobody."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import REPO, SHIPPED_MODEL

MEMORY_PROBE = """
import json, sys
sys.path.insert(0, {repo!r})
from desktop_app.app.startup_report import memory_mb
from model.api import Translator
before = memory_mb("VmRSS")
translator = Translator({model!r})
loaded = memory_mb("VmRSS")
translator.translate("고양이가 의자 위에서 자고 있어요.")
print(json.dumps({{"load_mb": loaded - before, "first_translation_mb": memory_mb("VmRSS") - loaded}}))
"""


def test_a_loaded_model_stays_small_until_it_translates():
    """LiteRT's XNNPACK delegate widens and packs every signature's weights at the first call (about 95 MB for the
    shipped model): that waits for the first translation instead of happening at load (idle memory 275 MB)."""
    done = subprocess.run([sys.executable, "-c", MEMORY_PROBE.format(repo=str(REPO), model=str(SHIPPED_MODEL))],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    growth = json.loads(done.stdout.strip().splitlines()[-1])
    assert growth["load_mb"] < 50, growth
    assert growth["first_translation_mb"] > 50, growth  # the packing did not vanish: it moved
    assert "XNNPACK" not in done.stderr  # the delegate's announcement is still silenced


def test_the_first_start_reads_matplotlibs_own_font_list(app_bundle, tmp_path):
    """A first start (empty HOME) seeds matplotlib's cache in the app's cache folder with the list of its own fonts,
    which matplotlib accepts as it is: it never scans the system's fonts (most of a second on a first start)."""
    from desktop_app.views.fonts import FONT_LIST, own_font_list

    shipped = json.loads(FONT_LIST.read_text(encoding="utf-8"))
    assert shipped == own_font_list(), "matplotlib changed: regenerate FONT_LIST with fonts.write_font_list()"
    assert all(not os.path.isabs(entry["fname"]) for entry in shipped["ttflist"] + shipped["afmlist"])
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "MPL"))}
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--self-test", str(tmp_path / "shot.png"), "--model",
                           str(app_bundle)], cwd=tmp_path, capture_output=True, text=True, timeout=180,
                          env={**env, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-2000:]
    cached = list(home.glob(".cache/**/matplotlib/fontlist-v*.json"))
    assert len(cached) == 1, cached
    assert cached[0].read_bytes() == FONT_LIST.read_bytes()  # not rebuilt (matplotlib would rewrite it)


def test_the_model_starts_loading_before_the_window_is_built(qtbot, app_settings, model_store):
    from desktop_app.app.main import build_services, build_window

    services = build_services(app_settings, model_store)
    try:
        assert services.translation.loading and services.translation.model_path == str(model_store.shipped)
        window = build_window(app_settings, model_store, services=services)
        assert window.model.label.text() == "Loading model…"  # the window follows the load already under way
        qtbot.waitUntil(lambda: services.translation.ready, timeout=90_000)
        assert services.translation.model_path == str(model_store.shipped)
        window.close()
    finally:
        services.shutdown()


def test_figures_on_hidden_tabs_are_drawn_when_they_are_shown(qtbot, window):
    from desktop_app.views.attention.decoding_view import DecodingCanvas

    drawn = []
    original = DecodingCanvas.draw

    def counting_draw(canvas):
        drawn.append(canvas)
        original(canvas)

    canvas = window.lecture.decoding.canvas
    canvas.draw = lambda: counting_draw(canvas)
    window.attention_action.trigger()  # the panel opens on the heatmap: the Decoding tab stays hidden
    canvas.show_message("a message nobody sees yet")
    qtbot.wait(200)
    assert not canvas.isVisible() and drawn == []
    window.attention_panel.tabs.setCurrentWidget(window.lecture.decoding)
    qtbot.waitUntil(lambda: bool(drawn), timeout=5_000)
    assert canvas.isVisible()

