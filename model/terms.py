"""Terms the user pins: a Korean word or name and the English it must become.

The model already copies the localisation placeholders it learned from software strings ("{0}는 그녀의 새 앨범을
발표했다." -> "{0} announced her new album."), so a term is protected by a placeholder: before translating, each
occurrence in the source becomes a slot such as {0} (the Korean particle after it stays: 아이유는 -> {0}는); after
decoding, the slot becomes the user's English. A slot the model dropped or repeated is reported, never hidden.

Matching: longest terms first, at word starts only, and the rest of the word must be empty or a particle (아이 does
not match inside 아이유 or 아이들), unless the term asks to match inside words.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

# Placeholders the model copies to its output reliably, in the order they are handed out (docs/terms.md measured
# how many one sentence can carry).
SLOTS = ("{0}", "{1}", "{2}")

# What may follow a term inside its word: case particles, topic/focus particles and the copula, as written after a
# noun. Longest first, so 에서는 is tried before 에서.
PARTICLES = tuple(sorted({
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "께", "께서", "한테", "와", "과", "랑", "이랑",
    "도", "만", "로", "으로", "부터", "까지", "보다", "처럼", "같이", "이나", "나", "야", "아", "요", "이요",
    "에서는", "에서도", "에게는", "에게도", "으로는", "로는", "와는", "과는", "하고", "이고", "고", "이며", "며",
    "이다", "다", "입니다", "이에요", "예요", "였다", "이었다", "였어요", "이었어요", "인", "이라는", "라는",
    "님", "씨", "님은", "님이", "씨는", "씨가",
}, key=len, reverse=True))
_WORD_CHAR = re.compile(r"\w")


class TermError(ValueError):
    """A term file that cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class Term:
    korean: str
    english: str
    inside_words: bool = False  # also match inside longer words (아이 in 아이들)


@dataclass
class AppliedTerm:
    term: Term
    slot: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the Korean was, in the source sentence


def _is_word_char(ch: str) -> bool:
    return bool(_WORD_CHAR.match(ch))


def _allowed_after(sentence: str, end: int) -> bool:
    """The rest of the word after a term: nothing, or a particle."""
    rest_end = end
    while rest_end < len(sentence) and _is_word_char(sentence[rest_end]):
        rest_end += 1
    rest = sentence[end:rest_end]
    return rest == "" or rest in PARTICLES


def find_terms(sentence: str, terms: list[Term]) -> list[AppliedTerm]:
    """Which terms occur in the sentence, and where: longest first, never overlapping, at most len(SLOTS) terms
    (further ones are left to the model: more than the model copies reliably would garble the sentence)."""
    taken: list[tuple[int, int]] = []
    applied: list[AppliedTerm] = []
    for term in sorted((t for t in terms if t.korean.strip()), key=lambda t: -len(t.korean)):
        spans = []
        start = sentence.find(term.korean)
        while start != -1:
            end = start + len(term.korean)
            at_word_start = start == 0 or not _is_word_char(sentence[start - 1])
            fits = term.inside_words or (at_word_start and _allowed_after(sentence, end))
            if fits and not any(start < b and a < end for a, b in taken):
                spans.append((start, end))
            start = sentence.find(term.korean, start + 1)
        if spans and len(applied) < len(SLOTS):
            applied.append(AppliedTerm(term, "", spans))
            taken += spans
    applied.sort(key=lambda item: item.spans[0][0])  # {0} for the first term in the sentence, as in the data
    for item, slot in zip(applied, SLOTS):
        item.slot = slot
    return applied


def protect(sentence: str, applied: list[AppliedTerm]) -> str:
    """The sentence with each applied term's Korean replaced by its slot."""
    edits = sorted(((a, b, item.slot) for item in applied for a, b in item.spans), reverse=True)
    for a, b, slot in edits:
        sentence = sentence[:a] + slot + sentence[b:]
    return sentence


def restore(english: str, applied: list[AppliedTerm]) -> tuple[str, list[str]]:
    """The translation with slots turned into the users' English, and a note for each slot the model lost or
    repeated."""
    problems = []
    for item in applied:
        count, expected = english.count(item.slot), len(item.spans)
        if count == 0:
            problems.append(f"the term {item.term.korean} → {item.term.english} went missing")
        elif count > expected:
            problems.append(f"the term {item.term.korean} → {item.term.english} appears {count} times")
        english = english.replace(item.slot, item.term.english)
    return english, problems


def read_terms(path: str | Path) -> list[Term]:
    """Terms from a TSV or CSV file: Korean, English per line (a header line "korean, english" is skipped; blank
    lines and lines starting with # too). A bad line raises TermError naming it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise TermError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise TermError(f"{path}: {error.strerror or error}") from None
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab", ".txt") or "\t" in text else ","
    terms = []
    for number, row in enumerate(csv.reader(text.splitlines(), delimiter=delimiter), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in row]
        if number == 1 and [c.lower() for c in cells[:2]] == ["korean", "english"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise TermError(f"{path}, line {number}: expected two columns, Korean and English")
        if len(cells) > 2 and any(cells[2:]):
            raise TermError(f"{path}, line {number}: {len(cells)} columns; a term has two, Korean and English")
        terms.append(Term(cells[0], cells[1]))
    return terms


def write_terms(path: str | Path, terms: list[Term]) -> None:
    from .files import write_text_atomic

    rows = ["korean\tenglish"] + [f"{t.korean}\t{t.english}" for t in terms]
    write_text_atomic(Path(path), "\n".join(rows) + "\n")
