"""The attention dock's lecture tabs in the real window: the decoding view (steps, candidates, the beam, greedy
beside it, export) sharing its selection with the heatmap, the positional encoding view, and the formulas."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from support import translate

from desktop_app.services.alignment import TARGET
from desktop_app.views.attention.data import CROSS, ENCODER
from desktop_app.views.attention.decoding_view import finals_rows, step_candidates, step_pieces
from model.api import sinusoid_table


@pytest.fixture
def decoding(qtbot, window):
    """A window with one translated sentence and the attention panel open on its Decoding tab, explained."""
    window.settings.beam = 4  # the tiny model's own choice is greedy (its card): a beam to look at
    window.attention_action.trigger()
    translate(qtbot, window, "고양이가 자고 있어요.")
    panel, lecture = window.attention_panel, window.lecture
    qtbot.waitUntil(lambda: panel.view is not None, timeout=30_000)
    panel.tabs.setCurrentWidget(lecture.decoding)
    qtbot.waitUntil(lambda: lecture.decoding.explained is not None, timeout=60_000)
    return window


def bar_labels(view, column: int = 0) -> list[str]:
    return [tick.get_text() for tick in view.canvas.bar_axes[column].get_yticklabels()]


def test_the_tabs_sit_beside_the_heatmap_with_their_formulas(decoding):
    panel = decoding.attention_panel
    names = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert names.index("Heatmap") < names.index("Decoding") < names.index("Positions") < names.index("How it works")
    for bar in (panel.formula_bar, decoding.lecture.decoding.formula, decoding.lecture.positional.formula):
        assert not bar.formula.pixmap().isNull() and bar.caption.text()
    assert not panel.export_button.isVisible()  # the decoding view has its own Export
    panel.tabs.setCurrentIndex(0)
    assert panel.export_button.isVisible()


def test_the_view_shows_beam_and_greedy_for_the_same_sentence(decoding):
    view = decoding.lecture.decoding
    explained = view.explained
    assert explained.beam.beam == decoding.settings.beam > 1 and explained.greedy.beam == 1
    assert explained.beam.source == explained.greedy.source == "고양이가 자고 있어요."
    assert [b.text().replace("&&", "&") for b in view.step_buttons] == step_pieces(explained.beam)
    texts = " ".join(t.get_text() for t in view.canvas.figure.texts)
    assert explained.beam.target in texts and explained.greedy.target in texts
    assert "Beam 4" in texts and "Greedy" in texts
    assert len(view.canvas.bar_axes) == 2  # the candidates of both searches, side by side
    # the winner is the sentence the app shows, and its pieces are the heatmap's rows
    assert decoding.lecture.linked
    assert explained.beam.target == decoding.result.translation.sentences[0].target


def test_selecting_a_step_updates_the_chart_and_the_heatmap(qtbot, decoding):
    panel, view = decoding.attention_panel, decoding.lecture.decoding
    beam = view.explained.beam
    steps = len(step_pieces(beam)) - 1  # the pieces before </s>
    assert steps >= 2
    for step in (1, min(2, steps - 1)):
        qtbot.mouseClick(view.step_buttons[step], Qt.MouseButton.LeftButton)
        assert view.step == view.canvas.step == step
        candidates, _ = step_candidates(beam, step)
        assert bar_labels(view) == [c.label for c in candidates]
        assert panel.pinned == (TARGET, step)
        assert panel.canvas.focus[0] == panel.view.row_of_piece(step) == step  # the heatmap's row of that step
    # the other way round: an English piece pinned in the panel selects its step here
    panel.pin_piece(TARGET, 0)
    assert view.step == 0 and view.step_buttons[0].isChecked()
    assert bar_labels(view) == [c.label for c in step_candidates(beam, 0)[0]]
    # hovering a piece focuses its row until the mouse leaves, then the pinned one comes back
    view.stepHovered.emit(1)
    assert panel.canvas.focus[0] == 1
    view.stepHovered.emit(-1)
    assert panel.canvas.focus[0] == 0


def test_a_step_switches_encoder_self_attention_to_cross_attention(qtbot, decoding):
    panel, view = decoding.attention_panel, decoding.lecture.decoding
    panel.set_kind(ENCODER)
    qtbot.mouseClick(view.step_buttons[1], Qt.MouseButton.LeftButton)
    assert panel.view.kind == CROSS and panel.canvas.focus[0] == 1


def test_export_writes_the_figure_and_the_trace(decoding, tmp_path):
    view = decoding.lecture.decoding
    view.select_step(1)
    for name in ("decoding.png", "decoding.svg", "decoding.json"):
        view.export(str(tmp_path / name))
    assert (tmp_path / "decoding.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "decoding.svg").read_bytes()[:2000]
    trace = json.loads((tmp_path / "decoding.json").read_text(encoding="utf-8"))
    assert trace["beam"] == 4 and trace["greedy"]["beam"] == 1
    for data in (trace, trace["greedy"]):
        assert data["steps"]
        for step in data["steps"]:
            for hypothesis in step["hypotheses"]:
                probabilities = [c["probability"] for c in hypothesis["candidates"]]
                assert probabilities and all(0 <= p <= 1 for p in probabilities)
                assert sum(probabilities) <= 1 + 1e-3  # rounded to 4 places
        # the finished hypotheses in the search's order: best length-normalised score first, and it won
        normalized = [f["normalized"] for f in data["finals"]]
        assert normalized == sorted(normalized, reverse=True)
        assert data["finals"][0]["chosen"] and sum(f["chosen"] for f in data["finals"]) == 1
    assert len(trace["finals"]) > 1
    rows = finals_rows(view.explained.beam)
    assert [round(r["normalized"], 4) for r in rows] == [f["normalized"] for f in trace["finals"]]
    for row in rows:  # normalised = raw score / the length penalty the view shows
        assert row["normalized"] == pytest.approx(row["score"] / row["penalty"], rel=1e-6)


def test_the_positional_view_draws_the_models_sinusoid_table(qtbot, decoding, app_bundle):
    panel, positional = decoding.attention_panel, decoding.lecture.positional
    panel.tabs.setCurrentWidget(positional)
    qtbot.waitUntil(lambda: positional.sizes is not None, timeout=30_000)
    model = json.loads((app_bundle / "config.json").read_text())["model"]
    assert positional.sizes == (model["max_len"], model["d_model"])
    np.testing.assert_array_equal(positional.table, sinusoid_table(model["max_len"], model["d_model"]))
    assert len(positional.canvas.figure.axes) == 4  # the matrix, the similarity, their colour bars
    similarity = positional.canvas.figure.axes[1].images[0].get_array()
    np.testing.assert_allclose(similarity, positional.table @ positional.table.T, rtol=1e-5)


def test_a_whole_line_is_not_explained(qtbot, window):
    window.attention_action.trigger()
    translate(qtbot, window, "고양이가 자고 있어요. 개가 놀아요.")
    panel, view = window.attention_panel, window.lecture.decoding
    panel.tabs.setCurrentWidget(view)
    panel.select_line(0)
    assert view.explained is None and "whole line" in view.canvas.message
    panel.select_sentence(1)
    qtbot.waitUntil(lambda: view.explained is not None, timeout=60_000)
    assert view.explained.beam.source == "개가 놀아요."
