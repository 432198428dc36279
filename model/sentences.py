"""Text to sentences: what the translator feeds the model one at a time, and the clean-up of what comes back."""

from __future__ import annotations

import re

from .corpus import normalize

# A sentence ends at . ? ! (and their full-width forms, and ellipses) followed by space; Korean endings such as
# "다." "요?" are covered because the punctuation is what ends them. Line breaks always end a sentence.
_SENTENCE_END = re.compile(r"(?:(?<=[.?!。？！…])|(?<=[.?!。？！…][\"'”’)\]]))\s+")
_LINE_BREAKS = re.compile("[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """A translated sentence with any line break in it (a model can spell one with byte pieces) turned into a
    space, so that the output keeps exactly the input's lines; same length, so character spans stay valid."""
    return _LINE_BREAKS.sub(" ", text)


def split_sentences(line: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]


def split_units(text: str) -> list[list[str]]:
    """Like split_text, but each non-blank line is one unit (all its sentences together), so that attention across
    sentence boundaries (a pronoun and its name) can be seen."""
    return [[" ".join(sentences)] if sentences else [] for sentences in split_text(text)]


def split_text(text: str) -> list[list[str]]:
    """Text -> lines (paragraph structure kept, blank lines included as []) -> normalised sentences.

    Lone surrogates (from broken clipboard data) become "?" and control characters spaces, so that anything a
    user pastes reaches the tokenizer as valid text.
    """
    text = text.encode("utf-8", "replace").decode("utf-8")
    return [split_sentences(normalize(line)) for line in text.split("\n")]
