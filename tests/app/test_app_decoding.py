"""The attention dock's lecture tabs in the real window: the decoding view (steps, candidates, the beam, greedy
beside it, export) sharing its selection with the heatmap, the positional encoding view, and the formulas."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QSize, Qt
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
    lecture = decoding.lecture
    assert not panel.export_button.isVisible()  # the decoding view has its own Export
    for page, bar in ((panel.tabs.widget(0), panel.formula_bar), (lecture.positional, lecture.positional.formula),
                      (lecture.decoding, lecture.decoding.formula)):
        panel.tabs.setCurrentWidget(page)  # typeset when first shown
        assert not bar.formula.pixmap().isNull() and bar.caption.text()
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


# --- the view follows the translation, fits its room, and says what it shows ---------------------------------------


def test_the_decoding_tab_follows_each_translation_while_it_is_open(qtbot, window):
    """With the tab open, every finished translation is explained: the view never stays on "Following the search
    step by step…" (a translation's new sentences used to reach the panel without telling the tab)."""
    window.settings.beam = 4
    window.attention_action.trigger()
    panel, view = window.attention_panel, window.lecture.decoding
    panel.tabs.setCurrentWidget(view)
    for text in ("고양이가 자고 있어요.", "개가 밖에서 놀고 있어요.", "고양이가 자고 있어요."):
        translate(qtbot, window, text)
        qtbot.waitUntil(lambda: view.explained is not None and view.explained.beam.source == text, timeout=60_000)
        assert view.canvas.explained is view.explained  # the figure draws it, not a message


def boxes_and_texts(axes):
    from matplotlib.patches import FancyBboxPatch

    renderer = axes.figure.canvas.get_renderer()
    boxes = [patch.get_window_extent(renderer) for patch in axes.patches if isinstance(patch, FancyBboxPatch)]
    return boxes, [(text.get_text(), text.get_window_extent(renderer)) for text in axes.texts]


def test_the_lattice_uses_the_width_and_its_boxes_fit_their_words_and_numbers(decoding):
    view = decoding.lecture.decoding
    canvas = view.canvas
    canvas.set_available(QSize(700, 700))  # too narrow for this sentence's steps: it scrolls sideways
    needed = canvas.width()
    for width in (700, needed + 600):  # then wider than it needs: the lattice spreads over the room
        canvas.set_available(QSize(width, 700))
        canvas.draw()
        boxes, texts = boxes_and_texts(canvas.lattice_axes)
        assert boxes
        if width > needed:
            right = max(box.x1 for box in boxes)
            assert canvas.width() == width and right >= 0.85 * width, f"the lattice ends at {right:.0f} of {width}"
        inside = 0
        for label, extent in texts:
            holder = [box for box in boxes if box.x0 <= (extent.x0 + extent.x1) / 2 <= box.x1 and
                      box.y0 <= (extent.y0 + extent.y1) / 2 <= box.y1]
            if not holder:
                continue  # <s> and the step numbers below the lattice
            box = holder[0]
            assert box.x0 - 0.5 <= extent.x0 and extent.x1 <= box.x1 + 0.5, f"{label!r} is wider than its box"
            assert box.y0 - 0.5 <= extent.y0 and extent.y1 <= box.y1 + 0.5, f"{label!r} is taller than its box"
            inside += 1
        assert inside == 2 * len(boxes)  # each box holds its piece and its score


def test_the_panels_controls_that_do_nothing_on_a_tab_are_disabled(qtbot, decoding):
    panel, lecture = decoding.attention_panel, decoding.lecture
    combos = {"sentence": panel.sentence_combo, "type": panel.kind_combo, "layer": panel.layer_combo,
              "heads": panel.head_combo}

    def enabled() -> set[str]:
        return {name for name, combo in combos.items() if combo.isEnabled()}

    assert panel.tabs.currentWidget() is lecture.decoding
    panel.set_kind(CROSS)
    assert enabled() == {"sentence", "layer"}  # the layer picks the step's cross-attention; heads are averaged
    panel.set_kind(ENCODER)
    panel.tabs.setCurrentIndex(0)
    assert enabled() == {"sentence", "type", "layer", "heads"}
    panel.tabs.setCurrentWidget(lecture.decoding)
    assert enabled() == {"sentence"}  # encoder self-attention: the view shows the last layer's cross-attention
    for page in (lecture.positional, panel.help_browser):
        panel.tabs.setCurrentWidget(page)
        assert enabled() == set(), panel.tabs.tabText(panel.tabs.currentIndex())
    panel.tabs.setCurrentIndex(0)
    assert enabled() == {"sentence", "type", "layer", "heads"}


def test_rollout_has_its_own_formula_and_caption(decoding):
    from desktop_app.views.attention.data import ROLLOUT

    panel = decoding.attention_panel
    panel.tabs.setCurrentIndex(0)
    bar = panel.formula_bar
    single = (bar.formula.formula, bar.caption.text())
    panel.layer_combo.setCurrentIndex(panel.layer_combo.findData(ROLLOUT))
    assert panel.view.layer == ROLLOUT
    assert bar.formula.formula != single[0] and "rollout" in bar.caption.text().lower()
    assert not bar.formula.pixmap().isNull()
    panel.layer_combo.setCurrentIndex(0)
    assert (bar.formula.formula, bar.caption.text()) == single


def test_how_it_works_explains_the_word_start_piece(decoding):
    help_text = decoding.attention_panel.help_browser.toPlainText()
    assert "▁" in help_text and "␣" in help_text and "·" in help_text
