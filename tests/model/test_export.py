"""The app translates through the exported LiteRT model: it must agree with the Keras model it came from."""

import subprocess
import sys

import numpy as np

from model import bundle as bundles
from model.api import Translator
from model.search import beam_search, greedy_search, pad_batch
from model.engine import KerasEngine
from model.transformer import Transformer

from support import REPO, TINY_PAIRS


def keras_engine(bundle_path):
    loaded = bundles.load(bundle_path)
    model = Transformer(loaded.config).build_all()
    model.load_weights(str(loaded.weights_path))
    return KerasEngine(model), loaded


def test_litert_gives_the_same_tokens_and_attention_as_keras(tiny_bundle):
    keras, loaded = keras_engine(tiny_bundle)
    litert = Translator(tiny_bundle).engine
    sources = pad_batch([loaded.ko.encode(k) + [3] for k, _ in TINY_PAIRS[:6]])
    for search in (lambda e: greedy_search(e, sources, 20), lambda e: beam_search(e, sources, 20, 4)):
        expected, actual = search(keras), search(litert)
        assert [h.tokens for h in actual] == [h.tokens for h in expected]
        assert np.allclose([h.confidence for h in actual], [h.confidence for h in expected], atol=1e-3)
    targets = pad_batch([[2] + h.tokens for h in greedy_search(keras, sources, 20)])
    for expected, actual in zip(keras.attention(sources, targets), litert.attention(sources, targets)):
        assert len(expected) == len(actual) > 0
        for e, a in zip(expected, actual):
            # the export's weights are float16 (as the bundle's Keras weights are), and XNNPACK may compute in
            # float16 where the CPU has it: attention agrees to display precision, the tokens exactly (above)
            assert e.shape == a.shape and np.allclose(e, a, atol=1e-3)


def test_translating_never_loads_tensorflow(tiny_bundle):
    code = (
        "import sys\n"
        "from model.api import Translator\n"
        f"t = Translator({str(tiny_bundle)!r})\n"
        "r = t.translate('고양이가 자고 있어요. 날씨가 좋아요.', beam=4, with_attention=True)\n"
        "assert r.sentences[0].cross_attention, 'no attention'\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False False"
