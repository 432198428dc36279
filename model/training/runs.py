"""Whole runs: training from scratch and fine-tuning a bundle. Both read their corpora (named_corpora: folders,
data roots and files alike), train, then share one ending: score the dev sets with one decoding (a fine-tune: its
base model too, on the same lines) and write a verified bundle to a fresh folder."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..config import TrainingConfig, TransformerConfig
from ..files import write_json_atomic
from ..search import LENGTH_PENALTY_ALPHA
from ..bundle import language_tokenizers
from ..tokenizer import PLACEHOLDERS, Tokenizer
from .data import EncodedCorpus, corpus_weights, encode_corpora, read_training_corpora, record_weights
from .hardware import hardware_description, tf_config_task, wait_for_chief
from .trainer import Run, TrainingCancelled


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def final_card(bundle_name: str, config: TrainingConfig, corpora: list[dict], state: dict, dev_scores: dict,
               beam: int, ko: Tokenizer, en: Tokenizer, base_card: dict | None = None,
               alpha: float = LENGTH_PENALTY_ALPHA) -> dict:
    history = list((base_card or {}).get("history", []))
    if base_card:
        history.append({"name": base_card.get("name"), "date": base_card.get("date"),
                        "dev": base_card.get("dev_scores")})
    return {
        "name": bundle_name,
        "date": now_iso(),
        "base_model": base_card.get("name") if base_card else None,
        "corpora": [{k: v for k, v in entry.items() if k != "report"} for entry in corpora],
        "training": {**config.to_dict(), "steps": state["step"], "best_step": state["best_step"],
                     "stop_reason": state.get("stop_reason"),
                     "train_seconds": round(state["train_seconds"]), "hardware": hardware_description()},
        "languages": config.model.pair,
        "tokenizer": {"type": "SentencePiece unigram, byte fallback", "ko_vocab_size": ko.vocab_size,
                      "en_vocab_size": en.vocab_size, "whole_pieces": PLACEHOLDERS},
        "decoding": {"beam": beam, "length_penalty_alpha": alpha},
        "dev_scores": dev_scores,
        "dev_curve": state["history"],
        "history": history,
    }


def evaluate_full_dev(weights: Path, model_config: TransformerConfig, ko: Tokenizer, en: Tokenizer,
                      dev_root: Path | None, beam: int) -> dict:
    """Full dev set scores of Keras weights, through the app's pipeline, in float32 (scripts/device_train.py)."""
    if dev_root is None:
        return {}
    from ..engine import KerasEngine
    from ..evaluation import dev_sets, evaluate_sets
    from ..transformer import float32_model
    from ..translate import Translator

    translator = Translator.for_engine(KerasEngine(float32_model(model_config, weights)), ko, en, model_config)
    return evaluate_sets(lambda lines: translator.translate_lines(lines, beam),
                         dev_sets(dev_root, None, model_config.source_language))


def finetune_decoding(base_card: dict, beam: int | None) -> tuple[int, float]:
    """The decoding a fine-tune is scored with, base and new model alike, and that its card keeps: the base card's
    beam (unless one is given) and length penalty, so the two compare fairly and the new model translates as the
    base did."""
    chosen = base_card.get("decoding") or {}
    return (beam or int(chosen.get("beam", 4)), float(chosen.get("length_penalty_alpha", LENGTH_PENALTY_ALPHA)))


BASE, NEW = "base", "new"  # the two models of the final scoring
SCORING_FILE = "scoring.json"  # in the work folder: the final scoring's translations so far
SCORING_BATCH = 32  # lines translated between two looks at the stop request


