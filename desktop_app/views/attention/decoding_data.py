"""The decoding view's data, arranged for drawing (no widgets): the winner's steps, each step's candidates, the
beam as a lattice of nodes and its layout in pixels, the finished hypotheses with their length penalty. From
model.api's Explanation (Translator.explain); decoding_view.py draws them."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from model.api import length_penalty

from .data import labels

EOS_PIECE = "</s>"
PRUNED_SHOWN = 2  # pruned hypotheses drawn per step (the best ones by cumulative score)
# the lattice, in pixels: its boxes are as wide as their widest piece or score (a longer piece is cut to MAX_BOX),
# steps at least that far apart and spread over the room there is, up to MAX_STEP
LABEL_PT, SCORE_PT = 8.5, 6.5
BOX_PAD, BOX_GAP, MAX_BOX, MAX_STEP = 5, 16, 130, 220
LATTICE_LEFT, LATTICE_RIGHT = 64, 16  # room for <s> on the left


def chosen_tokens(explanation) -> list[int]:
    """The winner's token ids (without </s>)."""
    final = next((f for f in explanation.trace.finals if f["chosen"]), None)
    return list(final["tokens"]) if final else []


def step_pieces(explanation) -> list[str]:
    """One display label per decoder step of the winner: its pieces, then </s>."""
    return labels(explanation.spell(chosen_tokens(explanation))) + [EOS_PIECE]


def winner_hypothesis(explanation, step: int) -> int | None:
    """Index, among the live hypotheses of `step`, of the one the winner grew from (None: no such step)."""
    if not 0 <= step < len(explanation.trace.steps):
        return None
    prefix = chosen_tokens(explanation)[:step]
    return next((i for i, p in enumerate(explanation.trace.steps[step].prefixes) if p == prefix), None)


@dataclass
class Candidate:
    label: str
    probability: float
    chosen: bool  # what the winner took at this step
    kept: bool  # kept by the beam (a partial sentence that lived on)


def step_candidates(explanation, step: int) -> tuple[list[Candidate], str]:
    """The top candidates of the winner's hypothesis at `step`, and its prefix as text."""
    index = winner_hypothesis(explanation, step)
    if index is None:
        return [], ""
    trace_step = explanation.trace.steps[step]
    tokens = chosen_tokens(explanation)
    next_token = tokens[step] if step < len(tokens) else None
    kept = {token for origin, token, _ in trace_step.kept if origin == index}
    result = []
    for token, probability in trace_step.candidates[index]:
        piece = explanation.pieces[token]
        chosen = token == next_token if next_token is not None else piece == EOS_PIECE
        result.append(Candidate(labels([piece])[0], probability, chosen, token in kept))
    prefix = "".join(explanation.spell(trace_step.prefixes[index])).replace("▁", " ").strip()
    return result, prefix


@dataclass
class Node:
    step: int
    row: int
    label: str
    score: float
    key: tuple
    parent: tuple
    kept: bool
    winner: bool
    finished: bool


def text_size(text: str, points: float) -> tuple[float, float]:
    """Width and height in pixels (at the canvas's 100 dpi) of `text` in the plots' font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    width, height, _ = TextToPath().get_text_width_height_descent(text, FontProperties(size=points), ismath=False)
    return width * 100 / 72, height * 100 / 72


def fitted(label: str, points: float, room: float) -> str:
    """`label`, cut with "…" where it is wider than `room` pixels."""
    if text_size(label, points)[0] <= room:
        return label
    while len(label) > 1 and text_size(label + "…", points)[0] > room:
        label = label[:-1]
    return label + "…"


@dataclass
class LatticeLayout:
    """Where the lattice goes, in pixels: box size, step and row spacing, and the width it needs at least."""

    box_width: float
    box_height: float
    step: float
    row: float
    needed_width: float
    label_offset: float  # from a row's centre to its label's and its score's centres
    score_offset: float

    @classmethod
    def of(cls, nodes: list["Node"], steps: int, available_width: float) -> "LatticeLayout":
        label_h = max(text_size("lpÁ한", LABEL_PT)[1], 1.0) + 2
        score_h = max(text_size("-0.19", SCORE_PT)[1], 1.0) + 2
        widest = max([text_size(node.label, LABEL_PT)[0] for node in nodes] +
                     [text_size(f"{node.score:.2f}", SCORE_PT)[0] for node in nodes] + [24.0])
        box_width = min(widest, MAX_BOX - 2 * BOX_PAD) + 2 * BOX_PAD
        box_height = label_h + score_h + 2 * BOX_PAD
        least = box_width + BOX_GAP
        needed = LATTICE_LEFT + max(steps, 1) * least + LATTICE_RIGHT
        step = max(least, min(MAX_STEP, (available_width - LATTICE_LEFT - LATTICE_RIGHT) / max(steps, 1)))
        return cls(box_width, box_height, step, box_height + 10, needed,
                   -box_height / 2 + BOX_PAD + label_h / 2, box_height / 2 - BOX_PAD - score_h / 2)


def lattice(explanation, pruned: int = PRUNED_SHOWN) -> list[Node]:
    """Every kept hypothesis of every step (rows in the beam's order) and the best `pruned` that were not."""
    winner = tuple(chosen_tokens(explanation)) + (None,)  # None: its </s>
    nodes = []
    for step, trace_step in enumerate(explanation.trace.steps):
        kept_pairs = set()
        for row, (origin, token, score) in enumerate(trace_step.kept):
            prefix = tuple(trace_step.prefixes[origin])
            piece = explanation.pieces[token]
            finished = piece == EOS_PIECE
            key = prefix + (token,)
            on_path = prefix == winner[:len(prefix)] and (winner[len(prefix)] == token or
                                                           (finished and winner[len(prefix)] is None))
            nodes.append(Node(step, row, labels([piece])[0], score, key, prefix, True, on_path, finished))
            kept_pairs.add((origin, token))
        others = []
        for origin, (prefix, base) in enumerate(zip(trace_step.prefixes, trace_step.scores)):
            for token, probability in trace_step.candidates[origin]:
                if (origin, token) not in kept_pairs and probability > 0:
                    others.append((base + math.log(probability), origin, token))
        others.sort(reverse=True)
        first_row = max(len(trace_step.kept), 1)
        for offset, (score, origin, token) in enumerate(others[:pruned]):
            prefix = tuple(trace_step.prefixes[origin])
            piece = explanation.pieces[token]
            nodes.append(Node(step, first_row + offset, labels([piece])[0], score, prefix + (token,), prefix, False,
                              False, piece == EOS_PIECE))
    return nodes


def finals_rows(explanation) -> list[dict]:
    """The finished hypotheses in the search's order (best normalised score first), with their length penalty."""
    rows = []
    for final in explanation.trace.finals:
        length = len(final["tokens"]) + 1  # </s> counts, as in the search
        text = "".join(explanation.spell(final["tokens"])).replace("▁", " ").strip()
        rows.append({"text": text, "score": final["score"], "length": length,
                     "penalty": float(length_penalty(np.array(length), explanation.alpha))
                     if explanation.beam > 1 else 1.0,
                     "normalized": final["normalized"], "chosen": final["chosen"]})
    return rows


def sentence_score(explanation) -> tuple[float, float]:
    final = next((f for f in explanation.trace.finals if f["chosen"]), None)
    return (final["score"], final["normalized"]) if final else (0.0, 0.0)


