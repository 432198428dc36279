"""What could train here, for `hanyeong devices` and the app's Device tab: NVIDIA GPUs (nvidia-smi,
/proc/driver/nvidia), which TensorFlow is installed (CPU-only or with CUDA), and what TensorFlow itself finds.

TF-free except `tensorflow_view`, which the `hanyeong devices` process calls only when TensorFlow could see a GPU
(an NVIDIA driver and a CUDA build of TensorFlow), so without one the answer comes in a fraction of a second.
The outcome is one of:
  - no NVIDIA GPU: the CPU;
  - an NVIDIA GPU, but CPU-only TensorFlow (`tensorflow-cpu`, what `make run` installs): a one-line hint with the
    command that enables the GPU (`make install-gpu`);
  - GPU TensorFlow with a working GPU: that GPU, its memory, bfloat16/float16 support, and what training uses;
  - driver or CUDA trouble: the error in one line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

GPU_COMMAND = "make install-gpu"
GPU_PIP = 'pip uninstall -y tensorflow-cpu && pip install "tensorflow[and-cuda]==2.21.0"'
TENSORFLOW_PACKAGES = ("tensorflow-cpu", "tensorflow", "tensorflow-gpu", "tf-nightly", "tensorflow-rocm",
                       "tensorflow-macos")
CPU_BATCH_TOKENS = 6000  # TrainingConfig's default max_tokens_per_batch, measured on the CPU
PROC_DRIVER = Path("/proc/driver/nvidia/version")


def installed_tensorflow() -> tuple[str, str] | None:
    """(distribution, version) of the TensorFlow installed, or None."""
    for name in TENSORFLOW_PACKAGES:
        try:
            return name, metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else ""


def nvidia_smi(run=subprocess.run) -> tuple[list[dict], str]:
    """([{name, memory_mib, driver, compute_capability}], error): the GPUs nvidia-smi lists, or why it could not
    list them (one line); ([], "") where there is no nvidia-smi."""
    program = shutil.which("nvidia-smi")
    if program is None:
        return [], ""
    fields = ["name", "memory.total", "driver_version", "compute_cap"]
    for query in (fields, fields[:3]):  # compute_cap is unknown to drivers older than 510
        try:
            done = run([program, f"--query-gpu={','.join(query)}", "--format=csv,noheader,nounits"],
                       capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError) as error:
            return [], f"nvidia-smi could not run: {error}"
        if done.returncode == 0:
            break
    else:
        return [], f"nvidia-smi failed: {_first_line(done.stdout) or _first_line(done.stderr) or done.returncode}"
    gpus = []
    for line in done.stdout.splitlines():
        cells = [cell.strip() for cell in line.split(",")]
        if len(cells) < 3 or not cells[0]:
            continue
        try:
            memory = int(float(cells[1]))
        except ValueError:
            memory = None
        capability = cells[3] if len(cells) > 3 and re.fullmatch(r"\d+\.\d+", cells[3]) else ""
        gpus.append({"name": cells[0], "memory_mib": memory, "driver": cells[2], "compute_capability": capability})
    return gpus, ""


def nvidia_driver() -> bool:
    """An NVIDIA kernel driver is loaded (Linux), or nvidia-smi exists (also Windows and WSL)."""
    return PROC_DRIVER.exists() or shutil.which("nvidia-smi") is not None


def cpu_supports_bfloat16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def precision_support(capability: str) -> tuple[bool, bool]:
    """(bfloat16, float16) in hardware for a CUDA compute capability such as "8.6": bfloat16 from Ampere (8.0),
    float16 tensor cores from Volta (7.0)."""
    try:
        major, minor = (int(part) for part in capability.split(".")[:2])
    except ValueError:
        return False, False
    return (major, minor) >= (8, 0), (major, minor) >= (7, 0)


def training_precision(gpu_capabilities: list[str], cpu_bfloat16: bool) -> str:
    """The Keras policy training uses: mixed bfloat16 where every GPU (or, without a GPU, the CPU) has bfloat16,
    float32 elsewhere (float16 would need loss scaling, which the trainer does not do)."""
    if gpu_capabilities:
        return "mixed_bfloat16" if all(precision_support(c)[0] for c in gpu_capabilities) else "float32"
    return "mixed_bfloat16" if cpu_bfloat16 else "float32"


def suggested_tokens_per_batch(memory_mib: int | None) -> int:
    """Tokens per batch for training on a device with this much memory (None: the CPU): about 1,000 per GiB of GPU
    memory, from 4,000 to 24,000 (the shipped model's logits for 1,000 target tokens take ~65 MB with their
    gradients; the rest is small). The CPU keeps TrainingConfig's 6,000."""
    if not memory_mib:
        return CPU_BATCH_TOKENS
    return int(max(4000, min(24000, round(memory_mib / 1024) * 1000)))


