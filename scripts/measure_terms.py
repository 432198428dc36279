"""What terms do on dev: terms made from the dev references' own proper nouns, found automatically.

Each capitalised English word (or run of them) of a dev reference, other than its first word, is looked up in the
loanword_names lexicon of ../shared/data/train (Hangul spelling -> English original); where one of its Hangul
spellings stands in the Korean source at a word start, the pair is a term. (Aligning them through the model's
cross-attention was tried first: with this small model the attention pointed at the wrong word too often, e.g.
스탠포드 -> Monday, so the dev figures would have measured bad terms.) Then the dev lines with terms are translated
without and with their terms: how often the term's English appears in the output, BLEU and chrF, and how often the
model kept every slot, by the number of terms in the sentence.
Usage: .venv/bin/python scripts/measure_terms.py OUT.json [--model BUNDLE] [--data ../shared/data] [--lines 200]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.api import SHIPPED_MODEL, Translator  # noqa: E402
from model.evaluation import dev_sets, score  # noqa: E402
from model.terms import Term, find_terms  # noqa: E402

NAME = re.compile(r"^[A-Z][a-zA-Z]+$")


def read_lexicon(path: Path) -> dict[str, set[str]]:
    """English name -> its Hangul spellings."""
    spellings: dict[str, set[str]] = defaultdict(set)
    korean = (path / "train.ko").read_text(encoding="utf-8").splitlines()
    english = (path / "train.en").read_text(encoding="utf-8").splitlines()
    for k, e in zip(korean, english):
        if NAME.match(e.split()[0] if e.split() else "") and len(k) >= 2:
            spellings[e].add(k)
    return spellings


def reference_terms(lexicon: dict[str, set[str]], korean: str, english: str) -> list[Term]:
    words = [w.strip(".,!?\"'()[]:;") for w in english.split()]
    terms, e = [], 1  # the first word of a sentence is capitalised anyway
    while e < len(words):
        for size in (3, 2, 1):  # the longest name first: Nova Scotia before Nova
            name = " ".join(words[e:e + size])
            if len(words[e:e + size]) == size and all(NAME.match(w) for w in words[e:e + size]):
                found = [Term(k, name) for k in sorted(lexicon.get(name, ()), key=len, reverse=True)
                         if find_terms(korean, [Term(k, name)])]
                if found:
                    terms.append(found[0])
                    e += size
                    break
        else:
            e += 1
    return terms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", type=Path, default=SHIPPED_MODEL)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--lines", type=int, default=200)
    args = parser.parse_args()
    translator = Translator(args.model)
    lexicon = read_lexicon(args.data / "train" / "loanword_names")
    report = {"model": translator.card.get("name"), "lines_per_corpus": args.lines, "corpora": {}, "slots": {}}
    kept_by_count: dict[int, list[bool]] = {}
    for name, (sources, references) in dev_sets(args.data / "dev", args.lines).items():
        terms = [reference_terms(lexicon, k, e) for k, e in zip(sources, references)]
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
