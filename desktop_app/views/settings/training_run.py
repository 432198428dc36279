"""The Training tab's run view: a run followed live (progress, loss and dev curves, the log), then its result:
the new model's dev scores against the current one's scored the same way (a fine-tune's base on the same lines,
with the same decoding), and the switch to it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
                               QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...services.model_store import dev_lines, read_info, same_path, score_text
from ...services.training_runner import (CANCELLED, FAILED, FINETUNE, FINISHED, RUNNING, STOPPING, TrainingRunner,
                                         TrainingSpec)
from ..charts import TrainingCharts


def format_eta(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


class TrainingRunView(QWidget):
    switchRequested = Signal(str)  # bundle path
    backRequested = Signal()
    resumeRequested = Signal()

    def __init__(self, runner: TrainingRunner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.new_model_path = ""
        self._build()
        runner.progressed.connect(self._on_event)
        runner.logged.connect(self._on_log)
        runner.ended.connect(self._on_ended)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.run_title = QLabel(objectName="runTitle")
        font = self.run_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15 if font.pointSizeF() > 0 else 11)
        font.setBold(True)
        self.run_title.setFont(font)
        self.run_title.setWordWrap(True)
        layout.addWidget(self.run_title)
        self.run_progress = QProgressBar(objectName="runProgress")
        self.run_progress.setRange(0, 0)
        layout.addWidget(self.run_progress)
        self.run_stats = QLabel(objectName="runStats")
        self.run_stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.run_stats)
        self.charts = TrainingCharts()
        layout.addWidget(self.charts, 3)

        self.result_box = QGroupBox(self.tr("Result"), objectName="resultBox")
        result_layout = QVBoxLayout(self.result_box)
        self.result_label = QLabel(objectName="resultLabel")
        self.result_label.setWordWrap(True)
        result_layout.addWidget(self.result_label)
        self.compare_table = QTableWidget(0, 3, objectName="compareTable")
        self.compare_table.setHorizontalHeaderLabels([self.tr("Dev set"), self.tr("Current model"),
                                                      self.tr("New model")])
        self.compare_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.compare_table.verticalHeader().setVisible(False)
        self.compare_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        result_layout.addWidget(self.compare_table)
        self.result_box.setVisible(False)
        layout.addWidget(self.result_box)

        self.log_view = QPlainTextEdit(objectName="trainingLog")
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(2000)
        self.log_view.setMaximumHeight(110)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setPointSizeF(max(self.font().pointSizeF() * 0.9, 8))
        self.log_view.setFont(mono)
        layout.addWidget(self.log_view, 1)

        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("&Back to Setup"), objectName="backButton")
        self.run_resume_button = QPushButton(self.tr("&Resume"), objectName="runResumeButton")
        self.switch_button = QPushButton(self.tr("&Use the New Model"), objectName="switchModelButton")
        self.cancel_button = QPushButton(self.tr("&Cancel Training"), objectName="cancelTrainingButton")
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.run_resume_button)
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._back)
        self.run_resume_button.clicked.connect(self.resumeRequested)
        self.switch_button.clicked.connect(self._switch)
        self.cancel_button.clicked.connect(self.runner.cancel)

    def prepare(self, spec: TrainingSpec) -> None:
        """A run of `spec` is about to start: its title, an empty log and curves."""
        corpora = ", ".join(Path(c).name for c in spec.corpora)
        if spec.mode == FINETUNE:
            title = self.tr("Fine-tuning {0} on {1}").format(read_info(Path(spec.base_model)).name, corpora)
        else:
            title = self.tr("Training {0} from scratch on {1}").format(spec.name or Path(spec.output).name, corpora)
        self.run_title.setText(title)
        self.log_view.clear()
        self.result_box.setVisible(False)
        self._busy()
        self.run_stats.setText(self.tr("Starting the training process: loading TensorFlow and reading the "
                                       "corpora (this takes up to a minute)…"))
        self.charts.plot([], [])

    def show_resumed(self) -> None:
        """A resumed run shows at once what it had reached: the curves read back from its log and, when training
        was over, that only the scoring goes on."""
        runner = self.runner
        if not runner.running:
            return
        self.charts.plot(runner.losses, runner.evals)
        if runner.finished_training:
            self.run_stats.setText(self.tr("Training was done: exporting the model again to go on scoring it, "
                                           "after the sentences already scored (this takes up to a minute)…"))

    def _busy(self) -> None:
        """A busy bar (no count known yet) that says nothing of its own."""
        self.run_progress.setRange(0, 0)
        self.run_progress.setTextVisible(False)

    def _count(self, done: int, total: int, text_format: str) -> None:
        """The bar at done of total, its own text in the same unit as the words next to it."""
        self.run_progress.setRange(0, max(total, 1))
        self.run_progress.setValue(max(0, min(done, max(total, 1))))
        self.run_progress.setFormat(text_format)
        self.run_progress.setTextVisible(True)

    def show_runner(self) -> None:
        """Catch up with a run already in progress (the dialog may be opened in the middle of one)."""
        self.charts.plot(self.runner.losses, self.runner.evals)
        for line in self.runner.log[-200:]:
            self.log_view.appendPlainText(line)
        runner = self.runner
        latest = runner.scoring or ({"kind": "finished"} if runner.finished_training else runner.last_step)
        if latest:
            self._on_event(dict(latest, kind=latest.get("kind", "step")))

    def update_state(self, state: str) -> None:
        running = self.runner.running
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(state == RUNNING)
        self.back_button.setEnabled(not running)
        last = self.runner.last_run()
        self.run_resume_button.setVisible(not running and self.runner.outcome in (CANCELLED, FAILED)
                                          and last is not None and last.resumable())
        self.switch_button.setVisible(not running and self.runner.outcome == FINISHED)
        if state == STOPPING:
            self._busy()
            self.run_stats.setText(self.tr("Stopping the scoring…") if self.runner.finished_training else
                                   self.tr("Stopping: saving a checkpoint…"))

    def phase_text(self, event: dict) -> str:
        """One line for what the run is doing, from its latest event: training steps, exporting, scoring, writing."""
        kind = event.get("kind")
        if kind == "step":
            total = int(self.runner.start_info.get("total_steps") or 0)
            return self.tr("Step {0:,} of {1:,} · epoch {2:.2f} · loss {3:.3f} · {4:.0f} pairs/s · about {5} "
                           "left").format(event["step"], total, event["epoch"], event["loss"],
                                          event["pairs_per_second"], format_eta(event["eta_seconds"]))
        if kind == "finished":
            return self.tr("Training done ({0}); exporting the model to score it…").format(event.get("reason", ""))
        if kind == "scoring":
            what = self.tr("Scoring the base model {0}").format(event.get("model")) if event.get("role") == "base" \
                else self.tr("Scoring the new model")
            return self.tr("{0} on the dev sets: {1:,} of {2:,} sentences").format(what, event.get("done", 0),
                                                                                  event.get("total", 0))
        if kind == "bundle":
            return self.tr("Writing the model…")
        return ""

    def _on_event(self, event: dict) -> None:
        kind = event.get("kind")
        runner = self.runner
        total = int(runner.start_info.get("total_steps") or 0)
        if runner.state == STOPPING:
            return  # "Stopping…" stays until the run has ended
        if kind == "start":
            self._count(int(runner.losses[-1][0]) if runner.losses else 0, total, self.tr("step %v of %m"))
            self.run_stats.setText(self.tr("{0:,} pairs · {1:,} parameters · {2} · first step…").format(
                event.get("pairs", 0), event.get("parameters", 0), event.get("hardware", "")))
        elif kind == "step":
            self._count(int(event["step"]), total, self.tr("step %v of %m"))
            self.run_stats.setText(self.phase_text(event))
            self.charts.plot(runner.losses, runner.evals)
        elif kind == "eval":
            self.charts.plot(runner.losses, runner.evals)
        elif kind == "finished":
            self._busy()
            self.run_stats.setText(self.phase_text(event))
        elif kind == "scoring":
            self._count(int(event.get("done", 0)), int(event.get("total", 0)), self.tr("%v of %m sentences"))
            self.run_stats.setText(self.phase_text(event))
        elif kind == "bundle":
            self._busy()
            self.run_stats.setText(self.phase_text(event))

    def _on_log(self, line: str) -> None:
        self.log_view.appendPlainText(line)

    def _on_ended(self, outcome: str, detail: str) -> None:
        self.result_box.setVisible(True)
        self.compare_table.setVisible(outcome == FINISHED)
        if outcome == FINISHED:
            self.run_progress.setRange(0, 1)
            self.run_progress.setValue(1)
            steps = self.runner.losses[-1][0] if self.runner.losses else self.runner.start_info.get("total_steps", 0)
            self.run_stats.setText(self.tr("Finished after {0:,} steps.").format(steps))
            self.new_model_path = detail
            self.switch_button.setEnabled(True)
            self.result_label.setText(self.tr("The new model is ready: {0}").format(read_info(Path(detail)).name))
            self._fill_comparison(detail)
        elif outcome == CANCELLED:
            self.run_progress.setTextVisible(False)
            if self.runner.finished_training:
                self.run_stats.setText(self.stopped_scoring_text())
                self.result_label.setText(self.tr("Training was stopped after it finished, while the models were "
                                                  "scored. The trained model and the sentences already scored are "
                                                  "kept: Resume goes on scoring from there."))
            else:
                steps = self.runner.losses[-1][0] if self.runner.losses else 0
                total = int(self.runner.start_info.get("total_steps") or 0)
                self.run_stats.setText(self.tr("Stopped at step {0:,} of {1:,}.").format(steps, total))
                self.result_label.setText(self.tr("Training was stopped. Its last checkpoint is kept: Resume "
                                                  "continues where it stopped."))
        else:
            self.run_progress.setTextVisible(False)
            self.run_stats.setText(self.tr("Training failed."))
            self.result_label.setText(self.tr("Training failed: {0}").format(detail))
        self.update_state(self.runner.state)

    def stopped_scoring_text(self) -> str:
        """Which model the scoring stopped in (the base or the new one) and how far it had come."""
        where = self.runner.cancelled if self.runner.cancelled.get("role") else self.runner.scoring
        done, total = int(where.get("done", 0)), int(where.get("total", 0))
        if where.get("role") == "base":
            return self.tr("Stopped while scoring the base model {0}: {1:,} of {2:,} sentences.").format(
                where.get("model"), done, total)
        if where.get("role") == "new":
            return self.tr("Stopped while scoring the new model: {0:,} of {1:,} sentences.").format(done, total)
        return self.tr("Stopped after training, before the scoring.")

    def _fill_comparison(self, path: str) -> None:
        spec = self.runner.spec
        card = read_info(Path(path)).card
        # a fine-tune scores its base model on the same dev lines as itself, with the same decoding; the current
        # model's own card scores (spec.base_scores: full dev sets) compare only with full-set scores
        lines = dev_lines(card)
        current = card.get("base_dev_scores") or ({} if lines or spec is None else spec.base_scores)
        new = self.runner.bundle.get("dev") or card.get("dev_scores") or {}
        self.compare_table.horizontalHeaderItem(1).setText(
            self.tr("Base model") if card.get("base_dev_scores") else self.tr("Current model"))
        names = [name for name in new if name != "mean"] + ["mean"]
        same_sets = {n for n in new if n != "mean"} == {n for n in current if n != "mean"}
        self.compare_table.setRowCount(len(names))
        for row, name in enumerate(names):
            label = self.tr("mean") if name == "mean" else name
            before, after = current.get(name), new.get(name)
            cells = [label, self._score_text(before), self._score_text(after)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if name == "mean":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                comparable = name != "mean" or same_sets  # means over different dev sets do not compare
                if column == 2 and before and after and comparable:  # better or worse than the current model
                    total = lambda scores: scores.get("bleu", 0) + scores.get("chrf", 0)  # noqa: E731
                    gain = total(after) - total(before)
                    if abs(gain) >= 0.05:
                        item.setForeground(QColor("#1a7f37") if gain > 0 else QColor("#cf222e"))
                self.compare_table.setItem(row, column, item)
        header = self.compare_table.horizontalHeader().height()
        rows = sum(self.compare_table.rowHeight(row) for row in range(len(names)))
        self.compare_table.setFixedHeight(header + rows + 2 * self.compare_table.frameWidth() + 2)
        decoding = card.get("decoding") or {}
        if new:
            how = self.tr("beam {0}, length penalty {1}").format(decoding.get("beam", "?"),
                                                                 decoding.get("length_penalty_alpha", "?"))
            lines_text = self.tr("the first {0:,} lines of each dev set").format(lines) if lines else \
                self.tr("the full dev sets")
            scored = self.tr("Both scored on {0}, with {1}.") if current else self.tr("Scored on {0}, with {1}.")
            self.result_label.setText(self.result_label.text() + "\n" + scored.format(lines_text, how))
        if not new:
            self.result_label.setText(self.result_label.text() + "\n" + self.tr(
                "It was not scored: no dev set was chosen (Advanced ▸ Dev set folder)."))
        elif not current:
            self.result_label.setText(self.result_label.text() + "\n" + self.tr(
                "The current model was not scored on these lines, so the two are not compared."))
        elif current and not same_sets:
            self.result_label.setText(self.result_label.text() + "\n" + self.tr(
                "The two models were scored on different dev sets: only the rows they share compare."))

    def _score_text(self, scores: dict | None) -> str:
        if not scores:
            return "—"
        return self.tr("BLEU {0} · chrF {1}").format(score_text(scores.get("bleu", 0.0)),
                                                     score_text(scores.get("chrf", 0.0)))

    def _switch(self) -> None:
        path = self.new_model_path
        if path:
            self.switchRequested.emit(path)  # the dialog then calls set_active_model with it

    def set_active_model(self, path: Path | str | None) -> None:
        """The model in use changed (here, or in the Model tab): the result says whether it is the new one."""
        if not self.new_model_path or self.runner.outcome != FINISHED:
            return
        name = read_info(Path(self.new_model_path)).name
        active = path is not None and same_path(path, self.new_model_path)
        self.switch_button.setEnabled(not active)
        first = (self.tr("Now using {0}.") if active else self.tr("The new model is ready: {0}")).format(name)
        lines = self.result_label.text().split("\n")
        self.result_label.setText("\n".join([first] + lines[1:]))

    def _back(self) -> None:
        self.switch_button.setEnabled(True)
        self.backRequested.emit()
