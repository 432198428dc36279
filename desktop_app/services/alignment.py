"""Where things are in a sentence: the span of each of its pieces, and the English document's sentences.

Pure Python (no Qt), so the mapping between attention rows/columns and characters is easy to test.
"""

from __future__ import annotations

import difflib
import re

from model.api import WORD_START

Span = tuple[int, int]
SOURCE, TARGET = "source", "target"  # the two texts: the Korean source and the English output
SPECIAL_PIECES = {"</s>", "<s>", "<pad>", "<unk>"}
_BYTE_PIECE = re.compile(r"^<0x([0-9A-Fa-f]{2})>$")


def _piece_bytes(piece: str) -> bytes:
    if piece in SPECIAL_PIECES:
        return b""
    match = _BYTE_PIECE.match(piece)
    if match:
        return bytes([int(match.group(1), 16)])
    return piece.replace(WORD_START, " ").encode("utf-8")


def _utf8_length(lead: int) -> int:
    if lead < 0x80:
        return 1
    if lead >> 5 == 0b110:
        return 2
    if lead >> 4 == 0b1110:
        return 3
    if lead >> 3 == 0b11110:
        return 4
    return 1


def decode_pieces(pieces: list[str]) -> tuple[str, list[Span | None]]:
    """The text the pieces spell (word starts as spaces, byte pieces joined into characters) and each piece's
    span in it. A byte piece that is part of a multi-byte character spans that whole character."""
    data = bytearray()
    owners: list[int] = []
    for index, piece in enumerate(pieces):
        chunk = _piece_bytes(piece)
        data += chunk
        owners += [index] * len(chunk)
    chars: list[str] = []
    char_of_byte: list[int] = []
    position = 0
    while position < len(data):
        length = _utf8_length(data[position])
        try:
            char = bytes(data[position:position + length]).decode("utf-8")
        except UnicodeDecodeError:
            char, length = "\ufffd", 1
        char_of_byte += [len(chars)] * length
        chars.append(char)
        position += length
    spans: list[Span | None] = [None] * len(pieces)
    for byte, owner in enumerate(owners):
        char = char_of_byte[byte]
        span = spans[owner]
        spans[owner] = (char, char + 1) if span is None else (min(span[0], char), max(span[1], char + 1))
    return "".join(chars), spans


def substitute(decoded: str, spans: list[Span | None], replacements) -> tuple[str, list[Span | None]]:
    """`decoded` with each (slot, text) of `replacements` written out, and the spans moved to match: a piece that
    spelled a slot spans the text that replaced it."""
    pairs = [(slot, text) for slot, text in replacements if slot]
    out: list[str] = []
    moved: list[Span] = []  # old character -> its span in the new text
    position = length = 0
    while position < len(decoded):
        for slot, text in pairs:
            if decoded.startswith(slot, position):
                out.append(text)
                moved += [(length, length + len(text))] * len(slot)
                position, length = position + len(slot), length + len(text)
                break
        else:
            out.append(decoded[position])
            moved.append((length, length + 1))
            position, length = position + 1, length + 1
    new_spans = [None if span is None else (moved[span[0]][0], moved[span[1] - 1][1]) for span in spans]
    return "".join(out), new_spans


def slot_replacements(sentence, side: str) -> list[tuple[str, str]]:
    """(slot, text) for each term applied to a translated sentence (model.api: `.terms`): the pieces spell the slot
    ({0}) where the text has the term's Korean (SOURCE) or the user's English (TARGET)."""
    return [(applied.slot, applied.term.korean if side == SOURCE else applied.term.english)
            for applied in getattr(sentence, "terms", None) or [] if applied.slot]


def piece_spans(pieces: list[str], text: str, replacements=()) -> list[Span | None]:
    """Each piece's character span in `text` (the sentence it came from or the translation it spells), or None
    for special pieces and pieces that cannot be placed. Word-start spaces are not part of a span. `replacements`
    (slot_replacements) place the slot pieces of terms on the term's text."""
    decoded, spans = decode_pieces(pieces)
    if replacements:
        decoded, spans = substitute(decoded, spans, replacements)
    if decoded == text:
        mapping = list(range(len(text)))
    else:
        mapping = [-1] * len(decoded)
        matcher = difflib.SequenceMatcher(None, decoded, text, autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                mapping[block.a + offset] = block.b + offset
    placed: list[Span | None] = []
    for span in spans:
        if span is None:
            placed.append(None)
            continue
        positions = [mapping[i] for i in range(*span) if mapping[i] >= 0 and not decoded[i].isspace()]
        placed.append((min(positions), max(positions) + 1) if positions else None)
    return placed


def render_output(lines: list[list[str]]) -> tuple[str, list[Span]]:
    """The output document (sentences joined by spaces, lines by line breaks: model.api.Translation.text, whose
    sentences never hold a line break) and each sentence's span in it, in reading order."""
    parts: list[str] = []
    spans: list[Span] = []
    position = 0
    for number, sentences in enumerate(lines):
        if number:
            parts.append("\n")
            position += 1
        for index, sentence in enumerate(sentences):
            if index:
                parts.append(" ")
                position += 1
            spans.append((position, position + len(sentence)))
            parts.append(sentence)
            position += len(sentence)
    return "".join(parts), spans


def find_word(pieces: list[str], text: str, word: str, replacements=()) -> int | None:
    """Index of the first piece that overlaps the first occurrence of `word` in `text`."""
    start = text.find(word)
    if start < 0:
        return None
    for index, span in enumerate(piece_spans(pieces, text, replacements)):
        if span is not None and span[0] < start + len(word) and start < span[1]:
            return index
    return None
