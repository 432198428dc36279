"""Cold start and memory: how fast the window and the first translation appear, and how much memory it takes.

Start-up: the app is started the way a user starts it (`.venv/bin/hanyeong-app`, and the packaged
`dist/Hanyeong/Hanyeong` when it has been built) with its self-test, which opens the real window, translates a
sample and draws its attention. The app writes when the window was first shown, when the model was ready and when
the first translation was on screen (desktop_app/startup_report.py); times count from the moment this script
started the process. Each is started with an empty HOME (a first start) and the offscreen Qt platform, so no
display server's speed is in the figures. Runs: the first after dropping nothing from the OS file cache (so not a
cold boot), then warm runs; medians of the warm runs are reported too.

Memory: resident memory of the app once the model is loaded (idle), once the first translation is shown, and a
separate process translating a 5,000-character text with beam 4 through the same `Translator` (its peak resident
memory). CPU: the self-test process's CPU time (user + system), which another load on the machine changes less
than the times from start; the load average before and after is recorded with the figures.

The slow path for comparison: `import tensorflow` alone, in the same run.

Before and after: `--before REV` also starts the app of an earlier commit (checked out into a temporary git
worktree, run with this venv's Python), alternating with this checkout's run for run, so that both face the same
load on the machine; its figures are stored beside this checkout's (benchmarks/results.json, "startup").
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, SAMPLE, record

RUNS = 4
TRANSLATE_5000 = """
import json, sys, time
sys.path.insert(0, {repo!r})
from desktop_app.app.startup_report import memory_mb
from model.api import Translator
text = open({sample!r}, encoding="utf-8").read().replace("\\n", " ")
text = (text * (5000 // len(text) + 1))[:5000]
start = time.time()
translator = Translator()
loaded = memory_mb("VmRSS")
result = translator.translate(text, beam=4)
print(json.dumps({{"characters": len(text), "sentences": len(result.sentences), "rss_mb_model_loaded": loaded,
                  "peak_rss_mb": memory_mb("VmHWM"), "seconds": round(time.time() - start, 1),
                  "tensorflow_loaded": "tensorflow" in sys.modules}}))
"""


def start_once(command: list[str], source: Path | None = None) -> dict:
    """One start with an empty HOME; `source`: run the app's code from this folder (python -m desktop_app)."""
    with tempfile.TemporaryDirectory() as home:
        report = Path(home) / "startup.json"
        env = {**os.environ, "HOME": home, "QT_QPA_PLATFORM": "offscreen", "HANYEONG_STARTUP_REPORT": str(report),
               "XDG_CONFIG_HOME": f"{home}/.config", "XDG_DATA_HOME": f"{home}/.local/share"}
        if source is not None:
            env["PYTHONPATH"] = str(source)
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.time()
        done = subprocess.run(command + ["--self-test", f"{home}/shot.png"], env=env, cwd=home,
                              capture_output=True, text=True, timeout=300)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr[-2000:]}")
        marks = json.loads(report.read_text())
    return {
        "window_shown_s": round(marks["window_shown"] - started, 2),
        "model_loaded_s": round(marks["model_loaded"] - started, 2),
        "first_translation_shown_s": round(marks["first_translation_shown"] - started, 2),
        "idle_rss_mb": marks["rss_mb_at_model_loaded"],
        "rss_mb_first_translation_shown": marks.get("rss_mb_at_first_translation_shown"),
        "peak_rss_mb": marks["peak_rss_mb"],
        # CPU time of the whole self-test (start-up, the example, the screenshot): what a loaded machine slows
        "cpu_s": round(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime, 2),
    }


def summary(command: list[str], runs: list[dict]) -> dict:
    warm = runs[1:]
    return {"command": " ".join(command), "runs": runs,
            "median_warm": {key: statistics.median(r[key] for r in warm) for key in runs[0]}}


def startup(command: list[str]) -> dict:
    return summary(command, [start_once(command) for _ in range(RUNS)])


@contextlib.contextmanager
def checkout(revision: str):
    """The repository at `revision` in a temporary git worktree (removed afterwards)."""
    folder = Path(tempfile.mkdtemp(prefix="hanyeong-before-")) / "tree"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(folder), revision], check=True,
                   capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)], capture_output=True)
        shutil.rmtree(folder.parent, ignore_errors=True)


def before_and_after(revision: str) -> dict:
    """The app of `revision` and of this checkout, started alternately (RUNS each), from source with this venv."""
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", revision], check=True,
                            capture_output=True, text=True).stdout.strip()
    with checkout(revision) as tree:
        before = [sys.executable, "-m", "desktop_app"], tree
        after = [sys.executable, "-m", "desktop_app"], REPO
        runs: dict[str, list] = {"before": [], "after": []}
        for _ in range(RUNS):
            for name, (command, root) in (("before", before), ("after", after)):
                runs[name].append(start_once(command, root))
    return {f"before ({commit})": summary(before[0], runs["before"]),
            "after (this checkout)": summary(after[0], runs["after"])}


def import_tensorflow() -> dict:
    code = ("import time, sys; t = time.time(); import tensorflow; sys.path.insert(0, %r); "
            "from desktop_app.app.startup_report import memory_mb; print(time.time() - t, memory_mb('VmRSS'))" % str(REPO))
    seconds, rss = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout.split()[-2:]
    return {"seconds": round(float(seconds), 2), "rss_mb": float(rss)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_startup.py")
    parser.add_argument("--before", metavar="REV", help="also start this commit's app, alternately, for comparison")
    args = parser.parse_args(argv)
    figures = {"note": "offscreen Qt platform, empty HOME; times from process start", "startup": {},
               "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    if args.before:
        figures["startup"].update(before_and_after(args.before))
    source = REPO / ".venv" / "bin" / "hanyeong-app"
    figures["startup"]["make run (.venv/bin/hanyeong-app)"] = startup([str(source)])
    packaged = REPO / "dist" / "Hanyeong" / "Hanyeong"
    if packaged.exists():
        figures["startup"]["packaged (dist/Hanyeong/Hanyeong)"] = startup([str(packaged)])
    else:
        figures["startup"]["packaged (dist/Hanyeong/Hanyeong)"] = "not built: run make package first"
    code = TRANSLATE_5000.format(repo=str(REPO), sample=str(SAMPLE))
    figures["translate_5000_characters"] = json.loads(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()[-1])
    figures["slow_path_import_tensorflow"] = import_tensorflow()
    figures["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    record("startup_and_memory", figures)


if __name__ == "__main__":
    main()
