from model.search import max_output_length
from model.sentences import split_sentences, split_text
from model.tokenizer import Tokenizer, readable_pieces

from support import TINY_PAIRS


def test_tokenizer_round_trip_keeps_text_and_placeholders():
    tokenizer = Tokenizer.train([k for k, _ in TINY_PAIRS] * 5, vocab_size=500)
    for text in ["고양이가 자고 있어요.", "파일 %s을(를) 열 수 없습니다", "漢字 와 😀 emoji"]:
        assert tokenizer.decode(tokenizer.encode(text)) == text
    assert "%s" in tokenizer.pieces(tokenizer.encode("파일 %s 열기"))


def test_readable_pieces_mark_word_starts_without_the_sentencepiece_glyph():
    assert readable_pieces(["▁고양이", "가", "▁자"]) == ["고양이", "·가", "자"]


def test_sentences_split_at_korean_sentence_ends_and_lines_are_kept():
    assert split_sentences("아이유는 1993년에 태어났다. 그녀는 최근에 출연했다.") == [
        "아이유는 1993년에 태어났다.", "그녀는 최근에 출연했다."]
    assert split_sentences("정말요? 네! \"좋아요.\" 그래요") == ["정말요?", "네!", "\"좋아요.\"", "그래요"]
    assert split_text("첫 줄.\n\n둘째 줄") == [["첫 줄."], [], ["둘째 줄"]]


def test_output_length_is_bounded_by_the_input():
    assert max_output_length(5, 256) == 20
    assert max_output_length(500, 256) == 256


def test_broken_pasted_text_is_made_valid_before_tokenizing():
    assert split_text("a\ud800b. 다음\x00 문장.\r\n\n끝") == [["a?b.", "다음 문장."], [], ["끝"]]
