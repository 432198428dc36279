"""The translation on screen, and where its sentences and pieces are in the two texts.

Pure Python (no Qt): the views ask it which characters of the Korean or English text a piece of an attention
item covers, and which sentence is at a character. Where the Korean is, the translator says (each sentence's span
and the raw characters each of its normalised characters came from: model.api.SentenceTranslation); nothing is
searched for in the text here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .alignment import SOURCE, TARGET, Span, piece_spans, render_output, slot_replacements


@dataclass
class TranslationResult:
    source_text: str  # the Korean that was translated
    translation: object  # model.api.Translation (a stream's partial one: the first lines)
    output_text: str  # the English document shown (alignment.render_output)
    source_spans: list[Span | None]  # each sentence's span in source_text, in reading order
    output_spans: list[Span]  # each sentence's span in output_text
    seconds: float = 0.0
    _pieces: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, translation, seconds: float = 0.0) -> "TranslationResult":
        output, output_spans = render_output([[s.target for s in line] for line in translation.lines])
        return cls(translation.source, translation, output, [s.span for s in translation.sentences], output_spans,
                   seconds)

    @property
    def confidences(self) -> list[float]:
        return [s.confidence for s in self.translation.sentences]

    @property
    def term_problems(self) -> list[list[str]]:
        """Per sentence, the terms the model lost or repeated (model.api: `.term_problems`)."""
        return [list(getattr(s, "term_problems", None) or []) for s in self.translation.sentences]

    def term_spans(self, side: str, source_now: str) -> list[Span]:
        """Where the applied terms are: the Korean of each term in the source text (while the editor still holds
        what was translated) or the user's English in the output."""
        if side == SOURCE and source_now != self.source_text:
            return []
        found: list[Span] = []
        for index, sentence in enumerate(self.translation.sentences):
            applied = getattr(sentence, "terms", None) or []
            if not applied:
                continue
            if side == SOURCE:
                found += [span for item in applied for a, b in item.spans
                          if (span := sentence.source_span(a, b)) is not None]
                continue
            base = self.output_spans[index]
            text = self.output_text[base[0]:base[1]]
            for item in applied:
                english, start = item.term.english, 0
                while english and (start := text.find(english, start)) >= 0:
                    found.append((base[0] + start, base[0] + start + len(english)))
                    start += len(english)
        return found

    def piece_spans(self, item, side: str, source_now: str) -> list[Span | None]:
        """Character spans, in the text of `side`, of each piece of an attention item's sentence (None: not in the
        text). `item` has .id, .sentence (source_pieces, target_pieces), .sentence_index (None for a whole line)
        and .line_index; `source_now` is what the Korean editor holds now: once it was edited, the source side has
        no spans."""
        if item is None or item.sentence is None:
            return []
        current = source_now == self.source_text
        key = (item.id, side, current)
        if key not in self._pieces:
            self._pieces[key] = self._piece_spans(item, side, current)
        return self._pieces[key]

    def _piece_spans(self, item, side: str, current: bool) -> list[Span | None]:
        sentence = item.sentence
        if side == SOURCE and current:
            # spans in the normalised sentence, then through the translator's map to the raw text: a whole line's
            # sentence was translated from the line itself, so its map is the line's, shifted to where it starts
            if item.sentence_index is not None:
                placed, shift = self.translation.sentences[item.sentence_index], 0
            else:
                placed, shift = sentence, self.translation.line_spans[item.line_index][0]
            spans = piece_spans(sentence.source_pieces, sentence.source, slot_replacements(sentence, side))
            raw = [None if s is None else placed.source_span(*s) for s in spans]
            return [None if s is None else (s[0] + shift, s[1] + shift) for s in raw]
        if side == TARGET and item.sentence_index is not None:
            base = self.output_spans[item.sentence_index]
            spans = piece_spans(sentence.target_pieces, self.output_text[base[0]:base[1]],
                                slot_replacements(sentence, side))
            return [None if s is None else (s[0] + base[0], s[1] + base[0]) for s in spans]
        return []

    def sentence_at(self, side: str, position: int, source_now: str) -> int | None:
        """Index (in translation.sentences) of the sentence at character `position` of the text of `side`."""
        if position < 0 or (side == SOURCE and source_now != self.source_text):
            return None
        spans = self.source_spans if side == SOURCE else self.output_spans
        for index, span in enumerate(spans):
            if span is not None and span[0] <= position <= span[1]:
                return index
        return None
