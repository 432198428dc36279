"""A long paste: the translator streams its English line by line (Translator.stream), all progress text counts
sentences, the attention panel says a translation is under way, the panes end in step, and Cancel keeps exactly
the English the progress counted."""

from __future__ import annotations

from support import SHIPPED_MODEL

from model.api import Translator


def test_a_long_text_streams_its_english_and_counts_sentences(qtbot, window):
    lines = [f"고양이가 {n}번 자요. 개가 놀아요." for n in range(40)]  # 80 sentences: parts of 16, 32, then the rest
    text = "\n".join(lines)
    partials, seen_while_translating = [], []

    def on_partial(job, translation):
        partials.append((len(translation.lines), translation.done, translation.total))
        seen_while_translating.append((window.output_view.toPlainText(), window.panes.progress_bar.format(),
                                       window.attention_panel.canvas.message))

    window.service.partial.connect(on_partial)
    window.source_edit.setPlainText(text)
    window.source_edit.verticalScrollBar().setValue(window.source_edit.verticalScrollBar().maximum())
    with qtbot.waitSignal(window.translationShown, timeout=240_000):
        window.panes.translate_button.click()
        assert "Translating… The sentences" in window.attention_panel.canvas.message  # not "no Korean sentence"
    assert partials, "no English before the end"
    assert [done for _, done, _ in partials] == sorted(done for _, done, _ in partials)
    for line_count, done, total in partials:
        assert done == 2 * line_count and total == 2 * len(lines)  # whole lines, every sentence of them
    assert partials[0][1] >= 16 and partials[0][0] < len(lines)
    output = window.output_view.toPlainText()
    assert output.count("\n") == len(lines) - 1
    assert window.panes.progress_bar.format() == "%v of %m sentences"
    # the English pane shows the same part of its text as the Korean one: both at the end here
    out_bar = window.output_view.verticalScrollBar()
    assert out_bar.maximum() == 0 or out_bar.value() >= out_bar.maximum() * 0.9


def test_cancel_keeps_the_english_of_the_sentences_the_progress_counted(qtbot, make_window):
    """Seen: Cancel on a long text kept 354 lines of English when 464 sentences were done (the app translated in
    slices and dropped the one under way, or everything). Now the translator streams whole lines, progress counts
    the sentences of the English shown, and Cancel keeps that English, on screen and in the panel."""
    window = make_window(model_override=str(SHIPPED_MODEL))
    window.as_you_type_action.setChecked(False)
    lines = ["고양이가 의자 위에서 자고 있어요. 개가 밖에서 놀고 있어요.", "오늘은 비가 와서 집에서 책을 읽었어요."] * 150
    window.source_edit.setPlainText("\n".join(lines))
    reports, partials = [], []
    window.service.progress.connect(lambda job, done, total: reports.append((done, total)))
    window.service.partial.connect(lambda job, translation: partials.append(translation))
    window.panes.translate_button.click()
    qtbot.waitUntil(lambda: len(partials) >= 2, timeout=120_000)
    assert window.panes.progress_row.isVisible() and reports[0] == (0, 450)
    with qtbot.waitSignal(window.service.cancelled, timeout=120_000):
        window.panes.cancel_button.click()
    done, total = reports[-1]
    assert 0 < done < total == 450
    kept = window.result.translation
    assert kept.done == done and len(kept.lines) < len(lines)  # what the bar said is what is kept
    english = window.output_view.toPlainText().split("\n")
    assert len(english) == len(kept.lines) and all(english)
    assert window.statusBar().currentMessage() == \
        f"Translation cancelled: the English of {done} of 450 sentences is kept."
    alone = Translator(SHIPPED_MODEL).translate("\n".join(lines[:len(kept.lines)]))
    assert window.output_view.toPlainText() == alone.text  # the same English as translating those lines alone
    labels = [window.attention_panel.sentence_combo.itemText(i) for i in range(3)]
    assert labels[0] == "고양이가 의자 위에서 자고 있어요." and labels[2].startswith("Whole line:")
    assert not window.panes.progress_row.isVisible()
