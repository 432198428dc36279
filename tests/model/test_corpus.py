import openpyxl
import pytest

from model.corpus import CorpusError, normalize, read_corpus, strip_accelerators

from support import write_pairs


def test_aligned_pair_folder_is_read_and_cleaned(tmp_path):
    pairs = [("안녕하세요", "Hello"), ("안녕하세요", "Hello"), ("", "empty"), ("고양이", "cat"),
             ("짧", "x" * 200), ("Hello", "Bonjour")]
    folder = write_pairs(tmp_path / "c", pairs)
    kept, report = read_corpus(folder)
    assert kept == [("안녕하세요", "Hello"), ("고양이", "cat")]
    assert report.rows_read == 6 and report.kept == 2
    assert report.dropped == {"duplicate": 1, "empty side": 1, "length ratio outlier": 1,
                              "Korean side has no Hangul": 1}
    assert [line for line, _ in report.first_bad_rows] == [2, 3, 5, 6]
    assert "kept" in report.summary()


def test_single_file_of_the_pair_finds_its_sibling(tmp_path):
    write_pairs(tmp_path, [("책", "book")], stem="mine")
    kept, _ = read_corpus(tmp_path / "mine.en")
    assert kept == [("책", "book")]


def test_normalisation_nfc_whitespace_and_accelerators():
    decomposed = "\u1100\u1161"  # 가 as jamo
    assert normalize(f"  {decomposed}\t  나 \u0007") == "가 나"
    assert strip_accelerators("파일 열기(&O)", "&Open _File") == ("파일 열기", "Open File")
    assert strip_accelerators("A & B", "Tom & Jerry") == ("A & B", "Tom & Jerry")


def test_tsv_with_ai_hub_headers(tmp_path):
    path = tmp_path / "aihub.tsv"
    path.write_text("번호\t원문\t번역문\n1\t사과\tapple\n2\t배\tpear\n", encoding="utf-8")
    assert read_corpus(path)[0] == [("사과", "apple"), ("배", "pear")]


def test_csv_without_header_takes_first_two_columns(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text('사과,apple\n"배, 신선한","pear, fresh"\n', encoding="utf-8")
    assert read_corpus(path)[0] == [("사과", "apple"), ("배, 신선한", "pear, fresh")]


def test_xlsx_with_header_and_extra_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ko", "en"])
    sheet.append(["포도", "grape"])
    sheet.append([None, "orphan"])
    workbook.create_sheet("notes").append(["ignored"])
    path = tmp_path / "pairs.xlsx"
    workbook.save(path)
    kept, report = read_corpus(path)
    assert kept == [("포도", "grape")]
    assert report.dropped == {"empty side": 1}


def test_tmx(tmp_path):
    path = tmp_path / "memory.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><body>'
        '<tu><tuv xml:lang="ko-KR"><seg>바다</seg></tuv><tuv xml:lang="en-US"><seg>sea</seg></tuv></tu>'
        '</body></tmx>', encoding="utf-8")
    assert read_corpus(path)[0] == [("바다", "sea")]


@pytest.mark.parametrize("name,content,message", [
    ("cp949.tsv", "사과\tapple\n".encode("cp949"), "CP949/EUC-KR"),
    ("utf16.tsv", "사과\tapple\n".encode("utf-16"), "UTF-16"),
    ("broken.tmx", b"<tmx><body><tu>", "not well-formed TMX"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx"),
    ("empty.tsv", b"", "empty"),
    ("notes.docx", b"x", "unsupported corpus format"),
])
def test_broken_files_give_a_message_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError) as error:
        read_corpus(path)
    assert message in str(error.value) and name in str(error.value)


def test_unequal_line_counts_are_refused(tmp_path):
    (tmp_path / "a.ko").write_text("하나\n둘\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("one\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="2 lines but .* has 1"):
        read_corpus(tmp_path / "a.ko")


def test_bad_utf8_names_the_line(tmp_path):
    (tmp_path / "b.ko").write_bytes("좋아\n".encode() + b"\xff\xfe\xfa\n")
    (tmp_path / "b.en").write_text("good\nbad\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2"):
        read_corpus(tmp_path / "b.ko")


def test_a_binary_file_is_not_a_text_file_not_utf16(tmp_path):
    """An executable renamed .tsv was called "UTF-16; save it as UTF-8"; it is not text at all. Korean text that
    merely starts like a signature ("MZ세대") is still text."""
    import sys
    from pathlib import Path

    program = tmp_path / "program.tsv"
    program.write_bytes(Path(sys.executable).resolve().read_bytes()[:20000])
    with pytest.raises(CorpusError, match="not a text file"):
        read_corpus(program)
    zipped = tmp_path / "archive.ko"
    zipped.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    zipped.with_suffix(".en").write_text("x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a text file"):
        read_corpus(zipped)
    text = tmp_path / "mz.tsv"
    text.write_text("ko\ten\nMZ세대가 좋아해요.\tGen MZ likes it.\n", encoding="utf-8")
    pairs, _ = read_corpus(text)
    assert pairs == [("MZ세대가 좋아해요.", "Gen MZ likes it.")]
    utf16 = tmp_path / "utf16.tsv"
    utf16.write_bytes("ko\ten\n고양이\tcat\n".encode("utf-16-le"))
    with pytest.raises(CorpusError, match="UTF-16"):
        read_corpus(utf16)
