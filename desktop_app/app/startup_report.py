"""Start-up timings and memory for benchmarks/bench_startup.py.

Only the self-test writes them, and only when HANYEONG_STARTUP_REPORT names a file: absolute times (time.time(),
so the benchmark can subtract the moment it started the process) and resident memory read from /proc.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

REPORT_VARIABLE = "HANYEONG_STARTUP_REPORT"


def memory_mb(field: str) -> float | None:
    """VmRSS (resident now) or VmHWM (peak resident) of this process, in MiB; None where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


class StartupReport:
    def __init__(self):
        self.path = os.environ.get(REPORT_VARIABLE)
        self.values: dict = {}

    def mark(self, name: str) -> None:
        if self.path:
            self.values[name] = time.time()
            self.values[f"rss_mb_at_{name}"] = memory_mb("VmRSS")

    def save(self) -> None:
        if self.path:
            self.values["peak_rss_mb"] = memory_mb("VmHWM")
            Path(self.path).write_text(json.dumps(self.values, indent=1))
