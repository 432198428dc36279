"""The three steps of attention (model/attention_steps.py) on the shipped model: numpy over the bundle's weights
gives the heatmap's weights (the LiteRT export's attention signature) and the Keras model's own head outputs, for
encoder self-attention, decoder self-attention and cross-attention; and `hanyeong translate --explain-attention`
prints those numbers."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from model.api import Term, describe_steps, explain_attention, find_query, network_for
from model.attention_steps import CROSS, DECODER, ENCODER, KINDS
from support import REPO, run_cli

LECTURE = "아이유는 1993년에 태어났다. 그녀는 최근에 드라마 호텔 델루나에 출연했다."
IU = Term("아이유", "IU")
# The LiteRT export computes with XNNPACK, which may use float16 where the CPU has it; numpy and Keras agree to
# about 1e-6 (float32), LiteRT with either to about 1e-4 here: the heatmap's display precision is 0.1%.
HEATMAP_TOLERANCE = 1e-3


@pytest.fixture(scope="module")
def lecture(shipped_translator):
    """The lecture's line as one encoder input, with the term 아이유 → IU (its slot {0} is what the model read)."""
    sentence = shipped_translator.translate(LECTURE, with_attention=True, split_sentences=False,
                                            terms=[IU]).sentences[0]
    assert "{0}" in "".join(sentence.source_pieces) and sentence.target.startswith("IU")
    return sentence


@pytest.fixture(scope="module")
def network(shipped_translator):
    return network_for(shipped_translator)


