"""Parallel corpora: readers for every format a user may bring, cleaning, and a validation report.

Every reader yields raw (line_number, korean, english) rows; `read_corpus` normalises and filters them and
returns the kept pairs together with a `ValidationReport` saying what was dropped and why. Problems with the
file itself (wrong encoding, unequal line counts, unreadable sheet) raise `CorpusError`, whose message names
the file and, where it can, the line: callers show it as one line, never as a traceback.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
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

    def summary(self) -> str:
        lines = [f"{self.source}: {self.rows_read} rows read, {self.kept} kept"]
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
        }


# --- normalisation -----------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
# Accelerator marks of interface strings: "파일(&F)", "(_O)", "&File", "_Open". They are keyboard hints, not words,
# and would teach the model to emit stray "&" and "_".
_KO_ACCELERATOR = re.compile(r"\s*\(\s*[&_~]?[A-Za-z0-9]\s*\)(?=$|[\s.:…])")
_EN_ACCELERATOR = re.compile(r"(?:(?<=^)|(?<=\s))[&_~](?=[A-Za-z0-9])")


def normalize(text: str) -> str:
    """Unicode NFC, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return _SPACES.sub(" ", text).strip()


def strip_accelerators(korean: str, english: str) -> tuple[str, str]:
    return _KO_ACCELERATOR.sub("", korean), _EN_ACCELERATOR.sub("", english)


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f" for ch in text)


# --- readers: each yields (line number, korean, english) ---------------------------------------------------


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path}: the file is UTF-16; save it as UTF-8 and try again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            data.decode("cp949")
        except UnicodeDecodeError:
            raise CorpusError(f"{path}, line {line}: not valid UTF-8 text") from None
        raise CorpusError(
            f"{path}, line {line}: the file looks like CP949/EUC-KR; save it as UTF-8 and try again"
        ) from None


def _read_lines(path: Path) -> list[str]:
    return _decode(path).splitlines()


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_suffix(suffix)


def read_aligned_files(korean_path: Path, english_path: Path) -> Iterator[tuple[int, str, str]]:
    korean_lines, english_lines = _read_lines(korean_path), _read_lines(english_path)
    if len(korean_lines) != len(english_lines):
        raise CorpusError(
            f"{korean_path} has {len(korean_lines)} lines but {english_path} has {len(english_lines)}: "
            "the two files must be line-aligned"
        )
    for number, (korean, english) in enumerate(zip(korean_lines, english_lines), start=1):
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
    text = _decode(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text[:4096] else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        yield from _rows_with_header(path, ((reader.line_num, row) for row in reader))
    except csv.Error as error:
        raise CorpusError(f"{path}, line {reader.line_num}: {error}") from None


def read_xlsx(path: Path) -> Iterator[tuple[int, str, str]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged archive
        raise CorpusError(f"{path}: not a readable .xlsx workbook ({type(error).__name__})") from None
    try:
        sheet = workbook.worksheets[0]  # AI Hub puts the pairs on the first sheet
        rows = ((number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1))
        yield from _rows_with_header(path, rows)
    finally:
        workbook.close()


def read_tmx(path: Path) -> Iterator[tuple[int, str, str]]:
    try:
        root = ElementTree.fromstring(_decode(path).encode("utf-8"))
    except ElementTree.ParseError as error:
        raise CorpusError(f"{path}, line {error.position[0]}: not well-formed TMX ({error.msg})") from None
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for number, unit in enumerate(root.iter("tu"), start=1):
        texts = {}
        for variant in unit.iter("tuv"):
            lang = (variant.get(xml_lang) or variant.get("lang") or "").lower()
            segment = variant.find("seg")
            texts[lang.split("-")[0]] = "".join(segment.itertext()) if segment is not None else ""
        yield number, texts.get("ko", ""), texts.get("en", "")


def iter_rows(path: str | Path) -> Iterator[tuple[int, str, str]]:
    """Raw rows of any supported corpus: a folder of .ko/.en files, one of the pair, TSV/CSV, XLSX or TMX."""
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
        yield from read_xlsx(path)
    elif suffix == ".tmx":
        yield from read_tmx(path)
    else:
        raise CorpusError(f"{path}: unsupported corpus format '{suffix}' (use .ko/.en, .tsv, .csv, .xlsx or .tmx)")


def clean_pairs(
    rows: Iterable[tuple[int, str, str]], report: ValidationReport, *, max_chars: int = MAX_CHARS
) -> Iterator[tuple[str, str]]:
    """Normalise and filter raw rows, recording every drop in `report`. Streams: memory stays flat."""
    seen: set[int] = set()
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
        else:
            key = hash((korean, english))
            if key in seen:
                report.drop(number, "duplicate")
                continue
            seen.add(key)
            report.kept += 1
            yield korean, english


def read_corpus(path: str | Path, *, max_chars: int = MAX_CHARS) -> tuple[list[tuple[str, str]], ValidationReport]:
    """All clean pairs of one corpus and its validation report. Raises CorpusError for an unreadable file."""
    report = ValidationReport(source=str(path))
    pairs = list(clean_pairs(iter_rows(path), report, max_chars=max_chars))
    if report.rows_read == 0:
        raise CorpusError(f"{path}: the corpus is empty")
    return pairs, report


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
