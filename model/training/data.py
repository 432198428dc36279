"""Training data: corpora read and tokenised once, weighted per corpus, cut into length-bucketed batches."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import TrainingConfig
from ..corpus import ValidationReport, clean_pairs, corpus_folders, iter_rows, read_licence
from ..files import write_atomic
from ..tokenizer import BOS_ID, EOS_ID, PAD_ID, Tokenizer

BUCKETS = (8, 12, 16, 24, 32, 48, 64, 96)  # padded lengths: few distinct shapes, little padding


@dataclass
class EncodedCorpus:
    """Tokenised pairs. src: pieces + EOS; tgt: BOS + pieces + EOS. corpus: index into names."""

    src: list[np.ndarray]
    tgt: list[np.ndarray]
    corpus: np.ndarray
    names: list[str]

    def save(self, path: Path) -> None:
        src_lengths = np.array([len(s) for s in self.src])
        tgt_lengths = np.array([len(t) for t in self.tgt])
        write_atomic(path, lambda tmp: np.savez_compressed(  # smaller: it travels to GPU machines
            tmp, src=np.concatenate(self.src), tgt=np.concatenate(self.tgt), src_lengths=src_lengths,
            tgt_lengths=tgt_lengths, corpus=self.corpus, names=np.array(self.names)))

    @classmethod
    def load(cls, path: Path) -> "EncodedCorpus":
        data = np.load(path, allow_pickle=False)
        src = np.split(data["src"], np.cumsum(data["src_lengths"])[:-1])
        tgt = np.split(data["tgt"], np.cumsum(data["tgt_lengths"])[:-1])
        return cls(src, tgt, data["corpus"], [str(n) for n in data["names"]])


def named_corpora(paths) -> list[tuple[str, Path]]:
    """(name, source) of every corpus in the picked paths, for training from scratch, fine-tuning and the app's
    preview alike. A folder of .ko/.en files is one corpus, a data root (a folder of such folders, such as
    ../shared/data/train) one per folder in it, a file (TSV/CSV, XLSX, TMX, or either file of a .ko/.en pair) one.
    A corpus is named after its folder or file stem; a second of the same name from another place is "name-2",
    a third "name-3". The same picks always give the same names in the same order; a source picked twice (or a
    .ko and its .en) counts once. Raises CorpusError for a folder that holds no corpus."""
    named, taken, seen = [], set(), set()
    for picked in paths:
        path = Path(picked)
        if path.is_dir():
            sources = corpus_folders(path)  # [path] itself when it holds .ko files
        elif path.suffix.lower() == ".en" and path.with_suffix(".ko").exists():
            sources = [path.with_suffix(".ko")]  # the pair is read from its .ko side
        else:
            sources = [path]  # a missing file is named too: reading it says what is wrong
        for source in sources:
            identity = source.resolve()
            if identity in seen:
                continue
            seen.add(identity)
            base = source.name if source.is_dir() else source.stem
            name, copy = base, 1
            while name in taken:
                copy += 1
                name = f"{base}-{copy}"
            taken.add(name)
            named.append((name, source))
    return named


def read_training_corpora(paths, skip: set[str] = frozenset(),
                          user: bool = False) -> tuple[dict[str, list[tuple[str, str]]], list[dict]]:
    """{corpus name: clean pairs} and a card entry per corpus (name, pairs, licence, validation report), for the
    corpora in `paths` as named_corpora names them. Corpora named in `skip` are left out. `user` marks a
    fine-tuning user's own corpora."""
    corpora, entries = {}, []
    for name, path in named_corpora(paths):
        if name in skip:
            continue
        report = ValidationReport(source=str(path))
        corpora[name] = list(clean_pairs(iter_rows(path, report.notes), report))
        entries.append({"name": name, "pairs": len(corpora[name]), "licence": "user corpus" if user else
                        read_licence(path) if path.is_dir() else "unknown", "report": report.to_dict()})
        if user:
            entries[-1]["user_corpus"] = True
    return corpora, entries