def heatmap(sentence, kind: str) -> list[np.ndarray]:
    return {ENCODER: sentence.encoder_attention, DECODER: sentence.decoder_attention,
            CROSS: sentence.cross_attention}[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_every_heads_weights_are_the_heatmaps_rows(shipped_translator, network, lecture, kind):
    layers = heatmap(lecture, kind)
    for layer, matrix in enumerate(layers):
        heads, rows, columns = matrix.shape
        for head in range(heads):
            for row in range(rows):
                steps = explain_attention(shipped_translator, lecture, kind, layer, head, row, network)
                assert steps.key_columns == list(range(columns))  # one chunk: every column is a key
                np.testing.assert_allclose(steps.weights, matrix[head, row], atol=HEATMAP_TOLERANCE)
                assert steps.weights.sum() == pytest.approx(1.0, abs=1e-5)
                np.testing.assert_allclose(steps.head_weights[head], steps.weights)
                # the softmax of the scaled dot products shown, and Σ aᵢvᵢ of the values shown
                scaled = steps.scaled
                expected = np.exp(scaled - scaled.max()) / np.exp(scaled - scaled.max()).sum()
                np.testing.assert_allclose(steps.weights, expected, atol=1e-6)
                np.testing.assert_allclose(steps.output, steps.weights @ steps.values, atol=1e-5)
                np.testing.assert_allclose(steps.products.sum(axis=1), steps.dot_products, rtol=1e-4, atol=1e-3)


def keras_heads(translator, sentence):
    """What the Keras model's heads really output for the sentence: each MultiHeadAttention's concatenated heads
    (before W_O) and its output (after), recorded while the model runs forward."""
    from model.transformer import float32_model, padding_mask

    model = float32_model(translator.config, translator.bundle.weights_path)
    recorded = {}

    def record(name, attention):
        projection = attention.output_projection

        def projected(context):
            recorded[name] = np.asarray(context)[0]
            output = projection(context)
            recorded[name + ("output",)] = np.asarray(output)[0]
            return output

        object.__setattr__(attention, "output_projection", projected)  # past Keras' attribute tracking

    def record_stream(name, norm):  # what enters the sublayer's layer norm: the residual stream it is added to
        def normalised(x):
            recorded[name + ("residual",)] = np.asarray(x)[0]
            return norm(x)

        return normalised

    for index, layer in enumerate(model.encoder_layers):
        record((ENCODER, index), layer.self_attention)
        object.__setattr__(layer, "norm1", record_stream((ENCODER, index), layer.norm1))
    for index, layer in enumerate(model.decoder_layers):
        record((DECODER, index), layer.self_attention)
        record((CROSS, index), layer.cross_attention)
        object.__setattr__(layer, "norm1", record_stream((DECODER, index), layer.norm1))
        object.__setattr__(layer, "norm2", record_stream((CROSS, index), layer.norm2))
    source = np.array([translator.src.ids(sentence.source_pieces)], np.int32)
    target = np.array([[2] + translator.tgt.ids(sentence.target_pieces[:-1])], np.int32)
    memory, _ = model.encode(source)
    model.decode(target, memory, padding_mask(source))
    return recorded


def test_the_weighted_sum_is_the_heads_real_output(shipped_translator, network, lecture):
    recorded = keras_heads(shipped_translator, lecture)
    config = shipped_translator.config
    heads, depth = config.num_heads, config.d_model // config.num_heads
    for kind in KINDS:
        for layer in range(len(heatmap(lecture, kind))):
            concatenated = recorded[(kind, layer)]
            for row in range(concatenated.shape[0]):
                real = concatenated[row].reshape(heads, depth)
                for head in range(heads):
                    steps = explain_attention(shipped_translator, lecture, kind, layer, head, row, network)
                    np.testing.assert_allclose(steps.output, real[head], atol=1e-4)
                np.testing.assert_allclose(steps.head_outputs, real, atol=1e-4)
                # the sublayer's output for this query: the heads concatenated, through W_O
                np.testing.assert_allclose(steps.projected, recorded[(kind, layer, "output")][row], atol=1e-4)
                np.testing.assert_allclose(steps.residual, recorded[(kind, layer, "residual")][row], atol=1e-3)


def test_decoder_self_attention_masks_the_future_and_cross_attention_reads_the_encoder(shipped_translator,
                                                                                       network, lecture):
    row = 3
    steps = explain_attention(shipped_translator, lecture, DECODER, 1, 0, row, network)
    assert steps.key_pieces == ["<s>"] + lecture.target_pieces[:-1]  # what the decoder reads: <s>, y1, …
    assert steps.query_piece == lecture.target_pieces[row] and steps.query_input == lecture.target_pieces[row - 1]
    assert list(steps.masked) == [column > row for column in range(len(steps.key_pieces))]
    assert np.all(np.isneginf(steps.scaled[row + 1:])) and np.all(steps.weights[row + 1:] == 0)
    assert np.all(np.isfinite(steps.scaled[:row + 1])) and steps.next_sublayer == CROSS
    cross = explain_attention(shipped_translator, lecture, CROSS, 1, 0, row, network)
    assert cross.key_pieces == lecture.source_pieces and not cross.masked.any()
    assert cross.next_sublayer == "feed_forward"
    # the keys and values are the encoder's output projected by this layer: the same whatever the query
    other = explain_attention(shipped_translator, lecture, CROSS, 1, 0, row + 1, network)
    np.testing.assert_array_equal(cross.keys, other.keys)
    np.testing.assert_array_equal(cross.values, other.values)
    with pytest.raises(ValueError, match="layer 9 does not exist"):
        explain_attention(shipped_translator, lecture, ENCODER, 8, 0, 0, network)
    with pytest.raises(ValueError, match="head 5 does not exist"):
        explain_attention(shipped_translator, lecture, ENCODER, 0, 4, 0, network)


def test_a_sentence_cut_into_chunks_is_stepped_through_in_the_querys_chunk(shipped_translator, network,
                                                                           monkeypatch):
    monkeypatch.setattr(shipped_translator, "chunk_limit", lambda: 8)  # as a sentence past the model's range
    sentence = shipped_translator.translate("고양이가 의자 위에서 자고 있어요 그리고 개가 밖에서 놀고 있어요",
                                            with_attention=True).sentences[0]
    assert sentence.source_pieces.count("</s>") >= 2
    second = sentence.source_pieces.index("</s>") + 1  # the first piece of the second chunk
    steps = explain_attention(shipped_translator, sentence, ENCODER, 2, 1, second, network)
    columns = steps.key_columns
    assert columns[0] == second and sentence.source_pieces[columns[-1]] == "</s>"
    row = sentence.encoder_attention[2][1, second]
    np.testing.assert_allclose(steps.weights, row[columns], atol=HEATMAP_TOLERANCE)
    assert row[:second].sum() == 0  # the chunks never see each other
    target_second = sentence.target_pieces.index("</s>") + 1
    steps = explain_attention(shipped_translator, sentence, CROSS, 0, 3, target_second, network)
    assert steps.key_columns[0] == second
    np.testing.assert_allclose(steps.weights, sentence.cross_attention[0][3, target_second, steps.key_columns],
                               atol=HEATMAP_TOLERANCE)
    decoder = explain_attention(shipped_translator, sentence, DECODER, 0, 0, target_second, network)
    assert decoder.key_pieces[0] == "<s>" and decoder.weights[0] == pytest.approx(1.0)  # its chunk's first step


def test_find_query_takes_a_number_a_piece_or_a_word():
    pieces = ["▁그녀", "는", "▁최근", "에", "▁드라마", "</s>"]
    assert find_query(pieces, "1") == 0 and find_query(pieces, "6") == 5
    assert find_query(pieces, "그녀") == 0 and find_query(pieces, "▁최근") == 2 and find_query(pieces, "에") == 3
    assert find_query(pieces, "그녀는") == 0 and find_query(pieces, "드라") == 4  # a word, or its start
    for wrong in ("7", "0", "고양이"):
        with pytest.raises(ValueError, match="piece|word"):
            find_query(pieces, wrong)


def test_the_steps_as_json_and_as_text(shipped_translator, network, lecture):
    query = find_query(lecture.source_pieces, "그녀")
    steps = explain_attention(shipped_translator, lecture, ENCODER, 2, 3, query, network)
    data = json.loads(json.dumps(steps.to_dict()))
    assert data["layer"] == 3 and data["head"] == 4 and data["d_k"] == 64 and len(data["query"]["q"]) == 64
    assert [key["piece"] for key in data["keys"]] == lecture.source_pieces
    assert [key["weight"] for key in data["keys"]] == pytest.approx(list(steps.weights), abs=1e-6)
    assert len(data["head_weights"]) == 4 and len(data["residual"]) == len(data["projected"]) == 256
    text = describe_steps(steps)
    assert "encoder self-attention, layer 3, head 4" in text and "√64 = 8.00" in text and "Σ a_i v_i" in text
    assert "{0}" in text and "feed-forward" in text


def test_the_command_line_prints_the_same_numbers(shipped_translator, network, lecture, tmp_path):
    terms = tmp_path / "terms.tsv"
    terms.write_text("아이유\tIU\n", encoding="utf-8")
    result = run_cli("translate", "--explain-attention", "3", "4", "그녀", "--whole-line", "--terms", str(terms),
                     "--json", LECTURE)
    assert result.returncode == 0, result.stderr[-2000:]
    [data] = json.loads(result.stdout)
    assert data["source"] == LECTURE and data["source_pieces"] == lecture.source_pieces
    assert data["kind"] == ENCODER and data["query"]["piece"] == "▁그녀"
    expected = explain_attention(shipped_translator, lecture, ENCODER, 2, 3, data["query"]["row"], network)
    assert [key["weight"] for key in data["keys"]] == pytest.approx(list(expected.weights), abs=1e-6)
    assert data["output"] == pytest.approx(list(expected.output), abs=1e-5)
    # an English word is looked up in the translation (cross-attention); text for people
    result = run_cli("translate", "--explain-attention", "1", "2", "cat", "고양이가 의자 위에서 자고 있어요.")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "cross-attention, layer 1, head 2 of 4: query '▁cat'" in result.stdout
    assert "keys and values from the encoder's output" in result.stdout
    result = run_cli("translate", "--explain-attention", "1", "x", "cat", "고양이")
    assert result.returncode == 1 and "a layer and a head counted from 1" in result.stderr
    result = run_cli("translate", "--explain-attention", "1", "1", "elephant", "고양이가 자요.")
    assert result.returncode == 1 and result.stderr.startswith("hanyeong: no piece or word 'elephant'")


def test_stepping_through_attention_never_loads_tensorflow():
    code = (
        "import sys\n"
        "from model.api import Translator, explain_attention\n"
        "t = Translator()\n"
        "s = t.translate('고양이가 자고 있어요.').sentences[0]\n"
        "steps = explain_attention(t, s, 'cross', 2, 0, 1)\n"
        "assert steps.weights.sum() > 0.99\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False False"