class ScoringCache:
    """The final scoring's translations so far, per model (BASE, NEW) and dev corpus, kept in the work folder
    after every batch: a run cancelled or killed while scoring goes on where it stopped when started again. A
    model's translations are kept only for the same model, decoding and dev lines (its key)."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        if not isinstance(self.entries, dict):
            self.entries = {}

    @staticmethod
    def key(model_identity: str, decoding: tuple[int, float], sets: dict) -> str:
        text = json.dumps([model_identity, list(decoding), sets], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def outputs(self, role: str, key: str) -> dict[str, list[str]]:
        entry = self.entries.get(role)
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("outputs"), dict):
            entry = self.entries[role] = {"key": key, "outputs": {}}
        return entry["outputs"]

    def save(self) -> None:
        write_json_atomic(self.path, self.entries)


def score_dev(run: Run, translator, sets: dict, decoding: tuple[int, float], label: str, role: str,
              cache: ScoringCache, key: str) -> dict:
    """Dev scores with progress events between batches and a cancel that takes effect at once; what was
    translated is kept in `cache`, and what it already holds is not translated again."""
    from ..evaluation import score_sets

    beam, alpha = decoding
    outputs = cache.outputs(role, key)
    total = sum(len(sources) for sources, _ in sets.values())
    done = sum(len(outputs.get(name, [])) for name in sets)  # the key covers the sources: never more
    what = f"the base model {label}" if role == BASE else "the new model"
    if done:
        run.emit("log", message=f"{done} of {total} dev lines of {what} were scored before; going on from there")
        run.emit("scoring", model=label, role=role, done=done, total=total)
    for name, (sources, _) in sets.items():
        translated = outputs.setdefault(name, [])
        while len(translated) < len(sources):
            if run.should_stop():
                run.emit("cancelled", step=None, phase="scoring", model=label, role=role, done=done, total=total)
                raise TrainingCancelled(f"cancelled while scoring {what} ({done} of {total} dev lines done and "
                                        "kept); the training is finished and kept: start it again to go on scoring")
            batch = sources[len(translated):len(translated) + SCORING_BATCH]
            translated += translator.translate_lines(batch, beam=beam, alpha=alpha)
            cache.save()
            done += len(batch)
            run.emit("scoring", model=label, role=role, done=done, total=total)
    return score_sets({name: outputs[name] for name in sets}, sets)


def finish_run(run: Run, state: dict, output: Path, config: TrainingConfig, corpora: list[dict], ko: Tokenizer,
               en: Tokenizer, dev_root: Path | None, decoding: tuple[int, float], base: Path | None = None) -> Path:
    """The ending both runs share: the best weights exported, scored (the exported file itself, on the first
    config.final_dev_lines lines of each dev corpus, 0 = all, which the card says) with `decoding` (beam, length
    penalty), which the card keeps, and written as a verified bundle. A fine-tune also scores its base model with
    the same decoding on the same lines, so the two can be compared fairly."""
    from .. import bundle as bundles
    from ..engine import LiteRTEngine
    from ..evaluation import dev_sets
    from ..translate import Translator

    best = run.work_dir / "best.weights.h5"
    weights = best if best.exists() else run.work_dir / "checkpoint" / "model.weights.h5"
    base_bundle = bundles.load(base) if base else None
    name = config.name or output.name
    beam, alpha = decoding
    card = final_card(name, config, corpora, state, {}, beam, ko, en,
                      base_card=base_bundle.card if base_bundle else None, alpha=alpha)
    card["dev_sets"] = str(dev_root) if dev_root else None
    score = None
    if dev_root is not None:
        # None: every line. Scores on the first N lines of each corpus compare only with scores on the same lines.
        card["dev_lines_per_corpus"] = config.final_dev_lines or None
        sets = dev_sets(dev_root, config.final_dev_lines or None, config.model.source_language)
        lines = sum(len(sources) for sources, _ in sets.values())
        cache = ScoringCache(run.work_dir / SCORING_FILE)
        models = f"the base model {base_bundle.name} and the new model" if base_bundle else "the new model"
        run.emit("log", message=f"scoring {models} on {lines} dev lines with beam {beam}, length penalty {alpha}")
        if base_bundle is not None:
            base_key = cache.key((base / "checksums.json").read_text(encoding="utf-8"), decoding, sets)
            card["base_dev_scores"] = score_dev(run, Translator(base), sets, decoding, base_bundle.name, BASE,
                                                cache, base_key)
        new_key = cache.key(bundles.sha256(weights), decoding, sets)  # the weights the export is made of

        def score(litert_path: Path) -> dict:
            engine = LiteRTEngine(litert_path, config.model)
            return score_dev(run, Translator.for_engine(engine, ko, en, config.model), sets, decoding, name, NEW,
                             cache, new_key)

    path = bundles.save(output, config.model, weights, ko, en, card, score=score)
    run.emit("bundle", path=str(path), dev=bundles.load(path).card.get("dev_scores", {}))
    return path


def train_from_scratch(data_paths: list[Path], dev_root: Path | None, output: Path, work_dir: Path,
                       config: TrainingConfig, progress=None, should_stop=None, final_beam: int | None = None) -> Path:
    """A new model (its own tokenizers) on the corpora in data_paths: folders, data roots or files
    (named_corpora); scored with final_beam (default 4) and GNMT's length penalty."""
    from ..evaluation import dev_sets

    run = Run(work_dir, config, progress, should_stop)
    data_path, corpora_path = work_dir / "data.npz", work_dir / "corpora.json"
    chief = tf_config_task()[0] == 0
    if not chief:
        wait_for_chief([data_path, work_dir / "ko.model", work_dir / "en.model", corpora_path])
    tokenizers = work_dir / "ko.model", work_dir / "en.model"
    if data_path.exists() and all(path.exists() for path in tokenizers):
        ko, en = Tokenizer.load(tokenizers[0]), Tokenizer.load(tokenizers[1])
        data, corpora = EncodedCorpus.load(data_path), json.loads(corpora_path.read_text())
    else:
        run.emit("log", message=f"reading the corpora in {', '.join(str(path) for path in data_paths)}")
        texts, corpora = read_training_corpora(data_paths)
        if all(path.exists() for path in tokenizers):  # seeded from a committed snapshot: its own tokenizers
            ko, en = Tokenizer.load(tokenizers[0]), Tokenizer.load(tokenizers[1])
        else:
            run.emit("log", message=f"{sum(len(p) for p in texts.values())} clean pairs; training tokenizers")
            sizes = {config.model.source_language: config.model.src_vocab_size,
                     config.model.target_language: config.model.tgt_vocab_size}
            ko = Tokenizer.train((k for pairs in texts.values() for k, _ in pairs), sizes["ko"],
                                 character_coverage=0.9995)
            en = Tokenizer.train((e for pairs in texts.values() for _, e in pairs), sizes["en"])
            ko.save(tokenizers[0])
            en.save(tokenizers[1])
        data = encode_corpora(texts, ko, en, config.max_sentence_tokens, config.model.source_language)
        write_json_atomic(corpora_path, corpora)
        data.save(data_path)
    source, target = language_tokenizers(config.model, ko, en)
    config.model.src_vocab_size, config.model.tgt_vocab_size = source.vocab_size, target.vocab_size
    write_json_atomic(work_dir / "config.json", config.to_dict())
    dev = dev_sets(dev_root, config.dev_sample_per_corpus, config.model.source_language) if dev_root else {}
    weights = corpus_weights(data.names, config)
    record_weights(corpora, data.names, weights)
    state = run.train(data, weights, ko, en, dev)
    if not chief:
        return output  # the chief scores the model and writes the bundle
    return finish_run(run, state, output, config, corpora, ko, en, dev_root, (final_beam or 4, LENGTH_PENALTY_ALPHA))


