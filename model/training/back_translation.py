"""Synthetic pairs from monolingual text. Back-translation: English text turned into Korean→English pairs by an
English→Korean model (Sennrich et al. 2016), the Korean side synthetic (bt_NAME). Self-training: Korean text
translated by a Korean→English model, the English side synthetic (st_NAME; He et al. 2020). Each source corpus
becomes a corpus of its own, so that training weighs it like any other and the card lists it.

Decoding is greedy. Sampling or noised beam search beats greedy and beam when the reverse model is strong and the
real bitext large (Edunov et al. 2018, "Understanding Back-Translation at Scale"), but with little bitext and a
weak reverse model, as here (a 9.6M-parameter model trained for a few epochs on 2 CPU cores), the same study found
sampled sources too noisy and beam (or greedy) better; greedy is also the cheapest search on a CPU. The synthetic
corpora are kept apart and can be weighed down, which gets some of what tagging synthetic sources gets (Caswell
et al. 2019) without a new tokenizer piece.

Derived data: written outside the repository, rebuilt by scripts/back_translate.py. A run killed part-way keeps
the chunks it finished and continues after them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import numpy as np

from ..corpus import has_hangul, has_language, read_licence
from ..files import write_text_atomic

CHUNK_LINES = 512
MAX_SOURCE_CHARACTERS = 300  # longer lines are mostly Wikipedia run-ons the model cuts into chunks anyway
_REPEATED_WORD = re.compile(r"(\S+)(?:\s+\1){3,}")  # the same word four times in a row: a degenerate output


def mono_sample(path: Path, limit: int | None, seed: int = 7) -> list[str]:
    """Distinct lines of a monolingual file (text.en or text.ko) that have letters of its language, at most
    `limit` of them drawn at random (seeded): the first lines of a dialogue corpus are a few dialogues, a random
    draw covers all its domains."""
    language = path.suffix.lstrip(".")
    seen, lines = set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and len(line) <= MAX_SOURCE_CHARACTERS and line not in seen and has_language(line, language):
            seen.add(line)
            lines.append(line)
    if limit is not None and limit < len(lines):
        chosen = np.sort(np.random.default_rng(seed).choice(len(lines), limit, replace=False))
        lines = [lines[i] for i in chosen]
    return lines


def usable_pair(english: str, korean: str) -> bool:
    """Whether a synthetic pair is worth training on: each side in its language, the machine-made side no loop,
    of a plausible length (Korean takes about half as many characters as English; well outside that the model
    dropped or invented)."""
    if not has_hangul(korean) or not has_language(english, "en"):
        return False
    if _REPEATED_WORD.search(korean) or _REPEATED_WORD.search(english):
        return False
    ratio = len(korean) / max(len(english), 1)
    return 0.15 <= ratio <= 1.5


def back_translate_corpus(translate: Callable[[list[str]], list[str]], source_file: Path, target_folder: Path,
                          model_name: str, limit: int | None = None,
                          progress: Callable[[str], None] = print) -> dict:
    """Translate one mono/ corpus (its text.en or text.ko) into target_folder (train.ko, train.en, SOURCE.txt),
    chunk by chunk so that a killed run continues where it stopped. Returns counts for the log."""
    source_language = source_file.suffix.lstrip(".")
    lines = mono_sample(source_file, limit)
    chunks_dir = target_folder / "chunks"
    chunks_dir.mkdir(parents=True, exist_ok=True)
    chunk_count = (len(lines) + CHUNK_LINES - 1) // CHUNK_LINES
    for index in range(chunk_count):
        chunk_path = chunks_dir / f"{index:05d}.tsv"
        if chunk_path.exists():
            continue
        sources = lines[index * CHUNK_LINES:(index + 1) * CHUNK_LINES]
        write_text_atomic(chunk_path, "".join(f"{s}\t{t}\n" for s, t in zip(sources, translate(sources))))
        progress(f"{source_file.parent.name}: {min(len(lines), (index + 1) * CHUNK_LINES)} of {len(lines)} lines")
    kept_ko, kept_en, translated = [], [], 0
    for index in range(chunk_count):
        for row in (chunks_dir / f"{index:05d}.tsv").read_text(encoding="utf-8").splitlines():
            source, output = row.split("\t", 1)
            korean, english = (output, source) if source_language == "en" else (source, output)
            translated += 1
            if usable_pair(english, korean):
                kept_ko.append(korean)
                kept_en.append(english)
    synthetic = "Korean" if source_language == "en" else "English"
    write_text_atomic(target_folder / "SOURCE.txt", (
        f"source: {source_file.parent.name} ({source_file.parent}) translated by the model '{model_name}', "
        "greedy search (model/training/back_translation.py)\n"
        f"licence: {read_licence(source_file.parent)}\n"
        f"pairs: {len(kept_ko)} of {translated} sampled lines (the rest failed usable_pair)\n"
        f"synthetic: the {synthetic} side is machine-made; derived data, rebuilt by scripts/back_translate.py\n"))
    write_text_atomic(target_folder / "train.en", "".join(line + "\n" for line in kept_en))
    write_text_atomic(target_folder / "train.ko", "".join(line + "\n" for line in kept_ko))
    return {"corpus": target_folder.name, "sampled": len(lines), "kept": len(kept_ko)}


def synthetic_corpora(bundle_path: Path, mono_root: Path, output_root: Path, corpora: list[str],
                      limit: int | None = None, progress: Callable[[str], None] = print) -> list[dict]:
    """Every named mono/ corpus in the bundle's source language translated into output_root: bt_NAME by an
    English->Korean bundle (back-translation), st_NAME by a Korean->English one (self-training)."""
    from ..translate import Translator

    translator = Translator(bundle_path)
    source_language = translator.config.source_language
    prefix = "bt" if source_language == "en" else "st"
    counts = []
    for name in corpora:
        source_file = mono_root / name / f"text.{source_language}"
        if not source_file.exists():
            raise ValueError(f"{mono_root / name}: no text.{source_language} for a {translator.config.pair} model")
        counts.append(back_translate_corpus(lambda lines: translator.translate_lines(lines, beam=1), source_file,
                                            output_root / f"{prefix}_{name}", translator.bundle.name, limit,
                                            progress))
    return counts
