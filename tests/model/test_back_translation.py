"""Synthetic pairs (model/training/back_translation.py, scripts/back_translate.py): back-translation with a real,
tiny English->Korean bundle, self-training with the tiny Korean->English one."""

import subprocess
import sys

from model.training.back_translation import mono_sample, usable_pair
from model.translate import Translator

from support import REPO

ENGLISH = ["The cat is sleeping.", "See you tomorrow.", "How much is this?", "The train arrived late.",
           "Please give me some water.", "We ate rice.", "The weather is nice."]


def write_mono(folder, lines):
    folder.mkdir(parents=True)
    (folder / "text.en").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "SOURCE.txt").write_text("origin: a test\nlicence: CC0 (test lines)\n", encoding="utf-8")
    return folder


def back_translate(*args):
    return subprocess.run([sys.executable, str(REPO / "scripts/back_translate.py"), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=600)


def test_mono_sample_is_distinct_seeded_and_skips_lines_without_letters(tmp_path):
    path = write_mono(tmp_path / "en_x", ENGLISH + ENGLISH[:3] + ["", "12:30", "  "]) / "text.en"
    assert mono_sample(path, None) == ENGLISH
    drawn = mono_sample(path, 4)
    assert len(drawn) == 4 and set(drawn) <= set(ENGLISH) and drawn == mono_sample(path, 4)
    assert [line for line in ENGLISH if line in drawn] == drawn  # the file's order kept


def test_usable_pair_drops_outputs_that_are_not_korean_loops_or_implausibly_long():
    assert usable_pair("The cat is sleeping.", "고양이가 자고 있어요.")
    assert not usable_pair("The cat is sleeping.", "The cat is sleeping.")  # no Hangul: nothing translated
    assert not usable_pair("I want it.", "저는 저는 저는 저는 그것을 원해요.")
    assert not usable_pair("Yes.", "네, 그렇습니다. 저는 그것을 정말로 원하고 있어요.")  # far too long
    assert not usable_pair("I would like to book a table for two people tonight.", "네")  # far too short


def test_back_translate_writes_a_synthetic_corpus_and_continues_after_a_kill(tmp_path, tiny_reverse_bundle):
    mono = tmp_path / "mono"
    write_mono(mono / "en_tiny", ENGLISH)
    out = tmp_path / "synthetic"
    result = back_translate("--model", str(tiny_reverse_bundle), "--mono", str(mono), "--output", str(out),
                            "--corpora", "en_tiny")
    assert result.returncode == 0, result.stderr[-2000:]
    corpus = out / "bt_en_tiny"
    korean = (corpus / "train.ko").read_text(encoding="utf-8").splitlines()
    english = (corpus / "train.en").read_text(encoding="utf-8").splitlines()
    assert len(korean) == len(english) and set(english) <= set(ENGLISH)
    source = (corpus / "SOURCE.txt").read_text(encoding="utf-8")
    assert "licence: CC0 (test lines)" in source and "greedy" in source and "synthetic" in source
    # each kept pair is the reverse model's own greedy translation of its English
    translator = Translator(tiny_reverse_bundle)
    rows = (corpus / "chunks" / "00000.tsv").read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[0] for row in rows] == ENGLISH  # source, then its translation
    assert [row.split("\t")[1] for row in rows] == translator.translate_lines(ENGLISH, beam=1)
    assert all(usable_pair(e, k) for k, e in zip(korean, english))

    before = (corpus / "train.ko").read_bytes()
    (corpus / "train.ko").unlink()  # killed before the end: the finished chunk is kept and not redone
    stamp = (corpus / "chunks" / "00000.tsv").stat().st_mtime_ns
    again = back_translate("--model", str(tiny_reverse_bundle), "--mono", str(mono), "--output", str(out),
                           "--corpora", "en_tiny")
    assert again.returncode == 0, again.stderr[-2000:]
    assert (corpus / "chunks" / "00000.tsv").stat().st_mtime_ns == stamp
    assert (corpus / "train.ko").read_bytes() == before


def test_self_training_translates_korean_text_with_a_korean_to_english_model(tmp_path, tiny_bundle):
    mono = tmp_path / "mono"
    (mono / "ko_tiny").mkdir(parents=True)
    korean = ["고양이가 자고 있어요.", "내일 만나요.", "물 좀 주세요.", "내일 만나요."]
    (mono / "ko_tiny" / "text.ko").write_text("\n".join(korean) + "\n", encoding="utf-8")
    result = back_translate("--model", str(tiny_bundle), "--mono", str(mono), "--output", str(tmp_path / "o"),
                            "--corpora", "ko_tiny")
    assert result.returncode == 0, result.stderr[-2000:]
    rows = (tmp_path / "o" / "st_ko_tiny" / "chunks" / "00000.tsv").read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[0] for row in rows] == korean[:3]  # distinct lines; the Korean side is the real one
    kept = (tmp_path / "o" / "st_ko_tiny" / "train.ko").read_text(encoding="utf-8").splitlines()
    assert set(kept) <= set(korean)
    assert "the English side is machine-made" in (tmp_path / "o" / "st_ko_tiny" / "SOURCE.txt").read_text()


def test_back_translate_refuses_a_corpus_in_the_wrong_language_and_the_repository(tmp_path, tiny_bundle):
    mono = tmp_path / "mono"
    write_mono(mono / "en_tiny", ENGLISH)
    wrong = back_translate("--model", str(tiny_bundle), "--mono", str(mono), "--output", str(tmp_path / "o"),
                           "--corpora", "en_tiny")
    assert wrong.returncode != 0 and "no text.ko for a ko->en model" in wrong.stderr
    inside = back_translate("--model", str(tiny_bundle), "--mono", str(mono), "--output", str(REPO / "synthetic"),
                            "--corpora", "en_tiny")
    assert inside.returncode == 2 and "outside the repository" in inside.stderr
    assert not (REPO / "synthetic").exists()
