"""Settings dialog: models, decoding, devices, and the Training tab end to end (a real fine-tuning process)."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services import training_runner
from desktop_app.views.theme import is_dark



def user_corpus(path: Path, count: int = 30) -> Path:
    rows = ["원문\t번역문"] + [f"{n}번 고양이가 자고 있어요.\tCat number {n} is sleeping." for n in range(count)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def dialog(qtbot, window):
    window.open_settings("training")
    return window.settings_dialog


def test_broken_corpus_shows_its_validation_report(qtbot, dialog, tmp_path):
    page = dialog.training_page
    assert dialog.tabs.currentWidget() is page
    messy = tmp_path / "messy.tsv"
    messy.write_text("원문\t번역문\n고양이가 자요.\tThe cat sleeps.\n\tNo Korean side\nHello\tHello there\n"
                     "고양이가 자요.\tThe cat sleeps.\n개가 놀아요.\tThe dog plays.\n", encoding="utf-8")
    page.add_corpus(str(messy))
    qtbot.waitUntil(lambda: page.checks[str(messy)] is not None, timeout=20_000)
    report = page.report_view.toPlainText()
    assert "5 rows read, 2 kept" in report
    assert "dropped 1: empty side" in report and "dropped 1: duplicate" in report
    assert "dropped 1: Korean side has no Hangul" in report
    assert page.preview_tabs.currentWidget() is page.report_view  # drops are shown first
    assert page.preview_table.rowCount() == 2 and page.preview_table.item(0, 0).text() == "고양이가 자요."
    assert "2 pairs" in page.corpus_list.item(0).text()
    assert page.start_button.isEnabled()

    broken = tmp_path / "legacy.tsv"
    broken.write_bytes("원문\t번역문\n고양이\tcat\n".encode("cp949"))
    page.add_corpus(str(broken))
    qtbot.waitUntil(lambda: page.checks[str(broken)] is not None, timeout=20_000)
    assert "cannot be read" in page.corpus_list.currentItem().text()
    assert "CP949" in page.report_view.toPlainText() and "UTF-8" in page.report_view.toPlainText()
    assert not page.start_button.isEnabled()
    assert "legacy.tsv" in page.setup_message.text()
    page.remove_button.click()
    assert page.start_button.isEnabled() and page.setup_message.text() == "2 pairs ready."


def test_finetune_end_to_end_with_progress_cancel_resume_and_switch(qtbot, window, dialog, tmp_path, monkeypatch):
    page, runner = dialog.training_page, window.runner
    corpus = user_corpus(tmp_path / "cats.tsv")
    page.add_corpus(str(corpus))
    qtbot.waitUntil(page.start_button.isEnabled, timeout=20_000)
    assert page.finetune_radio.isChecked() and "bundle" in page.finetune_radio.text()
    page.advanced_box.setChecked(True)
    page.epochs_spin.setValue(25)
    page.batch_spin.setValue(60)
    page.dev_edit.setText("")  # no dev scoring: keeps the test short
    page.name_edit.setText("cats")
    page.name_edit.setModified(True)

    steps = []
    runner.progressed.connect(lambda event: event["kind"] == "step" and steps.append(event["step"]))
    page.start_button.click()
    assert page.stack.currentIndex() == 1 and page.run_view.cancel_button.isVisible()
    qtbot.waitUntil(lambda: bool(steps), timeout=120_000)
    assert page.run_view.run_progress.maximum() == runner.start_info["total_steps"] > steps[0]
    assert page.run_view.run_stats.text().startswith(f"Step {steps[0]} of")
    assert runner.losses and "Training: step" in window.training_label.text()

    # closing the app asks first; "No" keeps both running
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    window.close()
    assert asked and window.isVisible() and runner.running

    with qtbot.waitSignal(runner.ended, timeout=60_000) as ended:
        page.run_view.cancel_button.click()
    assert ended.args[0] == training_runner.CANCELLED
    stopped_at = runner.losses[-1][0]
    assert stopped_at < runner.start_info["total_steps"]
    assert page.run_view.run_resume_button.isVisible() and "stopped" in page.run_view.result_label.text()
    spec = runner.last_run()
    assert spec.resumable() and not Path(spec.output).exists()
    assert not page.resume_banner.isHidden() and "can be resumed" in page.resume_label.text()  # also after a restart

    with qtbot.waitSignal(runner.ended, timeout=180_000) as ended:
        page.run_view.run_resume_button.click()
    assert ended.args[0] == training_runner.FINISHED, runner.error
    assert any(line.startswith("resumed from step") for line in runner.log)
    assert runner.losses[0][0] <= stopped_at  # the curve continues from the first attempt
    new_model = Path(ended.args[1])
    assert new_model.parent == window.store.models_dir and new_model.name.startswith("cats-")
    assert (new_model / "card.json").is_file() and runner.last_run() is None
    assert page.run_view.switch_button.isVisible() and page.run_view.compare_table.rowCount() == 1  # the mean row: not scored
    assert "not scored" in page.run_view.result_label.text()

    with qtbot.waitSignal(window.service.modelLoaded, timeout=60_000) as loaded:
        page.run_view.switch_button.click()
    assert Path(loaded.args[0]) == new_model
    assert window.settings.model_path == str(new_model)
    assert window.model_label.text().startswith("cats · ")  # the name the user typed, not the folder's name


def test_quitting_while_training_stops_the_process(qtbot, window, tmp_path, monkeypatch):
    fake = tmp_path / "fake_cli.py"
    fake.write_text(textwrap.dedent("""
        import json, signal, sys, time
        def stop(*_):
            print(json.dumps({"kind": "cancelled", "step": 3}), flush=True)
            sys.exit(3)
        signal.signal(signal.SIGTERM, stop)
        print(json.dumps({"kind": "start", "total_steps": 100, "steps_per_epoch": 10, "pairs": 5}), flush=True)
        for step in range(1, 100):
            print(json.dumps({"kind": "step", "step": step, "epoch": step / 10, "loss": 5.0 - step / 50,
                              "learning_rate": 0.001, "pairs_per_second": 10, "tokens_per_second": 100,
                              "eta_seconds": 100 - step}), flush=True)
            time.sleep(0.2)
    """))
    monkeypatch.setattr(training_runner, "cli_command", lambda args: (sys.executable, [str(fake)]))
    runner = window.runner
    spec = training_runner.TrainingSpec(mode="finetune", corpora=["x.tsv"], output=str(tmp_path / "out"),
                                        work_dir=str(tmp_path / "work"), base_model="base")
    runner.start(spec)
    qtbot.waitUntil(lambda: len(runner.losses) >= 2, timeout=30_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.close()
    assert not window.isVisible() and not runner.running and runner.outcome == training_runner.CANCELLED
    assert runner.process is None


def test_model_tab_shows_cards_switches_and_deletes_only_user_models(qtbot, window, app_bundle, monkeypatch):
    copy = window.store.models_dir / "copy-1"
    shutil.copytree(app_bundle, copy)
    window.open_settings("model")
    dialog = window.settings_dialog
    models = [dialog.model_list.item(i).data(256) for i in range(dialog.model_list.count())]
    assert [m.shipped for m in models] == [True, False]
    assert dialog.model_list.item(0).text().split("\n")[1] == "shipped, in use"
    assert not dialog.delete_model_button.isEnabled() and not dialog.use_model_button.isEnabled()
    assert "Not scored on a dev set" in dialog.model_card.toPlainText()
    assert "everyday" in dialog.model_card.toPlainText()  # the corpus it was trained on

    dialog.model_list.setCurrentRow(1)
    assert dialog.delete_model_button.isEnabled() and dialog.use_model_button.isEnabled()
    with qtbot.waitSignal(window.service.modelLoaded, timeout=60_000):
        dialog.use_model_button.click()
    assert window.settings.model_path == str(copy)
    row = next(i for i in range(dialog.model_list.count()) if "in use" in dialog.model_list.item(i).text())
    assert dialog.model_list.item(row).data(256).path == copy
    dialog.model_list.setCurrentRow(row)
    assert not dialog.delete_model_button.isEnabled()  # never the active model

    dialog.model_list.setCurrentRow(0)
    with qtbot.waitSignal(window.service.modelLoaded, timeout=60_000):
        dialog.use_model_button.click()
    assert window.settings.model_path == ""  # the shipped model
    dialog.model_list.setCurrentRow(1)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete_model_button.click()
    assert not copy.exists() and dialog.model_list.count() == 1
    with pytest.raises(PermissionError):
        window.store.delete(app_bundle)


def copy_with_card(bundle: Path, target: Path, **card) -> Path:
    """A copy of a bundle whose card says what the test needs (checksums rewritten, so it still loads)."""
    from support import resign

    shutil.copytree(bundle, target)
    values = json.loads((target / "card.json").read_text(encoding="utf-8"))
    (target / "card.json").write_text(json.dumps({**values, **card}), encoding="utf-8")
    resign(target)
    return target


def test_scores_on_the_first_lines_of_each_dev_set_are_labelled_and_stand_only_beside_the_base_on_those_lines(
        qtbot, app_settings, app_bundle, make_window, tmp_path):
    """Seen: the model list showed a 300-pair fine-tune at mean dev BLEU 13.7 (its first 100 lines of each dev set)
    above the shipped model's 12.9 (the full dev sets), while on the same lines it was worse on every corpus."""
    from desktop_app.services.model_store import ModelStore
    from desktop_app.services.training_runner import TrainingRunner
    from desktop_app.views.settings.dialog import SettingsDialog

    shipped = copy_with_card(app_bundle, tmp_path / "shipped", name="base v2.1", date="2026-11-20T10:00:00+00:00",
                             dev_scores={"tatoeba_dev": {"bleu": 30.5, "chrf": 48.98},
                                         "mean": {"bleu": 12.88, "chrf": 36.19}})
    store = ModelStore(shipped=shipped, root=tmp_path / "appdata")
    # a fine-tune's card from before cards named their lines: its training settings say 100 lines per dev corpus
    tuned = copy_with_card(app_bundle, store.models_dir / "tuned-20261130", name="tuned", base_model="base v2.1",
                           date="2026-11-30T10:00:00+00:00", training={"final_dev_lines": 100},
                           dev_scores={"tatoeba_dev": {"bleu": 29.0, "chrf": 48.0},
                                       "mean": {"bleu": 13.7, "chrf": 37.0}},
                           base_dev_scores={"tatoeba_dev": {"bleu": 31.0, "chrf": 49.5},
                                            "mean": {"bleu": 14.1, "chrf": 37.5}})
    dialog = SettingsDialog(app_settings, store, TrainingRunner(app_settings))
    qtbot.addWidget(dialog)
    try:
        dialog.refresh(shipped, None)
        texts = [dialog.model_list.item(row).text() for row in range(dialog.model_list.count())]
        assert texts[0] == "base v2.1\nshipped, in use\n2026-11-20 · mean dev BLEU 12.9 · chrF 36.2"
        assert texts[1] == ("tuned\n2026-11-30 · on the first 100 lines of each dev set: BLEU 13.7 · chrF 37.0\n"
                            "its base base v2.1 on the same lines: BLEU 14.1 · chrF 37.5")
        dialog.model_list.setCurrentRow(1)
        card = dialog.model_card.toPlainText()
        assert "Dev scores on the first 100 lines of each dev set" in card and "base BLEU" in card
        assert "its base model base v2.1, with the same decoding on the same lines" in card
    finally:
        dialog.shutdown()  # its corpus checker's thread must end before Qt destroys it, as the window's close does

    window = make_window(model_override=str(tuned))
    assert window.model_label.text() == "tuned · BLEU 13.7 · chrF 37.0 on 100 lines per dev set"
    assert "Its base base v2.1 on the same lines: BLEU 14.1 · chrF 37.5." in window.model_label.toolTip()


