"""Plot the device experiments' loss and dev curves from their result files (docs/experiments/*.json).

  python scripts/plot_experiments.py docs/experiments/*.json --output docs/experiments.png

A run continued in a later call (the same name) is drawn as one line: its steps carry on from the first part.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", nargs="+", type=Path)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    runs: dict[str, list[dict]] = {}
    for path in args.results:
        for result in json.loads(path.read_text()):
            runs.setdefault(result["name"], []).extend(result["events"])
    figure, (loss_axis, dev_axis) = plt.subplots(1, 2, figsize=(12, 4.5))
    for name, events in runs.items():
        steps = [e for e in events if e["kind"] == "step"]
        evals = [e for e in events if e["kind"] == "eval" and "averaged" not in e and e["step"] > 200]
        line, = loss_axis.plot([e["step"] for e in steps], [e["loss"] for e in steps], lw=1, label=name)
        dev_axis.plot([e["step"] for e in evals], [e["dev"]["mean"]["chrf"] for e in evals], marker="o",
                      color=line.get_color(), label=name)
    loss_axis.set(title="training loss (label-smoothed, per target token)", xlabel="step", ylim=(1.5, 6))
    dev_axis.set(title="dev chrF, mean of the 4 dev sets (greedy, every line)", xlabel="step")
    loss_axis.legend(fontsize=8)
    dev_axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(args.output, dpi=110)


if __name__ == "__main__":
    main()
