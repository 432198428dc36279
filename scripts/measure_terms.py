"""What terms do on dev: terms made from the dev references' own proper nouns, found automatically.

For each dev pair, the reference is forced through the model and its cross-attention aligns every capitalised
English word (not the first of the sentence) with the source word it attends to most; that word, without its
particle, and the English word make a term. Then the dev lines are translated without and with their terms: how
often the term's English appears in the output, BLEU and chrF, and how often the model kept every slot, by the
number of terms in the sentence.
Usage: .venv/bin/python scripts/measure_terms.py OUT.json [--model BUNDLE] [--dev ../shared/data/dev] [--lines 200]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.api import SHIPPED_MODEL, Translator  # noqa: E402
from model.evaluation import dev_sets, score  # noqa: E402
from model.terms import PARTICLES, Term  # noqa: E402
from model.tokenizer import BOS_ID, EOS_ID, WORD_START  # noqa: E402

CAPITALISED = re.compile(r"^[A-Z][a-zA-Z]+$")


def word_of_piece(pieces: list[str]) -> list[int]:
    """For each piece, the index of the whitespace word it belongs to."""
    words, index = [], -1
    for piece in pieces:
        if piece.startswith(WORD_START) or index < 0:
            index += 1
        words.append(index)
    return words


def stem(word: str) -> str:
    word = word.strip(".,!?\"'()[]")
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle) + 1:
            return word[: -len(particle)]
    return word


def aligned_terms(translator: Translator, korean: str, english: str) -> list[Term]:
    ko, en = translator.ko, translator.en
    src = ko.encode(korean)[: translator.chunk_limit() - 1] + [EOS_ID]
    tgt = en.encode(english)[: translator.config.max_len - 1]
    if len(src) < 2 or not tgt:
        return []
    _, _, cross = translator.engine.attention(np.array([src]), np.array([[BOS_ID] + tgt]))
    attention = np.mean([layer[0].mean(axis=0) for layer in cross], axis=0)  # (target, source)
    source_words, korean_words = word_of_piece(ko.pieces(src[:-1])), korean.split()
    target_pieces = en.pieces(tgt)
    target_words = word_of_piece(target_pieces)
    english_words = english.split()
    terms = []
    for w, word in enumerate(english_words):
        bare = word.strip(".,!?\"'()[]:;")
        if w == 0 or not CAPITALISED.match(bare):
            continue
        rows = [i for i, owner in enumerate(target_words) if owner == w]
        if not rows:
            continue
        column = int(attention[rows, : len(source_words)].mean(axis=0).argmax())
        source_word = korean_words[source_words[column]] if source_words[column] < len(korean_words) else ""
        korean_term = stem(source_word)
        if len(korean_term) >= 2 and re.search("[가-힣]", korean_term) and not re.search("[A-Za-z0-9]", korean_term):
            terms.append(Term(korean_term, bare))
    return terms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", type=Path, default=SHIPPED_MODEL)
    parser.add_argument("--dev", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "dev")
    parser.add_argument("--lines", type=int, default=200)
    args = parser.parse_args()
    translator = Translator(args.model)
    report = {"model": translator.card.get("name"), "lines_per_corpus": args.lines, "corpora": {}, "slots": {}}
    kept_by_count: dict[int, list[bool]] = {}
    for name, (sources, references) in dev_sets(args.dev, args.lines).items():
        terms = [aligned_terms(translator, k, e) for k, e in zip(sources, references)]
        with_terms = [i for i, t in enumerate(terms) if t]
        if not with_terms:
            continue
        chosen_sources = [sources[i] for i in with_terms]
        chosen_refs = [references[i] for i in with_terms]
        plain = translator.translate_lines(chosen_sources)
        pinned = []
        for i in with_terms:
            [sentence] = translator.translate(sources[i].replace("\n", " "), split_sentences=False,
                                              terms=terms[i]).sentences or [None]
            pinned.append(sentence.target if sentence else sources[i])
            if sentence and sentence.terms:
                kept_by_count.setdefault(len(sentence.terms), []).append(not sentence.term_problems)

        def hit_rate(outputs: list[str]) -> float:
            pairs = [(t.english, out) for i, out in zip(with_terms, outputs) for t in terms[i]]
            return round(100 * sum(english in out for english, out in pairs) / len(pairs), 1)

        report["corpora"][name] = {
            "sentences_with_terms": len(with_terms), "terms": sum(len(terms[i]) for i in with_terms),
            "examples": [[t.korean, t.english] for i in with_terms[:8] for t in terms[i]],
            "term_in_output_percent": {"without_terms": hit_rate(plain), "with_terms": hit_rate(pinned)},
            "without_terms": score(plain, chosen_refs), "with_terms": score(pinned, chosen_refs),
        }
        print(name, json.dumps(report["corpora"][name], ensure_ascii=False), flush=True)
    report["slots"] = {str(n): {"sentences": len(kept), "all_slots_kept_percent": round(100 * sum(kept) / len(kept), 1)}
                       for n, kept in sorted(kept_by_count.items())}
    print("slots kept, by terms in the sentence:", report["slots"])
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
