"""Fair final scores: a fine-tune scores its base model and itself with one decoding (the base card's beam and
length penalty), on lines its card names; Cancel during that scoring says which model it stopped in, and the run
started again keeps what was scored."""

from __future__ import annotations

import json
import shutil

from model import bundle as bundles
from model.evaluation import dev_sets, evaluate_sets, score_sets
from model.translate import Translator

from support import resign, run_cancelling_cli, run_cli, write_pairs


def user_corpus(folder):
    return write_pairs(folder, [(f"{n}번 사과를 먹어요.", f"I eat apple number {n}.") for n in range(20)],
                       stem="mine") / "mine.ko"


def test_a_finetune_scores_its_base_and_itself_with_the_bases_decoding_on_lines_its_card_names(
        tmp_path, tiny_bundle, tiny_corpus, tiny_config_file):
    base = tmp_path / "base"
    shutil.copytree(tiny_bundle, base)
    card = json.loads((base / "card.json").read_text(encoding="utf-8"))
    card["decoding"] = {"beam": 2, "length_penalty_alpha": 1.1}  # as chosen on dev for the base model
    (base / "card.json").write_text(json.dumps(card), encoding="utf-8")
    resign(base)
    result = run_cli("finetune", "--model", str(base), "--corpus", str(user_corpus(tmp_path / "mine")), "--output",
                     str(tmp_path / "tuned"), "--config", str(tiny_config_file), "--epochs", "1", "--dev",
                     str(tiny_corpus), "--final-dev-lines", "12")
    assert result.returncode == 0, result.stderr[-3000:]

    tuned = bundles.load(tmp_path / "tuned").card
    assert tuned["decoding"] == {"beam": 2, "length_penalty_alpha": 1.1}  # the new model decodes as its base did
    assert tuned["dev_lines_per_corpus"] == 12  # the first 12 lines of each dev corpus, not the full sets
    sets = dev_sets(tiny_corpus, 12)
    assert tuned["base_dev_scores"] == evaluate_sets(
        lambda lines: Translator(base).translate_lines(lines, beam=2, alpha=1.1), sets)
    assert tuned["dev_scores"] == evaluate_sets(Translator(tmp_path / "tuned").translate_lines, sets)  # its card's


def runs_of(work_dir) -> list[list[dict]]:
    """The events of each start of a run in its work folder (a start again logs where it resumed from)."""
    runs = []
    for line in (work_dir / "log.jsonl").read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if not runs or event.get("resumed_from"):
            runs.append([])
        runs[-1].append(event)
    return runs


def scored(events: list[dict], role: str) -> list[int]:
    return [e["done"] for e in events if e["kind"] == "scoring" and e["role"] == role]


def test_cancel_while_scoring_names_the_model_and_starting_again_keeps_what_was_scored(
        tmp_path, tiny_bundle, tiny_corpus, tiny_config_file):
    work = tmp_path / "work"
    arguments = ["finetune", "--model", str(tiny_bundle), "--corpus", str(user_corpus(tmp_path / "mine")),
                 "--output", str(tmp_path / "tuned"), "--work-dir", str(work), "--config", str(tiny_config_file),
                 "--epochs", "1", "--dev", str(tiny_corpus)]  # 40 dev lines: batches of 32 and 8

    in_base = run_cancelling_cli("base", *arguments)
    assert in_base.returncode == 3, in_base.stderr[-3000:]
    assert "cancelled while scoring the base model bundle (32 of 40 dev lines done and kept)" in in_base.stderr
    in_new = run_cancelling_cli("new", *arguments)
    assert in_new.returncode == 3, in_new.stderr[-3000:]
    assert "cancelled while scoring the new model (32 of 40 dev lines done and kept)" in in_new.stderr
    finished = run_cli(*arguments)
    assert finished.returncode == 0, finished.stderr[-3000:]

    first, second, third = runs_of(work)
    assert scored(first, "base") == [32] and scored(first, "new") == []
    assert scored(second, "base") == [32, 40] and scored(second, "new") == [32]  # the base's 32 lines kept
    assert scored(third, "base") == [40] and scored(third, "new") == [32, 40]  # nothing scored twice
    assert not any(e["kind"] == "step" for e in second + third)  # training was over: only the scoring went on
    assert any(e["kind"] == "step" for e in first) and first[-1]["kind"] == "cancelled"

    # what was kept and what came after it score as one uninterrupted scoring, in the same batches, would
    card = bundles.load(tmp_path / "tuned").card
    sets = dev_sets(tiny_corpus)
    sources = sets["tiny"][0]
    for key, model in (("base_dev_scores", tiny_bundle), ("dev_scores", tmp_path / "tuned")):
        translator = Translator(model)
        outputs = translator.translate_lines(sources[:32], beam=1) + translator.translate_lines(sources[32:], beam=1)
        assert card[key] == score_sets({"tiny": outputs}, sets), key
    assert card["decoding"]["beam"] == 1  # the tiny base model's own (it was trained with --final-beam 1)
