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


def matmul_speeds(rounds: int = 3) -> dict[str, float]:
    """GFLOP/s of a product the size of the shipped model's feed-forward layer ((2048, 256) x (256, 1024)) in
    float32 and in bfloat16, interleaved, the best of `rounds` each: what the CPU actually does, which its flags do
    not say (an Intel Xeon with AVX-512 BF16 ran bfloat16 at less than half float32's speed)."""
    import tensorflow as tf

    product = tf.function(tf.matmul)
    best = {"float32": 0.0, "bfloat16": 0.0}
    flops = 2 * 2048 * 256 * 1024
    for _ in range(rounds):
        for name in best:
            a = tf.cast(tf.random.stateless_normal((2048, 256), (1, 2)), name)
            b = tf.cast(tf.random.stateless_normal((256, 1024), (3, 4)), name)
            product(a, b).numpy()  # traced and warm
            start, repeats = time.perf_counter(), 20
            for _ in range(repeats):
                result = product(a, b)
            result.numpy()
            best[name] = max(best[name], flops * repeats / (time.perf_counter() - start) / 1e9)
    return {name: round(speed, 1) for name, speed in best.items()}


def set_precision(measure: bool = True) -> tuple[str, dict[str, float]]:
    """The Keras policy for training, and the CPU's measured matmul speeds ({} on a GPU). GPUs: mixed bfloat16
    from Ampere on (devices.training_precision). CPUs: mixed bfloat16 only where it has bfloat16 instructions and
    a product in bfloat16 measured at least 10% faster than in float32 here and now. Several workers must agree
    without a measurement each: they go by the flags (measure=False)."""
    import keras

    capabilities, speeds = gpu_capabilities(), {}
    if capabilities:
        policy = training_precision(capabilities, False)
    elif not measure:
        policy = training_precision([], cpu_supports_bfloat16())
    elif cpu_supports_bfloat16():
        speeds = matmul_speeds()
        policy = "mixed_bfloat16" if speeds["bfloat16"] > 1.1 * speeds["float32"] else "float32"
    else:
        policy = "float32"
    keras.mixed_precision.set_global_policy(policy)
    return policy, speeds


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
