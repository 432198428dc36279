"""Screenshots for the documentation, taken from the real app (run under Xvfb or QT_QPA_PLATFORM=offscreen); a
development tool, not part of the app:

  .venv/bin/python scripts/screenshots.py docs/screenshots [--model DIR] [--corpus FILE --dev DIR]

main-window.png (a translation with the attention panel), attention-panel.png (encoder self-attention of the
아이유 example), attention-heads.png (all heads of a layer), main-window-dark.png, and with --corpus
training-dialog.png (a real fine-tuning run of the model on that corpus, shown when it has finished);
decoding-view.png, positional-encoding.png and attention-steps.png (the attention dock's Decoding, Positions and
Steps tabs; --lecture-only takes just these three).
Settings and history go to a temporary file, never to the user's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout, when run as a script

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402

from desktop_app.app.main import build_window, create_application, setup_application  # noqa: E402

SAMPLE = ("오늘은 비가 와서 집에서 책을 읽었어요. 저녁에는 친구와 전화로 이야기했어요.\n\n"
          "내일은 날씨가 맑으면 공원에 산책하러 갈 거예요.")


def wait_for(signal, timeout_s: float = 300) -> list:
    """Run the event loop until `signal` fires; returns its arguments."""
    loop, received = QEventLoop(), []

    def done(*args):
        received.append(args)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(done)
    if not received:
        raise TimeoutError(f"waited {timeout_s} s for {signal}")
    return list(received[0])


def settle(ms: int = 500) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def lecture_screenshots(window, output: Path) -> None:
    """The Decoding tab on a sentence whose beam and greedy search disagree (step 2: the beam's "I" against
    greedy's "Tom"), and the Positions tab."""
    panel, lecture = window.attention_panel, window.lecture
    panel.show()
    window.source_edit.setPlainText("내일은 일찍 일어나야 해요.")
    window.translate_now()
    wait_for(window.translationShown)
    panel.setFloating(True)
    panel.resize(1100, 1000)
    panel.tabs.setCurrentWidget(lecture.decoding)
    if lecture.decoding.explained is None:
        wait_for(lecture.explainer.explained)
    settle(300)
    lecture.decoding.select_step(1)
    settle(800)
    panel.grab().save(str(output / "decoding-view.png"))
    panel.tabs.setCurrentWidget(lecture.positional)
    if lecture.positional.sizes is None:
        wait_for(lecture.explainer.sized)
    settle(800)
    panel.grab().save(str(output / "positional-encoding.png"))
    panel.tabs.setCurrentIndex(0)
    panel.setFloating(False)
    steps_screenshot(window, output)


def steps_screenshot(window, output: Path) -> None:
    """The Steps tab on the lecture's example: the three steps of 그녀's query in the head that links it most to
    아이유."""
    from desktop_app.views.attention.examples import EXAMPLES
    from desktop_app.views.attention.steps_view import STEPS_VIEW

    panel, steps = window.attention_panel, window.lecture.steps
    window.run_example(next(example for example in EXAMPLES if example.tab == STEPS_VIEW))
    wait_for(window.exampleShown)
    panel.setFloating(True)
    panel.resize(1180, 1060)
    while steps.shown is None or steps.shown[0] != steps.wanted:
        settle(100)
    settle(800)
    panel.grab().save(str(output / "attention-steps.png"))
    panel.tabs.setCurrentIndex(0)
    panel.setFloating(False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/screenshots.py")
    parser.add_argument("output", type=Path)
    parser.add_argument("--model", help="model bundle (default: the settings' or the shipped one)")
    parser.add_argument("--corpus", help="a corpus to fine-tune on for the training screenshot")
    parser.add_argument("--dev", default="", help="dev corpora folder for the training screenshot")
    parser.add_argument("--epochs", type=float, default=8)
    parser.add_argument("--batch", type=int, default=300, help="tokens per batch for the training run")
    parser.add_argument("--lecture-only", action="store_true",
                        help="only the Decoding, Positions and Steps tabs' screenshots")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)

    app = create_application([sys.argv[0]])
    from desktop_app.services.model_store import ModelStore
    from desktop_app.services.settings import AppSettings
    from desktop_app.views.attention.data import ALL_HEADS, AVERAGE, CROSS, SOURCE
    from desktop_app.views.attention.examples import EXAMPLES
    from desktop_app.views.theme import apply_theme

    scratch = tempfile.mkdtemp(prefix="hanyeong-screens-")
    settings = AppSettings(QSettings(f"{scratch}/settings.ini", QSettings.Format.IniFormat))
    settings.translate_as_you_type = False
    setup_application(app, settings)
    store = ModelStore(root=Path(scratch) / "appdata")
    window = build_window(settings, store, model_override=args.model)
    window.resize(1320, 900)
    window.show()
    if window.service.loading:
        wait_for(window.service.modelLoaded, 120)

    if args.lecture_only:
        lecture_screenshots(window, args.output)
        window.close()
        return 0

    # 1. the attention panel on the 아이유 example: 그녀 in encoder self-attention
    window.run_example(EXAMPLES[0])
    wait_for(window.exampleShown)
    panel = window.attention_panel
    panel.setFloating(True)
    panel.resize(1100, 860)
    settle(800)
    panel.grab().save(str(args.output / "attention-panel.png"))

    # 2. all heads of the last layer, cross-attention, one sentence
    panel.select_sentence(1)
    panel.set_kind(CROSS)
    panel.head_combo.setCurrentIndex(panel.head_combo.findData(ALL_HEADS))
    settle()
    panel.grab().save(str(args.output / "attention-heads.png"))
    panel.head_combo.setCurrentIndex(panel.head_combo.findData(AVERAGE))
    panel.setFloating(False)

    # 3. the main window: a two-paragraph translation, cross-attention with a Korean word in focus
    window.source_edit.setPlainText(SAMPLE)
    window.translate_now()
    wait_for(window.translationShown)
    panel.set_kind(CROSS)
    item = panel.current_item
    spans = window.highlighter.piece_spans(item, SOURCE)
    word = SAMPLE.find("책을")
    piece = next((i for i, s in enumerate(spans) if s and s[0] <= word < s[1]), None)
    if piece is not None:
        panel.pin_piece(SOURCE, piece)
    settle()
    window.grab().save(str(args.output / "main-window.png"))

    apply_theme(app, "dark")
    panel.refresh()
    if piece is not None:
        panel.pinned = None
        panel.pin_piece(SOURCE, piece)
    settle()
    window.grab().save(str(args.output / "main-window-dark.png"))
    apply_theme(app, "system")
    panel.refresh()

    lecture_screenshots(window, args.output)

    # 4. the training dialog after a real fine-tuning run
    if args.corpus:
        window.open_settings("training")
        dialog = window.settings_dialog
        page = dialog.training_page
        page.add_corpus(args.corpus)
        while page.checks.get(str(Path(args.corpus))) is None:
            settle(200)
        page.advanced_box.setChecked(True)
        page.epochs_spin.setValue(args.epochs)
        page.batch_spin.setValue(args.batch)
        page.eval_spin.setValue(10)
        page.warmup_spin.setValue(20)
        page.dev_edit.setText(args.dev)
        page.start_button.click()
        outcome, detail = wait_for(window.runner.ended, 3600)
        print(f"training {outcome}: {detail}")
        page.advanced_box.setChecked(False)
        dialog.resize(980, 760)
        settle()
        dialog.grab().save(str(args.output / "training-dialog.png"))
        dialog.close()
    window.close()
    print(f"screenshots in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
