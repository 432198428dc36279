"""Training curves: loss by step and dev BLEU/chrF by step, drawn from a TrainingRunner's progress."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QSize

from .fonts import setup_matplotlib
from .theme import plot_colors


class TrainingCharts(FigureCanvasQTAgg):
    def __init__(self, parent=None):
        setup_matplotlib()
        self.figure = Figure(dpi=100, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("trainingCharts")
        self.setMinimumHeight(200)
        self.loss_axes, self.dev_axes = self.figure.subplots(1, 2)
        self.plot([], [])

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "data"):  # light/dark switch
            self.plot(*self.data)

    def plot(self, losses: list[tuple[int, float]], evals: list[tuple[int, dict]]) -> None:
        self.data = (list(losses), list(evals))
        colors = plot_colors()
        self.figure.set_facecolor(colors["background"])
        for axes in (self.loss_axes, self.dev_axes):
            axes.clear()
            axes.set_facecolor(colors["background"])
            axes.tick_params(colors=colors["muted"], labelsize=8)
            axes.grid(True, color=colors["grid"], linewidth=0.8)
            for name, spine in axes.spines.items():
                spine.set_visible(name in ("left", "bottom"))
                spine.set_color(colors["grid"])
            axes.set_xlabel(self.tr("step"), color=colors["muted"], fontsize=8.5)
        self.loss_axes.set_title(self.tr("Training loss"), color=colors["text"], fontsize=10, loc="left")
        self.dev_axes.set_title(self.tr("Dev score"), color=colors["text"], fontsize=10, loc="left")
        if losses:
            steps, values = zip(*losses)
            # a short run has a few points (the first and last step): markers show them, even a single one
            self.loss_axes.plot(steps, values, color=colors["accent"], linewidth=1.6,
                                marker="o" if len(steps) < 30 else None, markersize=3.5)
        else:
            self.loss_axes.text(0.5, 0.5, self.tr("waiting for the first steps"), transform=self.loss_axes.transAxes,
                                ha="center", va="center", color=colors["muted"], fontsize=9)
        if evals:
            steps = [step for step, _ in evals]
            bleu = [dev.get("mean", {}).get("bleu", 0.0) for _, dev in evals]
            chrf = [dev.get("mean", {}).get("chrf", 0.0) for _, dev in evals]
            self.dev_axes.plot(steps, bleu, marker="o", markersize=3.5, color=colors["accent"], label="BLEU")
            self.dev_axes.plot(steps, chrf, marker="o", markersize=3.5, color=colors["second"], label="chrF")
            legend = self.dev_axes.legend(fontsize=8, frameon=False, loc="best")
            for text in legend.get_texts():
                text.set_color(colors["text"])
        else:
            self.dev_axes.text(0.5, 0.5, self.tr("scored on the dev set during training\n(if a dev set is chosen)"),
                               transform=self.dev_axes.transAxes, ha="center", va="center", color=colors["muted"],
                               fontsize=9)
        self.draw_idle()
