"""Attention matrices of one translated sentence, arranged for display: which matrix, labels, rollout, export.

Pure numpy; the heatmap widget only draws what `select` returns.

  cross    (H, T, S): each English piece (row) over the Korean pieces (columns)
  encoder  (H, S, S): each Korean piece over the Korean pieces
  decoder  (H, T, T): each English piece over the English pieces before it (its decoder input: <s> y1 … )
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

import numpy as np

from model.api import WORD_START, readable_pieces

from ...services.alignment import SOURCE, SPECIAL_PIECES, TARGET, slot_replacements

CROSS, ENCODER, DECODER = "cross", "encoder", "decoder"
KINDS = (CROSS, ENCODER, DECODER)
# Choices besides the layers 0..L-1 and heads 0..H-1; each a value of its own, so that no check for one can ever
# match the other (ROLLOUT is a layer, AVERAGE and ALL_HEADS are heads).
AVERAGE, ALL_HEADS, ROLLOUT = -1, -2, -3
__all__ = ["ALL_HEADS", "AVERAGE", "AttentionView", "CROSS", "DECODER", "ENCODER", "KINDS", "ROLLOUT", "SOURCE",
           "TARGET", "has_attention", "rollout", "select", "strongest", "strongest_link", "write_csv"]


def labels(pieces: list[str], slots: dict[str, str] | None = None) -> list[str]:
    """Display labels: special pieces as they are, the others through readable_pieces; a term's slot piece as the
    slot and the term ({0}=아이유), from `slots` (slot -> the term's text on that side)."""
    slots = slots or {}
    shown = []
    for piece in pieces:
        bare = piece.lstrip(WORD_START)
        if piece in SPECIAL_PIECES:
            shown.append(piece)
        elif bare in slots:
            shown.append(f"{bare}={slots[bare]}")
        else:
            shown.append(readable_pieces([piece])[0])
    return shown


def side_labels(sentence, side: str) -> list[str]:
    """Labels of a sentence's pieces on one side, its terms' slots named."""
    pieces = sentence.source_pieces if side == SOURCE else sentence.target_pieces
    return labels(pieces, dict(slot_replacements(sentence, side)))


def layers_of(sentence, kind: str) -> list[np.ndarray]:
    return {CROSS: sentence.cross_attention, ENCODER: sentence.encoder_attention,
            DECODER: sentence.decoder_attention}[kind]


def has_attention(sentence) -> bool:
    return bool(sentence is not None and sentence.cross_attention and sentence.target_pieces)


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    sums = matrix.sum(axis=-1, keepdims=True)
    return matrix / np.where(sums > 0, sums, 1.0)


def rollout(layers: list[np.ndarray], residual: float = 0.5) -> np.ndarray:
    """Attention rollout (Abnar & Zuidema, 2020) of square self-attention: average the heads, add the residual
    connection as identity, renormalise, multiply through the layers (first layer applied first)."""
    size = layers[0].shape[-1]
    result = np.eye(size)
    for weights in layers:
        mixed = residual * np.eye(size) + (1 - residual) * weights.mean(axis=0)
        result = normalize_rows(mixed) @ result
    return result


def cross_rollout(sentence, residual: float = 0.5) -> np.ndarray:
    """English pieces over Korean *input* pieces: the cross-attention (heads and decoder layers averaged)
    reads the encoder's output, which the encoder rollout traces back to the input pieces."""
    cross = np.mean([weights.mean(axis=0) for weights in sentence.cross_attention], axis=0)
    return normalize_rows(cross @ rollout(sentence.encoder_attention, residual))


@dataclass
class AttentionView:
    """One matrix (rows, cols), or one per head (heads, rows, cols) for the grid, with its labels."""

    matrix: np.ndarray
    row_labels: list[str]
    col_labels: list[str]
    row_side: str
    col_side: str
    row_pieces: list[int | None] = field(default_factory=list)  # row -> piece index on row_side (None: special)
    col_pieces: list[int | None] = field(default_factory=list)
    title: str = ""
    kind: str = CROSS
    layer: int = 0
    head: int = AVERAGE

    @property
    def is_grid(self) -> bool:
        return self.matrix.ndim == 3

    @property
    def single(self) -> np.ndarray:
        """The matrix used for hover lookups: the grid's heads averaged."""
        return self.matrix.mean(axis=0) if self.is_grid else self.matrix

    def row_of_piece(self, piece: int) -> int | None:
        return self.row_pieces.index(piece) if piece in self.row_pieces else None

    def col_of_piece(self, piece: int) -> int | None:
        return self.col_pieces.index(piece) if piece in self.col_pieces else None


def select(sentence, kind: str, layer: int, head: int) -> AttentionView:
    """The matrix to draw for a sentence: `layer` 0-based or ROLLOUT; `head` 0-based, AVERAGE or ALL_HEADS."""
    source = side_labels(sentence, SOURCE)
    target = side_labels(sentence, TARGET)
    source_index = list(range(len(source)))
    target_index = list(range(len(target)))
    if kind == CROSS:
        rows, cols, row_side, col_side = target, source, TARGET, SOURCE
        row_pieces, col_pieces = target_index, source_index
    elif kind == ENCODER:
        rows, cols, row_side, col_side = source, source, SOURCE, SOURCE
        row_pieces, col_pieces = source_index, source_index
    else:  # the decoder reads <s> and the pieces it has already written
        rows, cols, row_side, col_side = target, ["<s>"] + target[:-1], TARGET, TARGET
        row_pieces, col_pieces = target_index, [None] + target_index[:-1]
    row_pieces = [None if sentence_piece(sentence, row_side, i) in SPECIAL_PIECES else i for i in row_pieces]
    col_pieces = [None if i is None or sentence_piece(sentence, col_side, i) in SPECIAL_PIECES else i
                  for i in col_pieces]
    if layer == ROLLOUT:
        if kind == CROSS:
            matrix = cross_rollout(sentence)
        else:
            matrix = rollout(layers_of(sentence, kind))
        head = AVERAGE
    else:
        weights = layers_of(sentence, kind)[layer]
        if head == AVERAGE:
            matrix = weights.mean(axis=0)
        elif head == ALL_HEADS:
            matrix = weights
        else:
            matrix = weights[head]
    return AttentionView(np.asarray(matrix, dtype=np.float64), rows, cols, row_side, col_side, row_pieces,
                         col_pieces, kind=kind, layer=layer, head=head)


def sentence_piece(sentence, side: str, index: int) -> str:
    pieces = sentence.source_pieces if side == SOURCE else sentence.target_pieces
    return pieces[index] if 0 <= index < len(pieces) else ""


def strongest(weights: np.ndarray, allowed: list[int | None] | None = None, limit: int = 3,
              share: float = 0.5) -> list[int]:
    """Indices of the strongest weights: at most `limit`, each at least `share` of the strongest.
    `allowed` (index -> piece or None) excludes positions that are special pieces."""
    weights = np.asarray(weights, dtype=np.float64)
    order = [int(i) for i in np.argsort(-weights) if allowed is None or allowed[int(i)] is not None]
    if not order:
        return []
    top = weights[order[0]]
    return [i for i in order[:limit] if weights[i] >= share * top and weights[i] > 0]


def strongest_link(sentence, kind: str, row_piece: int, target_pieces: list[int]) -> tuple[int, int, float] | None:
    """(layer, head, share): the head whose row for `row_piece` gives the most weight to `target_pieces`."""
    if not target_pieces or kind == CROSS:
        return None
    best = None
    for layer, weights in enumerate(layers_of(sentence, kind)):
        for head in range(weights.shape[0]):
            share = float(weights[head, row_piece, target_pieces].sum())
            if best is None or share > best[2]:
                best = (layer, head, share)
    return best


def write_csv(view: AttentionView, path: str) -> None:
    """The matrix as CSV: a wide table (row label, one column per column label), or for the grid of heads a long
    table (head, row, column, weight)."""
    from model.api import write_atomic

    write_atomic(path, lambda tmp: _write_csv(view, tmp))


def _write_csv(view: AttentionView, path: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        if view.is_grid:
            writer.writerow(["head", "row", "row_piece", "column", "column_piece", "weight"])
            for head, matrix in enumerate(view.matrix, start=1):
                for r, row_label in enumerate(view.row_labels):
                    for c, col_label in enumerate(view.col_labels):
                        writer.writerow([head, r, row_label, c, col_label, f"{matrix[r, c]:.6f}"])
        else:
            writer.writerow([""] + view.col_labels)
            for row_label, values in zip(view.row_labels, view.matrix):
                writer.writerow([row_label] + [f"{value:.6f}" for value in values])
