"""Parallel corpora: readers for every format a user may bring, cleaning, and a validation report.

Every reader yields raw (line_number, korean, english) rows; `read_corpus` normalises and filters them and
returns the kept pairs together with a `ValidationReport` saying what was dropped and why. Problems with the
file itself (wrong encoding, unequal line counts, unreadable sheet) raise `CorpusError`, whose message names
the file and, where it can, the line: callers show it as one line, never as a traceback.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

MAX_CHARS = 1000  # longer segments are paragraphs or concatenated strings, not sentences
MAX_LENGTH_RATIO = 9.0  # English chars per Korean char is ~2-3; far beyond that is misalignment
KOREAN_HEADERS = ("원문", "한국어", "ko", "kor", "korean", "source", "src")
ENGLISH_HEADERS = ("번역문", "영어", "en", "eng", "english", "target", "tgt", "translation")
FIRST_BAD_ROWS_KEPT = 10


class CorpusError(Exception):
    """A corpus file that cannot be read at all; the message names the file (and line)."""


@dataclass
class ValidationReport:
    source: str
    rows_read: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)
    first_bad_rows: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    notes: list[str] = field(default_factory=list)  # about the file as a whole (sheets that were not read, …)

    def drop(self, line: int, reason: str) -> None:
        self.dropped[reason] += 1
        if len(self.first_bad_rows) < FIRST_BAD_ROWS_KEPT:
            self.first_bad_rows.append((line, reason))

    def merge(self, other: "ValidationReport") -> None:
        self.rows_read += other.rows_read
        self.kept += other.kept
        self.dropped.update(other.dropped)
        room = FIRST_BAD_ROWS_KEPT - len(self.first_bad_rows)
        self.first_bad_rows.extend((line, f"{other.source}: {why}") for line, why in other.first_bad_rows[:room])
        self.notes.extend(f"{other.source}: {note}" for note in other.notes)

    def summary(self) -> str:
        lines = [f"{self.source}: {self.rows_read} rows read, {self.kept} kept"]
        lines += [f"  note: {note}" for note in self.notes]
        for reason, count in sorted(self.dropped.items(), key=lambda item: -item[1]):
            lines.append(f"  dropped {count}: {reason}")
        for line, reason in self.first_bad_rows:
            lines.append(f"  line {line}: {reason}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "rows_read": self.rows_read,
            "kept": self.kept,
            "dropped": dict(self.dropped),
            "first_bad_rows": [list(row) for row in self.first_bad_rows],
            "notes": list(self.notes),
        }


# --- normalisation -----------------------------------------------------------------------------------------

# Accelerator marks of interface strings: "파일(&F)", "(_O)", "&File", "_Open". They are keyboard hints, not words,
# and would teach the model to emit stray "&" and "_".
_KO_ACCELERATOR = re.compile(r"\s*\(\s*[&_~]?[A-Za-z0-9]\s*\)(?=$|[\s.:…])")
_EN_ACCELERATOR = re.compile(r"(?:(?<=^)|(?<=\s))[&_~](?=[A-Za-z0-9])")


def normalize(text: str) -> str:
    """Unicode NFC, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # printable text has no control (C*) characters: skip the per-character pass
        text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())  # str.split() and re's \s agree on what whitespace is; this is much faster


def strip_accelerators(korean: str, english: str) -> tuple[str, str]:
    if "(" in korean:
        korean = _KO_ACCELERATOR.sub("", korean)
    if "&" in english or "_" in english or "~" in english:
        english = _EN_ACCELERATOR.sub("", english)
    return korean, english


_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def has_hangul(text: str) -> bool:
    """Any Hangul syllable or jamo (conjoining or compatibility)."""
    return _HANGUL.search(text) is not None


_LATIN = re.compile("[A-Za-z]")


def has_language(text: str, language: str) -> bool:
    """Whether text has any letter of the language's script: Hangul for "ko", Latin letters for "en"."""
    return has_hangul(text) if language == "ko" else _LATIN.search(text) is not None


# --- readers: each yields (line number, korean, english) ---------------------------------------------------
#
# Line-based files are read line by line (memory stays flat for any size); the encoding is checked on the way:
# a UTF-16 byte order mark (or the NUL bytes of UTF-16 without one) is refused at once, a line that is not UTF-8
# is refused with its number, and named CP949/EUC-KR when it decodes as that. Lines end at "\n" (with or without
# "\r"), as `wc -l` counts them; other Unicode line separators stay inside their line, so pairs stay aligned.

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a byte order mark: NUL beside every line break and space, or every other byte of ASCII
    text NUL. (UTF-8 text has no NUL bytes at all.)"""
    if b"\0" not in head:
        return False
    if b"\n\0" in head or b"\0\n" in head or b" \0" in head or b"\0 " in head:
        return True
    return len(head) >= 8 and (head[0::2].count(0) > len(head) // 4 or head[1::2].count(0) > len(head) // 4)


def check_encoding(path: Path) -> None:
    """CorpusError at once for a file in UTF-16 (with or without a byte order mark)."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror or error})") from None
    _check_head(path, head)


