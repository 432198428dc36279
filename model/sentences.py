"""Text to sentences: what the translator feeds the model one at a time, where each came from in the text, and
the clean-up of what comes back.

A sentence is normalised before it is translated (corpus.normalize: NFC, no control characters, single spaces), so
its text is not a piece of the raw text: two spaces, a tab or decomposed jamo (ᄀ + ᅡ for 가) differ. Each
Sentence therefore keeps, for every character of its text, the span of the raw text it came from; whoever shows
the sentence in the raw text (the app's highlighting) maps through that, never by searching for it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .corpus import normalize

# A sentence ends at . ? ! (and their full-width forms, and ellipses) followed by space; Korean endings such as
# "다." "요?" are covered because the punctuation is what ends them. Line breaks always end a sentence.
_SENTENCE_END = re.compile(r"(?:(?<=[.?!。？！…])|(?<=[.?!。？！…][\"'”’)\]]))\s+")
_LINE_BREAKS = re.compile("[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """A translated sentence with any line break in it (a model can spell one with byte pieces) turned into a
    space, so that the output keeps exactly the input's lines; same length, so character spans stay valid."""
    return _LINE_BREAKS.sub(" ", text)


Span = tuple[int, int]


@dataclass(frozen=True)
class Sentence:
    text: str  # normalised: what the model translates
    start: int  # where it is in the raw text
    end: int
    chars: tuple[Span, ...]  # for each character of `text`, the span of the raw text it came from

    def raw_span(self, start: int, end: int) -> Span | None:
        """The span of the raw text that characters start..end of `text` came from (None: an empty range)."""
        if not 0 <= start < end <= len(self.chars):
            return None
        return self.chars[start][0], self.chars[end - 1][1]


def _is_starter(ch: str) -> bool:
    """Whether NFC never joins `ch` to the character before it: combining marks and Hangul vowel and final jamo
    (which make a syllable with the jamo or syllable before them) are joined."""
    return unicodedata.combining(ch) == 0 and not ("\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff")


def normalized_with_spans(raw: str, offset: int = 0) -> tuple[str, list[Span]]:
    """corpus.normalize(raw), and for each of its characters the span of `raw` (shifted by `offset`) it comes
    from. NFC works on runs that start at a character it never joins to the one before, so each composed
    character spans the run it came from."""
    chars: list[str] = []
    spans: list[Span] = []
    if unicodedata.is_normalized("NFC", raw):
        chars, spans = list(raw), [(offset + i, offset + i + 1) for i in range(len(raw))]
    else:
        start = 0
        for end in range(1, len(raw) + 1):
            if end == len(raw) or _is_starter(raw[end]):
                composed = unicodedata.normalize("NFC", raw[start:end])
                chars += composed
                spans += [(offset + start, offset + end)] * len(composed)
                start = end
        if "".join(chars) != unicodedata.normalize("NFC", raw):  # a script whose starters compose: coarse spans
            chars = list(unicodedata.normalize("NFC", raw))
            spans = [(offset, offset + len(raw))] * len(chars)
    text, text_spans = [], []
    pending: Span | None = None  # a run of whitespace (and control characters), written as one space
    for ch, span in zip(chars, spans):
        if ch.isspace() or unicodedata.category(ch)[0] == "C":
            pending = span if pending is None else (pending[0], span[1])
            continue
        if pending is not None and text:
            text.append(" ")
            text_spans.append(pending)
        pending = None
        text.append(ch)
        text_spans.append(span)
    normalized = "".join(text)
    if normalized != normalize(raw):  # never seen; if it happens, the text translated stays normalize's own
        normalized = normalize(raw)
        return normalized, [(offset, offset + len(raw))] * len(normalized)
    return normalized, text_spans


def split_sentences(line: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]


def _sentences_of(line: str, spans: list[Span], whole: bool) -> list[Sentence]:
    """The sentences of a normalised line (single spaces, no leading or trailing space), or the line as one."""
    if not line:
        return []
    bounds = [(0, len(line))] if whole else []
    if not whole:
        start = 0
        for match in _SENTENCE_END.finditer(line):
            bounds.append((start, match.start()))
            start = match.end()
        bounds.append((start, len(line)))
    return [Sentence(line[a:b], spans[a][0], spans[b - 1][1], tuple(spans[a:b])) for a, b in bounds if b > a]


def segment(text: str, whole_lines: bool = False) -> list[list[Sentence]]:
    """Text -> lines (split at "\\n"; a blank line is []) -> its sentences, or with whole_lines each non-blank line
    as one (all its sentences together, so that attention across them can be seen), normalised and placed in
    `text`. Lone surrogates (from broken clipboard data) become "?" (one character for one) and control characters
    spaces, so that anything a user pastes reaches the tokenizer as valid text."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    lines, start = [], 0
    for raw in text.split("\n"):
        lines.append(_sentences_of(*normalized_with_spans(raw, start), whole_lines))
        start += len(raw) + 1
    return lines


def line_spans(text: str) -> list[Span]:
    """Where each line of `text` (split at "\\n") is in it."""
    spans, start = [], 0
    for raw in text.split("\n"):
        spans.append((start, start + len(raw)))
        start += len(raw) + 1
    return spans


def split_units(text: str) -> list[list[str]]:
    """The texts of segment(text, whole_lines=True)."""
    return [[sentence.text for sentence in line] for line in segment(text, whole_lines=True)]


def split_text(text: str) -> list[list[str]]:
    """The texts of segment(text): lines (paragraph structure kept, blank lines included as []) -> normalised
    sentences."""
    return [[sentence.text for sentence in line] for line in segment(text)]
