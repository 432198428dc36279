"""SentencePiece tokenizers, one for Korean and one for English, with shared special ids.

Separate vocabularies because the scripts share almost nothing; small ones (8k) because small data spreads
too thin over large vocabularies. Byte fallback means no input character is ever <unk>: Hanja, emoji and rare
symbols become byte pieces the model can still copy.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

import sentencepiece as spm

PAD_ID, UNK_ID, BOS_ID, EOS_ID = 0, 1, 2, 3
WORD_START = "\u2581"  # SentencePiece's "▁" marks a piece that begins a word
# Placeholders of the localisation corpora stay whole so that they are copied, not spelled out.
PLACEHOLDERS = ["%s", "%d", "%u", "%i", "%f", "%1", "%2", "%3", "{0}", "{1}", "{2}", "%1$s", "%2$s", "%1$S", "%2$S"]


class Tokenizer:
    """One language's SentencePiece model."""

    def __init__(self, model_proto: bytes):
        self.model_proto = model_proto
        self.processor = spm.SentencePieceProcessor(model_proto=model_proto)

    @classmethod
    def load(cls, path: str | Path) -> "Tokenizer":
        return cls(Path(path).read_bytes())

    @classmethod
    def train(cls, sentences: Iterable[str], vocab_size: int, *, character_coverage: float = 1.0) -> "Tokenizer":
        proto = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(sentences),
            model_writer=proto,
            vocab_size=vocab_size,
            model_type="unigram",
            character_coverage=character_coverage,
            byte_fallback=True,
            hard_vocab_limit=False,  # a small user corpus may not support the full size
            pad_id=PAD_ID,
            unk_id=UNK_ID,
            bos_id=BOS_ID,
            eos_id=EOS_ID,
            user_defined_symbols=PLACEHOLDERS,
            input_sentence_size=400_000,
            shuffle_input_sentence=True,
            num_threads=2,
            minloglevel=2,
        )
        return cls(proto.getvalue())

    def save(self, path: str | Path) -> None:
        from .files import write_bytes_atomic

        write_bytes_atomic(path, self.model_proto)

    @property
    def vocab_size(self) -> int:
        return self.processor.get_piece_size()

    def encode(self, text: str) -> list[int]:
        return self.processor.encode(text, out_type=int)

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        return self.processor.encode(texts, out_type=int, num_threads=2)

    def decode(self, ids: Iterable[int]) -> str:
        return self.processor.decode([int(i) for i in ids if int(i) > EOS_ID or int(i) == UNK_ID])

    def pieces(self, ids: Iterable[int]) -> list[str]:
        return [self.processor.id_to_piece(int(i)) for i in ids]

    def ids(self, pieces: Iterable[str]) -> list[int]:
        """The inverse of pieces(): every piece of the vocabulary has one id (<unk> for anything else)."""
        return [self.processor.piece_to_id(piece) for piece in pieces]


def readable_pieces(pieces: list[str]) -> list[str]:
    """Pieces for display: the word marker ▁ (missing from common Korean fonts) becomes a leading space-free
    form, and continuation pieces get a leading '·' so word starts stay visible."""
    readable = []
    for piece in pieces:
        if piece.startswith(WORD_START):
            readable.append(piece[1:] or "␣")
        else:
            readable.append("·" + piece)
    return readable
