"""The desktop app holds up: broken models fall back to the shipped one, hostile archives are refused, failed
writes keep the old file and say so, a killed or failing training process leaves the app up and resumable, and
nothing opens a socket."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.services import training_runner
from model import bundle as bundles

from support import REPO, file_size_limit, resign, translate, tree_hashes

GUARD_SITE = Path(__file__).resolve().parent.parent / "no_network_site"
sys.path.insert(0, str(GUARD_SITE))
import no_network_guard  # noqa: E402



def truncate_weights(folder: Path) -> None:
    weights = folder / "model.weights.h5"
    weights.write_bytes(weights.read_bytes()[:1000])


def drop_tokenizer(folder: Path) -> None:
    (folder / "ko.model").unlink()


def newer_version(folder: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    config["format_version"] = 99
    (folder / "config.json").write_text(json.dumps(config))
    resign(folder)


def corrupt_litert(folder: Path) -> None:  # passes its checksums, but is not a model: the runtime refuses it
    (folder / "model.tflite").write_bytes(b"\0" * 64)
    resign(folder)


@pytest.mark.parametrize("damage,why", [
    (truncate_weights, "model.weights.h5: checksum mismatch"),
    (drop_tokenizer, "ko.model: missing"),
    (newer_version, "format version 99"),
    (corrupt_litert, "the model could not be loaded (ValueError"),
], ids=["truncated weights", "missing tokenizer", "newer format", "not a LiteRT model"])
def test_a_broken_chosen_model_falls_back_to_the_shipped_one_and_says_why(qtbot, make_window, app_settings,
                                                                         model_store, app_bundle, damage, why):
    broken = model_store.models_dir / "broken"
    shutil.copytree(app_bundle, broken)
    damage(broken)
    app_settings.model_path = str(broken)
    window = make_window()
    assert window.service.ready and window.service.model_path == str(app_bundle)
    message = window.statusBar().currentMessage()
    assert "broken could not be loaded, so the shipped model is used" in message and why in message
    assert app_settings.model_path == str(broken)  # the choice is kept (a drive may be back next time)
    translate(qtbot, window, "고양이가 자고 있어요.")
    assert window.output_view.toPlainText()


def test_a_broken_model_given_on_the_command_line_falls_back_too(qtbot, make_window, app_bundle, tmp_path):
    broken = tmp_path / "linked"
    shutil.copytree(app_bundle, broken)
    (broken / "en.model").unlink()
    (broken / "en.model").symlink_to(app_bundle / "en.model")
    window = make_window(model_override=str(broken))
    assert window.service.ready and window.service.model_path == str(app_bundle)
    assert "links are not allowed" in window.statusBar().currentMessage()


def hostile_tar(path: Path, bundle: Path, extra: tarfile.TarInfo) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        archive.add(bundle, arcname="model")
        archive.addfile(extra)
    return path


def test_importing_a_hostile_archive_is_refused_and_installs_nothing(qtbot, window, app_bundle, tmp_path,
                                                                     monkeypatch):
    link = tarfile.TarInfo("model/escape")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    archive = hostile_tar(tmp_path / "evil.tar.gz", app_bundle, link)
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(archive), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.open_settings("model")
    dialog = window.settings_dialog
    count = dialog.model_list.count()
    dialog.import_model_button.click()
    assert warnings and "is a link" in warnings[0] and "nothing was installed" in warnings[0]
    assert dialog.model_list.count() == count
    assert not window.store.models_dir.exists() or not any(window.store.models_dir.iterdir())

    good = shutil.make_archive(str(tmp_path / "friend-model"), "zip", app_bundle.parent, app_bundle.name)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (good, ""))
    dialog.import_model_button.click()
    assert len(warnings) == 1 and dialog.model_list.count() == count + 1
    imported = dialog.selected_model()
    assert imported.path.parent == window.store.models_dir and imported.path.name.startswith("friend-model-")
    bundles.load(imported.path)


def test_a_settings_write_that_fails_keeps_the_old_file_and_is_shown(qtbot, window, app_settings):
    window.history.add("고양이가 자고 있어요.", "The cat is sleeping.")
    path = Path(app_settings.store.fileName())
    saved = path.read_bytes()
    with file_size_limit(len(saved) + 10):
        window.history.add("아주 긴 문장 " * 200, "A very long sentence " * 200)  # the file would grow past the limit
    assert path.read_bytes() == saved
    message = window.statusBar().currentMessage()
    assert message.startswith("Settings not saved: could not save the settings to") and str(path) in message
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temporary file left behind
    window.history.add("날씨가 좋아요.", "The weather is nice.")  # the disk has room again: saved, with the rest
    assert "날씨가 좋아요." in path.read_text(encoding="utf-8") or "\\" in path.read_text(encoding="utf-8")
    assert path.read_bytes() != saved and app_settings.save_problem == ""


def test_saving_a_translation_onto_a_full_disk_keeps_the_old_file(qtbot, window, tmp_path, monkeypatch):
    translate(qtbot, window, "고양이가 자고 있어요.\n날씨가 좋아요.")
    target = tmp_path / "out" / "translation.txt"
    target.parent.mkdir()
    target.write_text("the previous translation\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with file_size_limit(8):
        window.save_translation_dialog()
    assert target.read_text(encoding="utf-8") == "the previous translation\n"
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Could not save: could not write {target}")
    assert "previous version is unchanged" in message
    assert [p.name for p in target.parent.iterdir()] == ["translation.txt"]  # no temporary file left behind


GPU_FAILURE = textwrap.dedent("""
    import sys
    from model import api, cli

    class ResourceExhaustedError(RuntimeError):  # TensorFlow's OOM, as far as the CLI can tell
        pass

    def out_of_memory(*args, **kwargs):
        raise ResourceExhaustedError("OOM when allocating tensor with shape[6000,256] on GPU:0")

    api.finetune = out_of_memory
    sys.exit(cli.main(sys.argv[1:]))
