"""The Training tab's run view against a scripted training process: every phase (start-up, steps, the final
scoring) says what it does in one unit, Cancel stops the scoring at once on every platform (the stop file), and
the result keeps up with the model in use."""

from __future__ import annotations

import json
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop_app.services import training_runner

# A training process as the CLI prints it: a 6-step run (steps 1 and 6 reported), then the final scoring of the
# base model and the new one on 400 dev lines, batch by batch. It ignores SIGTERM, as a process on Windows never
# sees it, so only the stop file (--stop-file) can cancel it; with "finish" it writes a bundle.
FAKE_CLI = textwrap.dedent("""
    import json, signal, sys, time
    from pathlib import Path
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    args = sys.argv[1:]
    stop = Path(args[args.index("--stop-file") + 1])
    output = Path(args[args.index("--output") + 1])
    name = args[args.index("--name") + 1] if "--name" in args else output.name
    finish = Path(__file__).with_name("finish").exists()
    def say(**event):
        print(json.dumps(event), flush=True)
    say(kind="start", total_steps=6, steps_per_epoch=6, pairs=300, parameters=1000, hardware="2 CPU cores")
    for step in (1, 6):
        say(kind="step", step=step, epoch=step / 6, loss=3.0 - step / 10, learning_rate=0.001,
            pairs_per_second=10, tokens_per_second=100, eta_seconds=6 - step)
    say(kind="finished", step=6, reason="finished", best_step=6, best_score=1.0)
    for model, role in (("base", "base"), (name, "new")):
        done = 0
        while done < 400:
            if stop.exists():
                say(kind="cancelled", step=None, phase="scoring", model=model, role=role, done=done, total=400)
                sys.exit(3)
            time.sleep(0.05 if finish else 0.3)
            done = min(done + 32, 400)
            say(kind="scoring", model=model, role=role, done=done, total=400)
    output.mkdir(parents=True)
    (output / "card.json").write_text(json.dumps({
        "name": name, "dev_scores": {"tatoeba_dev": {"bleu": 30.65, "chrf": 48.95}, "mean": {"bleu": 30.65, "chrf": 48.95}},
        "base_dev_scores": {"tatoeba_dev": {"bleu": 20.0, "chrf": 40.0}, "mean": {"bleu": 20.0, "chrf": 40.0}},
        "dev_lines_per_corpus": 100, "decoding": {"beam": 3, "length_penalty_alpha": 1.2}}))
    say(kind="bundle", path=str(output), dev={"tatoeba_dev": {"bleu": 30.65, "chrf": 48.95},
                                               "mean": {"bleu": 30.65, "chrf": 48.95}})
""")


@pytest.fixture
def scripted(tmp_path, monkeypatch):
    fake = tmp_path / "fake_cli.py"
    fake.write_text(FAKE_CLI)
    seen = []
    monkeypatch.setattr(training_runner, "cli_command", lambda args: seen.append(args) or (sys.executable,
                                                                                           [str(fake), *args]))
    return seen


def start_run(window, tmp_path, name="my tuned"):
    window.open_settings("training")
    page = window.settings_dialog.training_page
    spec = training_runner.TrainingSpec(mode="finetune", corpora=[str(tmp_path / "cats.tsv")],
                                        output=str(tmp_path / "models" / "my-tuned-20250101-000000"),
                                        work_dir=str(tmp_path / "work"), base_model=str(window.model_path()),
                                        base_scores={"tatoeba_dev": {"bleu": 30.0, "chrf": 49.0},
                                                     "mean": {"bleu": 30.0, "chrf": 49.0}}, name=name)
    page.start_button.setEnabled(True)  # no corpus picked: start() takes the spec as it is
    page.start(spec)
    return page, spec


