"""One corpus path: the corpora a run reads, named once (model/training/data.py: named_corpora) for training from
scratch, fine-tuning and the app's preview, from any picked paths (corpus folders, data roots, files)."""

from __future__ import annotations

import json

import pytest

from model import bundle as bundles
from model.api import CorpusError, named_corpora

from support import run_cli, write_pairs


def numbered_pairs(word: str, count: int) -> list[tuple[str, str]]:
    """Distinct pairs (the corpus reader drops duplicates), so a corpus keeps `count` of them."""
    return [(f"{n}번 {word}가 자고 있어요.", f"{word} number {n} is sleeping.") for n in range(count)]


def write_table(path, pairs) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("원문\t번역문\n" + "".join(f"{k}\t{e}\n" for k, e in pairs), encoding="utf-8")


def test_picked_paths_of_every_kind_are_named_once_and_the_second_of_a_name_is_name_2(tmp_path):
    root = tmp_path / "train"
    write_pairs(root / "chat", numbered_pairs("고양이", 3))
    write_pairs(root / "news", numbered_pairs("개", 3))
    folder = write_pairs(tmp_path / "mine" / "chat", numbered_pairs("새", 3))
    pair = write_pairs(tmp_path / "pair", numbered_pairs("말", 3), stem="letters")
    table = tmp_path / "tables" / "news.tsv"
    write_table(table, numbered_pairs("소", 3))

    picked = [root, folder, pair / "letters.en", table, pair / "letters.ko", root / "chat"]
    named = named_corpora(picked)
    assert named == [("chat", root / "chat"), ("news", root / "news"), ("chat-2", folder),
                     ("letters", pair / "letters.ko"), ("news-2", table)]  # .en and .ko are one pair; no repeats
    assert named_corpora(picked) == named  # the same picks, the same names: a resumed run finds its corpora
    assert named_corpora(str(table)) == [("news", table)]  # one path, as a string too
    with pytest.raises(CorpusError, match="no corpus folders"):
        named_corpora([tmp_path / "tables"])  # a folder with no .ko/.en pair in it or under it


def test_train_reads_several_paths_of_any_kind_at_once(tmp_path, tiny_config_file):
    root = tmp_path / "train"
    write_pairs(root / "chat", numbered_pairs("고양이", 12))
    write_pairs(root / "news", numbered_pairs("개", 8))
    table = tmp_path / "mine" / "chat.tsv"
    write_table(table, numbered_pairs("새", 6))
    pair = write_pairs(tmp_path / "pair", numbered_pairs("말", 5), stem="letters")
    result = run_cli("train", "--data", str(root), str(table), str(pair / "letters.en"), "--no-dev", "--output",
                     str(tmp_path / "bundle"), "--work-dir", str(tmp_path / "work"), "--config",
                     str(tiny_config_file), "--epochs", "1")
    assert result.returncode == 0, result.stderr[-3000:]
    corpora = bundles.load(tmp_path / "bundle").card["corpora"]
    assert [(c["name"], c["pairs"]) for c in corpora] == [("chat", 12), ("news", 8), ("chat-2", 6), ("letters", 5)]


def test_finetune_reads_a_data_root_and_several_mix_paths_and_a_config_file_keeps_the_finetuning_defaults(
        tmp_path, tiny_bundle, tiny_corpus):
    """A data root picked as the user's corpus is its corpus folders (as the app's preview counts them), and the
    settings a --config file leaves out are fine-tuning's (config.FINETUNE_DEFAULTS), not training's."""
    from model.config import FINETUNE_DEFAULTS

    root = tmp_path / "mine"
    write_pairs(root / "chat", numbered_pairs("고양이", 12))
    write_pairs(root / "letters", numbered_pairs("개", 8))
    extra = tmp_path / "extra.tsv"
    write_table(extra, numbered_pairs("새", 6))
    settings = tmp_path / "few.json"
    settings.write_text(json.dumps({"max_tokens_per_batch": 200, "checkpoint_minutes": 0.0, "epochs": 1}))
    result = run_cli("finetune", "--model", str(tiny_bundle), "--corpus", str(root), "--mix-data",
                     str(tiny_corpus.parent), str(extra), "--output", str(tmp_path / "tuned"), "--config",
                     str(settings), "--no-dev")
    assert result.returncode == 0, result.stderr[-3000:]
    card = bundles.load(tmp_path / "tuned").card
    assert [(c["name"], c["pairs"], c.get("user_corpus", False)) for c in card["corpora"]] == [
        ("chat", 12, True), ("letters", 8, True), ("tiny", 10, False), ("extra", 6, False)]
    training = card["training"]
    assert (training["max_tokens_per_batch"], training["epochs"]) == (200, 1)  # what the file says
    for name in ("peak_learning_rate", "warmup_steps", "final_dev_lines"):  # what it leaves out
        assert training[name] == FINETUNE_DEFAULTS[name], name
