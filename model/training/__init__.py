"""Training and fine-tuning (TensorFlow; only ever imported in the training process, never by the app).

  data.py       corpora -> tokenised pairs -> weighted, length-bucketed batches
  objective.py  learning-rate schedule, label-smoothed loss, optimizer, dev selection rule (keras.ops: also JAX)
  hardware.py   devices, distribution strategy, precision
  trainer.py    the loop of one run in a work folder: steps, checkpoints, dev selection, averaging
  runs.py       whole runs: from scratch and fine-tuning, sharing their ending (full dev scores, verified bundle)
"""

from .runs import finetune_bundle, train_from_scratch
from .trainer import TrainingCancelled

__all__ = ["TrainingCancelled", "finetune_bundle", "train_from_scratch"]
