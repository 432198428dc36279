"""What training minimises and how fast: the learning-rate schedule, the label-smoothed loss, the optimizer, and
what "better on dev" means. Written in keras.ops, so scripts/device_train.py trains the same model on JAX with
these very functions."""

from __future__ import annotations

from ..tokenizer import PAD_ID


class LearningRate:
    """Warmup then inverse square-root decay, as in the paper, with the peak set directly."""

    def __init__(self, peak: float, warmup_steps: int):
        self.peak, self.warmup = peak, max(1, warmup_steps)

    def __call__(self, step):
        from keras import ops  # backend-neutral: the same schedule trains under TensorFlow and JAX

        step = ops.cast(step, "float32") + 1.0
        return self.peak * ops.minimum(step / self.warmup, ops.sqrt(self.warmup / step))


def make_schedule(peak: float, warmup_steps: int):
    import keras

    class WarmupInverseSqrt(keras.optimizers.schedules.LearningRateSchedule):
        def __init__(self):
            self.rate = LearningRate(peak, warmup_steps)

        def __call__(self, step):
            return self.rate(step)

        def get_config(self):
            return {"peak": peak, "warmup_steps": warmup_steps}

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


def make_optimizer(config):
    """Adam as in the paper (beta_2 0.98), with global gradient clipping."""
    import keras

    return keras.optimizers.Adam(make_schedule(config.peak_learning_rate, config.warmup_steps),
                                 beta_1=0.9, beta_2=0.98, epsilon=1e-9, global_clipnorm=1.0)


def selection_score(scores: dict) -> float:
    """What "better on dev" means when picking weights: mean BLEU + mean chrF over the dev corpora."""
    return scores["mean"]["bleu"] + scores["mean"]["chrf"]
