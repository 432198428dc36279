"""The translation pipeline, the one the app, the CLI, evaluation, dev selection during training and the GPU
script all use:

  text -> lines -> sentences (or whole lines), each with its place in the text -> pieces -> chunks within the
       model's positional range -> batched cached search (search.py over an engine) -> detokenised English, with
       attention for every chunk

The Translator owns the text: it splits it (sentences.segment), says where each sentence is in it, translates it
at once (`translate`), line by line as it goes (`stream`: what the app shows of a long text) or from a file to a
file (`translate_file`), and explains the search (`explain`) with the same terms and decoding.

Lines without Hangul pass through unchanged (numbers, names, English), everywhere, so dev scores measure what
ships. The same pipeline runs an English->Korean model (the bundle's language pair), where lines without Latin
letters pass through.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from . import bundle as bundles
from .corpus import has_language
from .resources import SHIPPED_MODEL
from .search import LENGTH_PENALTY_ALPHA, DecodingTrace, Hypothesis, beam_search, max_output_length, pad_batch
from .sentences import Sentence, line_spans, one_line, segment
from .terms import AppliedTerm, Term, find_terms, protect, restore
from .tokenizer import BOS_ID, EOS_ID, Tokenizer

MAX_SOURCE_TOKENS = 200  # a longer "sentence" is cut into chunks of this many tokens
BATCH_SENTENCES = 32
# stream(): lines in parts of at least this many sentences, the first small so that some English comes at once,
# then doubling up to the largest (within a part, sentences are batched by length, as in translate)
STREAM_FIRST_PART, STREAM_LARGEST_PART = 16, 64


@dataclass
class SentenceTranslation:
    source: str
    target: str = ""
    # A sentence longer than the model's range is translated in chunks; pieces and attention cover all of them,
    # the attention block-diagonal (a chunk never sees another), each chunk's pieces ending with its </s>.
    source_pieces: list[str] = field(default_factory=list)
    target_pieces: list[str] = field(default_factory=list)
    confidence: float = 0.0
    # per layer (H, target or source, source or target) float32 arrays; filled when attention is asked for
    encoder_attention: list[np.ndarray] = field(default_factory=list)
    decoder_attention: list[np.ndarray] = field(default_factory=list)
    cross_attention: list[np.ndarray] = field(default_factory=list)
    terms: list[AppliedTerm] = field(default_factory=list)  # the user's terms found in the source (terms.py)
    term_problems: list[str] = field(default_factory=list)  # slots the model lost or repeated
    # where `source` is in the text translated (Translation.source), and each of its characters (sentences.py)
    span: tuple[int, int] | None = None
    source_chars: tuple[tuple[int, int], ...] = ()
    translated: bool = False  # False: passed through (no word of the model's source language)

    @classmethod
    def of(cls, sentence: Sentence) -> "SentenceTranslation":
        return cls(source=sentence.text, span=(sentence.start, sentence.end), source_chars=sentence.chars)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the text translated that characters start..end of `source` came from."""
        if not 0 <= start < end <= len(self.source_chars):
            return None
        return self.source_chars[start][0], self.source_chars[end - 1][1]


@dataclass
class Translation:
    lines: list[list[SentenceTranslation]]  # input lines (paragraph structure) -> sentences
    source: str = ""  # the text translated, as given: the sentences' spans are positions in it
    line_spans: list[tuple[int, int]] = field(default_factory=list)  # each of `lines` in `source`
    total: int = 0  # sentences to translate in the whole text (a stream's partial result holds fewer)
    beam: int = 0  # the decoding and terms it was made with (explain takes the same)
    alpha: float = LENGTH_PENALTY_ALPHA
    terms: list[Term] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(" ".join(s.target for s in line) for line in self.lines)

    @property
    def sentences(self) -> list[SentenceTranslation]:
        return [sentence for line in self.lines for sentence in line]

    @property
    def done(self) -> int:
        """Sentences translated (passed-through ones not counted)."""
        return sum(1 for sentence in self.sentences if sentence.translated)

    @property
    def complete(self) -> bool:
        return len(self.lines) == len(self.line_spans)


