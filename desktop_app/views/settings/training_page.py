"""The Training tab: pick and check corpora and set the run up; the run itself is followed in a TrainingRunView
(training_run.py): live curves, then the comparison with the current model and the switch.

Corpora are read and validated (model.api.check_corpus) in a worker thread; the run itself is a TrainingRunner
(a separate process). The page only shows the runner's state, so closing the dialog does not stop training.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QDoubleSpinBox, QFileDialog, QFormLayout, QFrame,
                               QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QRadioButton, QScrollArea, QSpinBox,
                               QSplitter, QStackedWidget, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from model.api import DEFAULT_DATA, TrainingConfig

from ...services.model_store import ModelStore, dev_lines, read_info
from ...services.training_runner import FINETUNE, TRAIN, TrainingRunner, TrainingSpec
from ...services.workers import CorpusWorker, WorkerThread
from .training_run import TrainingRunView

CORPUS_FILTER = "Corpora (*.tsv *.csv *.txt *.xlsx *.xlsm *.tmx *.ko *.en);;All files (*)"
PREVIEW_ROWS = 100
# The engine's defaults, the same as the command line's: `hanyeong finetune` and `hanyeong train`.
DEFAULTS = {FINETUNE: TrainingConfig.for_finetuning(), TRAIN: TrainingConfig()}


def default_dev_dir() -> str:
    dev = DEFAULT_DATA / "dev"
    return str(dev) if dev.is_dir() else ""


class TrainingPage(QWidget):
    switchRequested = Signal(str)  # bundle path
    _check = Signal(str)  # to the corpus worker

    def __init__(self, settings, store: ModelStore, runner: TrainingRunner, parent=None):
        super().__init__(parent)
        self.setObjectName("trainingPage")
        self.settings = settings
        self.store = store
        self.runner = runner
        self.current_model: Path | None = None
        self.current_card: dict = {}
        self.checks: dict[str, object] = {}  # path -> CorpusCheck, or str (error message), or None (checking)
        self.corpus_worker = CorpusWorker()
        self.corpus_thread = WorkerThread(self.corpus_worker, "corpus-check", self)
        self.corpus_thread.finished.connect(self.corpus_worker.deleteLater)
        self.corpus_worker.checked.connect(self._on_checked)
        self.corpus_worker.failed.connect(self._on_check_failed)
        self._check.connect(self.corpus_worker.check)
        self._build()
        runner.stateChanged.connect(self._on_state)
        runner.ended.connect(self._on_ended)
        self._apply_mode_defaults()
        self._sync_to_runner()

    # --- construction -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(objectName="trainingStack")
        layout.addWidget(self.stack)
        self.stack.addWidget(self._build_setup())
        self.run_view = TrainingRunView(self.runner)
        self.run_view.switchRequested.connect(self.switchRequested)
        self.run_view.backRequested.connect(self._back_to_setup)
        self.run_view.resumeRequested.connect(self.resume)
        self.stack.addWidget(self.run_view)

    def _build_setup(self) -> QWidget:
        self.setup_message = QLabel(objectName="setupMessage")
        self.setup_message.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Start Training"), objectName="startTrainingButton")
        self.start_button.setDefault(True)
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)

        self.resume_banner = QFrame(objectName="resumeBanner")
        self.resume_banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner = QHBoxLayout(self.resume_banner)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_button = QPushButton(self.tr("&Resume"), objectName="resumeButton")
        self.discard_button = QPushButton(self.tr("Discard"), objectName="discardButton")
        banner.addWidget(self.resume_label, 1)
        banner.addWidget(self.resume_button)
        banner.addWidget(self.discard_button)
        outer.addWidget(self.resume_banner)

        mode_box = QGroupBox(self.tr("What to train"))
        mode_layout = QVBoxLayout(mode_box)
        self.finetune_radio = QRadioButton(objectName="finetuneRadio")
        self.scratch_radio = QRadioButton(self.tr("Train a new model from scratch on these corpora only (hours on a "
                                                  "CPU)"), objectName="scratchRadio")
        self.finetune_radio.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.finetune_radio)
        self.mode_group.addButton(self.scratch_radio)
        mode_layout.addWidget(self.finetune_radio)
        mode_layout.addWidget(self.scratch_radio)
        outer.addWidget(mode_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        corpora_box = QGroupBox(self.tr("Corpora"))
        corpora_layout = QVBoxLayout(corpora_box)
        self.corpus_list = QListWidget(objectName="corpusList")
        self.corpus_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.corpus_list.setMinimumWidth(240)
        corpora_layout.addWidget(self.corpus_list, 1)
        buttons = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add &Files…"), objectName="addFilesButton")
        self.add_folder_button = QPushButton(self.tr("Add F&older…"), objectName="addFolderButton")
        self.remove_button = QPushButton(self.tr("Remove"), objectName="removeCorpusButton")
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        corpora_layout.addLayout(buttons)
        hint = QLabel(self.tr("A .ko/.en file pair, TSV/CSV (Korean, English columns), Excel .xlsx or TMX."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        corpora_layout.addWidget(hint)
        splitter.addWidget(corpora_box)

        preview_box = QGroupBox(self.tr("Preview"))
        preview_layout = QVBoxLayout(preview_box)
        self.preview_tabs = QTabWidget(objectName="previewTabs")
        self.preview_tabs.setDocumentMode(True)
        self.preview_table = QTableWidget(0, 2, objectName="previewTable")
        self.preview_table.setHorizontalHeaderLabels([self.tr("Korean"), self.tr("English")])
        self.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview_table.verticalHeader().setDefaultSectionSize(22)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setAlternatingRowColors(True)
        self.report_view = QPlainTextEdit(objectName="reportView")
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # long messages wrap, not cut
        self.preview_tabs.addTab(self.preview_table, self.tr("Pairs"))
        self.preview_tabs.addTab(self.report_view, self.tr("Validation report"))
        preview_layout.addWidget(self.preview_tabs)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

        settings_box = QGroupBox(self.tr("Settings"))
        grid = QGridLayout(settings_box)
        form = QFormLayout()
        self.name_edit = QLineEdit(objectName="modelNameEdit")
        self.epochs_spin = QDoubleSpinBox(objectName="epochsSpin", decimals=1, minimum=0.1, maximum=200.0,
                                          singleStep=1.0)
        self.time_limit_spin = QSpinBox(objectName="timeLimitSpin", minimum=0, maximum=10000, singleStep=10)
        self.time_limit_spin.setSpecialValueText(self.tr("no limit"))
        self.time_limit_spin.setSuffix(self.tr(" min"))
        form.addRow(self.tr("New model &name:"), self.name_edit)
        form.addRow(self.tr("&Epochs:"), self.epochs_spin)
        form.addRow(self.tr("&Time limit:"), self.time_limit_spin)
        grid.addLayout(form, 0, 0)

        self.advanced_box = QGroupBox(self.tr("Advanced"), objectName="advancedBox")
        self.advanced_box.setCheckable(True)
        self.advanced_box.setChecked(False)
        advanced_outer = QVBoxLayout(self.advanced_box)
        self.advanced_body = QWidget()
        advanced = QFormLayout(self.advanced_body)
        advanced.setContentsMargins(0, 0, 0, 0)
        self.batch_spin = QSpinBox(objectName="batchSpin", minimum=50, maximum=200000, singleStep=500,
                                   value=TrainingConfig().max_tokens_per_batch)
        self.lr_spin = QDoubleSpinBox(objectName="learningRateSpin", decimals=5, minimum=0.00001, maximum=0.01,
                                      singleStep=0.0001)
        self.warmup_spin = QSpinBox(objectName="warmupSpin", minimum=0, maximum=100000, singleStep=100)
        self.eval_spin = QSpinBox(objectName="evalEverySpin", minimum=10, maximum=100000, singleStep=100,
                                 value=TrainingConfig().eval_every_steps)
        self.dev_edit = QLineEdit(objectName="devEdit")
        # short placeholders (the column is narrow); what they mean in full in the tooltips
        self.dev_edit.setPlaceholderText(self.tr("none"))
        self.dev_edit.setToolTip(self.tr("Dev corpora the runs are scored on; empty: no dev scores"))
        self.mix_edit = QLineEdit(objectName="mixEdit")
        self.mix_edit.setPlaceholderText(self.tr("optional"))
        self.mix_edit.setToolTip(self.tr("Original corpora trained on too, against forgetting"))
        self.config_edit = QLineEdit(objectName="configEdit")
        self.config_edit.setPlaceholderText(self.tr("optional"))
        self.config_edit.setToolTip(self.tr("A TrainingConfig JSON file (the model's size)"))
        advanced.addRow(self.tr("Tokens per batch:"), self.batch_spin)
        advanced.addRow(self.tr("Peak learning rate:"), self.lr_spin)
        advanced.addRow(self.tr("Warm-up steps:"), self.warmup_spin)
        advanced.addRow(self.tr("Score on dev every:"), self.eval_spin)
        advanced.addRow(self.tr("Dev set folder:"), self._with_browse(self.dev_edit, folder=True))
        self.mix_row = self._with_browse(self.mix_edit, folder=True)
        advanced.addRow(self.tr("Mix in original data:"), self.mix_row)
        self.config_row = self._with_browse(self.config_edit, folder=False)
        advanced.addRow(self.tr("Config file:"), self.config_row)
        self.advanced_body.setVisible(False)
        advanced_outer.addWidget(self.advanced_body)
        self.advanced_box.toggled.connect(self.advanced_body.setVisible)
        grid.addWidget(self.advanced_box, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        outer.addWidget(settings_box)


        self.finetune_radio.toggled.connect(self._apply_mode_defaults)
        self.add_files_button.clicked.connect(self._add_files_dialog)
        self.add_folder_button.clicked.connect(self._add_folder_dialog)
        self.remove_button.clicked.connect(self._remove_selected)
        self.corpus_list.currentItemChanged.connect(lambda *_: self._show_preview())
        self.start_button.clicked.connect(lambda: self.start())
        self.resume_button.clicked.connect(self.resume)
        self.discard_button.clicked.connect(self._discard)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        setup = QWidget()
        setup_layout = QVBoxLayout(setup)
        setup_layout.setContentsMargins(0, 0, 0, 0)
        setup_layout.addWidget(scroll, 1)
        footer = QHBoxLayout()  # outside the scroll area: the Start button is always in sight
        footer.addWidget(self.setup_message, 1)
        footer.addWidget(self.start_button)
        setup_layout.addLayout(footer)
        return setup

    def _with_browse(self, edit: QLineEdit, folder: bool) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton(self.tr("Browse…"))

        def browse():
            if folder:
                path = QFileDialog.getExistingDirectory(self, self.tr("Choose a Folder"), edit.text())
            else:
                path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a File"), edit.text(),
                                                      self.tr("JSON files (*.json)"))
            if path:
                edit.setText(path)

        button.clicked.connect(browse)
        row.addWidget(button)
        return box

    # --- state shared with the dialog ---------------------------------------------------------------------------

    def set_current_model(self, path: Path, card: dict | None) -> None:
        self.current_model = Path(path)
        self.current_card = card if card is not None else read_info(Path(path)).card
        self.run_view.set_active_model(self.current_model)
        name = self.current_card.get("name") or Path(path).name
        self.finetune_radio.setText(self.tr("Fine-tune the current model ({0}) on these corpora").format(name))
        if not self.name_edit.isModified():
            self.name_edit.setText(f"{name}-tuned" if self.finetune_radio.isChecked() else "my-model")
        self._update_setup()

    def _apply_mode_defaults(self, *_args) -> None:
        mode = FINETUNE if self.finetune_radio.isChecked() else TRAIN
        defaults = DEFAULTS[mode]
        self.epochs_spin.setValue(defaults.epochs)
        self.lr_spin.setValue(defaults.peak_learning_rate)
        self.warmup_spin.setValue(defaults.warmup_steps)
        if not self.dev_edit.text():
            self.dev_edit.setText(default_dev_dir())
        self.mix_row.setEnabled(mode == FINETUNE)
        self.config_row.setEnabled(mode == TRAIN)
        if not self.name_edit.isModified():
            base = self.current_card.get("name", "model") if self.current_card else "model"
            self.name_edit.setText(f"{base}-tuned" if mode == FINETUNE else "my-model")
        self._update_setup()

    def suggest_batch(self, tokens: int | None, device: str) -> None:
        """The tokens per batch for the device training will use (Settings ▸ Device found it: model/devices.py
        suggests about 1,000 per GiB of GPU memory; None: the CPU default). A value the user typed is kept."""
        tokens = tokens or TrainingConfig().max_tokens_per_batch
        if self.batch_spin.value() == getattr(self, "suggested_batch", TrainingConfig().max_tokens_per_batch):
            self.batch_spin.setValue(tokens)
        self.suggested_batch = tokens
        self.batch_spin.setToolTip(self.tr("Suggested for {0}: {1}").format(device, tokens))

    # --- corpora ------------------------------------------------------------------------------------------------

    def _add_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add Corpus Files"), self.settings.dialog_folder,
                                                self.tr(CORPUS_FILTER))
        for path in paths:
            self.add_corpus(path)
        if paths:
            self.settings.last_directory = str(Path(paths[0]).parent)

    def _add_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a Corpus Folder"), self.settings.dialog_folder)
        if path:
            self.add_corpus(path)

    def add_corpus(self, path: str) -> None:
        """List a corpus and check it in the background; a .en file stands for its .ko/.en pair."""
        path = str(Path(path))
        if path.endswith(".en") and Path(path).with_suffix(".ko").exists():
            path = str(Path(path).with_suffix(".ko"))
        if path in self.checks:
            self._select(path)
            return
        self.checks[path] = None
        item = QListWidgetItem(self._item_text(path))
        item.setData(Qt.ItemDataRole.UserRole, path)
        item.setToolTip(path)
        self.corpus_list.addItem(item)
        self.corpus_list.setCurrentItem(item)
        self._check.emit(path)
        self._update_setup()

    def _item_text(self, path: str) -> str:
        check = self.checks.get(path)
        name = Path(path).name
        if check is None:
            return self.tr("{0} — checking…").format(name)
        if isinstance(check, str):
            return self.tr("{0} — cannot be read").format(name)
        return self.tr("{0} — {1:,} pairs").format(name, check.pairs)

    def _select(self, path: str) -> None:
        for row in range(self.corpus_list.count()):
            if self.corpus_list.item(row).data(Qt.ItemDataRole.UserRole) == path:
                self.corpus_list.setCurrentRow(row)

    def _refresh_item(self, path: str) -> None:
        for row in range(self.corpus_list.count()):
            item = self.corpus_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == path:
                item.setText(self._item_text(path))
                check = self.checks.get(path)
                bad = isinstance(check, str) or (check is not None and check.pairs == 0)
                item.setForeground(QColor("#d1242f") if bad else self.palette().text().color())

    def _on_checked(self, path: str, check) -> None:
        if path not in self.checks:
            return
        self.checks[path] = check
        self._refresh_item(path)
        self._show_preview()
        self._update_setup()

    def _on_check_failed(self, path: str, message: str) -> None:
        if path not in self.checks:
            return
        self.checks[path] = message
        self._refresh_item(path)
        self._show_preview()
        self._update_setup()

    def _remove_selected(self) -> None:
        item = self.corpus_list.currentItem()
        if item is None:
            return
        self.checks.pop(item.data(Qt.ItemDataRole.UserRole), None)
        self.corpus_list.takeItem(self.corpus_list.row(item))
        self._show_preview()
        self._update_setup()

    def _show_preview(self) -> None:
        item = self.corpus_list.currentItem()
        check = self.checks.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.preview_table.setRowCount(0)
        if item is None:
            self.report_view.setPlainText("")
            return
        if check is None:
            self.report_view.setPlainText(self.tr("Checking {0}…").format(item.data(Qt.ItemDataRole.UserRole)))
            return
        if isinstance(check, str):
            self.report_view.setPlainText(self.tr("This corpus cannot be used:\n\n{0}").format(check))
            self.preview_tabs.setCurrentWidget(self.report_view)
            return
        rows = check.preview[:PREVIEW_ROWS]
        self.preview_table.setRowCount(len(rows))
        for row, (korean, english) in enumerate(rows):
            self.preview_table.setItem(row, 0, QTableWidgetItem(korean))
            self.preview_table.setItem(row, 1, QTableWidgetItem(english))
        report = check.report.summary()
        if check.parts:
            report += "\n\n" + self.tr("Corpora in this folder:") + "\n" + "\n".join(
                f"  {name}  ({source})" for name, source in check.parts)
        self.report_view.setPlainText(report)
        if check.report.dropped or check.pairs == 0:
            self.preview_tabs.setCurrentWidget(self.report_view)

    def usable_corpora(self) -> list[str]:
        return [path for path, check in self.checks.items()
                if check is not None and not isinstance(check, str) and check.pairs > 0]

    def _update_setup(self) -> None:
        checking = any(check is None for check in self.checks.values())
        broken = [Path(path).name for path, check in self.checks.items() if isinstance(check, str)]
        usable = self.usable_corpora()
        ready = False
        if self.runner.running:
            message = self.tr("A training run is in progress.")
        elif not self.checks:
            message = self.tr("Add one or more corpora to train on.")
        elif checking:
            message = self.tr("Checking the corpora…")
        elif broken:
            message = self.tr("Remove the corpora that cannot be read: {0}").format(", ".join(broken))
        elif not usable:
            message = self.tr("The corpora have no usable pairs; see the validation report.")
        elif self.finetune_radio.isChecked() and (self.current_model is None or not self.current_card):
            message = self.tr("There is no current model to fine-tune.")
        else:
            pairs = sum(self.checks[path].pairs for path in usable)
            message = self.tr("{0:,} pairs ready.").format(pairs)
            ready = True
        self.setup_message.setText(message)
        self.start_button.setEnabled(ready)
        self._update_resume_banner()

    # --- starting, resuming -------------------------------------------------------------------------------------

    def build_spec(self) -> TrainingSpec:
        mode = FINETUNE if self.finetune_radio.isChecked() else TRAIN
        name = self.name_edit.text().strip() or "model"
        output = self.store.new_model_path(name)
        return TrainingSpec(
            mode=mode, corpora=self.usable_corpora(), output=str(output), work_dir=str(self.store.new_work_dir(output)),
            base_model=str(self.current_model) if mode == FINETUNE else "",
            epochs=float(self.epochs_spin.value()),
            time_limit_minutes=float(self.time_limit_spin.value()) if self.time_limit_spin.value() else None,
            max_tokens_per_batch=int(self.batch_spin.value()), peak_learning_rate=float(self.lr_spin.value()),
            warmup_steps=int(self.warmup_spin.value()), eval_every_steps=int(self.eval_spin.value()),
            dev=self.dev_edit.text().strip(), mix_data=self.mix_edit.text().strip() if mode == FINETUNE else "",
            config=self.config_edit.text().strip() if mode == TRAIN else "",
            base_scores=self._full_set_scores(), name=name,
        )

    def _full_set_scores(self) -> dict:
        """The current model's dev scores, for the comparison, if they are on the full dev sets (scores on the
        first lines of each compare with nothing but scores on the same lines)."""
        return {} if dev_lines(self.current_card) else dict(self.current_card.get("dev_scores") or {})

    def start(self, spec: TrainingSpec | None = None) -> None:
        """Start a run: of the page's settings (build_spec), or of `spec` (a variation of them)."""
        if self.runner.running or not self.start_button.isEnabled():
            return
        spec = spec or self.build_spec()
        self._show_run(spec)
        self.runner.start(spec)
        self.run_view.show_resumed()

    def resume(self) -> None:
        spec = self.runner.last_run()
        if spec is None or not spec.resumable() or self.runner.running:
            self._update_setup()
            return
        self._show_run(spec)
        self.runner.start(spec)  # reads back what the run logged before: its curves, whether training was over
        self.run_view.show_resumed()

    def _discard(self) -> None:
        self.runner.discard_last_run()
        self._update_resume_banner()

    def _update_resume_banner(self) -> None:
        spec = None if self.runner.running else self.runner.last_run()
        resumable = spec is not None and spec.resumable()
        self.resume_banner.setVisible(resumable)
        if resumable:
            kind = self.tr("fine-tuning") if spec.mode == FINETUNE else self.tr("training")
            self.resume_label.setText(self.tr("An interrupted {0} run of “{1}” can be resumed from its last "
                                              "checkpoint.").format(kind, Path(spec.output).name))

    def _show_run(self, spec: TrainingSpec) -> None:
        self.run_view.prepare(spec)
        self.stack.setCurrentIndex(1)

    # --- live progress ------------------------------------------------------------------------------------------

    def _sync_to_runner(self) -> None:
        """Show the runner's current state (the dialog may be opened in the middle of a run)."""
        if self.runner.running:
            self.stack.setCurrentIndex(1)
            self.run_view.show_runner()
        self._on_state(self.runner.state)

    def _on_state(self, state: str) -> None:
        self.run_view.update_state(state)
        self._update_setup()

    def _on_ended(self, outcome: str, detail: str) -> None:
        self.store.changed.emit()  # a new model, or a run to resume
        self._on_state(self.runner.state)

    def _back_to_setup(self) -> None:
        self.stack.setCurrentIndex(0)
        self._update_setup()

    def shutdown(self) -> None:
        self.corpus_thread.stop()