def _captured_stderr():
    """A context that sends file descriptor 2 (where TensorFlow's C++ logs go) to a temporary file and gives
    its text back."""
    class Capture:
        text = ""

        def __enter__(self):
            sys.stderr.flush()
            self.file = tempfile.TemporaryFile(mode="w+b")
            self.saved = os.dup(2)
            os.dup2(self.file.fileno(), 2)
            return self

        def __exit__(self, *_exc):
            sys.stderr.flush()
            os.dup2(self.saved, 2)
            os.close(self.saved)
            self.file.seek(0)
            self.text = self.file.read().decode("utf-8", errors="replace")
            self.file.close()
            return False

    return Capture()


CUDA_TROUBLE = re.compile(r"(Cannot dlopen[^\n]*|Could not load[^\n]*|failed call to cuInit[^\n]*|"
                          r"CUDA_ERROR_[A-Z_]+[^\n]*|libcud[a-z]*\.so[^\n]*|driver version[^\n]*insufficient[^\n]*)",
                          re.IGNORECASE)


def tensorflow_view() -> tuple[list[dict], bool, str]:
    """([{name, compute_capability}], is_cuda_build, trouble) from TensorFlow itself: its GPUs, whether it was
    built with CUDA, and the first line of its complaints about CUDA (its C++ log) when it finds none."""
    previous = os.environ.get("TF_CPP_MIN_LOG_LEVEL")
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "1"  # warnings too: a missing CUDA library is one
    capture = _captured_stderr()
    try:
        with capture:
            import tensorflow as tf

            gpus = []
            for gpu in tf.config.list_physical_devices("GPU"):
                details = tf.config.experimental.get_device_details(gpu)
                capability = details.get("compute_capability")
                gpus.append({"name": details.get("device_name", gpu.name),
                             "compute_capability": ".".join(map(str, capability)) if capability else ""})
            cuda_build = bool(tf.sysconfig.get_build_info().get("is_cuda_build"))
    except Exception as error:  # noqa: BLE001 - a TensorFlow that cannot start is the answer
        return [], False, f"TensorFlow could not start: {type(error).__name__}: {_first_line(str(error))}"
    finally:
        if previous is None:
            os.environ.pop("TF_CPP_MIN_LOG_LEVEL", None)
        else:
            os.environ["TF_CPP_MIN_LOG_LEVEL"] = previous
    trouble = ""
    if not gpus:
        match = CUDA_TROUBLE.search(capture.text)
        trouble = re.sub(r"^\S+ \S+ \S+\] ", "", match.group(0).strip()) if match else ""  # without the log prefix
    return gpus, cuda_build, trouble