def test_decoding_and_general_settings_apply_and_persist(qtbot, window, app_settings):
    window.open_settings("decoding")
    dialog = window.settings_dialog
    dialog.beam_spin.setValue(2)
    dialog.max_length_spin.setValue(64)
    assert app_settings.beam == 2 and app_settings.max_length == 64
    job = window.service.translate("고양이가 자고 있어요.", app_settings.beam, app_settings.max_length, False)
    assert (job.beam, job.max_len) == (2, 64)

    dialog.show_tab("general")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ko"))
    assert app_settings.language == "ko" and dialog.language_note.isVisible()
    try:
        dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
        assert app_settings.theme == "dark" and is_dark(QApplication.palette())
    finally:
        dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("system"))
    assert not is_dark(QApplication.palette())
    dialog.as_you_type_check.setChecked(False)
    assert not window.as_you_type_action.isChecked()


def test_device_tab_runs_the_cli_and_explains_a_missing_gpu(qtbot, window):
    import os

    window.open_settings()
    dialog = window.settings_dialog
    dialog.show_tab("device")
    qtbot.waitUntil(lambda: dialog.devices is not None, timeout=120_000)
    assert dialog.device_list.item(0).text() == f"CPU: {os.cpu_count()} cores"  # not "CPU: CPU"
    if not any(d["type"] == "GPU" for d in dialog.devices):
        assert "No GPU found" in dialog.device_note.text()
    dialog.device_combo.setCurrentIndex(dialog.device_combo.findData("cpu"))
    assert window.settings.device == "cpu"


