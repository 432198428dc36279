"""The attention heatmap: a matplotlib figure in a Qt widget (FigureCanvasQTAgg) that draws an AttentionView,
reports the cell under the mouse and outlines the cells it is asked to highlight."""

from __future__ import annotations

import math
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PySide6.QtCore import QSize, Signal

from ..fonts import setup_matplotlib
from ..theme import plot_colors
from .canvas import ShownCanvas
from .data import AttentionView, strongest

MIN_CELL, MAX_CELL = 15, 64  # pixels per piece: fill the view when possible, scroll when the sentence is long
GRID_MIN_CELL, GRID_MAX_CELL = 13, 40  # a grid cell never gets smaller than its labels' line height
GRID_FONT_PX = 8.5  # labels stay readable in a grid of heads: it scrolls rather than shrink them


def label_width(labels: list[str], font_px: float) -> float:
    """Rough width in pixels of the longest label (Hangul and other wide characters count double)."""
    def width(text: str) -> float:
        return sum(1.0 if ord(ch) > 0x2E80 else 0.62 for ch in text) * font_px

    return max((width(label) for label in labels), default=0.0)


def fit(available: float, fixed: float, count: int, low: float, high: float) -> float:
    return max(low, min(high, (available - fixed) / max(count, 1)))


class HeatmapCanvas(ShownCanvas):
    """Draws at exactly the size it asks for (preferred_size); the panel puts it in a scroll area."""

    cellHovered = Signal(int, int)  # row, column (-1, -1 outside the matrix)
    cellClicked = Signal(int, int)

    def __init__(self, parent=None):
        setup_matplotlib()
        self.figure = Figure(dpi=100)
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("attentionHeatmap")
        self.view: AttentionView | None = None
        self.title = ""
        self.message = ""
        self.available = QSize(640, 420)
        self.axes_list = []
        self.focus_artists = []
        self.focus: tuple[int | None, int | None, list[tuple[int, int]]] = (None, None, [])
        self._preferred = QSize(480, 360)
        self._hover = (-1, -1)
        self.mpl_connect("motion_notify_event", self._on_motion)
        self.mpl_connect("button_press_event", self._on_press)
        self.mpl_connect("figure_leave_event", lambda event: self._emit_hover(-1, -1))
        self.show_message("")

    # --- drawing ------------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return self._preferred

    def preferred_size(self) -> QSize:
        return self._preferred

    def show_message(self, text: str) -> None:
        self.view, self.message = None, text
        self._redraw()

    def show_view(self, view: AttentionView, title: str) -> None:
        self.view, self.title = view, title
        self.focus = (None, None, [])
        self._redraw()

    def set_available(self, size: QSize, redraw: bool = True) -> None:
        """The space the panel has for the figure; the layout adapts (cells grow up to MAX_CELL). redraw=False:
        only noted, for the view about to be shown."""
        if size != self.available:
            self.available = size
            if not redraw:
                return
            focus = self.focus
            self._redraw()
            if self.view is not None and focus != (None, None, []):
                self.set_focus(*focus)

    def _redraw(self) -> None:
        colors = plot_colors()
        self.figure.clear()
        self.figure.set_facecolor(colors["background"])
        self.axes_list, self.focus_artists = [], []
        self.colorbar_axes = None  # the colour scale of the matrix, or of all heads of a grid
        self.focus = (None, None, [])
        if self.view is None:
            self._preferred = QSize(max(self.available.width(), 200), max(self.available.height(), 120))
            self.figure.text(0.5, 0.5, self.message, ha="center", va="center", color=colors["muted"], fontsize=11,
                             wrap=True)
        elif self.view.is_grid:
            self._draw_grid(self.view, self.title, colors)
        else:
            self._draw_single(self.view, self.title, colors)
        self.resize(self._preferred)
        self.draw_idle()

    def _draw_single(self, view: AttentionView, title: str, colors: dict) -> None:
        """One matrix; column labels on top (visible without scrolling), rotated when they do not fit."""
        rows, cols = view.matrix.shape
        font_px = 10.0 if max(rows, cols) <= 30 else 8.5
        left = label_width(view.row_labels, font_px) + 58
        col_label = label_width(view.col_labels, font_px)
        right, bottom, head = 86, 14, 58
        available = self.available
        cell = 0.0
        for _ in range(2):  # the label band depends on the cell size (rotated or not), and back
            rotate = col_label > (cell or MAX_CELL) * 0.95
            band = (col_label * 0.82 + 10) if rotate else font_px + 24
            by_width = fit(available.width(), left + right, cols, MIN_CELL, MAX_CELL)
            room = (available.height() - head - band - bottom) / max(rows, 1)
            # when the rows must scroll anyway, only the width limits the cells (up to a readable 28 px)
            cell = min(by_width, 28) if room < MIN_CELL else min(by_width, max(room, MIN_CELL))
        rotate = col_label > cell * 0.95
        band = (col_label * 0.82 + 10) if rotate else font_px + 24
        top = head + band
        width, height = left + cols * cell + right, top + rows * cell + bottom
        self._preferred = QSize(int(width), int(height))
        axes = self.figure.add_axes((left / width, bottom / height, cols * cell / width, rows * cell / height))
        image = axes.imshow(view.matrix, aspect="auto", cmap=colors["cmap"], vmin=0.0,
                            vmax=max(float(view.matrix.max()), 1e-6), interpolation="nearest")
        self._style_axes(axes, view, colors, font_px, rotate, top_labels=True)
        self.figure.text(12 / width, 1 - 10 / height, title, color=colors["text"], fontsize=10.5, va="top")
        bar_height = min(rows * cell, 240)
        colorbar_axes = self.figure.add_axes(((width - right + 16) / width, (height - top - bar_height) / height,
                                              11 / width, bar_height / height))
        colorbar = self.figure.colorbar(image, cax=colorbar_axes)
        colorbar.ax.tick_params(labelsize=8, colors=colors["muted"])
        colorbar.outline.set_visible(False)
        self.axes_list, self.colorbar_axes = [axes], colorbar_axes

    def _draw_grid(self, view: AttentionView, title: str, colors: dict) -> None:
        """Small multiples, one per head, on a shared colour scale."""
        heads, rows, cols = view.matrix.shape
        font_px = GRID_FONT_PX
        row_band = label_width(view.row_labels, font_px) + 16
        col_band = label_width(view.col_labels, font_px) * 0.82 + 12
        scale_w = 56  # the shared colour scale at the right
        room_w, room_h = self.available.width() - 16 - scale_w, self.available.height() - 44

        def fits(columns: int) -> bool:
            """All heads in sight at once (no vertical scrolling) with cells of at least GRID_MIN_CELL."""
            lines = math.ceil(heads / columns)
            return (room_h - lines * (22 + col_band)) / (lines * rows) >= GRID_MIN_CELL

        def cell_for(columns: int) -> float:
            """The largest cell that fits `columns` heads side by side (height too, unless it must scroll)."""
            lines = math.ceil(heads / columns)
            by_width = (room_w / columns - row_band - 24) / cols
            by_height = (room_h - lines * (22 + col_band)) / (lines * rows)
            return min(by_width, by_height) if by_height >= GRID_MIN_CELL else by_width

        def preference(columns: int) -> tuple:
            # every head in sight if any arrangement allows it, with the largest cells; where every one must
            # scroll (a long sentence), the squarest (2 × 2), never one tall column of heads
            cell = max(GRID_MIN_CELL, min(cell_for(columns), GRID_MAX_CELL))
            square = -abs(columns - math.sqrt(heads))
            return (True, cell, square) if fits(columns) else (False, square, cell)

        grid_cols = max(range(1, min(heads, 4) + 1), key=preference)
        grid_rows = math.ceil(heads / grid_cols)
        cell = max(GRID_MIN_CELL, min(GRID_MAX_CELL, cell_for(grid_cols)))
        show_labels = True
        panel_w, panel_h = row_band + cols * cell + 24, 22 + rows * cell + col_band
        top = 34
        width, height = grid_cols * panel_w + 12 + scale_w, top + grid_rows * panel_h + 8
        self._preferred = QSize(int(width), int(height))
        self.figure.text(12 / width, 1 - 10 / height, title, color=colors["text"], fontsize=10.5, va="top")
        vmax = max(float(view.matrix.max()), 1e-6)
        self.axes_list = []
        image = None
        for head in range(heads):
            grid_row, grid_col = divmod(head, grid_cols)
            x0 = grid_col * panel_w + row_band + 10
            y0 = height - top - (grid_row + 1) * panel_h + col_band
            axes = self.figure.add_axes((x0 / width, y0 / height, cols * cell / width, rows * cell / height))
            image = axes.imshow(view.matrix[head], aspect="auto", cmap=colors["cmap"], vmin=0.0, vmax=vmax,
                                interpolation="nearest")
            self._style_axes(axes, view, colors, font_px, True, show_labels=show_labels, axis_titles=False)
            axes.set_title(self.tr("Head {0}").format(head + 1), color=colors["text"], fontsize=9, pad=4)
            self.axes_list.append(axes)
        # one scale for all heads (they share vmin and vmax), beside the first row of heads
        bar_height = min(rows * cell, 240)
        self.colorbar_axes = self.figure.add_axes(((width - scale_w + 8) / width,
                                                   (height - top - 22 - bar_height) / height,
                                                   11 / width, bar_height / height))
        colorbar = self.figure.colorbar(image, cax=self.colorbar_axes)
        colorbar.ax.tick_params(labelsize=8, colors=colors["muted"])
        colorbar.outline.set_visible(False)

    def _style_axes(self, axes, view: AttentionView, colors: dict, font_px: float, rotate: bool,
                    show_labels: bool = True, axis_titles: bool = True, top_labels: bool = False) -> None:
        axes.set_facecolor(colors["background"])
        rows, cols = len(view.row_labels), len(view.col_labels)
        if top_labels:
            axes.xaxis.tick_top()
            axes.xaxis.set_label_position("top")
        if show_labels:
            align = ("left" if top_labels else "right") if rotate else "center"
            axes.set_xticks(range(cols), view.col_labels, rotation=60 if rotate else 0,
                            ha=align, rotation_mode="anchor", fontsize=font_px)
            axes.set_yticks(range(rows), view.row_labels, fontsize=font_px)
        else:
            axes.set_xticks([])
            axes.set_yticks([])
        axes.tick_params(colors=colors["text"], length=0, pad=3)
        for spine in axes.spines.values():
            spine.set_visible(False)
        if axis_titles:
            names = {"source": self.tr("Korean pieces"), "target": self.tr("English pieces")}
            axes.set_ylabel(names[view.row_side] + self.tr(" (query)"), color=colors["muted"], fontsize=9)
            axes.set_xlabel(names[view.col_side] + self.tr(" (attended to)"), color=colors["muted"], fontsize=9)

    # --- highlighting -------------------------------------------------------------------------------------------

    def head_cells(self, head: int, row: int | None, col: int | None,
                   cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The cells to outline in one head of a grid: a focused row or column marks that head's own strongest
        cells (the given ones are the heads' average: the same columns in every head would be wrong)."""
        view = self.view
        if view is None or not view.is_grid:
            return list(cells)
        matrix = view.matrix[head]
        if row is not None:
            return [(row, c) for c in strongest(matrix[row], view.col_pieces or None)]
        if col is not None:
            return [(r, col) for r in strongest(matrix[:, col], view.row_pieces or None)]
        return list(cells)

    def set_focus(self, row: int | None, col: int | None, cells: list[tuple[int, int]]) -> None:
        """Outline a row or a column and the given cells (row, col); emphasise their labels (by colour: the
        Korean font has no bold face). In a grid of heads each head outlines its own strongest cells."""
        if self.view is None or (row, col, cells) == self.focus:
            return
        self.focus = (row, col, list(cells))
        colors = plot_colors()
        for artist in self.focus_artists:
            artist.remove()
        self.focus_artists = []
        rows, cols = len(self.view.row_labels), len(self.view.col_labels)
        for head, axes in enumerate(self.axes_list):
            cells = self.head_cells(head, row, col, self.focus[2])
            if row is not None:
                self.focus_artists.append(axes.add_patch(Rectangle((-0.5, row - 0.5), cols, 1, fill=False,
                                                                   edgecolor=colors["accent"], linewidth=1.4)))
            if col is not None:
                self.focus_artists.append(axes.add_patch(Rectangle((col - 0.5, -0.5), 1, rows, fill=False,
                                                                   edgecolor=colors["accent"], linewidth=1.4)))
            for r, c in cells:
                self.focus_artists.append(axes.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False,
                                                                   edgecolor=colors["highlight"], linewidth=2.0)))
            strong_rows = {r for r, _ in cells} | ({row} if row is not None else set())
            strong_cols = {c for _, c in cells} | ({col} if col is not None else set())
            for index, label in enumerate(axes.get_yticklabels()):
                label.set_color(colors["highlight"] if index in strong_rows else colors["text"])
            for index, label in enumerate(axes.get_xticklabels()):
                label.set_color(colors["highlight"] if index in strong_cols else colors["text"])
        self.draw_idle()

    def cell_position(self, row: int, col: int):
        """The widget pixel at the centre of a cell of the first matrix."""
        from PySide6.QtCore import QPoint

        if not self.axes_list:
            return QPoint(0, 0)
        x, y = self.axes_list[0].transData.transform((col, row))
        ratio = self.device_pixel_ratio or 1
        return QPoint(int(x / ratio), int(self.height() - y / ratio))

    # --- mouse --------------------------------------------------------------------------------------------------

    def _cell(self, event) -> tuple[int, int]:
        if self.view is None or event.inaxes not in self.axes_list or event.xdata is None:
            return -1, -1
        row, col = int(round(event.ydata)), int(round(event.xdata))
        if 0 <= row < len(self.view.row_labels) and 0 <= col < len(self.view.col_labels):
            return row, col
        return -1, -1

    def _emit_hover(self, row: int, col: int) -> None:
        if (row, col) != self._hover:
            self._hover = (row, col)
            self.cellHovered.emit(row, col)

    def _on_motion(self, event) -> None:
        self._emit_hover(*self._cell(event))

    def _on_press(self, event) -> None:
        row, col = self._cell(event)
        if row >= 0:
            self.cellClicked.emit(row, col)

    def save(self, path: str) -> None:
        from model.api import write_atomic

        dpi = 200 if path.lower().endswith(".png") else None
        kind = Path(path).suffix.lstrip(".").lower() or "png"
        write_atomic(path, lambda tmp: self.figure.savefig(tmp, dpi=dpi, format=kind,
                                                           facecolor=self.figure.get_facecolor()))

