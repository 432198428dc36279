"""Training and fine-tuning in a separate process (`hanyeong train|finetune --progress-json`), wrapped in a
QProcess whose JSON lines become signals and a small progress model (loss and dev curves). The picked corpora go
to the command line as they are (files, corpus folders, data roots): the engine names and reads them
(model.api.named_corpora), for training from scratch and fine-tuning alike.

Cancel writes a stop file (`--stop-file`, which the CLI checks between training steps and between batches of the
final scoring, on every platform) and, where there is one, sends SIGTERM: the CLI checkpoints and exits with code 3;
running the same command again with the same work folder resumes (training from its last checkpoint, the final
scoring from the last sentences it scored). A process that has not stopped STOP_GRACE_MS after Cancel is killed
(every file it writes is written atomically, so nothing is lost but the steps since its last checkpoint). The last
run's spec is kept in the settings so an interrupted run can be resumed after a restart; a resumed run's curves
are read back from the work folder's log.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from .cli_process import cli_command, cli_environment, error_line

TRAIN, FINETUNE = "train", "finetune"
IDLE, RUNNING, STOPPING = "idle", "running", "stopping"
FINISHED, CANCELLED, FAILED = "finished", "cancelled", "failed"
EXIT_CANCELLED = 3
STOP_GRACE_MS = 90_000  # how long a cancelled process may take to checkpoint before it is killed
STOP_FILE = "stop"  # in the work folder: its appearance asks the CLI to stop (--stop-file)
LOW_DISK_BYTES = 64 << 20  # a crash with less free space than this is put down to a full disk


@dataclass
class TrainingSpec:
    """Everything needed to (re)start one run."""

    mode: str
    corpora: list[str]  # as picked: corpus files, corpus folders, data roots
    output: str
    work_dir: str
    base_model: str = ""
    epochs: float | None = None
    time_limit_minutes: float | None = None
    max_tokens_per_batch: int | None = None
    peak_learning_rate: float | None = None
    warmup_steps: int | None = None
    eval_every_steps: int | None = None
    dev: str = ""  # dev corpora folder; empty: no dev scoring
    mix_data: str = ""  # fine-tuning: also train on these original corpora
    config: str = ""  # a TrainingConfig JSON file (model size for training from scratch)
    base_scores: dict = field(default_factory=dict)  # the current model's full-set dev scores, for the comparison
    name: str = ""  # the name the user gave the new model (its folder adds the time); empty: the folder's name

    @property
    def stop_file(self) -> Path:
        return Path(self.work_dir) / STOP_FILE

    def arguments(self) -> list[str]:
        if self.mode == TRAIN:
            arguments = ["train", "--data", *self.corpora]
        else:
            arguments = ["finetune", "--model", self.base_model, "--corpus", *self.corpora]
            if self.mix_data:
                arguments += ["--mix-data", self.mix_data]
        arguments += ["--output", self.output, "--work-dir", self.work_dir, "--progress-json",
                      "--stop-file", str(self.stop_file)]
        arguments += ["--dev", self.dev] if self.dev else ["--no-dev"]
        if self.name:
            arguments += ["--name", self.name]
        if self.config:
            arguments += ["--config", self.config]
        for name in ("epochs", "time_limit_minutes", "max_tokens_per_batch", "peak_learning_rate", "warmup_steps",
                     "eval_every_steps"):
            value = getattr(self, name)
            if value is not None:
                arguments += ["--" + name.replace("_", "-"), repr(value) if isinstance(value, float) else str(value)]
        return arguments

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "TrainingSpec":
        known = {name for name in cls.__dataclass_fields__}
        return cls(**{key: value for key, value in values.items() if key in known})

    def resumable(self) -> bool:
        """A run that stopped before writing its bundle and left a checkpoint or prepared data behind."""
        work = Path(self.work_dir)
        return not Path(self.output).exists() and work.is_dir() and any(
            (work / name).exists() for name in ("checkpoint", "checkpoint.old", "data.npz"))


class TrainingRunner(QObject):
    """One training process at a time, and what it has reported so far."""

    stateChanged = Signal(str)
    progressed = Signal(dict)  # every event of the CLI, as parsed
    logged = Signal(str)
    ended = Signal(str, str)  # FINISHED / CANCELLED / FAILED, bundle path or message

    def __init__(self, settings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.state = IDLE
        self.spec: TrainingSpec | None = None
        self.process: QProcess | None = None
        self._stdout = b""
        self._stderr = b""
        self.outcome = ""
        self.reset_progress()
        self._stop_timer = QTimer(self, singleShot=True, interval=STOP_GRACE_MS)
        self._stop_timer.timeout.connect(self._kill_unstopped)

    # --- progress model ---------------------------------------------------------------------------------------

    def reset_progress(self) -> None:
        self.start_info: dict = {}
        self.last_step: dict = {}
        self.losses: list[tuple[int, float]] = []
        self.evals: list[tuple[int, dict]] = []
        self.log: list[str] = []
        self.bundle: dict = {}
        self.scoring: dict = {}  # the last "scoring" event: the final dev scoring after training
        self.cancelled: dict = {}  # the "cancelled" event: where the run stopped (the model, when scoring)
        self.finished_training = False  # training itself is over (export, scoring and the bundle follow)
        self.error = ""

    def _record(self, event: dict) -> None:
        kind = event.get("kind")
        if kind == "start":
            self.start_info = event
        elif kind == "step":
            self.last_step = event
            if not self.losses or event["step"] > self.losses[-1][0]:
                self.losses.append((int(event["step"]), float(event["loss"])))
        elif kind == "eval":
            if not self.evals or event["step"] > self.evals[-1][0]:
                self.evals.append((int(event["step"]), event.get("dev", {})))
        elif kind == "finished":
            self.finished_training = True
        elif kind == "scoring":
            self.finished_training = True
            self.scoring = event
        elif kind == "bundle":
            self.bundle = event
        elif kind == "cancelled":
            self.cancelled = event
        elif kind == "log":
            self._log(str(event.get("message", "")))
        elif kind == "checkpoint":
            self._log(f"checkpoint at step {event.get('step')}")

    def _log(self, line: str) -> None:
        self.log.append(line)
        self.logged.emit(line)

    @property
    def running(self) -> bool:
        return self.state in (RUNNING, STOPPING)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state)

    # --- control ------------------------------------------------------------------------------------------------

    def last_run(self) -> TrainingSpec | None:
        values = self.settings.last_training_run
        try:
            return TrainingSpec.from_dict(values) if values else None
        except TypeError:
            return None

    def start(self, spec: TrainingSpec) -> None:
        if self.running:
            raise RuntimeError("a training run is already in progress")
        self.spec = spec
        self.outcome = ""
        self.reset_progress()
        self._replay_log()
        self.settings.last_training_run = spec.to_dict()
        self._launch()

    def discard_last_run(self) -> None:
        spec = self.last_run()
        if spec is not None and not self.running:
            shutil.rmtree(spec.work_dir, ignore_errors=True)
        self.settings.last_training_run = None

    def cancel(self) -> None:
        """Ask the run to checkpoint and stop (stop file, and SIGTERM where there is one); `ended(CANCELLED)`
        follows, at the latest STOP_GRACE_MS later (then the process is killed)."""
        if self.state == RUNNING and self.process is not None:
            self._set_state(STOPPING)
            if self.scoring or self.finished_training:
                self._log("stopping the scoring (the trained model is kept: Resume scores it)")
            else:
                self._log("stopping at the next step (saving a checkpoint)")
            try:
                self.spec.stop_file.parent.mkdir(parents=True, exist_ok=True)
                self.spec.stop_file.touch()
            except OSError as error:
                self._log(f"could not write the stop file ({error}); sending a stop signal only")
            if os.name != "nt":  # QProcess.terminate() on Windows posts WM_CLOSE, which a console process ignores
                self.process.terminate()
            self._stop_timer.start()

    def _kill_unstopped(self) -> None:
        if self.state == STOPPING and self.process is not None:
            self._log(f"the training process did not stop within {STOP_GRACE_MS // 1000} s; ended it")
            self.process.kill()

    def stop_and_wait(self, timeout_ms: int = 60000) -> None:
        """For quitting: cancel and block until the process is gone (killed after the timeout)."""
        if self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning:
            self.cancel()
            if not self.process.waitForFinished(timeout_ms):
                self.process.kill()
                self.process.waitForFinished(5000)

    # --- internals ----------------------------------------------------------------------------------------------

    def _replay_log(self) -> None:
        """A resumed run continues its curves from the events logged before, and knows whether its training was
        over (then only the scoring goes on)."""
        log_path = Path(self.spec.work_dir) / "log.jsonl"
        if not log_path.is_file():
            return
        for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and event.get("kind") in ("start", "step", "eval", "finished"):
                self._record(event)

    def _launch(self) -> None:
        try:
            self.spec.stop_file.unlink(missing_ok=True)  # an earlier Cancel's
        except OSError:
            pass
        program, arguments = cli_command(self.spec.arguments())
        self.process = QProcess(self)
        self.process.setProcessEnvironment(cli_environment(self.settings.device))
        self.process.readyReadStandardOutput.connect(self._read_stdout)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)
        self._stdout, self._stderr = b"", b""
        self._set_state(RUNNING)
        self.process.start(program, arguments)

    def _read_stdout(self) -> None:
        self._stdout += bytes(self.process.readAllStandardOutput())
        *lines, self._stdout = self._stdout.split(b"\n")
        for raw in lines:
            self._handle_line(raw.decode("utf-8", errors="replace").strip())

    def _handle_line(self, line: str) -> None:
        if not line:
            return
        try:
            event = json.loads(line)
        except ValueError:
            event = None
        if not isinstance(event, dict) or "kind" not in event:
            self._log(line)
            return
        self._record(event)
        self.progressed.emit(event)

    def _read_stderr(self) -> None:
        self._stderr += bytes(self.process.readAllStandardError())
        self._stderr = self._stderr[-20000:]

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end(FAILED, f"could not start the training process ({self.process.errorString()})")

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_stdout()
        self._handle_line(self._stdout.decode("utf-8", errors="replace").strip())
        self._stdout = b""
        stderr = self._stderr.decode("utf-8", errors="replace")
        if status == QProcess.ExitStatus.NormalExit and code == 0 and self.bundle.get("path"):
            self.settings.last_training_run = None
            self._end(FINISHED, self.bundle["path"])
        elif code == EXIT_CANCELLED or self.state == STOPPING:
            self._end(CANCELLED, "")
        elif status == QProcess.ExitStatus.CrashExit:  # killed (out of memory, SIGKILL, power management) or crashed
            from model.api import free_bytes

            detail = error_line(stderr) if "hanyeong:" in stderr else ""  # not TensorFlow's log chatter
            resumable = self.spec is not None and self.spec.resumable()
            free = free_bytes(self.spec.work_dir) if self.spec is not None else None
            if free is not None and free < LOW_DISK_BYTES:
                detail = detail or (f"the disk holding {self.spec.work_dir} is full ({free / 1e6:.0f} MB free); "
                                    "free some space first")
            self._end(FAILED, "the training process stopped unexpectedly" + (f" ({detail})" if detail else "") +
                      ("; its last checkpoint is kept: Resume continues from it" if resumable else ""))
        else:
            self._end(FAILED, error_line(stderr) or f"the training process stopped (exit code {code})")

    def _end(self, outcome: str, detail: str) -> None:
        if self.state == IDLE:
            return
        self.outcome = outcome
        self._stop_timer.stop()
        if self.spec is not None:
            try:
                self.spec.stop_file.unlink(missing_ok=True)
            except OSError:
                pass
        if outcome == FAILED:
            self.error = detail
            self._log(detail)
        if self.process is not None:
            self.process.deleteLater()
            self.process = None
        self._set_state(IDLE)
        self.ended.emit(outcome, detail)
