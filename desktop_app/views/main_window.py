"""The main window: Korean in, English out, side by side; menus, status bar, and the two docks (attention and
history). It only shows things and wires its views to the services it is given (services/app_services.py, built
by app/main.py): the TranslationService translates and knows the current job, the TrainingRunner trains,
TextHighlighter maps attention to the texts, ExampleWalkthrough runs the examples, FileTranslation asks for files
and ModelStatus shows the model in use."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QListView, QMainWindow, QMessageBox

from model.api import ICONS, has_hangul

from .. import APP_NAME
from ..services.app_services import AppServices
from ..services.history import SourceRole, TargetRole
from ..services.result import TranslationResult
from ..services.workers import TEXT, UNIT
from .attention.examples import EXAMPLES, Example, ExampleWalkthrough
from .attention.lecture import LectureTabs
from .attention.panel import AttentionPanel
from .edit_menu import EditMenu, add_action
from .file_translation import FileTranslation
from .fonts import korean_font
from .highlighting import TextHighlighter
from .history_view import HistoryDelegate
from .model_status import ModelStatus
from .panes import NARROW_WIDTH, TranslationPanes

TYPING_DELAY_MS = 700
ATTENTION_SENTENCE_LIMIT = 20  # above this many sentences, attention is computed on demand per sentence
PROGRESS_SENTENCE_THRESHOLD = 32  # show the progress bar with Cancel for texts longer than one batch
PANEL_SHARE = 0.55  # of the window's height, for the attention panel the first time it opens below the editors


def app_icon() -> QIcon:
    return QIcon(str(ICONS / "hanyeong.svg"))


class MainWindow(QMainWindow):
    translationShown = Signal()  # a result is on screen
    exampleShown = Signal()  # an example's attention view is ready and focused

    def __init__(self, services: AppServices, model_override: str | None = None):
        super().__init__()
        self.services = services
        self.settings, self.store, self.service = services.settings, services.store, services.translation
        self.runner, self.history, self.terms = services.runner, services.history, services.terms
        self.model = ModelStatus(self, self.service, self.store, self.settings, model_override)
        self.files = FileTranslation(self.service, self.settings, self)
        self.pending_translate = False
        self.settings_dialog = None
        self.started_at = 0.0

        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.panes = TranslationPanes()
        self.setCentralWidget(self.panes)
        self.source_edit, self.output_view = self.panes.source_edit, self.panes.output_view
        self.typing_timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._build_docks()
        self.highlighter = TextHighlighter(self.attention_panel, self.source_edit, self.output_view, self)
        self.walkthrough = ExampleWalkthrough(self, self.attention_panel)
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._restore()
        self.model.ensure_loading()  # build_services has started it: this window only follows

    @property
    def result(self) -> TranslationResult | None:
        """The translation on screen (kept by the highlighter, which maps its pieces to the texts)."""
        return self.highlighter.result

    # --- construction -----------------------------------------------------------------------------------------

    def _build_docks(self) -> None:
        self.attention_panel = AttentionPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.attention_panel)
        self.lecture = LectureTabs(self.attention_panel, self.services, self)  # Decoding, Positions, Steps
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

    def _build_actions(self) -> None:
        ctrl_return = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return)
        ctrl_enter = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter)
        self.translate_action = add_action(self, self.tr("&Translate"), [ctrl_return, ctrl_enter], self.translate_now,
                                                  name="translateAction")
        self.as_you_type_action = add_action(self, self.tr("Translate as You &Type"), QKeySequence("Ctrl+Shift+T"),
                                                    self._set_as_you_type, checkable=True, name="asYouTypeAction")
        self.cancel_action = add_action(self, self.tr("&Cancel Translation"), QKeySequence(Qt.Key.Key_Escape),
                                               self.cancel_translation, name="cancelAction")
        self.cancel_action.setEnabled(False)
        self.copy_action = add_action(self, self.tr("Copy &Translation"), QKeySequence("Ctrl+Shift+C"),
                                             self.copy_translation, name="copyAction")
        self.clear_action = add_action(self, self.tr("C&lear"), QKeySequence("Ctrl+L"), self.clear, name="clearAction")
        self.translate_file_action = add_action(self, self.tr("Translate &File…"), QKeySequence.StandardKey.Open,
                                                       self.files.ask, name="translateFileAction")
        self.save_action = add_action(self, self.tr("&Save Translation As…"), QKeySequence.StandardKey.Save,
                                             self.save_translation_dialog, name="saveAction")
        self.quit_action = add_action(self, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.settings_action = add_action(self, self.tr("&Settings…"), QKeySequence("Ctrl+,"),
                                                 lambda: self.open_settings(), name="settingsAction")
        self.train_action = add_action(self, self.tr("&Train a Model…"), QKeySequence("Ctrl+Shift+M"),
                                              lambda: self.open_settings("training"), name="trainAction")
        self.terms_action = add_action(self, self.tr("T&erms…"), QKeySequence("Ctrl+Shift+E"),
                                              lambda: self.open_settings("terms"), name="termsAction")
        self.attention_action = self.attention_panel.toggleViewAction()
        self.attention_action.setText(self.tr("&Attention Panel"))
        self.attention_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText(self.tr("&History"))
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.focus_source_action = add_action(self, self.tr("Go to &Korean Text"), QKeySequence("Ctrl+1"),
                                                     lambda: self.source_edit.setFocus())
        self.focus_output_action = add_action(self, self.tr("Go to &English Text"), QKeySequence("Ctrl+2"),
                                                     lambda: self.output_view.setFocus())
        self.clear_history_action = add_action(self, self.tr("Clear Hi&story"), None, self.history.clear)
        self.shortcuts_action = add_action(self, self.tr("&Keyboard Shortcuts"), QKeySequence("Ctrl+/"),
                                                  self.show_shortcuts)
        self.attention_help_action = add_action(self, self.tr("How &Attention Works"),
                                                       QKeySequence.StandardKey.HelpContents, self.show_attention_help)
        self.about_action = add_action(self, self.tr("&About Hanyeong"), None, self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.translate_file_action)
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu = EditMenu(edit_menu, self, self.source_edit)
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
        tools_menu.addAction(self.terms_action)
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
        self.model_label = self.model.label
        status.addPermanentWidget(self.training_label)
        status.addPermanentWidget(self.model_label)

    def _connect(self) -> None:
        panes = self.panes
        self.source_edit.textChanged.connect(self._on_text_changed)
        self.source_edit.submitRequested.connect(self.translate_now)
        panes.translate_button.clicked.connect(self.translate_now)
        panes.clear_button.clicked.connect(self.clear)
        panes.copy_button.clicked.connect(self.copy_translation)
        panes.cancel_button.clicked.connect(self.cancel_translation)
        panes.as_you_type_box.toggled.connect(self.as_you_type_action.setChecked)
        self.as_you_type_action.toggled.connect(panes.as_you_type_box.setChecked)
        self.typing_timer.timeout.connect(lambda: self.translate_now(quiet=True))
        self.history_view.activated.connect(self.restore_history)
        self.history_view.clicked.connect(self.restore_history)

        service = self.service
        service.busyChanged.connect(self._on_busy_changed)
        service.progress.connect(self._on_progress)
        service.translated.connect(self._on_translated)
        service.unitTranslated.connect(self._on_unit_translated)
        service.cancelled.connect(self._on_cancelled)
        service.failed.connect(self._on_failed)
        service.partial.connect(self._on_partial)
        self.model.changed.connect(self._on_model_changed)
        self.model.ready.connect(self._on_model_ready)
        self.model.settingsRequested.connect(lambda: self.open_settings("model"))
        self.files.started.connect(panes.show_progress)
        self.files.ended.connect(self._hide_progress)
        self.files.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.settings.saveFailed.connect(self._on_settings_save_failed)
        self.walkthrough.shown.connect(self.exampleShown)

        panel = self.attention_panel
        panel.visibilityChanged.connect(self._share_height)
        panel.attentionNeeded.connect(self._on_attention_needed)
        panel.exported.connect(lambda path: self.statusBar().showMessage(self.tr("Saved {0}").format(path), 5000))

        self.settings.changed.connect(self._on_setting_changed)
        self.service.termsChanged.connect(self._on_terms_changed)
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
        self.panel_sized = state is not None  # a saved layout keeps the user's own share of the height
        self.as_you_type_action.setChecked(self.settings.translate_as_you_type)
        self.panes.as_you_type_box.setChecked(self.settings.translate_as_you_type)
        self._update_actions()

    # --- model ------------------------------------------------------------------------------------------------

    def model_path(self):
        return self.model.model_path()

    def _share_height(self, visible: bool) -> None:
        """The first time the panel opens below the editors, it takes PANEL_SHARE of the height, not its own
        preferred height, which would leave the editors a few lines."""
        panel = self.attention_panel
        if not visible or self.panel_sized or panel.isFloating() or \
                self.dockWidgetArea(panel) != Qt.DockWidgetArea.BottomDockWidgetArea:
            return
        self.panel_sized = True
        room = self.centralWidget().height() + panel.height()
        height = max(panel.minimumSizeHint().height(), int(room * PANEL_SHARE))
        QTimer.singleShot(0, lambda: self.resizeDocks([panel], [height], Qt.Orientation.Vertical))

    def _on_model_changed(self) -> None:
        self.panes.show_output_hint(self.model.problem)
        if self.model.problem:
            self.pending_translate = False
        self._update_actions()

    def _on_model_ready(self) -> None:
        if self.pending_translate or (self.settings.translate_as_you_type and self.source_edit.toPlainText().strip()):
            self.pending_translate = False
            self.translate_now(quiet=True)

    def _on_settings_save_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Settings not saved: {0}").format(message), 15000)

    # --- translating ------------------------------------------------------------------------------------------

    def set_source_text(self, text: str) -> None:
        """Put text into the Korean editor without starting translate-as-you-type."""
        self.typing_timer.stop()
        self.source_edit.blockSignals(True)
        self.source_edit.setPlainText(text)
        self.source_edit.blockSignals(False)
        self.panes.update_char_count()
        self.highlighter.apply(None)
        self._update_actions()

    def _on_text_changed(self) -> None:
        self._update_actions()
        if self.as_you_type_action.isChecked():
            self.typing_timer.start()

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
            self._show_result(None)
            if not quiet:
                self.statusBar().showMessage(self.tr("Type or paste some Korean text to translate."), 5000)
            return
        if not has_hangul(text):
            self.statusBar().showMessage(self.tr("There is no Korean (Hangul) in the text, so there is nothing to "
                                                 "translate."), 6000)
            return
        if self.model.problem:
            self.statusBar().showMessage(self.model.problem)
            return
        if self.service.loading:
            self.pending_translate = True
            self.statusBar().showMessage(self.tr("The model is still loading; the text will be translated when it "
                                                 "is ready."))
            return
        if self.result is not None and self.result.source_text == text and quiet:
            return
        self.started_at = time.monotonic()
        self.service.translate(text, self.settings.beam, self.settings.max_length, with_attention=True,
                               attention_limit=ATTENTION_SENTENCE_LIMIT)
        self.attention_panel.show_translating()
        self.statusBar().showMessage(self.tr("Translating…"))

    def _show_result(self, result: TranslationResult | None) -> None:
        """Put a translation on screen (None: clear the output), in the output, the panel and the highlighter."""
        if result is None:
            self.output_view.clear_result()
            self.panes.confidence_note.clear()
        else:
            self.output_view.set_result(result.output_text, result.output_spans, result.confidences,
                                        notes=result.term_problems)
            low = len(self.output_view.low_confidence)
            self.panes.confidence_note.setText(
                self.tr("Dotted underline: low confidence ({0})").format(low) if low else "")
        self.highlighter.set_result(result)
        self.attention_panel.set_translation(result.translation if result else None)
        self._update_actions()

    def _hide_progress(self) -> None:
        if not self.service.running(self.service.current) and not self.service.running(self.service.current_file):
            self.panes.progress_row.setVisible(False)

    def _on_progress(self, job, done: int, total: int) -> None:
        """The current text's or file's progress (the service reports no other); a long text's first report
        (nothing done yet, the number of sentences) opens the progress row with Cancel."""
        if job.kind == TEXT and total > PROGRESS_SENTENCE_THRESHOLD and not self.panes.progress_row.isVisible():
            self.panes.show_progress(self.tr("Translating {0} sentences…").format(total))
        self.panes.set_progress(done, total)

    def _on_partial(self, job, translation) -> None:
        """The first lines of a long text are translated: show their English now (the rest follows)."""
        partial = TranslationResult.of(translation)
        bar = self.output_view.verticalScrollBar()
        position = bar.value()
        self.output_view.set_result(partial.output_text, partial.output_spans, partial.confidences)
        bar.setValue(position)  # the reader's place stays where it was as more English arrives
        self._update_actions()

    def _keep_panes_in_step(self) -> None:
        """The English scrolled to the same place in its text as the Korean (not to opposite ends)."""
        source, output = self.source_edit.verticalScrollBar(), self.output_view.verticalScrollBar()
        if source.maximum() > 0:
            output.setValue(round(output.maximum() * source.value() / source.maximum()))

    def _on_translated(self, job, translation) -> None:
        result = TranslationResult.of(translation, time.monotonic() - self.started_at)
        self._show_result(result)
        self._keep_panes_in_step()
        self._hide_progress()
        if self.source_edit.toPlainText() == job.text:
            self.history.add(job.text, result.output_text)
        count = translation.done
        done = self.tr("Translated 1 sentence in {1:.1f} s") if count == 1 else \
            self.tr("Translated {0} sentences in {1:.1f} s")
        self.statusBar().showMessage(done.format(count, result.seconds), 5000)
        self.translationShown.emit()

    def _on_cancelled(self, job) -> None:
        if job.kind == TEXT and job is self.service.current and job.cancelled_by_user:
            partial = job.partial  # the lines done, as the progress counted them: they stay on screen
            if partial is not None and partial.done:
                self._show_result(TranslationResult.of(partial))
                self.statusBar().showMessage(self.tr("Translation cancelled: the English of {0} of {1} sentences "
                                                     "is kept.").format(partial.done, partial.total), 8000)
            else:
                self.statusBar().showMessage(self.tr("Translation cancelled."), 5000)
        elif job.kind == UNIT:
            self.attention_panel.attention_failed(job.key, self.tr("cancelled"))
        self._hide_progress()
        self._update_actions()

    def _on_failed(self, job, message: str) -> None:
        if job.kind == UNIT:
            self.attention_panel.attention_failed(job.key, message)
            return
        if job.kind == TEXT:
            self.statusBar().showMessage(self.tr("Translation failed: {0}").format(message))
        self._hide_progress()
        self._update_actions()

    def _on_busy_changed(self, busy: bool) -> None:
        self.panes.busy_bar.setVisible(busy)
        self.cancel_action.setEnabled(busy)
        if not busy:
            self._hide_progress()

    def cancel_translation(self) -> None:
        self.typing_timer.stop()
        self.service.cancel_current()

    def copy_translation(self) -> None:
        text = self.output_view.toPlainText()
        if text:
            QApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Translation copied."), 3000)

    def clear(self) -> None:
        self.typing_timer.stop()
        self.service.cancel(self.service.current)
        self.source_edit.clear()
        self._show_result(None)
        self.source_edit.setFocus()

    def _update_actions(self) -> None:
        has_text = bool(self.source_edit.toPlainText().strip())
        usable = not self.model.problem and not self.service.loading
        self.translate_action.setEnabled(has_text and usable)
        self.panes.translate_button.setEnabled(has_text and usable)
        self.translate_file_action.setEnabled(usable)
        has_output = bool(self.output_view.toPlainText())
        self.copy_action.setEnabled(has_output)
        self.panes.copy_button.setEnabled(has_output)
        self.save_action.setEnabled(has_output)

    # --- files --------------------------------------------------------------------------------------------------

    def translate_file(self, source: str, target: str) -> None:
        self.files.translate(source, target)

    def save_translation_dialog(self) -> None:
        self.files.save_dialog(self.output_view.toPlainText())

    # --- history ------------------------------------------------------------------------------------------------

    def restore_history(self, index) -> None:
        source, target = index.data(SourceRole), index.data(TargetRole)
        if source is None:
            return
        self.set_source_text(source)
        self._show_result(None)
        self.output_view.set_result(target, [], [])
        self._update_actions()
        self.statusBar().showMessage(self.tr("Restored from history. Translate again to inspect its attention."),
                                     5000)

    # --- attention: on demand, examples --------------------------------------------------------------------------

    def _on_attention_needed(self, item_id: int, text: str) -> None:
        if not self.service.ready:
            self.attention_panel.attention_failed(item_id, self.tr("no model is loaded"))
            return
        terms = self.result.translation.terms if self.result is not None else None  # the translation's own
        self.service.translate_unit(text, self.settings.beam, self.settings.max_length, key=item_id, terms=terms)

    def _on_unit_translated(self, job, sentence) -> None:
        self.attention_panel.provide_attention(job.key, sentence)

    def run_example(self, example: Example) -> None:
        """Put an example in, translate it, and open the attention view that shows its point."""
        self.walkthrough.start(example)

    # --- settings and training ----------------------------------------------------------------------------------

    def open_settings(self, tab: str = "") -> None:
        from .settings.dialog import SettingsDialog

        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self.settings, self.store, self.runner, self, terms=self.terms)
            self.settings_dialog.modelSwitchRequested.connect(self.switch_model)
        self.settings_dialog.refresh(self.model_path(), self.service.card)
        if tab:
            self.settings_dialog.show_tab(tab)
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()

    def _on_terms_changed(self) -> None:
        text = self.source_edit.toPlainText()
        if self.settings.translate_as_you_type and text.strip() and self.result is not None and \
                self.result.source_text == text:
            self.translate_now()  # the translation on screen was made with the old terms

    def switch_model(self, path: str) -> None:
        self.model.switch(path)

    def _on_setting_changed(self, key: str) -> None:
        if key == "model/path":
            self.highlighter.set_result(None)  # the texts no longer map to the new model's pieces
            self.model.load()
            if self.settings_dialog is not None:
                self.settings_dialog.refresh(self.model_path(), None)
        elif key == "ui/as_you_type":
            self.as_you_type_action.setChecked(self.settings.translate_as_you_type)

    def _on_training_state(self, state: str) -> None:
        self.training_label.setVisible(self.runner.running)
        if self.runner.running:
            self.training_label.setText(self.tr("Training…"))

    def _on_training_event(self, event: dict) -> None:
        kind = event.get("kind")
        if kind == "step":
            total = self.runner.start_info.get("total_steps", 0)
            self.training_label.setText(self.tr("Training: step {0} of {1}").format(event["step"], total))
        elif kind == "finished":
            self.training_label.setText(self.tr("Training: exporting the new model…"))
        elif kind == "scoring":
            self.training_label.setText(self.tr("Training: scoring, {0} of {1} sentences").format(
                event.get("done", 0), event.get("total", 0)))

    def _on_training_ended(self, outcome: str, detail: str) -> None:
        self.training_label.setVisible(False)
        messages = {"finished": self.tr("Training finished: the new model is ready in Settings ▸ Training."),
                    "cancelled": self.tr("Training stopped; it can be resumed from Settings ▸ Training."),
                    "failed": self.tr("Training failed: {0}").format(detail)}
        self.statusBar().showMessage(messages.get(outcome, outcome), 10000)

    # --- help -------------------------------------------------------------------------------------------------

    def show_attention_help(self) -> None:
        self.attention_panel.show_help()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        actions = [self.translate_action, self.as_you_type_action, self.cancel_action, self.copy_action,
                   self.clear_action, self.translate_file_action, self.save_action, self.attention_action,
                   self.history_action, self.focus_source_action, self.focus_output_action, self.settings_action,
                   self.terms_action, self.train_action, self.attention_help_action, self.shortcuts_action,
                   self.quit_action]
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
        self.panes.set_narrow(self.width() < NARROW_WIDTH)

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
        self.services.shutdown()
        event.accept()
