"""Corpora from the wild: legacy encodings are named, broken tables give a report, and a million-line corpus is
checked in flat memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import openpyxl
import pytest

from model.corpus import CorpusError, check_corpus, read_corpus

from support import REPO

MILLION = 1_000_000

MEMORY_PROBE = """
import json, resource, sys, time
from model.corpus import check_corpus
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
before = peak()
started = time.monotonic()
count, preview, report = check_corpus(sys.argv[1])
print(json.dumps({"pairs": count, "preview": len(preview), "rows": report.rows_read, "kept": report.kept,
                  "dropped": dict(report.dropped), "grew": peak() - before, "seconds": time.monotonic() - started}))
"""


def test_a_million_line_corpus_is_checked_in_flat_memory(tmp_path):
    """The .ko/.en pair is 100 MB; the check streams it, so the process grows by the duplicate-finder's table
    (~16 bytes a pair), not by the corpus (reading the files whole, as before, grew it by over 300 MB)."""
    korean, english = tmp_path / "big.ko", tmp_path / "big.en"
    with open(korean, "w", encoding="utf-8") as ko, open(english, "w", encoding="utf-8") as en:
        for start in range(0, MILLION, 10_000):
            ko.write("".join(f"{n}번 고양이가 의자 위에서 자고 있어요.\n" for n in range(start, start + 10_000)))
            en.write("".join(f"Cat number {n} is sleeping on the chair.\n" for n in range(start, start + 10_000)))
        ko.write("1번 고양이가 의자 위에서 자고 있어요.\n\n")  # a duplicate and an empty pair at the very end
        en.write("Cat number 1 is sleeping on the chair.\n\n")
    assert korean.stat().st_size + english.stat().st_size > 90_000_000
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(korean)], capture_output=True, text=True,
                            cwd=REPO, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    assert figures["rows"] == MILLION + 2 and figures["pairs"] == MILLION and figures["preview"] == 200
    assert figures["dropped"] == {"duplicate": 1, "empty side": 1}
    assert figures["grew"] < 64 << 20, f"memory grew by {figures['grew'] >> 20} MB"


def test_xlsx_with_merged_cells_extra_sheets_and_odd_values_gives_a_report(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "pairs"
    sheet.append(["번호", "원문", "번역문"])
    sheet.append([1, "사과를 먹어요.", "I eat an apple."])
    sheet.append([2, "배를 먹어요.", "I eat a pear."])
    sheet.append([3, None, "I eat a grape."])  # merged into the cell above: the value is only in the first cell
    sheet.merge_cells("B3:B4")
    sheet.append([4, 12345, 3.5])  # numbers, not text
    sheet.append([5, "=B2", "formula"])  # a formula that was never calculated
    sheet.append([6])  # a short row
    workbook.create_sheet("notes").append(["these are notes, not pairs"])
    workbook.create_sheet("더 많은 데이터").append(["고양이", "cat"])
    path = tmp_path / "aihub.xlsx"
    workbook.save(path)
    pairs, report = read_corpus(path)
    assert pairs == [("사과를 먹어요.", "I eat an apple."), ("배를 먹어요.", "I eat a pear.")]
    assert report.rows_read == 6 and report.kept == 2
    assert report.dropped == {"empty side": 3, "Korean side has no Hangul": 1}
    assert report.notes == ["only the first sheet 'pairs' was read; ignored: 'notes', '더 많은 데이터'"]
    assert "note: only the first sheet" in report.summary()
    count, preview, checked = check_corpus(path)
    assert (count, preview, checked.to_dict()) == (2, pairs, report.to_dict())


@pytest.mark.parametrize("name,content,message", [
    ("legacy.ko", "고양이\n개\n".encode("cp949"), "line 1: the file looks like CP949/EUC-KR"),
    ("legacy.tsv", "ok\tfine\n고양이\tcat\n".encode("euc-kr"), "line 2: the file looks like CP949/EUC-KR"),
    ("wide.ko", "고양이\n".encode("utf-16-le"), "the file is UTF-16"),  # no byte order mark
    ("wide.csv", "고양이,cat\n".encode("utf-16"), "the file is UTF-16"),
    ("legacy.tmx", '<?xml version="1.0"?><tmx><body><tu><tuv xml:lang="ko"><seg>고양이</seg></tuv></tu></body></tmx>'
     .encode("cp949"), "CP949/EUC-KR"),
    ("binary.tsv", bytes(range(256)) * 4, "not a text file"),  # binary data: named as such, not as an encoding
    ("zip.xlsx", b"PK\x05\x06" + b"\0" * 18, "not a readable .xlsx"),
])
def test_files_from_the_wild_are_refused_with_a_message_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    if path.suffix == ".ko":
        path.with_suffix(".en").write_text("cat\ndog\n" if "legacy" in name else "cat\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_corpus(path)
    assert message in str(error.value) and name in str(error.value)
    with pytest.raises(CorpusError):
        check_corpus(path)


def test_stray_nul_and_control_bytes_are_cleaned_not_fatal(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes("가방,a\x00bag\n나무,\x1b[31mtree\n".encode())
    pairs, report = read_corpus(path)
    assert pairs == [("가방", "a bag"), ("나무", "[31mtree")] and report.rows_read == 2


def test_unequal_and_empty_pairs_are_refused_before_any_row_is_used(tmp_path):
    (tmp_path / "a.ko").write_text("하나\n둘\n셋\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("one\ntwo", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(CorpusError, match="has 3 lines but .* has 2"):
        check_corpus(tmp_path / "a.ko")
    assert time.monotonic() - started < 5
    (tmp_path / "b.ko").write_bytes(b"")
    (tmp_path / "b.en").write_bytes(b"")
    with pytest.raises(CorpusError, match="the corpus is empty"):
        read_corpus(tmp_path / "b.ko")


def test_unicode_line_separators_inside_a_line_keep_the_pairs_aligned(tmp_path):
    (tmp_path / "s.ko").write_text("첫째\u2028줄\n둘째 줄\r\n", encoding="utf-8")
    (tmp_path / "s.en").write_text("first\x0cline\nsecond line\r\n", encoding="utf-8")
    pairs, report = read_corpus(tmp_path / "s.ko")
    assert pairs == [("첫째 줄", "first line"), ("둘째 줄", "second line")] and report.rows_read == 2
