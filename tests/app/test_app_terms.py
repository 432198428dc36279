"""Settings ▸ Terms: the table round trip (add, edit, switch off, delete, export and import, a bad file), and terms
at work in the window: the user's English, the highlights in both texts, the slot piece labelled in the attention
panel, the pronoun example, and whether the model already translates a term."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit
from support import translate

from desktop_app.services.alignment import SOURCE, TARGET
from desktop_app.services.settings import AppSettings
from desktop_app.services.terms import ENGLISH, KOREAN, MODEL, ON, TermEntry
from desktop_app.views.attention.data import ENCODER, select
from desktop_app.views.attention.examples import EXAMPLES
from desktop_app.views.highlighting import term_color
from model.api import SHIPPED_MODEL, Term


def edit_cell(qtbot, page, row: int, column: int, text: str) -> None:
    """Type into a cell the way a user does: open its editor, set the text, press Enter."""
    index = page.terms.index(row, column)
    if page.table.state() != page.table.State.EditingState or page.table.currentIndex() != index:
        page.table.setCurrentIndex(index)
        page.table.edit(index)
    editors = [e for e in page.table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def marked(editor) -> list[tuple[str, object]]:
    text = editor.toPlainText()
    return [(text[m.cursor.selectionStart():m.cursor.selectionEnd()], m.format.background().color())
            for m in editor.extraSelections()]


@pytest.fixture
def page(window):
    window.open_settings("terms")
    dialog = window.settings_dialog
    assert dialog.tabs.currentWidget() is dialog.terms_page
    return dialog.terms_page


def test_terms_table_round_trip(qtbot, window, page, app_settings, tmp_path):
    terms = page.terms
    assert terms.rowCount() == 0 and not page.export_button.isEnabled()
    page.add_button.click()
    edit_cell(qtbot, page, 0, KOREAN, "아이유")
    edit_cell(qtbot, page, 0, ENGLISH, "IU")
    page.add_term()
    edit_cell(qtbot, page, 1, KOREAN, "델루나")
    edit_cell(qtbot, page, 1, ENGLISH, "Del  Luna")  # spaces tidied
    page.add_term()  # an empty row does nothing until it is filled in
    assert terms.entries == [TermEntry("아이유", "IU"), TermEntry("델루나", "Del Luna"), TermEntry("", "")]
    assert window.service.terms == [Term("아이유", "IU"), Term("델루나", "Del Luna")]
    assert terms.data(terms.index(0, ON), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    # switch one off (the check box), edit one, delete the empty row
    terms.setData(terms.index(1, ON), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.service.terms == [Term("아이유", "IU")]
    edit_cell(qtbot, page, 0, ENGLISH, "IU (singer)")
    page.table.selectRow(2)
    assert page.delete_button.isEnabled()
    page.delete_button.click()
    assert terms.entries == [TermEntry("아이유", "IU (singer)"), TermEntry("델루나", "Del Luna", False)]
    assert window.service.terms == [Term("아이유", "IU (singer)")]

    # persisted at once, like the other settings
    stored = AppSettings(QSettings(app_settings.store.fileName(), QSettings.Format.IniFormat)).terms
    assert stored == [{"korean": "아이유", "english": "IU (singer)", "enabled": True},
                      {"korean": "델루나", "english": "Del Luna", "enabled": False}]

    # export (TSV and CSV), delete everything, import: the same terms, switched on
    assert page.export_button.isEnabled()
    for name in ("terms.tsv", "terms.csv"):
        assert page.export_file(str(tmp_path / name)), page.message.text()
    assert (tmp_path / "terms.tsv").read_text(encoding="utf-8") == "korean\tenglish\n아이유\tIU (singer)\n델루나\tDel Luna\n"
    assert (tmp_path / "terms.csv").read_text(encoding="utf-8").splitlines()[1] == "아이유,IU (singer)"
    page.table.selectAll()
    page.delete_button.click()
    assert terms.rowCount() == 0 and window.service.terms == []
    assert page.import_file(str(tmp_path / "terms.csv"))
    assert "2 new" in page.message.text()
    assert [(e.korean, e.english) for e in terms.entries] == [("아이유", "IU (singer)"), ("델루나", "Del Luna")]
    assert page.import_file(str(tmp_path / "terms.tsv")) and "0 new, 0 changed" in page.message.text()
    assert terms.rowCount() == 2

    # a bad file: one message naming the file and the line; the list is left as it was
    bad = tmp_path / "bad.tsv"
    bad.write_text("korean\tenglish\n고양이\tcat\n강아지\tpuppy\tdog\n", encoding="utf-8")
    assert not page.import_file(str(bad))
    assert "Nothing imported" in page.message.text() and "bad.tsv, line 3" in page.message.text()
    assert terms.rowCount() == 2


def test_a_term_gives_the_users_english_highlighted_in_both_texts(qtbot, make_window):
    window = make_window(model_override=str(SHIPPED_MODEL))
    window.attention_action.trigger()
    window.terms.add("아이유", "IU")
    translate(qtbot, window, "아이유는 1993년에 태어났다.")
    assert window.output_view.toPlainText().startswith("IU was born")
    green = term_color()
    assert ("아이유", green) in marked(window.source_edit)
    assert ("IU", green) in marked(window.output_view)
    assert not window.output_view.low_confidence

    # the attention panel names the slot piece the term became, on both sides
    sentence = window.attention_panel.current_item.sentence
    assert [applied.slot for applied in sentence.terms] == ["{0}"]
    view = select(sentence, ENCODER, 0, 0)
    assert "{0}=아이유" in view.col_labels
    assert "{0}=IU" in select(sentence, "cross", 0, 0).row_labels
    # ... and the slot piece maps onto the term's text in the editors
    piece = sentence.source_pieces.index("{0}")
    item = window.attention_panel.current_item
    start, end = window.highlighter.piece_spans(item, SOURCE)[piece]
    assert window.source_edit.toPlainText()[start:end] == "아이유"
    start, end = window.highlighter.piece_spans(item, TARGET)[sentence.target_pieces.index("{0}")]
    assert window.output_view.toPlainText()[start:end] == "IU"

    # switched off, the model reads 아이유 as 아이 again (translate-as-you-type redoes the translation)
    with qtbot.waitSignal(window.translationShown, timeout=60_000):
        window.terms.set_enabled(0, False)
    assert not window.output_view.toPlainText().startswith("IU")
    assert not [text for text, color in marked(window.source_edit) if color == green]


def test_terms_page_says_which_terms_the_model_already_translates(qtbot, make_window):
    window = make_window(model_override=str(SHIPPED_MODEL))
    window.terms.add("고양이", "cat")
    window.terms.add("아이유", "IU")
    window.open_settings("terms")
    terms = window.settings_dialog.terms_page.terms
    note = lambda row: terms.data(terms.index(row, MODEL))  # noqa: E731
    qtbot.waitUntil(lambda: "checking" not in note(0) + note(1) and note(0) != "", timeout=30_000)
    assert "already translates" in note(0) and "can be dropped" in note(0)
    assert note(1) == "needs the term"


def test_the_pronoun_example_uses_a_term(qtbot, make_window):
    window = make_window(model_override=str(SHIPPED_MODEL))
    example = EXAMPLES[0]
    assert example.terms == (("아이유", "IU"),)
    with qtbot.waitSignal(window.exampleShown, timeout=60_000):
        window.run_example(example)
    assert window.output_view.toPlainText().startswith("IU was born in 1993.")
    assert "아이유 → IU" in window.statusBar().currentMessage()
    assert window.terms.rowCount() == 0  # the example's term is its own, not added to the user's list
    assert "아이유" in window.attention_panel.info_label.text()  # the head linking 그녀 to the slot {0}
    # the same text typed by hand, without the example, is translated without the term
    window.service.example_terms = ("", [])
    translate(qtbot, window, example.text + " ")
    assert not window.output_view.toPlainText().startswith("IU")


def test_a_lost_term_marks_its_sentence(qtbot, window):
    view = window.output_view
    view.set_result("One. Two.", [(0, 4), (5, 9)], [0.9, 0.9], notes=[[], ["the term 아이유 → IU went missing"]])
    assert view.low_confidence == [1] and view.underlined_ranges() == [(5, 9)]
    assert "went missing" in view.confidence_tip(6) and "went missing" not in view.confidence_tip(1)
