"""A long paste: English appears slice by slice while the rest is translated, all progress text counts sentences,
the attention panel says a translation is under way, and the panes end in step."""

from __future__ import annotations

from desktop_app.services.workers import STREAM_FIRST_SLICE


def test_a_long_text_streams_its_english_and_counts_sentences(qtbot, window):
    lines = [f"고양이가 {n}번 자요. 개가 놀아요." for n in range(STREAM_FIRST_SLICE * 2)]  # 4 slices' worth
    text = "\n".join(lines)
    partials, seen_while_translating = [], []

    def on_partial(job, translation, prefix):
        partials.append((len(translation.lines), prefix))
        seen_while_translating.append((window.output_view.toPlainText(), window.panes.progress_bar.format(),
                                       window.attention_panel.canvas.message))

    window.service.partial.connect(on_partial)
    window.source_edit.setPlainText(text)
    window.source_edit.verticalScrollBar().setValue(window.source_edit.verticalScrollBar().maximum())
    with qtbot.waitSignal(window.translationShown, timeout=240_000):
        window.panes.translate_button.click()
        assert "Translating… The sentences" in window.attention_panel.canvas.message  # not "no Korean sentence"
    assert partials, "no English before the end"
    first_lines, first_prefix = partials[0]
    assert first_lines == first_prefix.count("\n") + 1 and first_lines < len(lines)
    assert text.startswith(first_prefix)
    qtbot.waitUntil(lambda: window.output_view.toPlainText().count("\n") >= 0)
    output = window.output_view.toPlainText()
    assert output.count("\n") == len(lines) - 1
    assert window.panes.progress_bar.format() == "%v of %m sentences"
    # the English pane shows the same part of its text as the Korean one: both at the end here
    out_bar = window.output_view.verticalScrollBar()
    assert out_bar.maximum() == 0 or out_bar.value() >= out_bar.maximum() * 0.9