def finetune_bundle(base: Path, corpora_paths: list[Path], output: Path, work_dir: Path,
                    mix_data: list[Path], dev_root: Path | None, config: TrainingConfig, progress=None,
                    should_stop=None, final_beam: int | None = None) -> Path:
    """Same loop, starting from a bundle's weights and vocabularies, on the user's corpora and the original
    corpora in mix_data (both any paths named_corpora takes); scored with the base card's decoding
    (finetune_decoding). The base bundle is only read."""
    from .. import bundle as bundles
    from ..evaluation import dev_sets

    base_bundle = bundles.load(base)
    config.model = base_bundle.config
    run = Run(work_dir, config, progress, should_stop)
    ko, en = base_bundle.ko, base_bundle.en
    data_path, corpora_path = work_dir / "data.npz", work_dir / "corpora.json"
    if data_path.exists():
        data, corpora = EncodedCorpus.load(data_path), json.loads(corpora_path.read_text())
    else:
        texts, corpora = read_training_corpora(corpora_paths, user=True)
        if mix_data:  # the original corpora, unless the user's have the same name
            mixed, mixed_entries = read_training_corpora(mix_data, skip=set(texts))
            texts.update(mixed)
            corpora += mixed_entries
        data = encode_corpora(texts, ko, en, config.max_sentence_tokens, config.model.source_language)
        write_json_atomic(corpora_path, corpora)
        data.save(data_path)
    if len(data.src) == 0:
        raise ValueError("the corpus has no usable pairs; see its validation report")
    user_names = {entry["name"] for entry in corpora if entry.get("user_corpus")}
    dev = dev_sets(dev_root, config.dev_sample_per_corpus, config.model.source_language) if dev_root else {}
    weights = corpus_weights(data.names, config, user_names)
    record_weights(corpora, data.names, weights)
    state = run.train(data, weights, ko, en, dev, initial_weights=base_bundle.weights_path)
    return finish_run(run, state, output, config, corpora, ko, en, dev_root,
                      finetune_decoding(base_bundle.card, final_beam), base)
