import json

from support import run_cli


def test_translate_gives_one_line_per_input_line(tiny_bundle, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("고양이가 자고 있어요.\n\nHello 123\n날씨가 좋아요. 내일 만나요.\n", encoding="utf-8")
    result = run_cli("translate", "--model", str(tiny_bundle), "--beam", "2", "-i", str(source))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")[:-1]
    assert len(lines) == 4
    assert lines[1] == "" and lines[2] == "Hello 123"


def test_errors_are_one_clear_line_and_a_nonzero_exit(tmp_path):
    missing = run_cli("translate", "--model", str(tmp_path / "nowhere"), "안녕")
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [f"hanyeong: {tmp_path / 'nowhere'}: no model bundle here"]
    bad_input = run_cli("translate", "-i", str(tmp_path / "absent.txt"))
    assert bad_input.returncode == 1 and "no such file" in bad_input.stderr


def test_evaluate_prints_and_writes_scores_per_corpus(tiny_bundle, tiny_corpus, tmp_path):
    out = tmp_path / "scores.json"
    result = run_cli("evaluate", "--model", str(tiny_bundle), "--src", str(tiny_corpus / "train.ko"), "--ref",
                     str(tiny_corpus / "train.en"), "--beam", "1", "--json", str(out))
    assert result.returncode == 0, result.stderr
    scores = json.loads(out.read_text())["train"]
    assert 0 <= scores["bleu"] <= 100 and 0 <= scores["chrf"] <= 100
    assert "BLEU" in result.stdout


def test_info_prints_a_short_card_and_the_whole_card_as_json(tiny_bundle):
    result = run_cli("info", "--model", str(tiny_bundle))
    assert result.returncode == 0
    assert result.stdout.startswith("bundle  (") and "dev scores (BLEU / chrF):" in result.stdout
    assert len(result.stdout.splitlines()) < 20
    whole = run_cli("info", "--model", str(tiny_bundle), "--json")
    assert json.loads(whole.stdout)["corpora"][0]["name"] == "tiny"


def test_options_out_of_range_are_usage_errors_and_a_normal_run_prints_nothing_on_stderr(tiny_bundle):
    bad = run_cli("translate", "--model", str(tiny_bundle), "--beam", "0", "안녕")
    assert bad.returncode == 2 and "--beam: must be 1 or more" in bad.stderr
    good = run_cli("translate", "--model", str(tiny_bundle), "고양이가 자고 있어요.")
    assert good.returncode == 0 and good.stdout.count("\n") == 1 and good.stderr == ""  # one line, nothing else


def test_explain_prints_each_step_and_the_chosen_sentence(tiny_bundle):
    result = run_cli("translate", "--model", str(tiny_bundle), "--explain", "--beam", "2", "고양이가 자고 있어요.")
    assert result.returncode == 0, result.stderr
    assert "step 1:" in result.stdout and "kept:" in result.stdout and "<- chosen" in result.stdout
    as_json = run_cli("translate", "--model", str(tiny_bundle), "--explain", "--json", "고양이가 자고 있어요.")
    [explained] = json.loads(as_json.stdout)
    assert explained["steps"] and sum(f["chosen"] for f in explained["finals"]) == 1


def test_a_stop_file_asks_a_run_to_stop_like_sigterm(tmp_path):
    """The app's Cancel on every platform (Windows has no SIGTERM): --stop-file PATH appearing stops the run."""
    import signal

    from model.cli import StopRequest

    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        stop_file = tmp_path / "stop"
        request = StopRequest(stop_file)
        assert not request()
        stop_file.touch()
        assert request()
        assert not StopRequest(None)()
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def test_a_usage_error_such_as_beam_0_is_one_line(tmp_path):
    """README: errors are one line on stderr and a non-zero exit code; argparse's usage block is not printed."""
    for args in (["translate", "--beam", "0", "안녕"], ["evaluate", "--beam", "-3"], ["translate", "--nonsense"]):
        result = run_cli(*args)
        assert result.returncode == 2 and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("hanyeong") and "--help" in lines[0], result.stderr
    assert "--beam: must be 1 or more, not 0" in run_cli("translate", "--beam", "0", "안녕").stderr


def test_the_devices_command_counts_the_cpu_cores():
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    first = run_cli("devices").stdout.splitlines()[0]
    assert first == f"CPU: {cores} {'core' if cores == 1 else 'cores'}"


def test_a_corrupt_xlsx_is_named_without_an_exceptions_name(tmp_path):
    corrupt = tmp_path / "mine.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run_cli("finetune", "--corpus", str(corrupt), "--output", str(tmp_path / "out"), "--epochs", "1",
                     "--no-dev")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "mine.xlsx: not a readable .xlsx workbook" in lines[0], result.stderr
    assert "BadZipFile" not in lines[0] and "Error" not in lines[0] and "Exception" not in lines[0]
    assert not (tmp_path / "out").exists()
