"""Settings: General, Model, Decoding, Device and Training tabs. Changes apply at once (no Apply button);
the dialog is modeless so training can be followed while translating."""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QSpinBox, QSplitter, QTabWidget, QTextBrowser,
                               QVBoxLayout, QWidget)

from ...services.device_probe import DeviceProbe
from ...services.model_store import ModelInfo, ModelStore, same_path, score_text
from ...services.settings import LANGUAGES
from ..theme import apply_theme
from .terms_page import TermsPage
from .training_page import TrainingPage

TABS = ("general", "model", "decoding", "terms", "device", "training")


class SettingsDialog(QDialog):
    modelSwitchRequested = Signal(str)

    def __init__(self, settings, store: ModelStore, runner, parent=None, terms=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Hanyeong Settings"))
        self.settings = settings
        self.store = store
        self.runner = runner
        self.active_model: Path | None = None
        self.active_card: dict | None = None
        self.device_probe = DeviceProbe(self)
        self.device_probe.found.connect(self._on_devices)
        self.device_probe.failed.connect(self._devices_failed)
        self.devices: list[dict] | None = None
        self.device_report: dict | None = None

        self.tabs = QTabWidget(objectName="settingsTabs")
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._model_tab(), self.tr("Model"))
        self.tabs.addTab(self._decoding_tab(), self.tr("Decoding"))
        if terms is None:  # (a dialog on its own, as in some tests: the terms without a translator to check them)
            from ...services.terms import TermList

            terms = TermList(settings, parent=self)
        self.terms_page = TermsPage(terms, settings)
        self.tabs.addTab(self.terms_page, self.tr("Terms"))
        self.tabs.addTab(self._device_tab(), self.tr("Device"))
        self.training_page = TrainingPage(settings, store, runner)
        self.tabs.addTab(self.training_page, self.tr("Training"))
        self.training_page.switchRequested.connect(self.modelSwitchRequested)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(940, 720)
        store.changed.connect(self.reload_models)

    def show_tab(self, name: str) -> None:
        if name in TABS:
            self.tabs.setCurrentIndex(TABS.index(name))

    def refresh(self, active_model: Path, card: dict | None) -> None:
        self.active_model = Path(active_model)
        self.active_card = card
        self.reload_models()
        self.training_page.set_current_model(self.active_model, card)

    # --- General ------------------------------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language_combo = QComboBox(objectName="languageCombo")
        self.language_combo.addItem(self.tr("System language"), "system")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(self.settings.language))
        self.language_note = QLabel(self.tr("The new language is used the next time Hanyeong starts."))
        self.language_note.setEnabled(False)
        self.language_note.setVisible(False)
        self.theme_combo = QComboBox(objectName="themeCombo")
        self.theme_combo.addItem(self.tr("Follow the system"), "system")
        self.theme_combo.addItem(self.tr("Light"), "light")
        self.theme_combo.addItem(self.tr("Dark"), "dark")
        self.theme_combo.setCurrentIndex(self.theme_combo.findData(self.settings.theme))
        self.as_you_type_check = QCheckBox(self.tr("Translate as you type"), objectName="asYouTypeCheck")
        self.as_you_type_check.setChecked(self.settings.translate_as_you_type)
        form.addRow(self.tr("&Language:"), self.language_combo)
        form.addRow("", self.language_note)
        form.addRow(self.tr("&Appearance:"), self.theme_combo)
        form.addRow("", self.as_you_type_check)
        self.language_combo.currentIndexChanged.connect(self._on_language)
        self.theme_combo.currentIndexChanged.connect(self._on_theme)
        self.as_you_type_check.toggled.connect(lambda on: setattr(self.settings, "translate_as_you_type", on))
        self.settings.changed.connect(self._on_setting_changed)
        return page

    def _on_language(self) -> None:
        self.settings.language = self.language_combo.currentData()
        self.language_note.setVisible(True)

    def _on_theme(self) -> None:
        self.settings.theme = self.theme_combo.currentData()
        apply_theme(QApplication.instance(), self.settings.theme)

    def _on_setting_changed(self, key: str) -> None:
        if key == "ui/as_you_type":
            self.as_you_type_check.setChecked(self.settings.translate_as_you_type)

    # --- Model --------------------------------------------------------------------------------------------------

    def _model_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model_list = QListWidget(objectName="modelList")
        self.model_list.setMinimumWidth(260)
        # long names wrap instead of hiding "(in use)" behind a sideways scroll
        self.model_list.setWordWrap(True)
        self.model_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.model_card = QTextBrowser(objectName="modelCard")
        self.model_card.setOpenLinks(False)
        splitter.addWidget(self.model_list)
        splitter.addWidget(self.model_card)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.open_model_button = QPushButton(self.tr("Open Model &Folder…"), objectName="openModelButton")
        self.import_model_button = QPushButton(self.tr("&Import Model Archive…"), objectName="importModelButton")
        self.delete_model_button = QPushButton(self.tr("&Delete…"), objectName="deleteModelButton")
        self.use_model_button = QPushButton(self.tr("&Use This Model"), objectName="useModelButton")
        buttons.addWidget(self.open_model_button)
        buttons.addWidget(self.import_model_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_model_button)
        buttons.addWidget(self.use_model_button)
        layout.addLayout(buttons)
        self.model_list.currentItemChanged.connect(lambda *_: self._show_model())
        self.model_list.itemDoubleClicked.connect(lambda *_: self._use_selected())
        self.use_model_button.clicked.connect(self._use_selected)
        self.delete_model_button.clicked.connect(self._delete_selected)
        self.open_model_button.clicked.connect(self._open_model_folder)
        self.import_model_button.clicked.connect(self._import_model_archive)
        return page

    def reload_models(self) -> None:
        selected = self.selected_model()
        self.model_list.clear()
        for info in self.store.models(also=self.active_model):
            active = self.active_model is not None and same_path(info.path, self.active_model)
            tags = []
            if info.shipped:
                tags.append(self.tr("shipped"))
            if active:
                tags.append(self.tr("in use"))
            if info.problem:
                tags.append(self.tr("unavailable"))
            elif not info.shipped and not same_path(info.path.parent, self.store.models_dir):
                tags.append(self.tr("opened from a folder"))
            name = self.tr("Shipped model") if info.shipped and info.problem else info.name
            text = name + ("\n" + ", ".join(tags) if tags else "")  # the tags on a line of their own: always seen
            text += "\n" + self.scores_line(info)
            item = QListWidgetItem(text)
            item.setToolTip(f"{name}\n{info.path}")
            item.setData(Qt.ItemDataRole.UserRole, info)
            font = item.font()
            font.setBold(active)
            item.setFont(font)
            self.model_list.addItem(item)
            if (selected and same_path(selected.path, info.path)) or (selected is None and active):
                self.model_list.setCurrentItem(item)
        if self.model_list.currentItem() is None and self.model_list.count():
            self.model_list.setCurrentRow(0)
        self._show_model()

    def scores_line(self, info: ModelInfo) -> str:
        """A model's date and mean dev scores for the list. Scores on the full dev sets stand as they are; scores
        on the first lines of each dev set say so, and stand beside nothing but its base model's on the same
        lines: never beside another model's full-set scores."""
        mean = info.mean_scores
        if "bleu" not in mean:
            return info.date or self.tr("not scored")
        if not info.dev_lines:
            return self.tr("{0} · mean dev BLEU {1} · chrF {2}").format(
                info.date, score_text(mean["bleu"]), score_text(mean.get("chrf", 0.0)))
        line = self.tr("{0} · on the first {1} lines of each dev set: BLEU {2} · chrF {3}").format(
            info.date, info.dev_lines, score_text(mean["bleu"]), score_text(mean.get("chrf", 0.0)))
        base = info.base_mean_scores
        if "bleu" in base:
            line += "\n" + self.tr("its base {0} on the same lines: BLEU {1} · chrF {2}").format(
                info.base_name, score_text(base["bleu"]), score_text(base.get("chrf", 0.0)))
        return line

    def selected_model(self) -> ModelInfo | None:
        item = self.model_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show_model(self) -> None:
        info = self.selected_model()
        active = info is not None and self.active_model is not None and same_path(info.path, self.active_model)
        self.use_model_button.setEnabled(info is not None and not info.problem and not active)
        self.delete_model_button.setEnabled(info is not None and not info.shipped and not active)
        self.model_card.setHtml(self.card_html(info) if info else "")

    def card_html(self, info: ModelInfo) -> str:
        e = html.escape
        if info.problem:
            if info.shipped and info.problem == "missing":
                why = self.tr("The shipped model is not installed (expected in {0}).").format(info.path)
            else:
                why = self.tr("This model cannot be used: {0}").format(info.problem)
            title = self.tr("Shipped model") if info.shipped else info.name
            return f"<h3>{e(title)}</h3><p>{e(why)}</p>"
        card = info.card
        labels = {"created": self.tr("Created"), "folder": self.tr("Folder"), "base": self.tr("Fine-tuned from"),
                  "scores": self.tr("Dev scores"), "unscored": self.tr("Not scored on a dev set."),
                  "training": self.tr("Training"), "pairs": self.tr("pairs"), "data": self.tr("Data"),
                  "history": self.tr("Earlier versions")}
        created = str(card.get("date", "?"))[:16].replace("T", " ")
        parts = [f"<h3>{e(info.name)}</h3>",
                 f"<p>{e(labels['created'])}: {e(created)}<br>{e(labels['folder'])}: {e(str(info.path))}"]
        if card.get("base_model"):
            parts.append(f"<br>{e(labels['base'])}: {e(str(card['base_model']))}")
        parts.append("</p>")
        scores = card.get("dev_scores") or {}
        if scores:
            parts.append(self.scores_html(info))
        else:
            parts.append(f"<p><i>{e(labels['unscored'])}</i></p>")
        training = card.get("training") or {}
        model = training.get("model") or {}
        if training:
            details = [
                (self.tr("Layers"), f"{model.get('num_encoder_layers', '?')} + {model.get('num_decoder_layers', '?')}"),
                (self.tr("Model size"), self.tr("d={0}, {1} heads").format(model.get('d_model', '?'),
                                                                          model.get('num_heads', '?'))),
                (self.tr("Steps"), str(training.get("steps", "?"))),
                (self.tr("Training time"), self.tr("{0} min").format(int(training.get('train_seconds', 0)) // 60)),
                (self.tr("Hardware"), str(training.get("hardware", "?"))),
            ]
            parts.append(f"<h4>{e(labels['training'])}</h4><table cellpadding='2'>" + "".join(
                f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in details) + "</table>")
        corpora = card.get("corpora") or []
        if corpora:
            items = "".join(f"<li>{e(str(c.get('name')))}: {c.get('pairs', 0):,} {e(labels['pairs'])} — "
                            f"<small>{e(str(c.get('licence', '')))}</small></li>" for c in corpora)
            parts.append(f"<h4>{e(labels['data'])}</h4><ul>{items}</ul>")
        history = card.get("history") or []
        if history:
            items = "".join(f"<li>{e(str(h.get('name')))} ({e(str(h.get('date', ''))[:10])})</li>" for h in history)
            parts.append(f"<h4>{e(labels['history'])}</h4><ul>{items}</ul>")
        return "".join(parts)

    def scores_html(self, info: ModelInfo) -> str:
        """The card's dev scores per corpus: on which lines and with which decoding, and a fine-tune's base model
        on the same lines beside them."""
        e = html.escape
        card = info.card
        scores, base = card.get("dev_scores") or {}, card.get("base_dev_scores") or {}
        decoding = card.get("decoding") or {}
        title = self.tr("Dev scores on the first {0} lines of each dev set").format(info.dev_lines) \
            if info.dev_lines else self.tr("Dev scores")
        notes = []
        if decoding:
            notes.append(self.tr("Beam {0}, length penalty {1}.").format(decoding.get("beam", "?"),
                                                                         decoding.get("length_penalty_alpha", "?")))
        if base:
            notes.append(self.tr("Beside them its base model {0}, with the same decoding on the same "
                                 "lines.").format(info.base_name))

        def cells(values: dict | None) -> str:
            if not values:
                return "<td align='right'>—</td><td align='right'>—</td>"
            return (f"<td align='right'>{score_text(values.get('bleu', 0))}</td>"
                    f"<td align='right'>{score_text(values.get('chrf', 0))}</td>")

        header = "<tr><th align='left'></th><th>BLEU</th><th>chrF</th>"
        if base:
            header += f"<th>{e(self.tr('base BLEU'))}</th><th>{e(self.tr('base chrF'))}</th>"
        rows = "".join(f"<tr><td>{e(self.tr('mean') if name == 'mean' else name)}</td>{cells(values)}"
                       + (cells(base.get(name)) if base else "") + "</tr>" for name, values in scores.items())
        return (f"<h4>{e(title)}</h4><table cellspacing='0' cellpadding='3'>{header}</tr>{rows}</table>"
                + (f"<p><small>{e(' '.join(notes))}</small></p>" if notes else ""))

    def _use_selected(self) -> None:
        info = self.selected_model()
        if info is not None and not info.problem:
            self.modelSwitchRequested.emit(str(info.path))

    def _delete_selected(self) -> None:
        info = self.selected_model()
        if info is None or info.shipped:
            return
        answer = QMessageBox.question(self, self.tr("Delete Model?"),
                                      self.tr("Delete the model “{0}” and its files? This cannot be undone.").format(
                                          info.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.store.delete(info.path, active=self.active_model)
        except (PermissionError, OSError) as error:
            QMessageBox.warning(self, self.tr("Cannot Delete"), str(error))

    def _open_model_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a Model Folder"), str(self.store.models_dir))
        if path:
            if not (Path(path) / "card.json").is_file():
                QMessageBox.information(self, self.tr("Not a Model"),
                                        self.tr("{0} does not hold a Hanyeong model (no card.json).").format(path))
                return
            self.modelSwitchRequested.emit(path)

    def _import_model_archive(self) -> None:
        from model.api import BundleError

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a Model Archive"), self.settings.dialog_folder,
            self.tr("Model archives (*.zip *.tar *.tar.gz *.tgz *.tar.bz2 *.tar.xz)"))
        if not path:
            return
        try:
            imported = self.store.import_archive(path)
        except (BundleError, OSError) as error:
            QMessageBox.warning(self, self.tr("Model Not Imported"),
                                self.tr("The archive was refused and nothing was installed:\n\n{0}").format(error))
            return
        self.settings.last_directory = str(Path(path).parent)
        for row in range(self.model_list.count()):
            info = self.model_list.item(row).data(Qt.ItemDataRole.UserRole)
            if same_path(info.path, imported):
                self.model_list.setCurrentRow(row)

    # --- Decoding -----------------------------------------------------------------------------------------------

    def _decoding_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.beam_spin = QSpinBox(objectName="beamSpin", minimum=0, maximum=16, value=self.settings.beam)
        self.beam_spin.setSpecialValueText(self.tr("the model's choice"))
        self.max_length_spin = QSpinBox(objectName="maxLengthSpin", minimum=16, maximum=1024, singleStep=16,
                                        value=self.settings.max_length)
        self.max_length_spin.setSuffix(self.tr(" pieces"))
        form.addRow(self.tr("&Beam size:"), self.beam_spin)
        beam_note = QLabel(self.tr("The model's choice is the beam and length penalty chosen for it on dev (its "
                                   "card). 1 is greedy decoding (fastest); larger beams consider more alternatives."))
        beam_note.setWordWrap(True)
        beam_note.setEnabled(False)
        form.addRow("", beam_note)
        form.addRow(self.tr("&Maximum length:"), self.max_length_spin)
        length_note = QLabel(self.tr("The longest translation of one sentence, in SentencePiece pieces."))
        length_note.setWordWrap(True)
        length_note.setEnabled(False)
        form.addRow("", length_note)
        self.beam_spin.valueChanged.connect(lambda value: setattr(self.settings, "beam", value))
        self.max_length_spin.valueChanged.connect(lambda value: setattr(self.settings, "max_length", value))
        return page

    # --- Device -------------------------------------------------------------------------------------------------

    def _device_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        box = QGroupBox(self.tr("Devices found"))
        box_layout = QVBoxLayout(box)
        self.device_list = QListWidget(objectName="deviceList")
        self.device_list.setMaximumHeight(120)
        box_layout.addWidget(self.device_list)
        self.device_note = QLabel(objectName="deviceNote")
        self.device_note.setWordWrap(True)
        box_layout.addWidget(self.device_note)
        self.detect_button = QPushButton(self.tr("Detect &Again"), objectName="detectButton")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.detect_button)
        box_layout.addLayout(row)
        layout.addWidget(box)
        form = QFormLayout()
        self.device_combo = QComboBox(objectName="deviceCombo")
        self.device_combo.addItem(self.tr("Automatic (GPU if available)"), "auto")
        self.device_combo.addItem(self.tr("CPU only"), "cpu")
        self.device_combo.setCurrentIndex(max(0, self.device_combo.findData(self.settings.device)))
        form.addRow(self.tr("&Use for training:"), self.device_combo)
        layout.addLayout(form)
        note = QLabel(self.tr("Translation always runs inside the app; training runs in a separate process on the "
                              "chosen device."))
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        layout.addStretch(1)
        self.detect_button.clicked.connect(self.detect_devices)
        self.device_combo.currentIndexChanged.connect(self._on_device_choice)
        return page

    def _on_device_choice(self) -> None:
        self.settings.device = self.device_combo.currentData()
        self._suggest_batch()

    def _on_tab_changed(self, index: int) -> None:
        # the Training tab too: its batch size follows the device's memory
        if TABS[index] in ("device", "training") and self.devices is None and not self.device_probe.running:
            self.detect_devices()

    def detect_devices(self) -> None:
        """Ask the command line, in its own process, which devices there are (DeviceProbe)."""
        if not self.device_probe.start():
            return
        self.device_list.clear()
        self.device_note.setText(self.tr("Looking for devices…"))
        self.detect_button.setEnabled(False)

    def _devices_failed(self, message: str) -> None:
        self.detect_button.setEnabled(True)
        self.device_note.setText(self.tr("Could not detect the devices: {0}").format(message))

    def _on_devices(self, report: dict) -> None:
        """`hanyeong devices --json` (model/devices.py): the devices, and a hint or an error in one line."""
        self.detect_button.setEnabled(True)
        self.device_report = report
        devices = self.devices = report["devices"]
        for device in devices:
            kind, name = str(device.get("type", "?")), str(device.get("name", "") or "")
            if kind == "CPU" and name in ("", "CPU"):  # TensorFlow names its CPU device just "CPU"
                name = self.tr("{0} cores").format(os.cpu_count() or 1)
            if kind == "GPU":
                name += self.gpu_details(device)
            self.device_list.addItem(f"{kind}: {name}" if name and name != kind else kind)
        gpus = [d for d in devices if d.get("type") == "GPU"]
        notes = []
        if report.get("error"):
            notes.append(self.tr("GPU problem: {0}").format(report["error"]))
        if report.get("hint"):
            notes.append(self.tr("An NVIDIA GPU is idle: {0}").format(report["hint"]))
        if gpus:
            notes.append(self.tr("Training uses the GPU automatically."))
        elif not notes:
            notes.append(self.tr("No GPU found: translation and training run on the CPU. Fine-tuning on a small "
                                 "corpus takes minutes; training from scratch takes hours."))
        if report.get("precision"):
            precision = {"mixed_bfloat16": self.tr("bfloat16 mixed precision"),
                         "float32": self.tr("float32")}.get(report["precision"], report["precision"])
            notes.append(self.tr("Training would compute in {0}, {1} tokens per batch.").format(
                precision, report.get("tokens_per_batch") or "?"))
        self.device_note.setText("\n".join(notes))
        self._suggest_batch()

    def _suggest_batch(self) -> None:
        """The training page's default tokens per batch follows the device training will use."""
        report = self.device_report or {}
        gpus = [d for d in report.get("devices", []) if d.get("type") == "GPU"]
        if self.settings.device == "auto" and gpus and report.get("tokens_per_batch"):
            self.training_page.suggest_batch(int(report["tokens_per_batch"]), gpus[0].get("name", "GPU"))
        elif report:
            self.training_page.suggest_batch(None, self.tr("the CPU"))

    def gpu_details(self, device: dict) -> str:
        """ (24.0 GiB, bfloat16 and float16)"""
        parts = []
        if device.get("memory_mib"):
            parts.append(self.tr("{0:.1f} GiB").format(device["memory_mib"] / 1024))
        formats = [name for name, key in (("bfloat16", "bfloat16"), ("float16", "float16")) if device.get(key)]
        parts.append(self.tr("{0} in hardware").format(self.tr(" and ").join(formats)) if formats else
                     self.tr("no bfloat16/float16 in hardware"))
        return f" ({', '.join(parts)})"

    def shutdown(self) -> None:
        """For quitting: stop the corpus checker and any device detection."""
        self.device_probe.stop()
        self.training_page.shutdown()
