"""Whole runs: training from scratch and fine-tuning a bundle. Both prepare their data, train, then share one
ending: score the full dev set and write a verified bundle to a fresh folder."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..config import TrainingConfig, TransformerConfig
from ..corpus import corpus_folders
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
               beam: int, ko: Tokenizer, en: Tokenizer, base_card: dict | None = None) -> dict:
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
        "decoding": {"beam": beam, "length_penalty_alpha": LENGTH_PENALTY_ALPHA},
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


def score_dev(run: Run, translator, sets: dict, beam: int, label: str) -> dict:
    """Dev scores with progress events between batches, and a cancel that takes effect at once."""
    from ..evaluation import evaluate_sets

    total, done = sum(len(sources) for sources, _ in sets.values()), 0

    def translate(sources: list[str]) -> list[str]:
        nonlocal done
        outputs = []
        for start in range(0, len(sources), 32):
            if run.should_stop():
                run.emit("cancelled", step=None, phase="scoring")
                raise TrainingCancelled("cancelled while scoring the new model; start it again to score it (the "
                                        "training is finished and kept)")
            outputs += translator.translate_lines(sources[start:start + 32], beam=beam)
            done += len(sources[start:start + 32])
            run.emit("scoring", model=label, done=done, total=total)
        return outputs

    return evaluate_sets(translate, sets)


def finish_run(run: Run, state: dict, output: Path, config: TrainingConfig, corpora: list[dict], ko: Tokenizer,
               en: Tokenizer, dev_root: Path | None, final_beam: int, base: Path | None = None) -> Path:
    """The ending both runs share: the best weights exported, scored (the exported file itself, on the first
    config.final_dev_lines lines of each dev corpus, 0 = all) and written as a verified bundle. A fine-tune also
    scores its base model on the same lines, so the two can be compared fairly."""
    from .. import bundle as bundles
    from ..engine import LiteRTEngine
    from ..evaluation import dev_sets
    from ..translate import Translator

    best = run.work_dir / "best.weights.h5"
    weights = best if best.exists() else run.work_dir / "checkpoint" / "model.weights.h5"
    base_bundle = bundles.load(base) if base else None
    name = config.name or output.name
    card = final_card(name, config, corpora, state, {}, final_beam, ko, en,
                      base_card=base_bundle.card if base_bundle else None)
    card["dev_sets"] = str(dev_root) if dev_root else None
    score = None
    if dev_root is not None:
        sets = dev_sets(dev_root, config.final_dev_lines or None, config.model.source_language)
        lines = sum(len(sources) for sources, _ in sets.values())
        run.emit("log", message=f"scoring the new model on {lines} dev lines with beam {final_beam}")
        if base_bundle is not None:
            card["base_dev_scores"] = score_dev(run, Translator(base), sets, final_beam, base_bundle.name)

        def score(litert_path: Path) -> dict:
            engine = LiteRTEngine(litert_path, config.model)
            return score_dev(run, Translator.for_engine(engine, ko, en, config.model), sets, final_beam, name)

    path = bundles.save(output, config.model, weights, ko, en, card, score=score)
    run.emit("bundle", path=str(path), dev=bundles.load(path).card.get("dev_scores", {}))
    return path


def train_from_scratch(data_root: Path, dev_root: Path | None, output: Path, work_dir: Path,
                       config: TrainingConfig, progress=None, should_stop=None, final_beam: int = 4) -> Path:
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
        run.emit("log", message=f"reading corpora under {data_root}")
        texts, corpora = read_training_corpora(corpus_folders(data_root))
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
    return finish_run(run, state, output, config, corpora, ko, en, dev_root, final_beam)


def finetune_bundle(base: Path, corpora_paths: list[Path], output: Path, work_dir: Path,
                    mix_data_root: Path | None, dev_root: Path | None, config: TrainingConfig, progress=None,
                    should_stop=None, final_beam: int = 4) -> Path:
    """Same loop, starting from a bundle's weights and vocabularies; the base bundle is only read."""
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
        if mix_data_root is not None:  # the original corpora, unless the user's have the same name
            mixed, mixed_entries = read_training_corpora(corpus_folders(mix_data_root), skip=set(texts))
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
    return finish_run(run, state, output, config, corpora, ko, en, dev_root, final_beam, base)
