"""BLEU and chrF with sacreBLEU's defaults, per corpus."""

from __future__ import annotations

from pathlib import Path

import sacrebleu

from .corpus import corpus_folders, iter_rows, normalize


def score(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    return {
        "bleu": round(sacrebleu.corpus_bleu(hypotheses, [references]).score, 2),
        "chrf": round(sacrebleu.corpus_chrf(hypotheses, [references]).score, 2),
        "sentences": len(hypotheses),
    }


def read_eval_set(path: str | Path, source_language: str = "ko") -> tuple[list[str], list[str]]:
    """Source and reference lines of an evaluation corpus, unfiltered: every line is scored. With source_language
    "en" the English is the source and the Korean the reference (dev scored reversed)."""
    korean_lines, english_lines = [], []
    for _, korean, english in iter_rows(path):
        korean_lines.append(normalize(korean))
        english_lines.append(normalize(english))
    return (korean_lines, english_lines) if source_language == "ko" else (english_lines, korean_lines)


def dev_sets(root: str | Path, limit: int | None = None,
             source_language: str = "ko") -> dict[str, tuple[list[str], list[str]]]:
    """{corpus name: (sources, references)} for every corpus under a dev root, each cut to `limit` lines; with
    source_language "en" the English is the source and the Korean the reference (dev scored reversed)."""
    sets = {}
    for folder in corpus_folders(root):
        sources, references = read_eval_set(folder, source_language)
        sets[folder.name] = (sources[:limit], references[:limit]) if limit else (sources, references)
    return sets


def evaluate_sets(translate, sets: dict[str, tuple[list[str], list[str]]]) -> dict[str, dict[str, float]]:
    """translate: list of source sentences -> list of translations; returns scores per corpus and their mean."""
    return score_sets({name: translate(sources) for name, (sources, _) in sets.items()}, sets)


def score_sets(outputs: dict[str, list[str]],
               sets: dict[str, tuple[list[str], list[str]]]) -> dict[str, dict[str, float]]:
    """Scores per corpus of the translations in outputs (by corpus name) against the sets' references, and their
    mean."""
    results = {name: score(outputs[name], references) for name, (_, references) in sets.items()}
    if results:
        results["mean"] = {
            metric: round(sum(r[metric] for r in results.values()) / len(results), 2) for metric in ("bleu", "chrf")
        }
    return results


def litert_scorer(config, ko, en, sets: dict[str, tuple[list[str], list[str]]], beam: int | None = None,
                  alpha: float | None = None):
    """score(path of a model.tflite) -> its scores on `sets`, through the app's pipeline: what bundle.save calls
    to score the very file it exports (beam and alpha: None is beam 4 and GNMT's 0.6)."""
    def score(litert_path) -> dict:
        from .engine import LiteRTEngine
        from .translate import Translator

        translator = Translator.for_engine(LiteRTEngine(litert_path, config), ko, en, config)
        return evaluate_sets(lambda lines: translator.translate_lines(lines, beam=beam, alpha=alpha), sets)

    return score
