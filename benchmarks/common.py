"""What every benchmark shares: the machine's description and the results file."""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
RESULTS = HERE / "results.json"
SAMPLE = HERE / "sample_ko.txt"


def machine() -> dict:
    from model.training.hardware import cpu_model

    versions = {}
    for package in ("tensorflow-cpu", "tensorflow", "keras", "ai-edge-litert", "numpy", "PySide6-Essentials"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return {"cpu": cpu_model(), "cores": os.cpu_count(), "python": platform.python_version(), "versions": versions}


def record(section: str, figures: dict) -> None:
    """Print the figures and store them under `section` in results.json (other sections are kept)."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[section] = {"machine": machine(), **figures}
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({section: results[section]}, indent=2, ensure_ascii=False))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