""")


def test_a_gpu_out_of_memory_in_training_is_shown_with_what_to_do_and_the_app_stays_up(qtbot, window, tmp_path,
                                                                                      monkeypatch):
    driver = tmp_path / "oom_cli.py"
    driver.write_text(GPU_FAILURE)
    monkeypatch.setattr(training_runner, "cli_command", lambda args: (sys.executable, [str(driver), *args]))
    runner = window.runner
    spec = training_runner.TrainingSpec(mode="finetune", corpora=["x.tsv"], output=str(tmp_path / "out"),
                                        work_dir=str(tmp_path / "work"), base_model=str(window.model_path()))
    with qtbot.waitSignal(runner.ended, timeout=60_000) as ended:
        runner.start(spec)
    outcome, message = ended.args
    assert outcome == training_runner.FAILED
    assert message.startswith("the GPU ran out of memory") and "--max-tokens-per-batch" in message
    assert "CUDA_VISIBLE_DEVICES=" in message and "Training failed: the GPU ran out of memory" in \
        window.statusBar().currentMessage()
    assert window.isVisible()
    translate(qtbot, window, "물 좀 주세요.")
    assert window.output_view.toPlainText()


def user_corpus(path: Path, count: int = 30) -> Path:
    rows = ["원문\t번역문"] + [f"{n}번 고양이가 자고 있어요.\tCat number {n} is sleeping." for n in range(count)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_gui_finetune_killed_three_times_resumes_to_a_valid_model_without_touching_the_active_one(
        qtbot, window, tmp_path, monkeypatch):
    """SIGKILL of the training process at three random points (once during start-up, after the data is prepared;
    twice after a random number of checkpoints plus a random fraction of a step); each time the app stays up and offers Resume; the run ends
    with a verified model. The training processes run with the no-network guard."""
    net_log = tmp_path / "network.log"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(GUARD_SITE), str(REPO)]))
    monkeypatch.setenv("HANYEONG_NO_NETWORK_LOG", str(net_log))
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    active_path = window.model_path()
    active = tree_hashes(active_path)

    window.open_settings("training")
    page, runner = window.settings_dialog.training_page, window.runner
    page.add_corpus(str(user_corpus(tmp_path / "cats.tsv")))
    qtbot.waitUntil(page.start_button.isEnabled, timeout=20_000)
    page.advanced_box.setChecked(True)
    page.epochs_spin.setValue(4)
    page.batch_spin.setValue(60)
    page.dev_edit.setText("")
    page.name_edit.setText("cats")
    page.name_edit.setModified(True)
    every_step = tmp_path / "checkpoint-every-step.json"
    every_step.write_text(json.dumps({"checkpoint_minutes": 0.0}))
    spec = page.build_spec()
    spec.config = str(every_step)  # the app's runs checkpoint every 5 minutes; here every step, to kill between

    checkpoints = []
    runner.progressed.connect(lambda event: event["kind"] == "checkpoint" and checkpoints.append(event["step"]))
    page.start(spec)
    for attempt in range(3):
        if attempt == 0:  # during start-up, once the data is prepared: building the model, the first steps
            qtbot.waitUntil(lambda: (Path(spec.work_dir) / "data.npz").exists(), timeout=60_000)
            qtbot.wait(rng.randint(0, 3000))
        else:  # mid-run: after a random number of further checkpoints, then a random fraction of a step
            seen, more = len(checkpoints), rng.randint(1, 5)
            qtbot.waitUntil(lambda: len(checkpoints) >= seen + more, timeout=120_000)
            qtbot.wait(rng.randint(0, 150))
        with qtbot.waitSignal(runner.ended, timeout=30_000) as ended:
            os.kill(runner.process.processId(), signal.SIGKILL)
        outcome, message = ended.args
        assert outcome == training_runner.FAILED, (attempt, seed)
        assert "stopped unexpectedly" in message, message
        assert page.run_view.run_resume_button.isVisible() and window.isVisible() and runner.last_run().resumable()
        assert not Path(spec.output).exists()
        assert tree_hashes(active_path) == active, "the active model changed"
        page.run_view.run_resume_button.click()
    with qtbot.waitSignal(runner.ended, timeout=240_000) as ended:
        pass
    assert ended.args[0] == training_runner.FINISHED, (runner.error, seed)
    assert runner.start_info["total_steps"] > len(checkpoints) - 3  # the kills all came before the end
    assert sum(line.startswith("resumed from step") for line in runner.log) >= 1
    bundles.load(ended.args[1])
    assert tree_hashes(active_path) == active, "the active model changed"
    assert window.service.model_path == str(active_path) and window.service.ready
    attempts = net_log.read_text().splitlines() if net_log.exists() else []
    assert no_network_guard.violations(attempts) == [], attempts


def test_no_socket_is_opened_while_the_app_starts_translates_and_exports(qtbot, make_window, tmp_path):
    """The guard refuses any non-AF_UNIX socket and any name lookup in this process from before the window is
    created; the app starts, loads its model, translates text and a file, and exports attention as PNG, SVG and
    CSV. Nothing in the app needed even an AF_UNIX socket (the guard would have allowed those)."""
    no_network_guard.blocked.clear()
    no_network_guard.local.clear()
    no_network_guard.activate()
    try:
        window = make_window()
        window.attention_action.trigger()
        translate(qtbot, window, "고양이가 자고 있어요. 개가 밖에서 놀고 있어요.\n\n날씨가 좋아요.")
        panel = window.attention_panel
        qtbot.waitUntil(lambda: panel.view is not None, timeout=30_000)
        for name in ("a.png", "a.svg", "a.csv"):
            panel.export(str(tmp_path / name))
            assert (tmp_path / name).stat().st_size > 0
        source = tmp_path / "letter.txt"
        source.write_text("내일 만나요.\n물 좀 주세요.\n", encoding="utf-8")
        with qtbot.waitSignal(window.service.fileTranslated, timeout=60_000):
            window.translate_file(str(source), str(tmp_path / "letter.en.txt"))
        assert len((tmp_path / "letter.en.txt").read_text(encoding="utf-8").splitlines()) == 2
        window.settings.sync()
    finally:
        no_network_guard.deactivate()
    assert no_network_guard.violations(no_network_guard.blocked) == [], no_network_guard.blocked
    assert no_network_guard.local == []