def encode_corpora(corpora: dict[str, list[tuple[str, str]]], ko: Tokenizer, en: Tokenizer,
                   max_tokens: int, source_language: str = "ko") -> EncodedCorpus:
    """(Korean, English) pairs as token ids, the source side being source_language's."""
    src, tgt, corpus, names = [], [], [], list(corpora)
    for index, name in enumerate(names):
        pairs = corpora[name]
        korean = ko.encode_batch([k for k, _ in pairs])
        english = en.encode_batch([e for _, e in pairs])
        sides = zip(korean, english) if source_language == "ko" else zip(english, korean)
        for s_ids, t_ids in sides:
            if len(s_ids) + 1 > max_tokens or len(t_ids) + 1 > max_tokens:
                continue  # too long to be worth the padding; a few paragraphs of documentation
            src.append(np.array(s_ids + [EOS_ID], dtype=np.int32))
            tgt.append(np.array([BOS_ID] + t_ids + [EOS_ID], dtype=np.int32))
            corpus.append(index)
    return EncodedCorpus(src, tgt, np.array(corpus, dtype=np.int32), names)


def bucket_length(length: int, buckets: tuple[int, ...] = BUCKETS) -> int:
    for bucket in buckets:
        if length <= bucket:
            return bucket
    return buckets[-1]


def epoch_batches(data: EncodedCorpus, weights: np.ndarray, epoch: int, seed: int,
                  max_tokens_per_batch: int, buckets: tuple[int, ...] = BUCKETS) -> list[np.ndarray]:
    """The batches (arrays of pair indices) of one epoch; the same for the same epoch and seed, so a resumed run
    can skip the batches it already trained on."""
    rng = np.random.default_rng([seed, epoch])
    pair_weights = weights[data.corpus]
    whole = np.floor(pair_weights).astype(int)
    indices = np.repeat(np.arange(len(data.src)), whole)
    extra = np.flatnonzero(rng.random(len(data.src)) < pair_weights - whole)
    indices = np.concatenate([indices, extra])
    lengths = np.array([max(len(data.src[i]), len(data.tgt[i]) - 1) for i in indices])
    bucket_of = np.array([bucket_length(n, buckets) for n in lengths])
    batches = []
    for bucket in buckets:
        members = rng.permutation(indices[bucket_of == bucket])
        size = max(1, max_tokens_per_batch // bucket)
        batches.extend(members[start:start + size] for start in range(0, len(members), size))
    order = rng.permutation(len(batches))
    return [batches[i] for i in order]


def make_batch(data: EncodedCorpus, members: np.ndarray,
               buckets: tuple[int, ...] = BUCKETS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width = bucket_length(max(max(len(data.src[i]), len(data.tgt[i]) - 1) for i in members), buckets)
    src = np.full((len(members), width), PAD_ID, np.int32)
    tgt_in = np.full((len(members), width), PAD_ID, np.int32)
    tgt_out = np.full((len(members), width), PAD_ID, np.int32)
    for row, i in enumerate(members):
        s, t = data.src[i], data.tgt[i]
        src[row, : len(s)] = s
        tgt_in[row, : len(t) - 1] = t[:-1]
        tgt_out[row, : len(t) - 1] = t[1:]
    return src, tgt_in, tgt_out


def distributed_batches(strategy, data: EncodedCorpus, batches: list[np.ndarray]):
    """A tf.data pipeline over pre-bucketed batches, split across the strategy's replicas."""
    import tensorflow as tf

    def generate():
        for members in batches:
            yield make_batch(data, members)

    spec = tf.TensorSpec((None, None), tf.int32)
    dataset = tf.data.Dataset.from_generator(generate, output_signature=(spec, spec, spec)).prefetch(4)
    options = tf.data.Options()
    # batches are already divided between workers above; don't let tf.data shard them again
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.OFF
    return strategy.experimental_distribute_dataset(dataset.with_options(options))


def corpus_weight(name: str, weights: dict[str, float]) -> float:
    """The weight of the first key (name or shell pattern) that matches; 1.0 when none does."""
    for pattern, weight in weights.items():
        if fnmatch.fnmatchcase(name, pattern):
            return float(weight)
    return 1.0


def corpus_weights(names: list[str], config: TrainingConfig, user_corpora: set[str] = frozenset()) -> np.ndarray:
    """Per-corpus draw weights; a user's own corpora (fine-tuning) are drawn once an epoch unless named in the
    config."""
    def weight(name: str) -> float:
        if name in user_corpora and name not in config.corpus_weights:
            return 1.0
        return corpus_weight(name, config.corpus_weights)

    return np.array([weight(name) for name in names], dtype=np.float64)


def record_weights(corpora: list[dict], names: list[str], weights: np.ndarray) -> None:
    """The card says how often each corpus was drawn per epoch."""
    by_name = dict(zip(names, weights.tolist()))
    for entry in corpora:
        entry["weight"] = by_name.get(entry["name"], 0.0)