def test_the_final_scoring_is_a_phase_with_progress_and_cancel_stops_it_at_once(qtbot, window, tmp_path,
                                                                                  scripted):
    runner = window.runner
    page, spec = start_run(window, tmp_path)
    view = page.run_view
    assert "Starting the training process" in view.run_stats.text()  # not an empty bar with nothing said
    assert "--stop-file" in scripted[-1] and "--name" in scripted[-1]

    qtbot.waitUntil(lambda: runner.scoring.get("done", 0) >= 64 and runner.scoring.get("model") == "base",
                    timeout=30_000)
    # the loss chart draws the two steps a 6-step run reports, instead of "waiting for the first steps"
    assert [step for step, _ in view.charts.data[0]] == [1, 6] and view.charts.loss_axes.lines
    text = view.run_stats.text()
    assert text.startswith("Scoring the base model base on the dev sets:") and text.endswith("of 400 sentences")
    assert view.run_progress.maximum() == 400 and view.run_progress.value() == runner.scoring["done"]
    assert view.run_progress.format() == "%v of %m sentences"  # the bar speaks the label's unit
    assert "scoring" in window.training_label.text() and "of 400 sentences" in window.training_label.text()

    started = time.monotonic()
    with qtbot.waitSignal(runner.ended, timeout=20_000) as ended:
        view.cancel_button.click()
        assert view.run_stats.text() == "Stopping the scoring…"
    assert ended.args[0] == training_runner.CANCELLED
    assert time.monotonic() - started < 5  # SIGTERM is ignored: the stop file did it, within one batch
    assert runner.cancelled["role"] == "base" and runner.cancelled["done"] >= 64
    assert view.run_stats.text() == (f"Stopped while scoring the base model base: {runner.cancelled['done']} of 400 "
                                     "sentences.")  # the model it stopped in, not always "the new model"
    assert "Resume goes on scoring from there" in view.result_label.text()
    assert not spec.stop_file.exists()  # removed, so a resumed run does not stop at once


def test_the_comparison_uses_the_base_scored_on_the_same_lines_and_follows_the_model_in_use(qtbot, window,
                                                                                               tmp_path, scripted):
    (tmp_path / "finish").write_text("")  # the script's own folder: it runs to the end
    runner = window.runner
    with qtbot.waitSignal(runner.ended, timeout=60_000) as ended:
        page, spec = start_run(window, tmp_path)
    assert ended.args[0] == training_runner.FINISHED, runner.error
    view = page.run_view
    table = view.compare_table
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in
            range(table.rowCount())}
    # the base model on the same 100 lines (card["base_dev_scores"]), not its full-dev card scores (spec.base_scores);
    # 30.65 rounds half up, as in the README
    assert rows["tatoeba_dev"] == ("BLEU 20.0 · chrF 40.0", "BLEU 30.7 · chrF 49.0")
    assert table.horizontalHeaderItem(1).text() == "Base model"
    assert "Both scored on the first 100 lines of each dev set, with beam 3, length penalty 1.2." in \
        view.result_label.text()
    assert view.result_label.text().startswith("The new model is ready: my tuned")  # the typed name
    assert view.run_stats.text() == "Finished after 6 steps."

    view.switch_button.click()  # the window loads it; the dialog hears of it at once
    dialog = window.settings_dialog
    dialog.refresh(Path(spec.output), None)
    assert view.result_label.text().startswith("Now using my tuned.") and not view.switch_button.isEnabled()
    dialog.refresh(window.store.shipped, None)  # switched back in the Model tab
    assert view.result_label.text().startswith("The new model is ready: my tuned")
    assert view.switch_button.isEnabled()


def test_a_long_model_name_keeps_in_use_in_sight(qtbot, window, app_bundle):
    import shutil

    long_name = window.store.models_dir / ("a-very-long-fine-tuned-model-name-" + "x" * 30 + "-20250101-120000")
    shutil.copytree(app_bundle, long_name)
    card = json.loads((long_name / "card.json").read_text())
    window.open_settings("model")
    dialog = window.settings_dialog
    dialog.refresh(long_name, card)
    dialog.resize(940, 720)
    row = next(i for i in range(dialog.model_list.count()) if "in use" in dialog.model_list.item(i).text())
    assert dialog.model_list.item(row).text().split("\n")[1] == "in use"  # on its own line, never scrolled away
    assert dialog.model_list.horizontalScrollBar().maximum() == 0


def test_corpus_messages_wrap_and_a_binary_file_is_not_called_utf16(qtbot, window, tmp_path):
    import sys

    from PySide6.QtWidgets import QPlainTextEdit

    window.open_settings("training")
    page = window.settings_dialog.training_page
    assert page.report_view.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth  # never cut off
    program = tmp_path / "program.tsv"
    program.write_bytes(Path(sys.executable).resolve().read_bytes()[:20000])
    page.add_corpus(str(program))
    qtbot.waitUntil(lambda: page.checks[str(program)] is not None, timeout=20_000)
    assert "not a text file" in page.report_view.toPlainText() and "UTF-16" not in page.report_view.toPlainText()