def _encoding_error(path: Path, line: int, raw: bytes) -> CorpusError:
    try:
        raw.decode("cp949")
    except UnicodeDecodeError:
        return CorpusError(f"{path}, line {line}: not valid UTF-8 text")
    return CorpusError(f"{path}, line {line}: the file looks like CP949/EUC-KR; save it as UTF-8 and try again")


_BINARY_SIGNATURES = (b"\x7fELF", b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"\x1f\x8b",
                      b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\xca\xfe\xba\xbe",
                      b"\xcf\xfa\xed\xfe", b"SQLite format 3")
_TEXT_CONTROLS = set(b"\t\n\r\f\v\x1b\0")  # NUL: UTF-16 text has them; it is told apart by its pattern


def _looks_binary(head: bytes) -> bool:
    """A program, an archive, an image…: a known signature, or control bytes that no text has (text in any
    encoding, UTF-16 included, has almost none besides tabs and line breaks)."""
    if head.startswith(_BINARY_SIGNATURES) and not head.startswith(_UTF16_BOMS):
        return True
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return len(head) > 0 and controls > max(8, len(head) // 20)


def _check_head(path: Path, head: bytes) -> None:
    if _looks_binary(head[:4096]):
        raise CorpusError(f"{path}: not a text file (binary data, such as a program or an archive); a corpus is "
                          "UTF-8 text (.ko/.en, TSV/CSV), XLSX or TMX")
    if head.startswith(_UTF16_BOMS) or _looks_like_utf16(head[:4096]):
        raise CorpusError(f"{path}: the file is UTF-16; save it as UTF-8 and try again")


def read_text_file(path: Path) -> str:
    """A text file to translate, decoded like a corpus file (UTF-8, or a clear error naming the encoding)."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    return _decode(path)


def _decode(path: Path) -> str:
    """A whole (small) text file, checked like the line readers check theirs."""
    data = path.read_bytes()
    _check_head(path, data[:4096])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        start = data.rfind(b"\n", 0, error.start) + 1
        end = data.find(b"\n", error.start)
        raise _encoding_error(path, line, data[start:end if end >= 0 else len(data)]) from None


def iter_lines(path: Path, keep_ends: bool = False) -> Iterator[str]:
    """The file's lines, decoded one at a time (UTF-8; a BOM is dropped). Raises CorpusError at the first line
    that is not UTF-8, naming the line."""
    path = Path(path)
    try:
        file = open(path, "rb")
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror or error})") from None
    with file:
        head = file.peek(4096)[:4096] if hasattr(file, "peek") else b""
        _check_head(path, head)
        if head.startswith(b"\xef\xbb\xbf"):
            file.read(3)
        for number, raw in enumerate(file, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise _encoding_error(path, number, raw) from None
            yield text if keep_ends else text.rstrip("\n").rstrip("\r")


def count_lines(path: Path) -> int:
    with open(path, "rb") as file:
        count, last = 0, b""
        for block in iter(lambda: file.read(1 << 20), b""):
            count += block.count(b"\n")
            last = block
        return count + (1 if last and not last.endswith(b"\n") else 0)


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_suffix(suffix)


def read_aligned_files(korean_path: Path, english_path: Path) -> Iterator[tuple[int, str, str]]:
    """Line n of the .ko file with line n of the .en file, streamed. Unequal line counts are an error, found
    before any row is given out (counting lines is cheap), so a caller never trains on half a corpus."""
    check_encoding(korean_path)
    check_encoding(english_path)
    korean_count, english_count = count_lines(korean_path), count_lines(english_path)
    if korean_count != english_count:
        raise CorpusError(
            f"{korean_path} has {korean_count} lines but {english_path} has {english_count}: "
            "the two files must be line-aligned"
        )
    for number, (korean, english) in enumerate(zip(iter_lines(korean_path), iter_lines(english_path)), start=1):
        yield number, korean, english


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [str(cell or "").strip().lower() for cell in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _rows_with_header(path: Path, rows: Iterable[tuple[int, list]]) -> Iterator[tuple[int, str, str]]:
    """Table rows: use the header if it names the columns, else treat the first two columns as ko, en."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    number, header = first
    ko_column, en_column = _column(header, KOREAN_HEADERS), _column(header, ENGLISH_HEADERS)
    if ko_column is None or en_column is None:
        ko_column, en_column = 0, 1
        rows = iter([first, *rows])
    for number, row in rows:
        cells = [("" if cell is None else str(cell)) for cell in row]
        if len(cells) <= max(ko_column, en_column):
            yield number, "", ""  # counted as an empty row by the filter
            continue
        yield number, cells[ko_column], cells[en_column]


def read_delimited(path: Path) -> Iterator[tuple[int, str, str]]:
    lines = iter_lines(path, keep_ends=True)
    head: list[str] = []
    for line in lines:  # enough of the start to tell tabs from commas
        head.append(line)
        if sum(map(len, head)) >= 4096:
            break
    delimiter = "\t" if path.suffix.lower() == ".tsv" or any("\t" in line for line in head) else ","
    reader = csv.reader(itertools.chain(head, lines), delimiter=delimiter)
    try:
        yield from _rows_with_header(path, ((reader.line_num, row) for row in reader))
    except csv.Error as error:
        raise CorpusError(f"{path}, line {reader.line_num}: {error}") from None


def read_xlsx(path: Path, notes: list[str] | None = None) -> Iterator[tuple[int, str, str]]:
    """The first sheet's rows (AI Hub puts the pairs there), streamed. Merged cells keep their value in the first
    cell only, so the other rows of a merged range come out empty and are reported as such; other sheets are
    named in `notes`."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged archive: say what it means, not its name
        import zipfile

        why = ("it is not the ZIP archive an .xlsx file is: damaged, or another format renamed (an old .xls?)"
               if isinstance(error, zipfile.BadZipFile) else "its contents are damaged or not a workbook's")
        raise CorpusError(f"{path}: not a readable .xlsx workbook; {why}") from None
    try:
        if not workbook.worksheets:
            raise CorpusError(f"{path}: the workbook has no sheets")
        sheet = workbook.worksheets[0]
        if notes is not None and len(workbook.worksheets) > 1:
            others = ", ".join(f"'{other.title}'" for other in workbook.worksheets[1:])
            notes.append(f"only the first sheet '{sheet.title}' was read; ignored: {others}")
        try:
            rows = ((number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1))
            yield from _rows_with_header(path, rows)
        except CorpusError:
            raise
        except Exception as error:  # a damaged sheet inside a readable archive
            raise CorpusError(f"{path}: the sheet '{sheet.title}' cannot be read ({type(error).__name__})") from None
    finally:
        workbook.close()


def read_tmx(path: Path) -> Iterator[tuple[int, str, str]]:
    """Translation units, parsed incrementally (each <tu> is dropped once read, so memory stays flat)."""
    for _ in iter_lines(path):  # the encoding check of every line reader: a clear message, not an XML error
        pass
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    number, parents = 0, []
    try:
        for event, element in ElementTree.iterparse(path, events=("start", "end")):
            if event == "start":
                parents.append(element)
                continue
            parents.pop()
            if element.tag != "tu":
                continue
            number += 1
            texts = {}
            for variant in element.iter("tuv"):
                lang = (variant.get(xml_lang) or variant.get("lang") or "").lower()
                segment = variant.find("seg")
                texts[lang.split("-")[0]] = "".join(segment.itertext()) if segment is not None else ""
            if parents:
                parents[-1].remove(element)
            yield number, texts.get("ko", ""), texts.get("en", "")
    except ElementTree.ParseError as error:
        raise CorpusError(f"{path}, line {error.position[0]}: not well-formed TMX ({error.msg})") from None


def iter_rows(path: str | Path, notes: list[str] | None = None) -> Iterator[tuple[int, str, str]]:
    """Raw rows of any supported corpus: a folder of .ko/.en files, one of the pair, TSV/CSV, XLSX or TMX, streamed.
    Remarks about the file as a whole go to `notes`."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        korean_files = sorted(path.glob("*.ko"))
        if not korean_files:
            raise CorpusError(f"{path}: the folder holds no .ko/.en file pair")
        for korean_path in korean_files:
            english_path = _sibling(korean_path, ".en")
            if not english_path.exists():
                raise CorpusError(f"{korean_path}: no matching {english_path.name}")
            yield from read_aligned_files(korean_path, english_path)
        return
    suffix = path.suffix.lower()
    if suffix in (".ko", ".en"):
        korean_path, english_path = _sibling(path, ".ko"), _sibling(path, ".en")
        for needed in (korean_path, english_path):
            if not needed.exists():
                raise CorpusError(f"{path}: the pair needs {needed.name} beside it")
        yield from read_aligned_files(korean_path, english_path)
    elif suffix in (".tsv", ".csv", ".txt"):
        yield from read_delimited(path)
    elif suffix in (".xlsx", ".xlsm"):
        yield from read_xlsx(path, notes)
    elif suffix == ".tmx":
        yield from read_tmx(path)
    else:
        raise CorpusError(f"{path}: unsupported corpus format '{suffix}' (use .ko/.en, .tsv, .csv, .xlsx or .tmx)")


class FingerprintSet:
    """A set of 64-bit fingerprints in one flat array (open addressing, linear probing): about 16 bytes per entry
    where a Python set of ints takes about 70, so finding the duplicates of millions of pairs stays small."""

    def __init__(self, capacity: int = 1 << 12):
        self.table = array("Q", [0]) * capacity
        self.mask = capacity - 1
        self.size = 0

    def add(self, value: int) -> bool:
        """Add `value`; False if it was already there."""
        value = (value & 0xFFFFFFFFFFFFFFFF) or 1  # 0 marks an empty slot
        table, mask = self.table, self.mask
        slot = (value ^ (value >> 29)) & mask
        while table[slot]:
            if table[slot] == value:
                return False
            slot = (slot + 1) & mask
        table[slot] = value
        self.size += 1
        if self.size * 2 > len(table):
            self._grow()
        return True

    def _grow(self) -> None:
        old = self.table
        self.table = array("Q", [0]) * (2 * len(old))
        self.mask = len(self.table) - 1
        self.size = 0
        for value in old:
            if value:
                self.add(value)

    def __len__(self) -> int:
        return self.size


def clean_pairs(
    rows: Iterable[tuple[int, str, str]], report: ValidationReport, *, max_chars: int = MAX_CHARS
) -> Iterator[tuple[str, str]]:
    """Normalise and filter raw rows, recording every drop in `report`. Streams: memory stays flat (duplicates are
    found through 64-bit fingerprints, ~16 bytes per kept pair)."""
    seen = FingerprintSet()
    for number, korean, english in rows:
        report.rows_read += 1
        korean, english = strip_accelerators(normalize(korean), normalize(english))
        if not korean or not english:
            report.drop(number, "empty side")
        elif len(korean) > max_chars or len(english) > max_chars:
            report.drop(number, f"longer than {max_chars} characters")
        elif not has_hangul(korean) and korean != english:
            report.drop(number, "Korean side has no Hangul")
        elif not 1 / MAX_LENGTH_RATIO <= len(english) / len(korean) <= MAX_LENGTH_RATIO and \
                max(len(english), len(korean)) > 20:  # short strings ("책" → "book") vary too much to judge
            report.drop(number, "length ratio outlier")
        elif not seen.add(hash((korean, english))):
            report.drop(number, "duplicate")
        else:
            report.kept += 1
            yield korean, english


def read_corpus(path: str | Path, *, max_chars: int = MAX_CHARS) -> tuple[list[tuple[str, str]], ValidationReport]:
    """All clean pairs of one corpus and its validation report. Raises CorpusError for an unreadable file."""
    report = ValidationReport(source=str(path))
    pairs = list(clean_pairs(iter_rows(path, report.notes), report, max_chars=max_chars))
    if report.rows_read == 0:
        raise CorpusError(f"{path}: the corpus is empty")
    return pairs, report


def check_corpus(path: str | Path, preview: int = 200, *,
                 max_chars: int = MAX_CHARS) -> tuple[int, list[tuple[str, str]], ValidationReport]:
    """(clean pairs, the first `preview` of them, validation report) without keeping the corpus in memory: what
    the app shows before training, for a corpus of any size. Raises CorpusError like read_corpus."""
    report = ValidationReport(source=str(path))
    count, first = 0, []
    for pair in clean_pairs(iter_rows(path, report.notes), report, max_chars=max_chars):
        count += 1
        if len(first) < preview:
            first.append(pair)
    if report.rows_read == 0:
        raise CorpusError(f"{path}: the corpus is empty")
    return count, first, report


def corpus_folders(root: str | Path) -> list[Path]:
    """The corpus folders under a data root such as ../shared/data/train (or the root itself if it is one)."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: no such folder")
    if any(root.glob("*.ko")):
        return [root]
    folders = sorted(folder for folder in root.iterdir() if folder.is_dir() and any(folder.glob("*.ko")))
    if not folders:
        raise CorpusError(f"{root}: no corpus folders (.ko/.en pairs) found")
    return folders


def read_licence(folder: Path) -> str:
    source = folder / "SOURCE.txt"
    if not source.exists():
        return "unknown"
    for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.lower().startswith(("license:", "licence:")):
            return line.split(":", 1)[1].strip()
    return "see SOURCE.txt"
