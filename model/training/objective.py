"""What training minimises and how fast: the learning-rate schedule, the label-smoothed loss, the optimizer, and
what "better on dev" means. Written in keras.ops, so scripts/device_train.py trains the same model on JAX with
these very functions."""

from __future__ import annotations

from ..tokenizer import PAD_ID


class LearningRate:
    """Warmup then inverse square-root decay, as in the paper, with the peak set directly. A run continued from a
    snapshot with a fresh optimizer (rewarm_from: the step it continued at) warms up again over rewarm_steps, so
    Adam's new moment estimates settle before the rate is back where the schedule had it."""

    def __init__(self, peak: float, warmup_steps: int, rewarm_from: int | None = None, rewarm_steps: int = 0):
        self.peak, self.warmup = peak, max(1, warmup_steps)
        self.rewarm_from, self.rewarm_steps = rewarm_from, max(1, rewarm_steps)

    def __call__(self, step):
        from keras import ops  # backend-neutral: the same schedule trains under TensorFlow and JAX

        step = ops.cast(step, "float32") + 1.0
        rate = self.peak * ops.minimum(step / self.warmup, ops.sqrt(self.warmup / step))
        if self.rewarm_from is not None:
            rate = rate * ops.clip((step - self.rewarm_from) / self.rewarm_steps, 0.0, 1.0)
        return rate


def make_schedule(rate: LearningRate):
    import keras

    class WarmupInverseSqrt(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            return rate(step)

        def get_config(self):
            return {"peak": rate.peak, "warmup_steps": rate.warmup, "rewarm_from": rate.rewarm_from,
                    "rewarm_steps": rate.rewarm_steps}

    return WarmupInverseSqrt()


def smoothed_loss(logits, targets, smoothing: float):
    """Label-smoothed cross entropy summed over real tokens; returns (sum, token count)."""
    from keras import ops  # backend-neutral, like LearningRate

    log_probs = ops.log_softmax(ops.cast(logits, "float32"), axis=-1)  # (B, T, V)
    nll = -ops.squeeze(ops.take_along_axis(log_probs, ops.expand_dims(targets, -1), axis=-1), -1)  # (B, T)
    uniform = -ops.mean(log_probs, axis=-1)
    loss = (1.0 - smoothing) * nll + smoothing * uniform
    mask = ops.cast(ops.not_equal(targets, PAD_ID), "float32")
    return ops.sum(loss * mask), ops.sum(mask)


def make_optimizer(config, rewarm_from: int | None = None):
    """Adam as in the paper (beta_2 0.98), with global gradient clipping. Its step counter is the run's step, so
    the schedule continues across resumes."""
    import keras

    rate = LearningRate(config.peak_learning_rate, config.warmup_steps, rewarm_from, config.rewarm_steps)
    return keras.optimizers.Adam(make_schedule(rate), beta_1=0.9, beta_2=0.98, epsilon=1e-9, global_clipnorm=1.0)


def selection_score(scores: dict) -> float:
    """What "better on dev" means when picking weights: mean BLEU + mean chrF over the dev corpora."""
    return scores["mean"]["bleu"] + scores["mean"]["chrf"]
