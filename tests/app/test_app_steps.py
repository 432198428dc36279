"""The attention dock's Steps tab in the real window with the shipped model: the three steps of one head for one
query, whose weights are the heatmap's row and whose Σ aᵢvᵢ is the head's output, for all three attention types;
the lecture's example; the numbers on hover; export; computed only while the tab is shown; in Korean too."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from PySide6.QtCore import QCoreApplication, Qt
from support import translate

from desktop_app.services.alignment import SOURCE, TARGET
from desktop_app.views.attention.data import ALL_HEADS, AVERAGE, CROSS, DECODER, ENCODER
from desktop_app.views.attention.examples import EXAMPLES
from desktop_app.views.attention.steps_view import STEPS_VIEW
from model.api import SHIPPED_MODEL

LECTURE = next(example for example in EXAMPLES if example.tab == STEPS_VIEW)
HEATMAP_TOLERANCE = 1e-3  # LiteRT (the heatmap) against numpy (the steps): see tests/model/test_attention_steps.py


@pytest.fixture
def model_store(tmp_path):
    """The real shipped model, as users get it (the tests' tiny model would attend to nothing in particular)."""
    from desktop_app.services.model_store import ModelStore

    return ModelStore(shipped=SHIPPED_MODEL, root=tmp_path / "appdata")


@pytest.fixture
def lecture_shown(qtbot, window):
    with qtbot.waitSignal(window.exampleShown, timeout=90_000):
        window.run_example(LECTURE)
    steps = window.lecture.steps
    qtbot.waitUntil(lambda: steps.view.steps is not None, timeout=30_000)
    return window


def shown_steps(qtbot, window):
    """The steps on screen once the view has caught up with the panel's current choice."""
    steps = window.lecture.steps
    qtbot.wait(20)  # the view refreshes once the panel has settled (a zero-time timer)
    qtbot.waitUntil(lambda: steps.shown is not None and steps.shown[0] == steps.wanted
                    and steps.view.steps is not None, timeout=30_000)
    return steps.view.steps


def heatmap_row(panel, steps) -> np.ndarray:
    """The heatmap's weights for the steps' query, at their layer and head, over the keys' columns."""
    kinds = {ENCODER: "encoder_attention", DECODER: "decoder_attention", CROSS: "cross_attention"}
    matrix = getattr(panel.current_item.sentence, kinds[steps.kind])[steps.layer][steps.head]
    return matrix[steps.query, steps.key_columns]


def test_the_lecture_example_opens_the_steps_of_그녀_in_the_head_that_links_it_to_아이유(qtbot, lecture_shown):
    window = lecture_shown
    panel, view = window.attention_panel, window.lecture.steps.view
    assert panel.tabs.currentWidget() is view and panel.tabs.tabText(panel.tabs.indexOf(view)) == "Steps"
    assert panel.tabs.indexOf(view) == 1  # beside the heatmap whose rows it takes apart
    steps = view.steps
    assert steps.kind == ENCODER and steps.query_piece == "▁그녀"
    assert (steps.layer, steps.head) == (panel.layer_combo.currentData(), panel.head_combo.currentData())
    assert panel.pinned == (SOURCE, steps.query)  # the heatmap's row and the word in the text are marked
    # the strongest key is the term's slot for 아이유, drawn with its Korean
    labels = view.canvas.key_labels
    assert labels[int(np.argmax(steps.weights))] == "{0}=아이유"
    np.testing.assert_allclose(steps.weights, panel.view.matrix[steps.query], atol=HEATMAP_TOLERANCE)
    np.testing.assert_allclose(steps.output, steps.weights @ steps.values, atol=1e-5)
    texts = " ".join(t.get_text() for t in view.canvas.figure.texts)
    assert "query “그녀”" in texts and "softmax" in texts and "Concat" in texts
    assert not view.formula.formula.pixmap().isNull() and "√d" in view.formula.caption.text()
    assert view.query_combo.currentText() == "그녀" and view.head_group.checkedId() == steps.head
    # head by head: another head's steps, and the heatmap shows that head too
    other = (steps.head + 1) % steps.heads
    qtbot.mouseClick(view.head_group.button(other), Qt.MouseButton.LeftButton)
    steps = shown_steps(qtbot, window)
    assert steps.head == other == panel.head_combo.currentData() and steps.query_piece == "▁그녀"
    np.testing.assert_allclose(steps.weights, panel.view.matrix[steps.query], atol=HEATMAP_TOLERANCE)


@pytest.mark.parametrize("kind", [CROSS, DECODER])
def test_the_steps_follow_the_panel_for_each_type(qtbot, lecture_shown, kind):
    window = lecture_shown
    panel, view = window.attention_panel, window.lecture.steps.view
    panel.set_kind(kind)
    panel.show_layer_head(1, 2)
    view.querySelected.emit(4)  # a query picked in the view is pinned in the panel (its heatmap row)
    steps = shown_steps(qtbot, window)
    assert (steps.kind, steps.layer, steps.head, steps.query) == (kind, 1, 2, 4)
    assert panel.pinned == (TARGET, 4) and panel.canvas.focus[0] == panel.view.row_of_piece(4)
    np.testing.assert_allclose(steps.weights, heatmap_row(panel, steps), atol=HEATMAP_TOLERANCE)
    np.testing.assert_allclose(steps.weights, panel.view.matrix[4], atol=HEATMAP_TOLERANCE)
    sentence = panel.current_item.sentence
    if kind == DECODER:  # the future is masked: −∞ before the softmax, 0 after
        assert list(steps.masked) == [column > 4 for column in range(len(steps.key_pieces))]
        assert np.all(steps.weights[steps.masked] == 0) and view.canvas.key_labels[0] == "<s>"
        assert "masked" in view.canvas.describe(view.canvas.columns["scaled"], 0.5, 6)
    else:  # the keys and values are the encoder's: the Korean pieces
        assert len(view.canvas.key_labels) == len(sentence.source_pieces) and not steps.masked.any()
        assert "{0}=아이유" in view.canvas.key_labels
    # a row clicked in the heatmap becomes the query
    panel.pin_piece(TARGET, 2)
    steps = shown_steps(qtbot, window)
    assert steps.query == 2 and view.query_combo.currentIndex() == 2
    np.testing.assert_allclose(steps.weights, heatmap_row(panel, steps), atol=HEATMAP_TOLERANCE)


def test_an_average_of_heads_keeps_one_heads_steps_and_says_so(qtbot, lecture_shown):
    window = lecture_shown
    panel, view = window.attention_panel, window.lecture.steps.view
    for head in (AVERAGE, ALL_HEADS):
        panel.head_combo.setCurrentIndex(panel.head_combo.findData(head))
        steps = shown_steps(qtbot, window)
        assert 0 <= steps.head < steps.heads and "one head's" in view.info_label.text()
    qtbot.mouseClick(view.head_group.button(0), Qt.MouseButton.LeftButton)  # the panel shows that head again
    assert panel.head_combo.currentData() == 0
    assert shown_steps(qtbot, window).head == 0


def test_hovering_a_strip_shows_its_number(qtbot, lecture_shown):
    view = lecture_shown.lecture.steps.view
    canvas, steps = view.canvas, view.steps
    canvas.draw()
    axes = canvas.strips["k"][0]
    row = canvas.key_labels.index("{0}=아이유")
    x, y = axes.transData.transform((5, row))
    MouseEvent("motion_notify_event", canvas, x, y)._process()
    assert view.info_label.text() == f"k[5] of “{{0}}=아이유” = {steps.keys[row, 5]:+.4f}"
    x, y = canvas.columns["dot"].transData.transform((0.5, row))
    MouseEvent("motion_notify_event", canvas, x, y)._process()
    assert f"q · k = {steps.dot_products[row]:.4f}" in view.info_label.text()
    assert f"softmax = {steps.weights[row]:.2%}" in view.info_label.text()
    # a click on a head's column shows that head's steps
    x, y = canvas.columns["heads"].transData.transform((1, row))
    MouseEvent("button_press_event", canvas, x, y, button=1)._process()
    assert lecture_shown.attention_panel.head_combo.currentData() == 1
    assert shown_steps(qtbot, lecture_shown).head == 1


def test_export_writes_the_figure_and_the_numbers(lecture_shown, tmp_path):
    view = lecture_shown.lecture.steps.view
    for name in ("steps.png", "steps.svg", "steps.json"):
        view.export(str(tmp_path / name))
    assert (tmp_path / "steps.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "steps.svg").read_bytes()[:2000]
    data = json.loads((tmp_path / "steps.json").read_text(encoding="utf-8"))
    steps = view.steps
    assert data["source"] == LECTURE.text and data["kind"] == ENCODER and data["query_label"] == "그녀"
    assert data["key_labels"] == view.canvas.key_labels and len(data["query"]["q"]) == steps.d_k
    assert [key["weight"] for key in data["keys"]] == pytest.approx(list(steps.weights), abs=1e-6)
    assert data["output"] == pytest.approx(list(steps.output), abs=1e-6)
    assert "steps.json" in lecture_shown.statusBar().currentMessage()


def test_nothing_is_computed_until_the_tab_is_shown(qtbot, window):
    window.attention_action.trigger()
    translate(qtbot, window, "고양이가 의자 위에서 자고 있어요.")
    panel, tab = window.attention_panel, window.lecture.steps
    qtbot.waitUntil(lambda: panel.view is not None, timeout=30_000)
    panel.pin_piece(TARGET, 1)
    qtbot.wait(100)
    assert tab.stepper.worker.network is None and not tab.cache and tab.view.steps is None
    panel.tabs.setCurrentWidget(tab.view)
    steps = shown_steps(qtbot, window)
    assert tab.stepper.worker.network is not None and steps.kind == CROSS and steps.query == 1
    assert not panel.export_button.isVisible()  # the view has its own Export
    np.testing.assert_allclose(steps.weights, heatmap_row(panel, steps), atol=HEATMAP_TOLERANCE)


def test_the_steps_tab_speaks_korean(qapp):
    from desktop_app.app.i18n import install

    try:
        assert install(qapp, "ko") == "ko"
        for context, text in (("StepsTab", "Steps"), ("StepsView", "&Query"), ("StepsCanvas", "all heads"),
                              ("StepsTab", "Keys and values: the Korean pieces themselves, as they enter this layer."),
                              ("Examples", LECTURE.title), ("Examples", LECTURE.note)):
            translated = QCoreApplication.translate(context, text)
            assert translated != text and any("\uac00" <= ch <= "\ud7a3" for ch in translated), (context, text)
    finally:
        install(qapp, "en")
