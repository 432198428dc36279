"""The Transformer's size, kept apart from the layers so that reading a bundle never loads TensorFlow."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class TransformerConfig:
    src_vocab_size: int = 8000
    tgt_vocab_size: int = 8000
    d_model: int = 256
    num_heads: int = 4
    d_ff: int = 1024
    num_encoder_layers: int = 4
    num_decoder_layers: int = 3
    dropout: float = 0.1
    max_len: int = 256  # longest sequence the positional encoding covers

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "TransformerConfig":
        known = {name for name in cls.__dataclass_fields__}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown config fields: {', '.join(sorted(unknown))}")
        return cls(**values)
