"""The attention heatmap's drawing: each head of a grid marks its own strongest cells, labels keep a readable
size, and nothing asks the one-weight Korean font for bold (matplotlib's "Failed to find font weight bold")."""

from __future__ import annotations

import logging

import numpy as np
from matplotlib.patches import Rectangle
from PySide6.QtCore import QSize

from desktop_app.views.attention.data import ENCODER, SOURCE, AttentionView
from desktop_app.views.attention.heatmap import HeatmapCanvas


def grid_view() -> AttentionView:
    rng = np.random.default_rng(0)
    matrix = rng.uniform(0.0, 0.05, size=(4, 5, 6))
    for head in range(4):  # head h looks hardest at column h+1 from row 2
        matrix[head, 2, head + 1] = 0.9
    labels = [f"▁말{i}" for i in range(6)]
    return AttentionView(matrix, labels[:5], labels, SOURCE, SOURCE, list(range(5)), list(range(6)), kind=ENCODER)


def outlined(axes) -> list[tuple[int, int]]:
    return sorted((round(p.get_y() + 0.5), round(p.get_x() + 0.5)) for p in axes.patches
                  if isinstance(p, Rectangle) and p.get_width() == 1 and p.get_height() == 1)


def test_each_head_of_the_grid_marks_its_own_strongest_cells(qtbot, caplog):
    canvas = HeatmapCanvas()
    qtbot.addWidget(canvas)
    view = grid_view()
    canvas.show_view(view, "all heads")
    averaged = [(2, int(np.argmax(view.single[2])))]  # what the panel passes: the heads' average
    with caplog.at_level(logging.INFO, logger="matplotlib.font_manager"):
        canvas.set_focus(2, None, averaged)
        canvas.figure.canvas.draw()
    assert [outlined(axes) for axes in canvas.axes_list] == [[(2, head + 1)] for head in range(4)]
    assert not [r for r in caplog.records if "weight bold" in r.getMessage()]


def test_grid_labels_never_shrink_below_a_readable_size(qtbot):
    canvas = HeatmapCanvas()
    qtbot.addWidget(canvas)
    rng = np.random.default_rng(1)
    labels = [f"▁단어{i}" for i in range(40)]
    view = AttentionView(rng.uniform(size=(4, 40, 40)), labels, labels, SOURCE, SOURCE, list(range(40)),
                         list(range(40)), kind=ENCODER)
    canvas.set_available(QSize(700, 500))  # a long sentence in the default window's dock
    canvas.show_view(view, "all heads")
    canvas.figure.canvas.draw()
    sizes = {label.get_fontsize() for axes in canvas.axes_list for label in axes.get_yticklabels()}
    assert sizes and min(sizes) >= 8  # scrolls instead of 7 px labels


def test_a_grid_of_heads_is_not_one_tall_column(qtbot):
    canvas = HeatmapCanvas()
    qtbot.addWidget(canvas)
    rng = np.random.default_rng(2)
    labels = [f"▁말{i}" for i in range(14)]
    view = AttentionView(rng.uniform(size=(4, 14, 15)), labels, labels + ["."], SOURCE, SOURCE, list(range(14)),
                         list(range(15)), kind=ENCODER)
    canvas.set_available(QSize(1080, 640))  # the dock of the default window
    canvas.show_view(view, "all heads")
    lefts = {round(axes.get_position().x0, 3) for axes in canvas.axes_list}
    assert len(lefts) >= 2  # heads side by side


def test_the_panel_and_the_editors_share_the_default_windows_height(qtbot, make_window):
    """Opened for the first time at the default size, the panel no longer takes its own preferred height and
    leaves the editors a few lines: it takes about half, never less than it needs."""
    window = make_window()
    window.resize(1180, 760)
    window.attention_action.trigger()
    editor, panel = window.source_edit, window.attention_panel
    qtbot.waitUntil(lambda: window.panel_sized and panel.height() < 0.6 * window.height(), timeout=5_000)
    qtbot.wait(100)
    lines = editor.viewport().height() / editor.fontMetrics().lineSpacing()
    assert lines >= 8, f"the Korean editor shows {lines:.1f} lines"
    assert panel.height() >= max(panel.minimumSizeHint().height(), 0.4 * window.height())
    assert window.output_view.viewport().height() == editor.viewport().height()


def test_a_grid_of_heads_has_one_colour_scale_for_all_heads(qtbot):
    canvas = HeatmapCanvas()
    qtbot.addWidget(canvas)
    view = grid_view()
    canvas.set_available(QSize(1080, 640))
    canvas.show_view(view, "all heads")
    canvas.figure.canvas.draw()
    scale = canvas.colorbar_axes
    assert scale is not None and scale in canvas.figure.axes and scale not in canvas.axes_list
    assert len(canvas.figure.axes) == len(canvas.axes_list) + 1 == 5
    low, high = scale.get_ylim()
    assert low == 0.0 and high == float(view.matrix.max())  # the scale every head is drawn on
    assert all(axes.images[0].get_clim() == (0.0, high) for axes in canvas.axes_list)
    right = max(axes.get_position().x1 for axes in canvas.axes_list)
    assert scale.get_position().x0 > right  # beside the heads, not over them
