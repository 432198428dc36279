"""The main window: Korean in, English out, side by side; menus, status bar, and the two docks (attention and
history). It only shows things: the TranslationService translates, the TrainingRunner trains."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (QApplication, QCheckBox, QDockWidget, QFileDialog, QHBoxLayout, QLabel,
                               QListView, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter,
                               QToolButton, QVBoxLayout, QWidget)

from model.corpus import has_hangul
from model.decoding import split_text
from model.files import write_text_atomic

from . import APP_NAME
from .alignment import line_spans, piece_spans, render_output, sentence_spans
from .attention_data import SOURCE, TARGET, has_attention, strongest_link
from .attention_panel import AttentionPanel, Highlight, PanelItem
from .editors import OutputView, SourceEdit, focus_color, highlight_color
from .examples import EXAMPLES, Example
from .fonts import korean_font
from .history import HistoryDelegate, HistoryModel, SourceRole, TargetRole
from .model_store import ModelStore
from .settings import AppSettings
from .training_runner import TrainingRunner
from .translation_service import TranslationService

TYPING_DELAY_MS = 700
ATTENTION_SENTENCE_LIMIT = 20  # above this many sentences, attention is computed on demand per sentence
PROGRESS_SENTENCE_THRESHOLD = 32  # show the progress bar with Cancel for texts longer than one batch
NARROW_WIDTH = 760
ICON_PATH = Path(__file__).resolve().parent / "icons" / "hanyeong.svg"


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))


@dataclass
class Result:
    """The translation on screen and where its sentences are in the two texts."""

    source_text: str
    translation: object
    source_spans: list
    output_spans: list
    seconds: float = 0.0
    piece_cache: dict = field(default_factory=dict)


class MainWindow(QMainWindow):
    translationShown = Signal()  # a result is on screen
    exampleShown = Signal()  # an example's attention view is ready and focused

    def __init__(self, settings: AppSettings, store: ModelStore, model_override: str | None = None,
                 service: TranslationService | None = None):
        super().__init__()
        self.settings = settings
        self.store = store
        self.model_override = model_override
        self.service = service or TranslationService(self)
        self.runner = TrainingRunner(settings, self)
        self.history = HistoryModel(settings, self)
        self.result: Result | None = None
        self.current_job = None
        self.file_job = None
        self.user_cancelled = False
        self.pending_translate = False
        self.pending_example: Example | None = None
        self.unit_jobs: dict[int, int] = {}  # unit job id -> panel item id
        self.model_problem = ""
        self.model_fallback = ""  # why the shipped model is used instead of the chosen one, if it is
        self.settings_dialog = None
        self.started_at = 0.0

        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._restore()
        self.load_model()

    # --- construction -----------------------------------------------------------------------------------------

    def _pane(self, title: str, editor, header_extra: list, footer: list) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        header = QHBoxLayout()
        label = QLabel(title)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        header.addWidget(label)
        header.addStretch(1)
        for widget in header_extra:
            header.addWidget(widget)
        layout.addLayout(header)
        layout.addWidget(editor, 1)
        bottom = QHBoxLayout()
        for widget in footer:
            if widget is None:
                bottom.addStretch(1)
            else:
                bottom.addWidget(widget)
        layout.addLayout(bottom)
        return pane

    def _build_central(self) -> None:
        self.source_edit = SourceEdit()
        self.source_edit.setFont(korean_font(self.source_edit.font()))
        self.source_edit.setPlaceholderText(self.tr("Type or paste Korean text here.\n\nCtrl+Enter translates."))
        self.source_edit.setAccessibleName(self.tr("Korean text"))
        self.output_view = OutputView()
        self.output_view.setFont(korean_font(self.output_view.font()))
        self.output_view.setPlaceholderText(self.tr("The English translation appears here."))
        self.output_view.setAccessibleName(self.tr("English translation"))
        for editor in (self.source_edit, self.output_view):
            font = editor.font()
            font.setPointSizeF(font.pointSizeF() * 1.25 if font.pointSizeF() > 0 else 12)
            editor.setFont(font)

        self.char_count = QLabel(objectName="charCount")
        self.as_you_type_box = QCheckBox(self.tr("Translate as you &type"), objectName="asYouTypeBox")
        self.clear_button = QPushButton(self.tr("C&lear"), objectName="clearButton")
        self.translate_button = QPushButton(self.tr("&Translate"), objectName="translateButton")
        self.translate_button.setDefault(True)
        self.translate_button.setToolTip(self.tr("Translate (Ctrl+Enter)"))
        self.busy_bar = QProgressBar(objectName="busyIndicator")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedSize(QSize(72, 8))
        self.busy_bar.setVisible(False)
        self.confidence_note = QLabel(objectName="confidenceNote")
        self.confidence_note.setEnabled(False)  # drawn faint
        self.copy_button = QPushButton(self.tr("&Copy"), objectName="copyButton")
        self.copy_button.setToolTip(self.tr("Copy the translation (Ctrl+Shift+C)"))

        source_pane = self._pane(self.tr("Korean"), self.source_edit, [self.char_count],
                                 [self.as_you_type_box, None, self.clear_button, self.translate_button])
        output_pane = self._pane(self.tr("English"), self.output_view, [self.busy_bar],
                                 [self.confidence_note, None, self.copy_button])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(source_pane)
        self.splitter.addWidget(output_pane)
        self.splitter.setHandleWidth(14)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        self.progress_row = QWidget(objectName="progressRow")
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar(objectName="progressBar")
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancelButton")
        row.addWidget(self.progress_label)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.progress_row)
        self.setCentralWidget(central)

        self.typing_timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)

    def _build_docks(self) -> None:
        self.attention_panel = AttentionPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.attention_panel)
        self.attention_panel.hide()
        self.history_dock = QDockWidget(self.tr("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_view = QListView(objectName="historyView")
        self.history_view.setModel(self.history)
        self.history_view.setWordWrap(True)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setUniformItemSizes(False)
        self.history_view.setSpacing(2)
        self.history_view.setFont(korean_font(self.history_view.font()))
        self.history_view.setItemDelegate(HistoryDelegate(self.history_view))
        self.history_dock.setWidget(self.history_view)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.history_dock)
        self.history_dock.hide()

    def _action(self, text: str, shortcut=None, slot=None, checkable: bool = False, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setCheckable(checkable)
        if slot is not None:
            (action.toggled if checkable else action.triggered).connect(slot)
        if name:
            action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        ctrl_return = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return)
        ctrl_enter = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter)
        self.translate_action = self._action(self.tr("&Translate"), [ctrl_return, ctrl_enter], self.translate_now,
                                             name="translateAction")
        self.as_you_type_action = self._action(self.tr("Translate as You &Type"), QKeySequence("Ctrl+Shift+T"),
                                               self._set_as_you_type, checkable=True, name="asYouTypeAction")
        self.cancel_action = self._action(self.tr("&Cancel Translation"), QKeySequence(Qt.Key.Key_Escape),
                                          self.cancel_translation, name="cancelAction")
        self.cancel_action.setEnabled(False)
        self.copy_action = self._action(self.tr("Copy &Translation"), QKeySequence("Ctrl+Shift+C"),
                                        self.copy_translation, name="copyAction")
        self.clear_action = self._action(self.tr("C&lear"), QKeySequence("Ctrl+L"), self.clear, name="clearAction")
        self.translate_file_action = self._action(self.tr("Translate &File…"), QKeySequence.StandardKey.Open,
                                                  self.translate_file_dialog, name="translateFileAction")
        self.save_action = self._action(self.tr("&Save Translation As…"), QKeySequence.StandardKey.Save,
                                        self.save_translation_dialog, name="saveAction")
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.settings_action = self._action(self.tr("&Settings…"), QKeySequence("Ctrl+,"),
                                            lambda: self.open_settings(), name="settingsAction")
        self.train_action = self._action(self.tr("&Train a Model…"), QKeySequence("Ctrl+Shift+M"),
                                         lambda: self.open_settings("training"), name="trainAction")
        self.attention_action = self.attention_panel.toggleViewAction()
        self.attention_action.setText(self.tr("&Attention Panel"))
        self.attention_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText(self.tr("&History"))
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.focus_source_action = self._action(self.tr("Go to &Korean Text"), QKeySequence("Ctrl+1"),
                                                lambda: self.source_edit.setFocus())
        self.focus_output_action = self._action(self.tr("Go to &English Text"), QKeySequence("Ctrl+2"),
                                                lambda: self.output_view.setFocus())
        self.clear_history_action = self._action(self.tr("Clear Hi&story"), None, self.history.clear)
        self.shortcuts_action = self._action(self.tr("&Keyboard Shortcuts"), QKeySequence("Ctrl+/"),
                                             self.show_shortcuts)
        self.attention_help_action = self._action(self.tr("How &Attention Works"),
                                                  QKeySequence.StandardKey.HelpContents, self.show_attention_help)
        self.about_action = self._action(self.tr("&About Hanyeong"), None, self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.translate_file_action)
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        for text, key, method in ((self.tr("&Undo"), QKeySequence.StandardKey.Undo, "undo"),
                                  (self.tr("&Redo"), QKeySequence.StandardKey.Redo, "redo"),
                                  (None, None, None),
                                  (self.tr("Cu&t"), QKeySequence.StandardKey.Cut, "cut"),
                                  (self.tr("&Copy"), QKeySequence.StandardKey.Copy, "copy"),
                                  (self.tr("&Paste"), QKeySequence.StandardKey.Paste, "paste"),
                                  (self.tr("Select &All"), QKeySequence.StandardKey.SelectAll, "selectAll")):
            if text is None:
                edit_menu.addSeparator()
                continue
            action = QAction(text, self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the editors handle the keys
            action.triggered.connect(lambda _=False, name=method: self._edit(name))
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.clear_action)

        translate_menu = bar.addMenu(self.tr("&Translate"))
        translate_menu.addAction(self.translate_action)
        translate_menu.addAction(self.as_you_type_action)
        translate_menu.addAction(self.cancel_action)
        translate_menu.addSeparator()
        translate_menu.addAction(self.translate_file_action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.attention_action)
        view_menu.addAction(self.history_action)
        view_menu.addSeparator()
        view_menu.addAction(self.focus_source_action)
        view_menu.addAction(self.focus_output_action)
        view_menu.addSeparator()
        view_menu.addAction(self.clear_history_action)

        self.examples_menu = bar.addMenu(self.tr("E&xamples"))
        for example in EXAMPLES:
            action = self.examples_menu.addAction(example.display_title())
            action.setToolTip(example.text)
            action.triggered.connect(lambda _=False, chosen=example: self.run_example(chosen))
        self.examples_menu.setToolTipsVisible(True)

        tools_menu = bar.addMenu(self.tr("T&ools"))
        tools_menu.addAction(self.settings_action)
        tools_menu.addAction(self.train_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.attention_help_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(True)
        self.training_label = QLabel(objectName="trainingStatus")
        self.training_label.setVisible(False)
        self.model_label = QToolButton(objectName="modelLabel")
        self.model_label.setAutoRaise(True)
        self.model_label.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.model_label.clicked.connect(lambda: self.open_settings("model"))
        status.addPermanentWidget(self.training_label)
        status.addPermanentWidget(self.model_label)

    def _connect(self) -> None:
        self.source_edit.textChanged.connect(self._on_text_changed)
        self.source_edit.submitRequested.connect(self.translate_now)
        self.translate_button.clicked.connect(self.translate_now)
        self.clear_button.clicked.connect(self.clear)
        self.copy_button.clicked.connect(self.copy_translation)
        self.cancel_button.clicked.connect(self.cancel_translation)
        self.as_you_type_box.toggled.connect(self.as_you_type_action.setChecked)
        self.as_you_type_action.toggled.connect(self.as_you_type_box.setChecked)
        self.typing_timer.timeout.connect(lambda: self.translate_now(quiet=True))
        self.history_view.activated.connect(self.restore_history)
        self.history_view.clicked.connect(self.restore_history)

        service = self.service
        service.modelLoading.connect(self._on_model_loading)
        service.modelLoaded.connect(self._on_model_loaded)
        service.modelFailed.connect(self._on_model_failed)
        service.busyChanged.connect(self._on_busy_changed)
        service.progress.connect(self._on_progress)
        service.translated.connect(self._on_translated)
        service.fileTranslated.connect(self._on_file_translated)
        service.unitTranslated.connect(self._on_unit_translated)
        service.cancelled.connect(self._on_cancelled)
        service.failed.connect(self._on_failed)
        self.settings.saveFailed.connect(self._on_settings_save_failed)

        panel = self.attention_panel
        panel.attentionNeeded.connect(self._on_attention_needed)
        panel.highlightChanged.connect(self._apply_highlight)
        panel.exported.connect(lambda path: self.statusBar().showMessage(self.tr("Saved {0}").format(path), 5000))
        self.source_edit.hoveredPosition.connect(lambda position: self._on_text_hover(SOURCE, position))
        self.output_view.hoveredPosition.connect(lambda position: self._on_text_hover(TARGET, position))
        self.source_edit.clickedPosition.connect(lambda position: self._on_text_click(SOURCE, position))
        self.output_view.clickedPosition.connect(lambda position: self._on_text_click(TARGET, position))

        self.settings.changed.connect(self._on_setting_changed)
        self.runner.stateChanged.connect(self._on_training_state)
        self.runner.progressed.connect(self._on_training_event)
        self.runner.ended.connect(self._on_training_ended)

    def _restore(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen().availableGeometry()
            self.resize(min(1180, int(screen.width() * 0.85)), min(760, int(screen.height() * 0.85)))
        if state is not None:
            self.restoreState(state)
        self.as_you_type_action.setChecked(self.settings.translate_as_you_type)
        self.as_you_type_box.setChecked(self.settings.translate_as_you_type)
        self._update_char_count()
        self._update_actions()

    # --- model ------------------------------------------------------------------------------------------------

    def model_path(self) -> Path:
        if self.model_override:
            return Path(self.model_override)
        return self.store.resolve(self.settings.model_path)

    def load_model(self) -> None:
        self.service.load(str(self.model_path()))

    def _on_model_loading(self, path: str) -> None:
        self.model_problem = ""
        self.model_label.setText(self.tr("Loading model…"))
        self.model_label.setToolTip(path)
        self._update_actions()

    def _on_model_loaded(self, path: str, card: dict) -> None:
        self.model_label.setText(self.model_summary(card))
        self.model_label.setToolTip(self.tr("{0}\nClick to choose another model").format(path))
        if self.model_fallback and self.store.is_shipped(path):
            self.model_label.setToolTip(self.model_fallback)
            self.statusBar().showMessage(self.model_fallback)  # stays until another message replaces it
        else:
            self.model_fallback = ""
            self.statusBar().showMessage(self.tr("Model ready: {0}").format(card.get("name", "")), 4000)
        self.output_view.setPlaceholderText(self.tr("The English translation appears here."))
        self._update_actions()
        if self.pending_translate or (self.settings.translate_as_you_type and self.source_edit.toPlainText().strip()):
            self.pending_translate = False
            self.translate_now(quiet=True)

    def _on_model_failed(self, path: str, message: str) -> None:
        if not self.store.is_shipped(path) and (self.store.shipped / "checksums.json").is_file():
            # a chosen model that is damaged, from a newer version or gone: translate with the shipped one and
            # say why; the choice in the settings is kept (the folder may come back, e.g. a drive not mounted)
            self.model_fallback = self.tr("The model {0} could not be loaded, so the shipped model is used: "
                                          "{1}").format(Path(path).name, message)
            self.model_override = str(self.store.shipped)
            self.load_model()
            return
        missing = not Path(path).exists() or not any(Path(path).iterdir())
        if missing and self.store.is_shipped(path):
            self.model_problem = self.tr("No translation model is installed yet (expected in {0}). Choose or train "
                                         "one in Tools ▸ Settings ▸ Model.").format(path)
        else:
            self.model_problem = self.tr("The model could not be loaded: {0}").format(message)
        self.model_label.setText(self.tr("No model"))
        self.model_label.setToolTip(self.model_problem)
        self.output_view.setPlaceholderText(self.model_problem)
        self.statusBar().showMessage(self.model_problem)
        self.pending_translate = False
        self._update_actions()

    def _on_settings_save_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Settings not saved: {0}").format(message), 15000)

    def model_summary(self, card: dict) -> str:
        name = card.get("name", "?")
        mean = (card.get("dev_scores") or {}).get("mean") or {}
        if "bleu" in mean:
            return self.tr("{0} · dev BLEU {1:.1f} · chrF {2:.1f}").format(name, mean["bleu"], mean.get("chrf", 0.0))
        return self.tr("{0} · not scored").format(name)

    # --- translating ------------------------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        self._update_char_count()
        self._update_actions()
        if self.result is not None:
            self.result.piece_cache.clear()
            self._apply_highlight(None)
        if self.as_you_type_action.isChecked():
            self.typing_timer.start()

    def _update_char_count(self) -> None:
        text = self.source_edit.toPlainText()
        count = self.tr("1 character") if len(text) == 1 else self.tr("{0} characters")
        self.char_count.setText(count.format(len(text)))

    def _set_as_you_type(self, enabled: bool) -> None:
        self.settings.translate_as_you_type = enabled
        if enabled and self.source_edit.toPlainText().strip() and (
                self.result is None or self.result.source_text != self.source_edit.toPlainText()):
            self.typing_timer.start()
        elif not enabled:
            self.typing_timer.stop()

    def translate_now(self, quiet: bool = False) -> None:
        self.typing_timer.stop()
        text = self.source_edit.toPlainText()
        if not text.strip():
            self.output_view.clear_result()
            self.result = None
            self.attention_panel.set_translation(None)
            if not quiet:
                self.statusBar().showMessage(self.tr("Type or paste some Korean text to translate."), 5000)
            return
        if not has_hangul(text):
            self.statusBar().showMessage(self.tr("There is no Korean (Hangul) in the text, so there is nothing to "
                                                 "translate."), 6000)
            return
        if self.model_problem:
            self.statusBar().showMessage(self.model_problem)
            return
        if self.service.loading:
            self.pending_translate = True
            self.statusBar().showMessage(self.tr("The model is still loading; the text will be translated when it "
                                                 "is ready."))
            return
        if self.result is not None and self.result.source_text == text and quiet:
            return
        sentences = sum(len(line) for line in split_text(text))
        self.user_cancelled = False
        self.started_at = time.monotonic()
        self.current_job = self.service.translate(text, self.settings.beam, self.settings.max_length,
                                                  with_attention=sentences <= ATTENTION_SENTENCE_LIMIT)
        if sentences > PROGRESS_SENTENCE_THRESHOLD:
            self._show_progress(self.tr("Translating {0} sentences…").format(sentences))
        self.statusBar().showMessage(self.tr("Translating…"))

    def _show_progress(self, label: str) -> None:
        self.progress_label.setText(label)
        self.progress_bar.setRange(0, 0)
        self.progress_row.setVisible(True)

    def _hide_progress(self) -> None:
        if self.file_job is None and (self.current_job is None or self.current_job.id not in self.service.jobs):
            self.progress_row.setVisible(False)

    def _on_progress(self, job, done: int, total: int) -> None:
        if job is self.current_job or job is self.file_job:
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(done)
            self.progress_bar.setFormat(self.tr("%v of %m chunks"))

    def _on_translated(self, job, translation) -> None:
        if job is not self.current_job:
            return
        text = job.text
        sources = [[s.source for s in line] for line in translation.lines]
        targets = [[s.target for s in line] for line in translation.lines]
        output, output_spans = render_output(targets)
        self.result = Result(text, translation, sentence_spans(text, sources), output_spans,
                             time.monotonic() - self.started_at)
        confidences = [s.confidence for s in translation.sentences]
        self.output_view.set_result(output, output_spans, confidences)
        low = len(self.output_view.low_confidence)
        self.confidence_note.setText(self.tr("Dotted underline: low confidence ({0})").format(low) if low else "")
        self.attention_panel.set_translation(translation)
        self._hide_progress()
        if self.source_edit.toPlainText() == text:
            self.history.add(text, output)
        count = sum(1 for s in translation.sentences if has_hangul(s.source))
        done = self.tr("Translated 1 sentence in {1:.1f} s") if count == 1 else \
            self.tr("Translated {0} sentences in {1:.1f} s")
        self.statusBar().showMessage(done.format(count, self.result.seconds), 5000)
        self._update_actions()
        self.translationShown.emit()
        if self.pending_example is not None:
            self._show_example_view()

    def _on_cancelled(self, job) -> None:
        if job is self.file_job:
            self.file_job = None
            self.statusBar().showMessage(self.tr("File translation cancelled."), 5000)
        elif job is self.current_job and self.user_cancelled:
            self.statusBar().showMessage(self.tr("Translation cancelled."), 5000)
        elif job.id in self.unit_jobs:
            self.attention_panel.attention_failed(self.unit_jobs.pop(job.id), self.tr("cancelled"))
        self._hide_progress()
        self._update_actions()

    def _on_failed(self, job, message: str) -> None:
        if job.id in self.unit_jobs:
            self.attention_panel.attention_failed(self.unit_jobs.pop(job.id), message)
            return
        if job is self.file_job:
            self.file_job = None
        self.statusBar().showMessage(self.tr("Translation failed: {0}").format(message))
        self._hide_progress()
        self._update_actions()

    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.cancel_action.setEnabled(busy)
        if not busy:
            self._hide_progress()

    def cancel_translation(self) -> None:
        self.user_cancelled = True
        self.typing_timer.stop()
        self.service.cancel(self.current_job)
        self.service.cancel(self.file_job)

    def copy_translation(self) -> None:
        text = self.output_view.toPlainText()
        if text:
            QApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Translation copied."), 3000)

    def clear(self) -> None:
        self.typing_timer.stop()
        self.service.cancel(self.current_job)
        self.source_edit.clear()
        self.output_view.clear_result()
        self.confidence_note.clear()
        self.result = None
        self.attention_panel.set_translation(None)
        self.source_edit.setFocus()

    def _edit(self, method: str) -> None:
        widget = QApplication.focusWidget()
        target = widget if isinstance(widget, (SourceEdit, OutputView)) else self.source_edit
        getattr(target, method)()

    def _update_actions(self) -> None:
        has_text = bool(self.source_edit.toPlainText().strip())
        usable = not self.model_problem and not self.service.loading
        self.translate_action.setEnabled(has_text and usable)
        self.translate_button.setEnabled(has_text and usable)
        self.translate_file_action.setEnabled(usable)
        has_output = bool(self.output_view.toPlainText())
        self.copy_action.setEnabled(has_output)
        self.copy_button.setEnabled(has_output)
        self.save_action.setEnabled(has_output)

    # --- files --------------------------------------------------------------------------------------------------

    def translate_file_dialog(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, self.tr("Translate a Text File"), self.settings.last_directory,
                                                self.tr("Text files (*.txt);;All files (*)"))
        if not source:
            return
        self.settings.last_directory = str(Path(source).parent)
        suggestion = str(Path(source).with_name(Path(source).stem + ".en.txt"))
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the Translation As"), suggestion,
                                                self.tr("Text files (*.txt)"))
        if target:
            self.translate_file(source, target)

    def translate_file(self, source: str, target: str) -> None:
        if Path(source).resolve() == Path(target).resolve():
            self.statusBar().showMessage(self.tr("Choose a different file for the translation: the original is "
                                                 "never overwritten."), 6000)
            return
        if self.model_problem or self.service.loading:
            self.statusBar().showMessage(self.model_problem or self.tr("The model is still loading."), 5000)
            return
        self.user_cancelled = False
        self.file_job = self.service.translate_file(source, target, self.settings.beam, self.settings.max_length)
        self._show_progress(self.tr("Translating {0}…").format(Path(source).name))

    def _on_file_translated(self, job, target: str) -> None:
        if job is self.file_job:
            self.file_job = None
        self._hide_progress()
        self.statusBar().showMessage(self.tr("Translation saved to {0}").format(target), 8000)

    def save_translation_dialog(self) -> None:
        folder = Path(self.settings.last_directory or Path.home())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Translation As"), str(folder / "translation.txt"),
                                              self.tr("Text files (*.txt)"))
        if path:
            try:
                write_text_atomic(Path(path), self.output_view.toPlainText() + "\n")
            except OSError as error:
                self.statusBar().showMessage(self.tr("Could not save: {0}").format(error))
            else:
                self.settings.last_directory = str(Path(path).parent)
                self.statusBar().showMessage(self.tr("Translation saved to {0}").format(path), 6000)

    # --- history ------------------------------------------------------------------------------------------------

    def restore_history(self, index) -> None:
        source, target = index.data(SourceRole), index.data(TargetRole)
        if source is None:
            return
        self.typing_timer.stop()
        self.source_edit.blockSignals(True)
        self.source_edit.setPlainText(source)
        self.source_edit.blockSignals(False)
        self._update_char_count()
        self.output_view.set_result(target, [], [])
        self.confidence_note.clear()
        self.result = None
        self.attention_panel.set_translation(None)
        self._update_actions()
        self.statusBar().showMessage(self.tr("Restored from history. Translate again to inspect its attention."),
                                     5000)

    # --- attention: texts <-> panel -----------------------------------------------------------------------------

    def _on_attention_needed(self, item_id: int, text: str) -> None:
        if not self.service.ready:
            self.attention_panel.attention_failed(item_id, self.tr("no model is loaded"))
            return
        job = self.service.translate_unit(text, self.settings.beam, self.settings.max_length)
        self.unit_jobs[job.id] = item_id

    def _on_unit_translated(self, job, sentence) -> None:
        item_id = self.unit_jobs.pop(job.id, None)
        if item_id is not None:
            self.attention_panel.provide_attention(item_id, sentence)
            if self.pending_example is not None:
                self._show_example_view()

    def _source_current(self) -> bool:
        return self.result is not None and self.source_edit.toPlainText() == self.result.source_text

    def piece_spans_in_text(self, item: PanelItem, side: str) -> list:
        """Character spans in the editor of `side` of each piece of the item's sentence (None: not shown)."""
        if self.result is None or item is None or item.sentence is None:
            return []
        key = (item.id, side)
        if key in self.result.piece_cache:
            return self.result.piece_cache[key]
        spans: list = []
        if side == SOURCE and self._source_current():
            if item.sentence_index is not None:
                base = self.result.source_spans[item.sentence_index]
            else:
                base = line_spans(self.result.source_text)[item.line_index]
            if base is not None:
                text = self.result.source_text[base[0]:base[1]]
                spans = [None if s is None else (s[0] + base[0], s[1] + base[0])
                         for s in piece_spans(item.sentence.source_pieces, text)]
        elif side == TARGET and item.sentence_index is not None:
            base = self.result.output_spans[item.sentence_index]
            text = self.output_view.toPlainText()[base[0]:base[1]]
            spans = [None if s is None else (s[0] + base[0], s[1] + base[0])
                     for s in piece_spans(item.sentence.target_pieces, text)]
        self.result.piece_cache[key] = spans
        return spans

    def _apply_highlight(self, highlight: Highlight | None) -> None:
        for side, editor in ((SOURCE, self.source_edit), (TARGET, self.output_view)):
            marks = []
            if highlight is not None:
                spans = self.piece_spans_in_text(highlight.item, side)
                for piece in highlight.focus.get(side, []):
                    if piece is not None and piece < len(spans) and spans[piece]:
                        marks.append((*spans[piece], focus_color()))
                for piece in highlight.strong.get(side, []):
                    if piece is not None and piece < len(spans) and spans[piece]:
                        marks.append((*spans[piece], highlight_color()))
            editor.set_highlights(marks)

    def _piece_at(self, side: str, position: int, item: PanelItem | None) -> int | None:
        if item is None or position < 0:
            return None
        for index, span in enumerate(self.piece_spans_in_text(item, side)):
            if span is not None and span[0] <= position < span[1]:
                return index
        return None

    def _item_at(self, side: str, position: int) -> PanelItem | None:
        if self.result is None or position < 0:
            return None
        spans = self.result.source_spans if side == SOURCE else self.result.output_spans
        if side == SOURCE and not self._source_current():
            return None
        for index, span in enumerate(spans):
            if span is not None and span[0] <= position <= span[1]:
                return self.attention_panel.item_for_sentence(index)
        return None

    def _on_text_hover(self, side: str, position: int) -> None:
        if not self.attention_panel.isVisible() or self.attention_panel.view is None:
            return
        piece = self._piece_at(side, position, self.attention_panel.current_item)
        self.attention_panel.focus_piece(side if piece is not None else None, piece)

    def _on_text_click(self, side: str, position: int) -> None:
        if not self.attention_panel.isVisible():
            return
        item = self._item_at(side, position)
        current = self.attention_panel.current_item
        if item is not None and (current is None or current.sentence_index != item.sentence_index) and \
                (current is None or current.sentence_index is not None or side == TARGET):
            self.attention_panel.select_item(item)
            current = item
        piece = self._piece_at(side, position, current)
        if piece is not None:
            self.attention_panel.pin_piece(side, piece)

    # --- examples -----------------------------------------------------------------------------------------------

    def run_example(self, example: Example) -> None:
        """Put an example in, translate it, and open the attention view that shows its point."""
        self.pending_example = example
        self.attention_panel.show()
        self.attention_panel.raise_()
        self.source_edit.blockSignals(True)
        self.source_edit.setPlainText(example.text)
        self.source_edit.blockSignals(False)
        self._update_char_count()
        self._update_actions()
        self.result = None
        self.translate_now()

    def _show_example_view(self) -> None:
        example = self.pending_example
        panel = self.attention_panel
        if example is None or self.result is None or self.result.source_text != example.text:
            return
        if example.whole_line:
            panel.select_line(0)
        else:
            panel.select_sentence(0)
        panel.set_kind(example.kind)
        item = panel.current_item
        if item is None or not has_attention(item.sentence):
            return  # the attention arrives later (_on_unit_translated calls back)
        from .alignment import find_word, piece_spans

        sentence = item.sentence
        piece = find_word(sentence.source_pieces, sentence.source, example.focus)
        link = None
        if piece is not None and example.antecedent:
            start = sentence.source.find(example.antecedent)
            end = start + len(example.antecedent)
            targets = [i for i, span in enumerate(piece_spans(sentence.source_pieces, sentence.source))
                       if span and start >= 0 and span[0] < end and start < span[1]]
            link = strongest_link(sentence, example.kind, piece, targets)
            if link is not None:
                panel.show_layer_head(link[0], link[1])
        if piece is not None:
            panel.pinned = None
            panel.pin_piece(SOURCE, piece)
        if link is not None:
            panel.info_label.setText(self.tr("Of all heads, layer {0} head {1} links “{2}” most to “{3}”: {4:.0%} of "
                                             "its attention.").format(link[0] + 1, link[1] + 1, example.focus,
                                                                      example.antecedent, link[2]))
        self.pending_example = None
        self.exampleShown.emit()

    # --- settings and training ----------------------------------------------------------------------------------

    def open_settings(self, tab: str = "") -> None:
        from .settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self.settings, self.store, self.runner, self)
            self.settings_dialog.modelSwitchRequested.connect(self.switch_model)
        self.settings_dialog.refresh(self.model_path(), self.service.card)
        if tab:
            self.settings_dialog.show_tab(tab)
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()

    def switch_model(self, path: str) -> None:
        self.model_override = None
        self.model_fallback = ""
        value = "" if self.store.is_shipped(path) else str(path)
        if self.settings.model_path == value:
            self.load_model()
        else:
            self.settings.model_path = value  # _on_setting_changed reloads

    def _on_setting_changed(self, key: str) -> None:
        if key == "model/path":
            self.result = None
            self.load_model()
            if self.settings_dialog is not None:
                self.settings_dialog.refresh(self.model_path(), None)
        elif key == "ui/as_you_type":
            self.as_you_type_action.setChecked(self.settings.translate_as_you_type)

    def _on_training_state(self, state: str) -> None:
        self.training_label.setVisible(self.runner.running)
        if self.runner.running:
            self.training_label.setText(self.tr("Training…"))

    def _on_training_event(self, event: dict) -> None:
        if event.get("kind") == "step":
            total = self.runner.start_info.get("total_steps", 0)
            self.training_label.setText(self.tr("Training: step {0} of {1}").format(event["step"], total))

    def _on_training_ended(self, outcome: str, detail: str) -> None:
        self.training_label.setVisible(False)
        messages = {"finished": self.tr("Training finished: the new model is ready in Settings ▸ Training."),
                    "cancelled": self.tr("Training stopped; it can be resumed from Settings ▸ Training."),
                    "failed": self.tr("Training failed: {0}").format(detail)}
        self.statusBar().showMessage(messages.get(outcome, outcome), 10000)

    # --- help -------------------------------------------------------------------------------------------------

    def show_attention_help(self) -> None:
        self.attention_panel.show()
        self.attention_panel.raise_()
        self.attention_panel.tabs.setCurrentWidget(self.attention_panel.help_browser)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        actions = [self.translate_action, self.as_you_type_action, self.cancel_action, self.copy_action,
                   self.clear_action, self.translate_file_action, self.save_action, self.attention_action,
                   self.history_action, self.focus_source_action, self.focus_output_action, self.settings_action,
                   self.train_action, self.attention_help_action, self.shortcuts_action, self.quit_action]
        return [(action.text().replace("&", ""), action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for action in actions if not action.shortcut().isEmpty()]

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td style='padding-right:18px'>{name}</td><td><b>{keys}</b></td></tr>"
                       for name, keys in self.shortcut_rows())
        QMessageBox.information(self, self.tr("Keyboard Shortcuts"), f"<table>{rows}</table>")

    def show_about(self) -> None:
        card = self.service.card or {}
        QMessageBox.about(self, self.tr("About Hanyeong"), self.tr(
            "<h3>Hanyeong 한영</h3><p>Offline Korean → English translation with a Transformer you can inspect and "
            "retrain.</p><p>Model: {0}</p><p>Korean font: NanumGothic (SIL Open Font License).</p>").format(
            card.get("name", self.tr("none loaded"))))

    # --- window -------------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < NARROW_WIDTH
        orientation = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.running:
            answer = QMessageBox.question(
                self, self.tr("Stop Training?"),
                self.tr("A model is being trained. Quitting stops it at its next step; its progress is saved and "
                        "you can resume it later from Settings ▸ Training.\n\nStop training and quit?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.statusBar().showMessage(self.tr("Stopping the training run…"))
            QApplication.processEvents()
            self.runner.stop_and_wait()
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        if self.settings_dialog is not None:
            self.settings_dialog.close()
            self.settings_dialog.shutdown()
        self.service.shutdown()
        event.accept()