def source_chunks(ko: Tokenizer, sentence: str, max_tokens: int = MAX_SOURCE_TOKENS + 1) -> list[list[int]]:
    """The sentence's token ids (+ EOS) in chunks of at most max_tokens tokens, EOS included."""
    ids = ko.encode(sentence)
    if not ids:
        return []
    size = max(1, max_tokens - 1)
    return [ids[start:start + size] + [EOS_ID] for start in range(0, len(ids), size)]


def decode_batched(engine, sources: list[list[int]], beam: int, max_len_limit: int,
                   on_batch: Callable[[list[int]], None] | None = None,
                   alpha: float = LENGTH_PENALTY_ALPHA) -> list[Hypothesis]:
    """Hypotheses for many token sequences, batched by similar length (sorted) to waste little padding.
    on_batch gets the indices of the sources each batch finished."""
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    results: list[Hypothesis | None] = [None] * len(sources)
    for start in range(0, len(order), BATCH_SENTENCES):
        chosen = order[start:start + BATCH_SENTENCES]
        batch = pad_batch([sources[i] for i in chosen])
        limit = max_output_length(batch.shape[1], max_len_limit)
        for i, hypothesis in zip(chosen, beam_search(engine, batch, limit, beam, alpha)):
            results[i] = hypothesis
        if on_batch:
            on_batch(chosen)
    return results


def block_diagonal(blocks: list[np.ndarray]) -> np.ndarray:
    """(H, q_i, k_i) blocks -> (H, sum q, sum k), zero outside the blocks."""
    heads = blocks[0].shape[0]
    out = np.zeros((heads, sum(b.shape[1] for b in blocks), sum(b.shape[2] for b in blocks)), np.float32)
    row = column = 0
    for block in blocks:
        out[:, row:row + block.shape[1], column:column + block.shape[2]] = block
        row, column = row + block.shape[1], column + block.shape[2]
    return out


@dataclass
class Explanation:
    """How one sentence's English was chosen: the search's trace with every token id spelled as its piece."""

    source: str
    source_pieces: list[str]
    target: str
    beam: int
    alpha: float
    trace: DecodingTrace
    pieces: dict[int, str]  # token id -> piece, for every id in the trace
    terms: list[AppliedTerm] = field(default_factory=list)  # the terms whose slots the source pieces hold

    def spell(self, tokens: list[int]) -> list[str]:
        return [self.pieces[t] for t in tokens]

    def to_dict(self) -> dict:
        """Plain JSON: per step each live hypothesis (its pieces, score, top candidates) and what was kept."""
        steps = []
        for step in self.trace.steps:
            steps.append({
                "position": step.position,
                "hypotheses": [{"pieces": self.spell(prefix), "score": round(score, 4),
                                "candidates": [{"piece": self.pieces[t], "probability": round(p, 4)}
                                               for t, p in candidates]}
                               for prefix, score, candidates in zip(step.prefixes, step.scores, step.candidates)],
                "kept": [{"from": origin, "piece": self.pieces[t], "score": round(score, 4)}
                         for origin, t, score in step.kept],
            })
        finals = [{"pieces": self.spell(f["tokens"]), "score": round(f["score"], 4),
                   "normalized": round(f["normalized"], 4), "chosen": f["chosen"]} for f in self.trace.finals]
        return {"source": self.source, "source_pieces": self.source_pieces, "target": self.target,
                "beam": self.beam, "length_penalty_alpha": self.alpha, "steps": steps, "finals": finals,
                "terms": [{"korean": a.term.korean, "english": a.term.english, "slot": a.slot} for a in self.terms]}


class TranslationError(Exception):
    """Input the translator cannot take; the message is for the user."""


