"""Settings: the Transformer's size, training and fine-tuning. Kept apart from the layers and the trainer so that
reading a bundle or building the app's training form never loads TensorFlow."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


LANGUAGES = ("ko", "en")


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
    # The language pair: ko->en is the product; en->ko is the same network the other way round, a tool for
    # back-translation. Every bundle has both languages' tokenizers (ko.model, en.model) whichever the direction.
    source_language: str = "ko"
    target_language: str = "en"

    def __post_init__(self):
        if {self.source_language, self.target_language} != set(LANGUAGES):
            raise ValueError(f"unsupported language pair {self.source_language}->{self.target_language} "
                             f"(Hanyeong translates {' and '.join(LANGUAGES)} into each other)")

    @property
    def pair(self) -> str:
        return f"{self.source_language}->{self.target_language}"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "TransformerConfig":
        known = {name for name in cls.__dataclass_fields__}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown config fields: {', '.join(sorted(unknown))}")
        return cls(**values)


# How often each corpus is drawn per epoch: a pair of a corpus with weight w is seen w times an epoch (the fraction
# as a random share). Keys are corpus names or shell patterns; the first key that matches a corpus wins.
DEFAULT_CORPUS_WEIGHTS = {
    # conversation and general prose: what users paste
    "tatoeba": 3.0, "korsts": 3.0, "xpersona_ko": 3.0, "xrisawoz_fewshot": 3.0, "iwslt23_formality_enko": 3.0,
    "ud_korean_pud": 3.0,
    "bible_*": 0.33,  # three Korean versions of one English Bible: together about one pass over its verses
    "python_docs_ko": 0.5,
    "loanword_names": 0.1,  # a word-level lexicon: names and loanwords, not sentences
    "*": 0.5,  # software localisation: vocabulary and short phrases
}

# Fine-tuning's final scores use the first 100 lines of each dev corpus (as dev selection does): the comparison
# with the base model (scored on the same lines, with the base's decoding for both) is fair, and a small fine-tune
# does not wait minutes for it. The card says the scores are on these lines (dev_lines_per_corpus). `hanyeong
# finetune --config FILE` starts from these too, for the settings the file leaves out.
FINETUNE_DEFAULTS = {"epochs": 4.0, "peak_learning_rate": 3e-4, "warmup_steps": 100, "final_dev_lines": 100}


@dataclass
class TrainingConfig:
    model: TransformerConfig = field(default_factory=TransformerConfig)
    max_tokens_per_batch: int = 6000  # padded source tokens per batch
    max_sentence_tokens: int = 96
    epochs: float = 8.0
    time_limit_minutes: float = 0.0  # 0: no limit
    warmup_steps: int = 800
    peak_learning_rate: float = 1e-3
    label_smoothing: float = 0.1
    checkpoint_minutes: float = 5.0
    rewarm_steps: int = 200  # warm-up of a run continued from a committed snapshot with a fresh optimizer
    eval_every_steps: int = 500
    patience: int = 5  # evaluations without dev improvement before stopping early
    corpus_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CORPUS_WEIGHTS))
    dev_sample_per_corpus: int = 100  # dev lines per corpus used for model selection during training
    final_dev_lines: int = 0  # lines per dev corpus scored for the card at the end (0: all)
    average_last: int = 3  # at the end, try the mean of the last evaluations' weights (kept if dev says so)
    seed: int = 1
    name: str = ""  # the new model's name in its card (empty: the output folder's name)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def for_finetuning(cls) -> "TrainingConfig":
        """The fine-tuning defaults, the same from the command line and the app: a short run at a low rate, so the
        model learns the user's corpus without forgetting what it knew."""
        return cls(**FINETUNE_DEFAULTS)

    @classmethod
    def from_dict(cls, values: dict) -> "TrainingConfig":
        values = dict(values)
        unknown = sorted(set(values) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(f"unknown training settings: {', '.join(unknown)} (see TrainingConfig in model/config.py)")
        model = TransformerConfig.from_dict(values.pop("model", {}))
        return cls(model=model, **values)
