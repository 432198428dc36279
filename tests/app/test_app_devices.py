"""Settings ▸ Device with a faked nvidia-smi and faked TensorFlow device lists: an idle GPU's hint (through the real
`hanyeong devices` process), a working GPU with its memory and precision, driver trouble in one line; and the
Training tab's batch size following the device."""

from __future__ import annotations

import os

import pytest

from model import devices

H100 = "NVIDIA H100 80GB HBM3, 81559, 550.54.15, 9.0"


def fake_nvidia_smi(folder, line: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nvidia-smi.out").write_text(line + "\n")
    script = folder / "nvidia-smi"
    script.write_text(f"#!/bin/sh\ncat '{folder / 'nvidia-smi.out'}'\n")
    script.chmod(0o755)
    return folder


@pytest.fixture
def dialog(window):
    window.open_settings()
    return window.settings_dialog


def test_an_idle_gpu_gets_the_command_that_enables_it(qtbot, dialog, tmp_path, monkeypatch):
    if devices.installed_tensorflow()[0] != "tensorflow-cpu":
        pytest.skip("this environment has GPU TensorFlow")
    tools = fake_nvidia_smi(tmp_path / "bin", H100)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    dialog.show_tab("device")
    qtbot.waitUntil(lambda: dialog.devices is not None, timeout=120_000)
    note = dialog.device_note.text()
    assert "An NVIDIA GPU is idle: NVIDIA H100 80GB HBM3, 80 GiB is not used" in note
    assert "make install-gpu" in note
    assert [dialog.device_list.item(i).text().split(":")[0] for i in range(dialog.device_list.count())] == ["CPU"]


def test_a_working_gpu_its_memory_precision_and_the_batch_it_suggests(dialog, tmp_path, monkeypatch):
    fake_nvidia_smi(tmp_path / "bin", H100)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(devices, "installed_tensorflow", lambda: ("tensorflow", "2.21.0"))
    report = devices.probe(tensorflow=lambda: ([{"name": "NVIDIA H100 80GB HBM3", "compute_capability": "9.0"}],
                                               True, ""))
    page = dialog.training_page
    default = page.batch_spin.value()
    dialog.settings.device = "auto"
    dialog._on_devices(report)
    assert dialog.device_list.item(1).text() == \
        "GPU: NVIDIA H100 80GB HBM3 (79.6 GiB, bfloat16 and float16 in hardware)"
    note = dialog.device_note.text()
    assert "Training uses the GPU automatically." in note
    assert "bfloat16 mixed precision, 24000 tokens per batch" in note
    assert page.batch_spin.value() == 24000 and "NVIDIA H100" in page.batch_spin.toolTip()
    dialog.device_combo.setCurrentIndex(dialog.device_combo.findData("cpu"))  # training on the CPU
    assert page.batch_spin.value() == default
    dialog.device_combo.setCurrentIndex(dialog.device_combo.findData("auto"))
    assert page.batch_spin.value() == 24000
    page.batch_spin.setValue(3000)  # the user's own value is kept
    dialog._on_devices(report)
    assert page.batch_spin.value() == 3000


def test_driver_trouble_is_shown_in_one_line(dialog, tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "nvidia-smi").write_text("#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate "
                                       "with the NVIDIA driver.'\nexit 9\n")
    (folder / "nvidia-smi").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    dialog._on_devices(devices.probe(tensorflow=lambda: ([], True, "")))
    lines = dialog.device_note.text().splitlines()
    assert lines[0] == ("GPU problem: nvidia-smi failed: NVIDIA-SMI has failed because it could not communicate "
                        "with the NVIDIA driver.")
    assert dialog.device_list.count() == 1
