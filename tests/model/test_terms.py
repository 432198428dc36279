"""Terms: a pinned Korean word becomes a slot the model copies, then the user's English."""

import pytest

from model.terms import SLOTS, Term, TermError, find_terms, protect, read_terms, restore

IU, CHILD = Term("아이유", "IU"), Term("아이", "child")


def protected(sentence, terms):
    return protect(sentence, find_terms(sentence, terms))


@pytest.mark.parametrize("sentence,expected", [
    ("아이유는 노래해요.", "{0}는 노래해요."),
    ("아이유가 왔어요.", "{0}가 왔어요."),
    ("아이유의 앨범", "{0}의 앨범"),
    ("아이유에게서 들었어요.", "아이유에게서 들었어요."),  # 에게서 is not in the particle list: left to the model
    ("(아이유)", "({0})"),
])
def test_a_term_keeps_the_particle_attached_to_it(sentence, expected):
    assert protected(sentence, [IU]) == expected


def test_the_longest_term_wins_and_a_short_one_never_fires_inside_another_word():
    assert protected("아이유와 아이가 놀아요.", [CHILD, IU]) == "{0}와 {1}가 놀아요."
    assert protected("아이들이 놀아요.", [CHILD]) == "아이들이 놀아요."
    assert protected("어린아이가 놀아요.", [CHILD]) == "어린아이가 놀아요."
    assert protected("어린아이가 놀아요.", [Term("아이", "child", inside_words=True)]) == "어린{0}가 놀아요."


def test_several_terms_get_slots_in_sentence_order_and_repeats_share_one():
    applied = find_terms("민수는 아이유를 좋아하고 아이유도 민수를 좋아해요.", [IU, Term("민수", "Minsu")])
    assert [(a.term.korean, a.slot, len(a.spans)) for a in applied] == [("민수", "{0}", 2), ("아이유", "{1}", 2)]


def test_more_terms_than_slots_leave_the_rest_to_the_model():
    terms = [Term(k, e) for k, e in [("서울", "Seoul"), ("부산", "Busan"), ("대구", "Daegu"), ("광주", "Gwangju")]]
    applied = find_terms("서울, 부산, 대구, 광주에 가요.", terms)
    assert len(applied) == len(SLOTS) and protected("서울, 부산, 대구, 광주에 가요.", terms).count("{") == len(SLOTS)


def test_a_lost_or_repeated_slot_is_reported_not_hidden():
    applied = find_terms("아이유는 노래해요.", [IU])
    assert restore("{0} sings.", applied) == ("IU sings.", [])
    english, problems = restore("She sings.", applied)
    assert english == "She sings." and problems == ["the term 아이유 → IU went missing"]
    assert "appears 2 times" in restore("{0} sings {0}.", applied)[1][0]


def test_term_files_tsv_csv_and_their_errors(tmp_path):
    tsv = tmp_path / "terms.tsv"
    tsv.write_text("korean\tenglish\n# names\n아이유\tIU\n\n삼성전자\tSamsung Electronics\n", encoding="utf-8")
    assert read_terms(tsv) == [IU, Term("삼성전자", "Samsung Electronics")]
    csv_file = tmp_path / "terms.csv"
    csv_file.write_text('아이유,IU\n"서울, 한국","Seoul, Korea"\n', encoding="utf-8")
    assert read_terms(csv_file)[1] == Term("서울, 한국", "Seoul, Korea")
    bad = tmp_path / "bad.csv"
    bad.write_text("아이유,IU\n한국\n", encoding="utf-8")
    with pytest.raises(TermError, match=r"bad.csv, line 2: expected two columns"):
        read_terms(bad)
    cp949 = tmp_path / "cp949.tsv"
    cp949.write_bytes("아이유\tIU\n".encode("cp949"))
    with pytest.raises(TermError, match="not UTF-8"):
        read_terms(cp949)


def test_the_shipped_model_copies_the_slot_so_the_name_comes_out_right(shipped_translator):
    sentence = "아이유는 그녀의 새 앨범을 발표했다."
    assert "IU" not in shipped_translator.translate(sentence).text  # 아이유 is read as 아이, "child"
    [translated] = shipped_translator.translate(sentence, terms=[IU, CHILD]).sentences
    assert translated.target.startswith("IU ") and "album" in translated.target and not translated.term_problems
    assert "{0}" in translated.source_pieces  # the attention panel labels this piece with the term


def test_a_sentence_that_loses_a_slot_is_translated_again_with_the_terms_that_came_through(shipped_translator):
    terms = [IU, Term("민수", "Minsu"), Term("서울", "Seoul")]
    [sentence] = shipped_translator.translate("민수와 아이유가 서울에서 만났어요.", terms=terms).sentences
    assert "Minsu" in sentence.target and "IU" in sentence.target and "{" not in sentence.target
    assert len(sentence.terms) == 2  # the third slot never came through with three terms (docs/terms.md)
    assert any("서울 → Seoul did not fit with the others" in problem for problem in sentence.term_problems)
