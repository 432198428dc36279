"""Any text in, a line out: property-based tests push generated text through the translation API and the CLI.

The inputs mix everything a clipboard or a file can hold: Hangul syllables and jamo, Hanja, emoji, control and
format characters, unassigned and private-use code points, lone surrogates, every kind of whitespace and line
separator, and real Korean sentences; plus 100,000-character lines. The properties: no exception, exactly one
output line per input line (lines end at "\\n"), no line break inside a translation, and bounded time.

The tiny session model (max_len 128, shorter than the 201-token pieces long sentences are cut into) runs the bulk;
the shipped model runs a smaller sample.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import REPO, TINY_PAIRS

KOREAN = sorted({korean for korean, _ in TINY_PAIRS} | {"그녀는 아이유를 좋아해요. 그녀의 노래가 좋아요!", "漢字와 한글"})

PIECES = st.one_of(
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),  # Hangul syllables
    st.characters(min_codepoint=0x1100, max_codepoint=0x11FF),  # conjoining jamo
    st.characters(min_codepoint=0x3130, max_codepoint=0x318F),  # compatibility jamo
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # Hanja
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
    st.sampled_from(["\u200d", "\ufe0f", "\U0001F1F0\U0001F1F7", "\U0001F468\u200d\U0001F469\u200d\U0001F467"]),
    st.characters(categories=["Cs"]),  # lone surrogates (broken clipboard data)
    st.characters(categories=["Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Zs"]),  # control, format, unassigned, spaces
    st.sampled_from(list(" \t\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u3000\xa0.?!…。？！\"'()%s{0}&")),
    st.characters(),  # anything at all
)
NOISE = st.lists(PIECES, max_size=24).map("".join)
LINE = st.one_of(
    NOISE,
    st.builds(lambda a, k, b: a + k + b, st.lists(PIECES, max_size=8).map("".join), st.sampled_from(KOREAN),
              st.lists(PIECES, max_size=8).map("".join)),
    st.sampled_from(["", " ", "\t", "\r", "\u3000", "\ufeff", "\x00"]),
)
LINES_PER_EXAMPLE = 25  # at least; so max_examples examples push at least 25 x max_examples lines

LONG_LINES = {  # 100,000 characters each, several thousand source pieces
    "hangul": "".join(chr(0xAC00 + (i * 7919) % 11172) for i in range(100_000)),
    "hanja, jamo and emoji": "".join(("漢", "\u1100", "\U0001F600", "가", "\u3131", " ")[i % 6] for i in range(100_000)),
    "controls and surrogates": "".join(("\x00", "\ud800", "가", "\u202e", "\x7f", "나다. ")[i % 6]
                                       for i in range(100_000)),
}


def output_lines_match(text: str, translation) -> None:
    lines = text.split("\n")
    assert len(translation.lines) == len(lines)
    assert translation.text.split("\n") == [" ".join(s.target for s in line) for line in translation.lines]
    assert len(translation.text.split("\n")) == len(lines)


def run_property(translator, max_examples: int, max_len: int, seconds_per_line: float) -> list[str]:
    """Runs the property; returns the lines that went through (as separated by "\n")."""
    pushed: list[str] = []

    @settings(max_examples=max_examples, deadline=None, database=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(LINE, min_size=LINES_PER_EXAMPLE, max_size=LINES_PER_EXAMPLE + 10))
    def one_line_per_line(lines):
        text = "\n".join(lines)
        started = time.monotonic()
        translation = translator.translate(text, beam=1, max_len=max_len)
        elapsed = time.monotonic() - started
        output_lines_match(text, translation)
        for sentence in translation.sentences:
            assert "\n" not in sentence.target and "\r" not in sentence.target
        assert elapsed < 5 + seconds_per_line * text.count("\n"), f"{elapsed:.1f} s for {len(lines)} lines"
        pushed.extend(text.split("\n"))

    one_line_per_line()
    return pushed


def test_ten_thousand_generated_inputs_through_the_api_and_then_one_cli_call(tiny_bundle, tiny_translator):
    """Over 10,000 generated lines through Translator.translate, then the same lines through stdin of ONE
    `hanyeong translate` process (surrogates sent as the invalid bytes a broken producer would send): one output
    line per input line, valid UTF-8 out, bounded time."""
    lines = run_property(tiny_translator, max_examples=420, max_len=12, seconds_per_line=0.5)
    assert len(lines) >= 10_000
    data = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"
    assert data.count(b"\n") == len(lines)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "model.cli", "translate", "--model", str(tiny_bundle), "--beam",
                             "1", "--max-len", "8"], input=data, capture_output=True, cwd=REPO, timeout=600,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    output = result.stdout.decode("utf-8")  # strict: the CLI writes valid UTF-8 whatever came in
    assert output.endswith("\n") and output.count("\n") == len(lines)
    assert elapsed < 300, f"{elapsed:.0f} s for {len(lines)} lines"


def test_generated_inputs_through_the_shipped_model(shipped_translator):
    assert len(run_property(shipped_translator, max_examples=24, max_len=12, seconds_per_line=1.0)) >= 600


@pytest.mark.parametrize("name", list(LONG_LINES))
def test_hundred_thousand_character_lines_translate_in_bounded_time(tiny_translator, name):
    text = LONG_LINES[name] + "\n\n" + LONG_LINES[name][:500]
    started = time.monotonic()
    translation = tiny_translator.translate(text, beam=1, max_len=8)
    elapsed = time.monotonic() - started
    output_lines_match(text, translation)
    assert translation.lines[0] and translation.lines[1] == [] and translation.lines[2]
    assert elapsed < 120, f"{elapsed:.0f} s"


def test_long_sentences_are_cut_to_the_models_positional_range(tiny_translator):
    """A model whose max_len is below the 201-token pieces gets shorter pieces (this crashed LiteRT before)."""
    from model.translate import source_chunks

    bundle = tiny_translator.bundle
    assert bundle.config.max_len < 201
    chunks = source_chunks(bundle.ko, LONG_LINES["hangul"][:3000], tiny_translator.chunk_limit())
    assert len(chunks) > 1 and max(map(len, chunks)) <= bundle.config.max_len
    result = tiny_translator.translate(LONG_LINES["hangul"][:3000], beam=2, max_len=1000)
    assert len(result.lines) == 1
    assert tiny_translator.translate_lines([LONG_LINES["hangul"][:3000], ""], beam=1) is not None


@pytest.mark.parametrize("data,expected", [
    (b"", []),
    (b"\n", [""]),
    (b"\r\n\r\n", ["", ""]),
    ("Hello\u2028world\x0cagain\n".encode(), ["Hello world again"]),  # separators stay inside their line
    ("\ufeffHello\n".encode("utf-16"), ["Hello"]),  # UTF-16 with a BOM is read as such
    (b"caf\xe9 \xff\n123\n", ["caf\ufffd \ufffd", "123"]),  # invalid UTF-8: replaced, never a crash
])
def test_cli_input_edge_cases(tiny_bundle, data, expected):
    result = subprocess.run([sys.executable, "-m", "model.cli", "translate", "--model", str(tiny_bundle), "--beam",
                             "1"], input=data, capture_output=True, cwd=REPO, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.decode("utf-8").split("\n")[:-1] == expected if expected else result.stdout == b""


def test_cli_reads_cp949_input_and_says_so(tiny_bundle):
    result = subprocess.run([sys.executable, "-m", "model.cli", "translate", "--model", str(tiny_bundle), "--beam",
                             "1"], input="고양이가 자고 있어요.\nHello\n".encode("cp949"), capture_output=True,
                            cwd=REPO, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0
    assert "CP949/EUC-KR" in result.stderr.decode()
    assert result.stdout.decode().split("\n")[1] == "Hello"
