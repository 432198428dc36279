"""Which hardware trains: devices, the distribution strategy, precision, and how to describe them on a card."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

from ..devices import cpu_supports_bfloat16, training_precision




def tf_config_task() -> tuple[int, int]:
    """(worker index, worker count) from TF_CONFIG; (0, 1) when it names no cluster."""
    tf_config = json.loads(os.environ.get("TF_CONFIG", "{}") or "{}")
    workers = len(tf_config.get("cluster", {}).get("worker", [])) or 1
    return int(tf_config.get("task", {}).get("index", 0)), workers


def wait_for_chief(paths: list[Path], minutes: float = 30) -> None:
    """Workers other than the chief use the data the chief prepares in the shared work folder."""
    deadline = time.time() + minutes * 60
    while not all(path.exists() for path in paths):
        if time.time() > deadline:
            raise TimeoutError(f"the chief worker did not prepare {paths[0].parent} in {minutes} minutes")
        time.sleep(2)


def pick_strategy():
    """One device, MirroredStrategy on several GPUs, MultiWorkerMirroredStrategy when TF_CONFIG names workers."""
    import tensorflow as tf

    if tf_config_task()[1] > 1:
        return tf.distribute.MultiWorkerMirroredStrategy()
    gpus = tf.config.list_physical_devices("GPU")
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def gpu_capabilities() -> list[str]:
    """The CUDA compute capability ("8.0") of each GPU TensorFlow sees ("" where it does not say)."""
    import tensorflow as tf

    capabilities = []
    for gpu in tf.config.list_physical_devices("GPU"):
        capability = tf.config.experimental.get_device_details(gpu).get("compute_capability")
        capabilities.append(".".join(map(str, capability)) if capability else "")
    return capabilities


def set_precision() -> str:
    """bfloat16 compute where the hardware has it (GPUs from Ampere on, CPUs with AVX-512 BF16 or AMX); float32
    elsewhere (devices.training_precision)."""
    import keras

    policy = training_precision(gpu_capabilities(), cpu_supports_bfloat16())
    keras.mixed_precision.set_global_policy(policy)
    return policy


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def hardware_description() -> str:
    import tensorflow as tf

    gpus = [tf.config.experimental.get_device_details(g).get("device_name", g.name) for g in
            tf.config.list_physical_devices("GPU")]
    return f"{os.cpu_count()} CPU cores ({cpu_model()})" + (f", GPUs: {', '.join(gpus)}" if gpus else ", no GPU")


def worker_position(strategy) -> tuple[int, int]:
    """(this worker's index, number of workers); (0, 1) outside multi-worker training."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not resolver.cluster_spec().as_dict():
        return 0, 1
    return int(resolver.task_id), len(resolver.cluster_spec().as_dict().get("worker", [None]))


def local_values(value) -> list:
    """The per-replica parts of a distributed value (or the value itself on one device)."""
    return list(getattr(value, "values", (value,)))