def probe(frozen: bool | None = None, tensorflow=tensorflow_view, smi=nvidia_smi) -> dict:
    """Everything `hanyeong devices --json` reports: devices (CPU first; GPUs with memory and precision
    support), hint (a one-line way to use a GPU that is idle), error (one line of driver or CUDA trouble), the
    precision and tokens per batch training would use, and the TensorFlow installed."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    package = installed_tensorflow()
    nvidia, smi_error = smi()
    driver = nvidia_driver() or bool(nvidia)
    hidden = os.environ.get("CUDA_VISIBLE_DEVICES", None) in ("-1", "")
    report = {"devices": [{"type": "CPU", "name": "CPU"}], "nvidia": nvidia, "hint": "", "error": "",
              "tensorflow": " ".join(package) if package else "", "precision": "", "tokens_per_batch": 0}
    cpu_only_tf = package is not None and package[0] == "tensorflow-cpu"
    could_see_gpu = package is not None and not cpu_only_tf and not hidden and (
        driver or package[0] in ("tensorflow-rocm", "tensorflow-macos") or not sys.platform.startswith("linux"))
    tf_gpus, trouble = [], ""
    if could_see_gpu:
        tf_gpus, _cuda_build, trouble = tensorflow()
    for index, gpu in enumerate(tf_gpus):
        smi_gpu = nvidia[index] if index < len(nvidia) else {}
        capability = gpu.get("compute_capability") or smi_gpu.get("compute_capability", "")
        bf16, fp16 = precision_support(capability)
        report["devices"].append({"type": "GPU", "name": gpu["name"], "memory_mib": smi_gpu.get("memory_mib"),
                                  "compute_capability": capability, "bfloat16": bf16, "float16": fp16})
    gpus = report["devices"][1:]
    if smi_error:
        report["error"] = smi_error
    elif driver and could_see_gpu and not gpus:
        names = ", ".join(g["name"] for g in nvidia) or "an NVIDIA GPU"
        report["error"] = (f"TensorFlow finds no GPU although {names} is here: "
                           f"{trouble or 'the CUDA libraries or the driver do not fit this TensorFlow'}")
    elif driver and cpu_only_tf and not hidden:
        gpu = nvidia[0] if nvidia else {"name": "An NVIDIA GPU (its driver is loaded)"}
        memory = f", {gpu['memory_mib'] / 1024:.0f} GiB" if gpu.get("memory_mib") else ""
        where = ("this build of Hanyeong carries CPU-only TensorFlow; the GPU build: README, “GPU build”" if frozen
                 else f"TensorFlow here is CPU-only (tensorflow-cpu); `{GPU_COMMAND}` (or {GPU_PIP}) lets training "
                      "use it")
        report["hint"] = f"{gpu['name']}{memory} is not used: {where}."
    report["precision"] = training_precision([g["compute_capability"] for g in gpus], cpu_supports_bfloat16())
    memories = [g["memory_mib"] for g in gpus if g.get("memory_mib")]
    report["tokens_per_batch"] = suggested_tokens_per_batch(min(memories) if memories else None)
    return report


def usable_cores() -> int:
    """The CPU cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def describe(report: dict) -> list[str]:
    """The report as lines for a terminal."""
    lines = []
    for device in report["devices"]:
        line = f"{device['type']}: {device['name']}"
        if device["type"] == "CPU" and device["name"] in ("", "CPU"):  # TensorFlow names its CPU device just that
            cores = usable_cores()
            line = f"CPU: {cores} {'core' if cores == 1 else 'cores'}"
        if device["type"] == "GPU":
            extra = []
            if device.get("memory_mib"):
                extra.append(f"{device['memory_mib'] / 1024:.1f} GiB")
            if device.get("compute_capability"):
                extra.append(f"compute capability {device['compute_capability']}")
            extra.append("bfloat16 " + ("yes" if device.get("bfloat16") else "no"))
            extra.append("float16 " + ("yes" if device.get("float16") else "no"))
            line += f" ({', '.join(extra)})"
        lines.append(line)
    if report.get("error"):
        lines.append(f"problem: {report['error']}")
    if report.get("hint"):
        lines.append(f"hint: {report['hint']}")
    lines.append(f"training would use: {report['precision']}, {report['tokens_per_batch']} tokens per batch"
                 + (f" ({report['tensorflow']})" if report.get("tensorflow") else ""))
    return lines