class Translator:
    """A model ready to translate: a bundle's LiteRT export (what users run), or any engine with its tokenizers
    (`for_engine`: the Keras model during training)."""

    def __init__(self, path: str | Path = SHIPPED_MODEL):
        from .engine import LiteRTEngine

        self.bundle = bundles.load(path)
        self.engine = LiteRTEngine(self.bundle.litert_path, self.bundle.config)
        self.config = self.bundle.config
        self.src, self.tgt = self.bundle.source_tokenizer, self.bundle.target_tokenizer

    @classmethod
    def for_engine(cls, engine, ko: Tokenizer, en: Tokenizer, config) -> "Translator":
        """A translator over any engine; ko and en are the two languages' tokenizers, whichever the direction."""
        translator = cls.__new__(cls)
        translator.bundle, translator.engine, translator.config = None, engine, config
        translator.src, translator.tgt = bundles.language_tokenizers(config, ko, en)
        return translator

    def needs_translation(self, text: str) -> bool:
        """Whether text is in the source language at all (else it passes through unchanged)."""
        return has_language(text, self.config.source_language)

    @property
    def card(self) -> dict:
        return self.bundle.card if self.bundle else {}

    @property
    def decoding(self) -> tuple[int, float]:
        """(beam size, length penalty alpha) chosen on dev for this model (its card), or beam 4 and GNMT's 0.6."""
        chosen = self.card.get("decoding", {})
        return int(chosen.get("beam", 4)), float(chosen.get("length_penalty_alpha", LENGTH_PENALTY_ALPHA))

    def chunk_limit(self) -> int:
        """Longest source chunk (EOS included) the model can encode: its positional range, at most
        MAX_SOURCE_TOKENS + 1."""
        return max(2, min(MAX_SOURCE_TOKENS + 1, self.config.max_len))

    def _decoding(self, beam: int | None, alpha: float | None, max_len: int, terms) -> tuple[int, float, int]:
        """beam and alpha (the length penalty), the model's own choice (`decoding`) where not given, and the
        output limit within the model's positional range: checked here, once, for every way in."""
        beam = self.decoding[0] if beam is None else beam
        alpha = self.decoding[1] if alpha is None else alpha
        if beam < 1:
            raise ValueError(f"the beam size must be 1 or more, not {beam}")
        if terms and self.config.source_language != "ko":
            raise TranslationError("terms pin the English of Korean words: this model translates "
                                   f"{self.config.pair}")
        return beam, alpha, max(1, min(int(max_len), self.config.max_len))

    def _start(self, text: str, split_sentences: bool, beam: int, alpha: float, terms) -> Translation:
        """The text split and placed, nothing translated yet (Translation.lines is filled by the caller)."""
        lines = [[SentenceTranslation.of(s) for s in line] for line in segment(text, not split_sentences)]
        total = sum(1 for line in lines for s in line if self.needs_translation(s.source))
        translation = Translation(lines, text, line_spans(text), total, beam, alpha, list(terms))
        return translation

    def sentence_count(self, text: str) -> int:
        """How many sentences of `text` would be translated (the others pass through)."""
        return sum(1 for line in segment(text) for s in line if self.needs_translation(s.text))

    def translate(self, text: str, beam: int | None = None, with_attention: bool = False, max_len: int = 256,
                  on_progress: Callable[[int, int], None] | None = None,
                  split_sentences: bool = True, alpha: float | None = None,
                  terms: list[Term] = ()) -> Translation:
        """Korean text -> Translation, sentence by sentence (or, with split_sentences=False, each line as one
        unit), line breaks kept. Lines without Hangul pass through. Each sentence says where it is in `text`.

        Any str is accepted (lone surrogates, control characters, any script, any length): the result has one
        line per input line (split at "\\n") and no sentence's translation contains a line break. Each chunk's
        output is at most min(max_len, 2 x its source pieces + 10, the model's max_len) pieces, so the time is
        bounded by the input's length. on_progress(done, total) counts sentences; it may raise to cancel.
        beam and alpha (the length penalty) default to the model's own choice (`decoding`). `terms` pin how
        words are translated (terms.py)."""
        beam, alpha, max_len = self._decoding(beam, alpha, max_len, terms)
        translation = self._start(text, split_sentences, beam, alpha, terms)
        self._translate_sentences(translation.sentences, beam, alpha, max_len, with_attention, terms, on_progress)
        return translation

    def stream(self, text: str, beam: int | None = None, with_attention: bool = False, max_len: int = 256,
               alpha: float | None = None, terms: list[Term] = (), first: int = STREAM_FIRST_PART,
               largest: int = STREAM_LARGEST_PART) -> Iterator[Translation]:
        """`translate`, line by line as it goes: yields Translations of the first lines of `text`, every
        sentence of them translated, from none (at once, with `total` known) to all. The lines come in parts of
        `first` sentences or more, doubling up to `largest`, each part batched by length. Stop iterating to
        cancel: the last Translation yielded is what was done, and `done` counts its sentences."""
        beam, alpha, max_len = self._decoding(beam, alpha, max_len, terms)
        whole = self._start(text, True, beam, alpha, terms)
        partial = lambda count: Translation(whole.lines[:count], text, whole.line_spans, whole.total, beam,  # noqa
                                            alpha, list(terms))
        yield partial(0)
        done_lines, size = 0, max(1, first)
        while done_lines < len(whole.lines):
            end, count = done_lines, 0
            while end < len(whole.lines) and (count < size or end == done_lines):
                count += sum(1 for s in whole.lines[end] if self.needs_translation(s.source))
                end += 1
            part = [s for line in whole.lines[done_lines:end] for s in line]
            self._translate_sentences(part, beam, alpha, max_len, with_attention, terms, None)
            done_lines, size = end, min(size * 2, max(largest, 1))
            yield whole if done_lines == len(whole.lines) else partial(done_lines)

    def translate_file(self, source: str | Path, target: str | Path, beam: int | None = None, max_len: int = 256,
                       alpha: float | None = None, terms: list[Term] = (),
                       on_progress: Callable[[int, int], None] | None = None) -> Translation:
        """A text file (UTF-8, UTF-16 with a BOM; corpus.read_text_file) translated into a new file, one line for
        each of its lines, written atomically: cancelled (on_progress raising) or failed, nothing is written and
        an old file of that name stays whole."""
        from .corpus import read_text_file
        from .files import write_text_atomic

        translation = self.translate(read_text_file(Path(source)), beam=beam, max_len=max_len, alpha=alpha,
                                     terms=terms, on_progress=on_progress)
        write_text_atomic(Path(target), translation.text)
        return translation

    def _translate_sentences(self, sentences: list[SentenceTranslation], beam: int, alpha: float, max_len: int,
                             with_attention: bool, terms, on_progress) -> None:
        """Fill in these sentences: batched by length, terms protected, a sentence that lost a term retried."""
        sources, owners = [], []
        for index, sentence in enumerate(sentences):
            if not self.needs_translation(sentence.source):
                sentence.target, sentence.confidence = sentence.source, 1.0
                continue
            sentence.translated = True
            sentence.terms = find_terms(sentence.source, list(terms)) if terms else []
            for chunk in source_chunks(self.src, protect(sentence.source, sentence.terms), self.chunk_limit()):
                sources.append(chunk)
                owners.append(index)
        to_translate = sorted(set(owners))
        chunks_left = Counter(owners)

        def finished_batch(chosen: list[int]) -> None:
            for i in chosen:
                chunks_left[owners[i]] -= 1
            on_progress(sum(1 for n in chunks_left.values() if n == 0), len(to_translate))

        hypotheses = decode_batched(self.engine, sources, beam, max_len, finished_batch if on_progress else None,
                                    alpha)
        parts_of: dict[int, list[tuple[list[int], Hypothesis]]] = {}
        for chunk, owner, hypothesis in zip(sources, owners, hypotheses):
            parts_of.setdefault(owner, []).append((chunk, hypothesis))
        lost_terms = {}
        for owner, parts in parts_of.items():
            lost = self._fill(sentences[owner], parts, with_attention)
            if lost and len(sentences[owner].terms) > 1:
                lost_terms[owner] = lost
        for owner, lost in lost_terms.items():
            self._retry_without(sentences[owner], lost, beam, max_len, alpha, with_attention)

    def _retry_without(self, sentence: SentenceTranslation, lost: list[AppliedTerm], beam: int, max_len: int,
                       alpha: float, with_attention: bool) -> None:
        """The model copies one slot reliably and two or three less so (docs/terms.md): a sentence that lost some
        of its terms' slots is translated again with only the terms that came through; the others are left to
        the model, and the sentence says so."""
        sentence.terms = find_terms(sentence.source, [a.term for a in sentence.terms if a not in lost])
        chunks = source_chunks(self.src, protect(sentence.source, sentence.terms), self.chunk_limit())
        self._fill(sentence, list(zip(chunks, decode_batched(self.engine, chunks, beam, max_len, None, alpha))),
                   with_attention)
        sentence.term_problems += [f"the term {a.term.korean} → {a.term.english} did not fit with the others; "
                                   "translated without it" for a in lost]

    def _fill(self, sentence: SentenceTranslation, parts: list[tuple[list[int], Hypothesis]],
              with_attention: bool) -> list[AppliedTerm]:
        """Fill in the sentence from its decoded chunks; returns the terms whose slot the model lost."""
        output = one_line(" ".join(self.tgt.decode(h.tokens) for _, h in parts))
        lost = [applied for applied in sentence.terms if applied.slot not in output]
        sentence.target, sentence.term_problems = restore(output, sentence.terms)
        sentence.confidence = float(np.mean([h.confidence for _, h in parts]))
        sentence.source_pieces = [p for chunk, _ in parts for p in self.src.pieces(chunk)]
        sentence.target_pieces = [p for _, h in parts for p in self.tgt.pieces(h.tokens + [EOS_ID])]
        if not with_attention:
            return lost
        per_chunk = [self.engine.attention(np.array([chunk]), np.array([[BOS_ID] + h.tokens])) for chunk, h in parts]
        encoder, decoder, cross = ([block_diagonal([kinds[k][layer][0] for kinds in per_chunk])
                                    for layer in range(len(per_chunk[0][k]))] for k in range(3))
        sentence.encoder_attention, sentence.decoder_attention, sentence.cross_attention = encoder, decoder, cross
        return lost

    def explain(self, text: str, beam: int | None = None, alpha: float | None = None, top_k: int = 5,
                max_len: int = 256, terms: list[Term] = ()) -> list[Explanation]:
        """Each Korean sentence of `text` decoded alone with a trace of the search: per step the top_k next pieces
        and their probabilities for every live hypothesis, which were kept, and the final hypotheses with raw and
        length-normalised scores. The same terms and decoding as `translate` (a Translation's beam, alpha and
        terms give the search that made it): a term's slot is in the pieces, its English in the target, and a
        sentence that lost one of several terms is explained as retried without it. A sentence longer than the
        model's range is explained from its first chunk."""
        beam, alpha, max_len = self._decoding(beam, alpha, max_len, terms)
        explanations = []
        for sentence in (s.text for line in segment(text) for s in line if self.needs_translation(s.text)):
            applied = find_terms(sentence, list(terms)) if terms else []
            explanation = self._explain_one(sentence, applied, beam, alpha, top_k, max_len)
            output = explanation.target
            lost = [a for a in applied if a.slot not in output]
            if lost and len(applied) > 1:  # as translate does (_retry_without)
                applied = find_terms(sentence, [a.term for a in applied if a not in lost])
                explanation = self._explain_one(sentence, applied, beam, alpha, top_k, max_len)
            explanation.target, _ = restore(explanation.target, applied)
            explanations.append(explanation)
        return explanations

    def _explain_one(self, sentence: str, applied: list[AppliedTerm], beam: int, alpha: float, top_k: int,
                     max_len: int) -> Explanation:
        """The traced search of one sentence with these terms' slots in it; its target still has the slots."""
        chunk = source_chunks(self.src, protect(sentence, applied), self.chunk_limit())[0]
        trace = DecodingTrace(top_k=top_k)
        hypothesis = beam_search(self.engine, np.array([chunk], np.int32), max_output_length(len(chunk), max_len),
                                 beam, alpha, trace)[0]
        ids = {t for step in trace.steps for prefix in step.prefixes for t in prefix}
        ids |= {t for step in trace.steps for candidates in step.candidates for t, _ in candidates}
        ids |= {t for final in trace.finals for t in final["tokens"]}
        pieces = {t: self.tgt.pieces([t])[0] for t in ids}
        return Explanation(sentence, self.src.pieces(chunk), one_line(self.tgt.decode(hypothesis.tokens)), beam,
                           alpha, trace, pieces, applied)

    def translate_lines(self, lines: list[str], beam: int | None = None, max_len: int = 256,
                        alpha: float | None = None, terms: list[Term] = ()) -> list[str]:
        """One English line per input line: what evaluation scores (the same pipeline as the app's)."""
        outputs: list[str] = []
        for start in range(0, len(lines), 256):  # long dev sets in parts, each still batched
            part = [line.replace("\n", " ") for line in lines[start:start + 256]]
            translation = self.translate("\n".join(part), beam=beam, max_len=max_len, alpha=alpha, terms=terms)
            outputs += translation.text.split("\n")
        return outputs

    def already_translates(self, term: Term) -> bool:
        """Whether the model, without help, turns the term's Korean into its English (the term may be dropped)."""
        english = self.translate(term.korean).text
        return re.search(rf"(?<!\w){re.escape(term.english)}(?!\w)", english, re.IGNORECASE) is not None
