"""The Translator owns text: sentences keep their place in the raw text, the English streams line by line, files are
translated to files, and `explain` runs the same search as `translate` (terms and decoding included)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.api import Term, Translator
from model.corpus import normalize
from model.sentences import normalized_with_spans, segment

RAW = ("  고양이가  자고\t있어요. " + unicodedata.normalize("NFD", "개가 밖에서 놀아요.") + "\x00 😀 아이유는 좋아요.\n"
       "\n둘째 줄이에요.")


def test_each_sentence_knows_where_it_is_in_the_raw_text():
    lines = segment(RAW)
    assert [[s.text for s in line] for line in lines] == [
        ["고양이가 자고 있어요.", "개가 밖에서 놀아요.", "😀 아이유는 좋아요."], [], ["둘째 줄이에요."]]
    for sentence in (s for line in lines for s in line):
        raw = RAW[sentence.start:sentence.end]
        assert normalize(raw) == sentence.text  # the span holds exactly the sentence, as typed
        for index, char in enumerate(sentence.text):  # and each character maps onto what it came from
            start, end = sentence.raw_span(index, index + 1)
            assert normalize(RAW[start:end]) in (char, "")
    jamo = lines[0][1]
    start, end = jamo.raw_span(0, 1)  # 개, typed as two jamo
    assert RAW[start:end] == "\u1100\u1162" and unicodedata.normalize("NFC", RAW[start:end]) == "개"
    whole = segment(RAW, whole_lines=True)[0][0]
    assert whole.text == "고양이가 자고 있어요. 개가 밖에서 놀아요. 😀 아이유는 좋아요." and whole.start == 2


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(st.sampled_from(list("가각각 a.?!\t\n\x00\u3000\u2028😀é\u0301\u0308ㅎ")), max_size=40))
def test_spans_agree_with_the_normalisation_for_any_text(raw):
    text, spans = normalized_with_spans(raw)
    assert text == normalize(raw) and len(spans) == len(text)
    assert all(0 <= a < b <= len(raw) for a, b in spans)
    assert spans == sorted(spans)


@pytest.fixture(scope="module")
def translator(shipped_translator):
    return shipped_translator


def test_translate_places_each_sentence_in_the_text(translator):
    translation = translator.translate(RAW)
    assert translation.source == RAW and translation.complete and translation.done == translation.total == 4
    for sentence in translation.sentences:
        assert normalize(RAW[slice(*sentence.span)]) == sentence.source


def test_stream_yields_the_first_lines_as_they_are_done(translator):
    text = "\n".join(f"고양이가 {n}번 자요. 개가 놀아요." for n in range(30))
    parts = list(translator.stream(text, beam=1, first=8, largest=16))
    assert parts[0].lines == [] and parts[0].total == 60 and parts[0].done == 0  # at once, before any work
    assert [part.done for part in parts] == [0, 8, 24, 40, 56, 60]
    assert all(part.done == 2 * len(part.lines) for part in parts) and parts[-1].complete
    assert parts[-1].text.count("\n") == 29
    assert [s.span for s in parts[-1].sentences] == [s.span for s in translator.translate(text, beam=1).sentences]


def test_translate_file_writes_every_line_or_nothing(translator, tmp_path):
    source, target = tmp_path / "letter.txt", tmp_path / "letter.en.txt"
    source.write_text("고양이가 자고 있어요.\n\nHello 123\n날씨가 좋아요. 내일 만나요.\n", encoding="utf-8")
    translator.translate_file(source, target, beam=1)
    lines = target.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 5 and lines[1] == "" and lines[2] == "Hello 123" and lines[4] == ""

    def stop(done, total):
        raise KeyboardInterrupt

    target.write_text("the old file\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        translator.translate_file(source, target, on_progress=stop)
    assert target.read_text(encoding="utf-8") == "the old file\n"


def test_explain_takes_the_same_terms_and_decoding_as_translate(translator):
    """Seen: the Decoding tab explained "The child was born in 1993." while the English, with the term
    아이유 → IU, was "IU was born in 1993."."""
    text = "아이유는 1993년에 태어났다. 그녀는 최근에 드라마에 출연했다."
    terms = [Term("아이유", "IU")]
    translation = translator.translate(text, terms=terms)
    assert translation.sentences[0].target == "IU was born in 1993."
    explained = translator.explain(text, beam=translation.beam, alpha=translation.alpha, terms=translation.terms)
    assert [e.target for e in explained] == [s.target for s in translation.sentences]
    assert "▁{0}" in explained[0].source_pieces or "{0}" in explained[0].source_pieces
    assert explained[0].to_dict()["terms"] == [{"korean": "아이유", "english": "IU", "slot": "{0}"}]
    assert translator.explain(text)[0].target == "The child was born in 1993."  # without the term, as the model reads it
