"""`hanyeong devices` (model/devices.py) with a faked nvidia-smi on PATH and faked TensorFlow device lists: no GPU,
an NVIDIA GPU left idle by CPU-only TensorFlow, GPU TensorFlow with working GPUs, and driver or CUDA trouble; and
the precision training picks from them."""

from __future__ import annotations

import json
import os
import stat
import sys
import types

import pytest
from support import run_cli

from model import devices

H100 = "NVIDIA H100 80GB HBM3, 81559, 550.54.15, 9.0"
T4 = "Tesla T4, 15360, 535.104.05, 7.5"
DRIVER_GONE = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the " \
              "latest NVIDIA driver is installed and running."


def fake_nvidia_smi(folder, lines: list[str] | None = None, failure: str = "", old_driver: bool = False):
    """An nvidia-smi script: prints `lines` as its CSV, or `failure` with exit code 9; an old driver refuses the
    compute_cap field (and then answers without it)."""
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / "nvidia-smi.out"
    if failure:
        output.write_text(failure + "\n")
    else:
        output.write_text("".join((line.rsplit(",", 1)[0] if old_driver else line) + "\n" for line in lines or []))
    refuse = 'case "$1" in *compute_cap*) echo \'Field "compute_cap" is not a valid field to query.\'; exit 2;; esac\n'
    script = folder / "nvidia-smi"
    script.write_text("#!/bin/sh\n" + (refuse if old_driver else "") + f"cat '{output}'\nexit {9 if failure else 0}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """A machine to describe: PATH holds only the fake tools folder (and the system's basic commands), the NVIDIA
    kernel driver file is absent unless a test writes it, and TensorFlow is what the test says."""
    tools = tmp_path / "bin"
    tools.mkdir()
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}/usr/bin{os.pathsep}/bin")
    monkeypatch.setattr(devices, "PROC_DRIVER", tmp_path / "proc_driver_nvidia_version")
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    state = types.SimpleNamespace(tools=tools, driver=tmp_path / "proc_driver_nvidia_version", tf_calls=0)

    def use(package: str, gpus=(), trouble: str = ""):
        monkeypatch.setattr(devices, "installed_tensorflow", lambda: (package, "2.21.0"))

        def view():
            state.tf_calls += 1
            return list(gpus), package != "tensorflow-cpu", trouble

        state.tensorflow = view

    state.use = use
    use("tensorflow-cpu")
    return state


def test_no_nvidia_gpu_means_the_cpu_and_no_tensorflow_import(machine):
    report = devices.probe(tensorflow=machine.tensorflow)
    assert report["devices"] == [{"type": "CPU", "name": "CPU"}]
    assert report["hint"] == report["error"] == "" and report["nvidia"] == []
    assert report["tokens_per_batch"] == devices.CPU_BATCH_TOKENS
    assert machine.tf_calls == 0  # nothing that could see a GPU: TensorFlow is not even loaded
    machine.use("tensorflow")  # GPU TensorFlow without any NVIDIA driver: still nothing to ask on Linux
    if sys.platform.startswith("linux"):
        assert devices.probe(tensorflow=machine.tensorflow)["devices"] == [{"type": "CPU", "name": "CPU"}]
        assert machine.tf_calls == 0


def test_an_idle_nvidia_gpu_with_cpu_only_tensorflow_gives_a_one_line_hint(machine):
    fake_nvidia_smi(machine.tools, [H100])
    report = devices.probe(tensorflow=machine.tensorflow, frozen=False)
    assert report["devices"] == [{"type": "CPU", "name": "CPU"}] and report["error"] == ""
    hint = report["hint"]
    assert "\n" not in hint and "NVIDIA H100 80GB HBM3, 80 GiB" in hint
    assert "tensorflow-cpu" in hint and "`make install-gpu`" in hint and 'tensorflow[and-cuda]==2.21.0' in hint
    assert machine.tf_calls == 0
    assert report["nvidia"] == [{"name": "NVIDIA H100 80GB HBM3", "memory_mib": 81559, "driver": "550.54.15",
                                 "compute_capability": "9.0"}]
    # the packaged app cannot be pip-installed into: it points to the GPU build instead
    assert "GPU build" in devices.probe(tensorflow=machine.tensorflow, frozen=True)["hint"]
    # the kernel driver alone (/proc/driver/nvidia, nvidia-smi not on PATH) gives the hint too
    (machine.tools / "nvidia-smi").unlink()
    machine.driver.write_text("NVRM version: 550.54.15\n")
    hint = devices.probe(tensorflow=machine.tensorflow, frozen=False)["hint"]
    assert hint.startswith("An NVIDIA GPU (its driver is loaded) is not used") and "make install-gpu" in hint


def test_gpu_tensorflow_with_working_gpus_reports_memory_and_precision(machine):
    fake_nvidia_smi(machine.tools, [H100])
    machine.use("tensorflow", gpus=[{"name": "NVIDIA H100 80GB HBM3", "compute_capability": "9.0"}])
    report = devices.probe(tensorflow=machine.tensorflow)
    assert report["devices"][1] == {"type": "GPU", "name": "NVIDIA H100 80GB HBM3", "memory_mib": 81559,
                                    "compute_capability": "9.0", "bfloat16": True, "float16": True}
    assert report["hint"] == report["error"] == ""
    assert report["precision"] == "mixed_bfloat16" and report["tokens_per_batch"] == 24000
    lines = devices.describe(report)
    assert lines[1] == "GPU: NVIDIA H100 80GB HBM3 (79.6 GiB, compute capability 9.0, bfloat16 yes, float16 yes)"

    # a T4 (Turing) has float16 tensor cores but no bfloat16: training stays in float32, batch by its 15 GiB
    fake_nvidia_smi(machine.tools, [T4], old_driver=True)  # a driver that does not know compute_cap
    machine.use("tensorflow", gpus=[{"name": "Tesla T4", "compute_capability": "7.5"}])
    report = devices.probe(tensorflow=machine.tensorflow)
    gpu = report["devices"][1]
    assert (gpu["memory_mib"], gpu["bfloat16"], gpu["float16"]) == (15360, False, True)
    assert report["precision"] == "float32" and report["tokens_per_batch"] == 15000


def test_driver_or_cuda_trouble_is_one_line(machine):
    fake_nvidia_smi(machine.tools, failure=DRIVER_GONE)
    machine.use("tensorflow")
    report = devices.probe(tensorflow=machine.tensorflow)
    assert report["error"].startswith("nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate")
    assert "\n" not in report["error"] and report["devices"] == [{"type": "CPU", "name": "CPU"}]

    fake_nvidia_smi(machine.tools, [H100])
    machine.use("tensorflow", trouble="Cannot dlopen some GPU libraries. Please make sure the missing libraries "
                                      "mentioned above are installed properly.")
    report = devices.probe(tensorflow=machine.tensorflow)
    assert report["error"].startswith("TensorFlow finds no GPU although NVIDIA H100 80GB HBM3 is here: Cannot dlopen")
    assert report["precision"] in ("float32", "mixed_bfloat16") and report["tokens_per_batch"] == 6000


def test_tensorflows_cuda_complaints_are_read_from_its_log(monkeypatch):
    """tensorflow_view catches what TensorFlow's C++ side writes to file descriptor 2 when CUDA does not load."""
    class FakeConfig:
        experimental = types.SimpleNamespace(get_device_details=lambda gpu: {})

        @staticmethod
        def list_physical_devices(kind):
            os.write(2, b"W0000 00:00:1712345678.123456 4242 gpu_device.cc:2344] Cannot dlopen some GPU libraries. "
                        b"Please make sure the missing libraries mentioned above are installed properly.\n")
            return []

    fake = types.SimpleNamespace(config=FakeConfig,
                                 sysconfig=types.SimpleNamespace(get_build_info=lambda: {"is_cuda_build": True}))
    monkeypatch.setitem(sys.modules, "tensorflow", fake)
    gpus, cuda_build, trouble = devices.tensorflow_view()
    assert gpus == [] and cuda_build
    assert trouble.startswith("Cannot dlopen some GPU libraries.")


def test_precision_and_batch_rules():
    assert devices.precision_support("8.0") == (True, True) and devices.precision_support("7.0") == (False, True)
    assert devices.precision_support("6.1") == (False, False) and devices.precision_support("") == (False, False)
    assert devices.training_precision(["9.0", "8.6"], cpu_bfloat16=False) == "mixed_bfloat16"
    assert devices.training_precision(["9.0", "7.5"], cpu_bfloat16=True) == "float32"  # every GPU must have it
    assert devices.training_precision([], cpu_bfloat16=True) == "mixed_bfloat16"
    assert devices.suggested_tokens_per_batch(None) == 6000
    assert devices.suggested_tokens_per_batch(4096) == 4000 and devices.suggested_tokens_per_batch(2048) == 4000
    assert devices.suggested_tokens_per_batch(12 * 1024) == 12000
    assert devices.suggested_tokens_per_batch(143771) == 24000


def test_set_precision_follows_the_gpus(monkeypatch):
    import keras

    from model.training import hardware

    gpu = object()
    details = {"compute_capability": (7, 5)}
    fake = types.SimpleNamespace(config=types.SimpleNamespace(
        list_physical_devices=lambda kind: [gpu],
        experimental=types.SimpleNamespace(get_device_details=lambda g: details)))
    monkeypatch.setitem(sys.modules, "tensorflow", fake)
    before = keras.mixed_precision.global_policy().name
    try:
        assert hardware.set_precision() == ("float32", {})  # a T4: no bfloat16, and no loss scaling for float16
        details["compute_capability"] = (8, 0)
        assert hardware.set_precision() == ("mixed_bfloat16", {})
        assert keras.mixed_precision.global_policy().name == "mixed_bfloat16"
    finally:
        keras.mixed_precision.set_global_policy(before)


def test_the_cpu_precision_follows_a_measurement_not_the_flags(monkeypatch):
    """A CPU with bfloat16 instructions trains in bfloat16 only when a product measured faster in it (an Intel
    Xeon with AVX-512 BF16 ran bfloat16 at less than half float32's speed)."""
    import keras

    from model.training import hardware

    monkeypatch.setattr(hardware, "gpu_capabilities", lambda: [])
    monkeypatch.setattr(hardware, "cpu_supports_bfloat16", lambda: True)
    before = keras.mixed_precision.global_policy().name
    try:
        monkeypatch.setattr(hardware, "matmul_speeds", lambda: {"float32": 162.0, "bfloat16": 68.0})
        assert hardware.set_precision() == ("float32", {"float32": 162.0, "bfloat16": 68.0})
        monkeypatch.setattr(hardware, "matmul_speeds", lambda: {"float32": 130.0, "bfloat16": 260.0})
        assert hardware.set_precision()[0] == "mixed_bfloat16"
        monkeypatch.setattr(hardware, "cpu_supports_bfloat16", lambda: False)
        assert hardware.set_precision() == ("float32", {})
    finally:
        keras.mixed_precision.set_global_policy(before)


def test_matmul_speeds_are_measured_for_both_precisions():
    from model.training import hardware

    speeds = hardware.matmul_speeds(rounds=1)
    assert set(speeds) == {"float32", "bfloat16"} and all(speed > 0 for speed in speeds.values())


def test_the_devices_command_with_a_faked_nvidia_smi(tmp_path):
    """The real command, in its own process, with this environment's TensorFlow (tensorflow-cpu) and a GPU that
    nvidia-smi reports: the hint, in the JSON the app reads and in the text."""
    tools = fake_nvidia_smi(tmp_path / "bin", [H100])
    path = f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path}
    env.pop("CUDA_VISIBLE_DEVICES", None)
    import subprocess

    from support import REPO

    done = subprocess.run([sys.executable, "-m", "model.cli", "devices", "--json"], cwd=REPO, env={
        **env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report["tensorflow"].startswith("tensorflow-cpu"):
        assert "make install-gpu" in report["hint"] and report["devices"][0] == {"type": "CPU", "name": "CPU"}
    text = subprocess.run([sys.executable, "-m", "model.cli", "devices"], cwd=REPO,
                          env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120).stdout
    assert text.splitlines()[0] == f"CPU: {devices.usable_cores()} cores" and "training would use:" in text
    assert run_cli("devices", "--help").returncode == 0
