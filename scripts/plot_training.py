"""Plot a run's loss and dev curves from its work folder's log.jsonl: python scripts/plot_training.py WORK OUT.png"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(work_dir: str, output: str) -> None:
    events = [json.loads(line) for line in (Path(work_dir) / "log.jsonl").read_text().splitlines()]
    steps = [e for e in events if e["kind"] == "step"]
    evals = [e for e in events if e["kind"] == "eval" and "averaged" not in e]
    figure, (loss_axis, dev_axis) = plt.subplots(1, 2, figsize=(11, 4))
    loss_axis.plot([e["step"] for e in steps], [e["loss"] for e in steps], lw=1)
    loss_axis.set(title="training loss (label-smoothed)", xlabel="step")
    corpora = [name for name in evals[0]["dev"] if name != "mean"] if evals else []
    for name in corpora:
        dev_axis.plot([e["step"] for e in evals], [e["dev"][name]["chrf"] for e in evals], marker="o", label=name)
    dev_axis.set(title="dev chrF (greedy, 100 lines per corpus)", xlabel="step")
    dev_axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(output, dpi=110)


if __name__ == "__main__":
    main(*sys.argv[1:3])
