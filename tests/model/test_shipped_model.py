"""The real shipped bundle: complete, documented, small enough, and what a translation of it carries.
Everyday sentences are in test_everyday.py."""

from model import bundle as bundles

from support import SHIPPED_MODEL


def test_the_shipped_bundle_is_complete_and_documented():
    loaded = bundles.load(SHIPPED_MODEL)
    card = loaded.card
    assert {"tatoeba_dev", "flores_dev_subset", "jhe_dev", "kpc_news_dev"} <= set(card["dev_scores"])
    assert all(entry["licence"] for entry in card["corpora"])
    assert sum(f.stat().st_size for f in SHIPPED_MODEL.iterdir()) < 100_000_000
    assert card["export"]["weights_h5"] == "float16" and card["decoding"]["beam"] >= 1


def test_multi_sentence_text_keeps_its_paragraphs(shipped_translator):
    result = shipped_translator.translate("안녕하세요. 만나서 반가워요.\n\n감사합니다.", with_attention=True)
    assert len(result.lines) == 3 and len(result.lines[0]) == 2 and result.lines[1] == []
    assert result.text.count("\n") == 2
    sentence = result.lines[0][0]
    assert 0 < sentence.confidence <= 1
    heads, rows, cols = sentence.cross_attention[0].shape
    assert rows == len(sentence.target_pieces) and cols == len(sentence.source_pieces)