def test_training_from_scratch_hands_the_picked_corpora_to_the_command_line(tmp_path):
    """The engine reads the picked corpora as they are (files, corpus folders, data roots): nothing is copied,
    linked or rewritten first."""
    from support import TINY_PAIRS, write_pairs

    folder = write_pairs(tmp_path / "picked" / "chat", TINY_PAIRS)
    table = user_corpus(tmp_path / "cats.tsv")
    spec = training_runner.TrainingSpec(mode=training_runner.TRAIN, corpora=[str(folder), str(table)],
                                        output=str(tmp_path / "models" / "mine"), work_dir=str(tmp_path / "work"),
                                        epochs=2.0, dev="", config="cfg.json")
    arguments = spec.arguments()
    assert arguments[:4] == ["train", "--data", str(folder), str(table)]
    assert "--no-dev" in arguments and arguments[arguments.index("--epochs") + 1] == "2.0"
    assert arguments[arguments.index("--config") + 1] == "cfg.json"
    assert not (tmp_path / "work").exists()


def numbered_pairs(word: str, count: int) -> list[tuple[str, str]]:
    return [(f"{n}번 {word}가 자고 있어요.", f"{word} number {n} is sleeping.") for n in range(count)]


def test_fine_tuning_a_data_root_stops_in_the_base_scoring_and_resumes_with_its_curves_and_what_was_scored(
        qtbot, window, dialog, tmp_path, monkeypatch):
    """The page counts a data root's corpus folders and the run reads the same ones. Cancel during the final
    scoring (here right after the base model's first batch, by the real command line) says that it stopped in the
    base model; Resume shows the curves at once, scores only what was left, and compares the new model with its
    base scored on the same lines with the same decoding."""
    from support import TINY_PAIRS, write_cancelling_cli, write_pairs

    page, runner, view = dialog.training_page, window.runner, dialog.training_page.run_view
    root = tmp_path / "mine"
    write_pairs(root / "chat", numbered_pairs("고양이", 12))
    write_pairs(root / "letters", numbered_pairs("개", 8))
    dev = write_pairs(tmp_path / "dev" / "tiny", TINY_PAIRS)  # 40 lines: scored in batches of 32 and 8
    page.add_corpus(str(root))
    qtbot.waitUntil(page.start_button.isEnabled, timeout=20_000)
    assert page.setup_message.text() == "20 pairs ready."
    assert "Corpora in this folder:\n  chat" in page.report_view.toPlainText()
    page.advanced_box.setChecked(True)
    page.epochs_spin.setValue(1)
    page.batch_spin.setValue(60)
    page.dev_edit.setText(str(dev.parent))
    page.name_edit.setText("cats")
    page.name_edit.setModified(True)

    real_cli = training_runner.cli_command
    driver = write_cancelling_cli(tmp_path)
    monkeypatch.setattr(training_runner, "cli_command", lambda args: (sys.executable, [str(driver), "base", *args]))
    with qtbot.waitSignal(runner.ended, timeout=300_000) as ended:
        page.start_button.click()
    assert ended.args[0] == training_runner.CANCELLED, runner.error
    assert view.run_stats.text() == "Stopped while scoring the base model bundle: 32 of 40 sentences."
    assert "Resume goes on scoring from there" in view.result_label.text()
    curves = list(runner.losses)
    assert curves and view.run_resume_button.isVisible()

    monkeypatch.setattr(training_runner, "cli_command", real_cli)
    with qtbot.waitSignal(runner.ended, timeout=300_000) as ended:
        view.run_resume_button.click()
        assert view.charts.data[0] == curves  # at once, before the process has said anything
        assert view.run_stats.text().startswith("Training was done")
    assert ended.args[0] == training_runner.FINISHED, runner.error
    assert "32 of 40 dev lines of the base model bundle were scored before; going on from there" in runner.log
    card = json.loads((Path(ended.args[1]) / "card.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in card["corpora"]] == ["chat", "letters"]
    assert view.compare_table.horizontalHeaderItem(1).text() == "Base model"
    assert "Both scored on the first 100 lines of each dev set, with beam 4, length penalty 0.6." in \
        view.result_label.text()


def test_fine_tuning_and_training_defaults_are_the_engines(dialog):
    from model.api import TrainingConfig

    page = dialog.training_page
    tuning = TrainingConfig.for_finetuning()
    assert page.finetune_radio.isChecked()
    assert (page.epochs_spin.value(), page.lr_spin.value(), page.warmup_spin.value()) == (
        tuning.epochs, tuning.peak_learning_rate, tuning.warmup_steps)
    page.scratch_radio.setChecked(True)
    scratch = TrainingConfig()
    assert (page.epochs_spin.value(), page.lr_spin.value(), page.warmup_spin.value()) == (
        scratch.epochs, scratch.peak_learning_rate, scratch.warmup_steps)
    assert page.batch_spin.value() == scratch.max_tokens_per_batch


def test_the_device_choice_goes_into_the_training_process_only(qtbot, window, tmp_path, monkeypatch):
    """CPU in Settings ▸ Device hides the GPUs from the training process, never from the app itself: switching
    back to Automatic applies to the next run without a restart."""
    import os

    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    fake = tmp_path / "fake_cli.py"
    fake.write_text(textwrap.dedent("""
        import json, os
        seen = os.environ.get("CUDA_VISIBLE_DEVICES", "unset")
        print(json.dumps({"kind": "log", "message": "CUDA_VISIBLE_DEVICES=" + seen}), flush=True)
        print(json.dumps({"kind": "bundle", "path": "out"}), flush=True)
    """))
    monkeypatch.setattr(training_runner, "cli_command", lambda args: (sys.executable, [str(fake)]))
    runner = window.runner
    window.open_settings()
    dialog = window.settings_dialog

    def run(n: int) -> str:
        spec = training_runner.TrainingSpec(mode="finetune", corpora=["x.tsv"], output=str(tmp_path / f"out{n}"),
                                            work_dir=str(tmp_path / f"work{n}"), base_model="base")
        with qtbot.waitSignal(runner.ended, timeout=60_000) as ended:
            runner.start(spec)
        assert ended.args[0] == training_runner.FINISHED, runner.error
        return next(line for line in runner.log if line.startswith("CUDA_VISIBLE_DEVICES="))

    dialog.device_combo.setCurrentIndex(dialog.device_combo.findData("cpu"))
    assert window.settings.device == "cpu"
    assert run(1) == "CUDA_VISIBLE_DEVICES=-1"
    assert "CUDA_VISIBLE_DEVICES" not in os.environ
    dialog.device_combo.setCurrentIndex(dialog.device_combo.findData("auto"))
    assert run(2) == "CUDA_VISIBLE_DEVICES=unset"
    assert [dialog.device_combo.itemData(i) for i in range(dialog.device_combo.count())] == ["auto", "cpu"]


def test_the_app_never_changes_its_own_environment():
    """The device choice (and anything else) reaches a child process through QProcessEnvironment only."""
    import ast

    from support import REPO

    for path in (REPO / "desktop_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = node.func if isinstance(node, ast.Call) else node.targets[0] if isinstance(node, ast.Assign) \
                else None
            text = ast.unparse(target) if target is not None else ""
            assert not (text.startswith("os.environ[") or text.startswith(("os.environ.setdefault",
                                                                           "os.environ.update", "os.putenv"))), \
                f"{path.relative_to(REPO)}:{node.lineno} changes the app's own environment"


def test_the_training_page_counts_both_corpora_with_the_same_name(qtbot, dialog, tmp_path):
    page = dialog.training_page
    for folder, count in (("a", 30), ("b", 12)):
        page.add_corpus(str(user_corpus(tmp_path / folder / "chat.tsv", count=count)))
    qtbot.waitUntil(page.start_button.isEnabled, timeout=20_000)
    assert page.corpus_list.count() == 2 and len(page.usable_corpora()) == 2
    assert page.setup_message.text() == "42 pairs ready."


def test_the_default_beam_is_the_models_own_decoding(window, app_settings):
    assert app_settings.beam == 0  # nothing chosen: the model's card decides (beam and length penalty from dev)
    job = window.service.translate("고양이가 자고 있어요.", app_settings.beam, app_settings.max_length, False)
    assert job.beam == 0 and window.service.worker._beam(job) is None  # the translator then uses its card
    window.open_settings("decoding")
    assert window.settings_dialog.beam_spin.text() == "the model's choice"


def test_an_english_to_korean_model_is_listed_but_cannot_be_used(app_bundle, tmp_path):
    """The reverse model made for back-translation is not a model for this app: the list says why."""
    import json
    import shutil

    from desktop_app.services.model_store import read_info

    reverse = tmp_path / "en-ko"
    shutil.copytree(app_bundle, reverse)
    card = json.loads((reverse / "card.json").read_text(encoding="utf-8"))
    (reverse / "card.json").write_text(json.dumps({**card, "languages": "en->ko"}), encoding="utf-8")
    assert read_info(reverse).problem == "translates en->ko, not Korean to English"
    assert read_info(app_bundle).problem == ""
