"""Training and fine-tuning. TensorFlow is imported only inside the functions that train, which only the training
process calls; the app uses data.named_corpora alone (through model.api), to preview the corpora a run will read.

  data.py       picked paths -> named corpora -> tokenised pairs -> weighted, length-bucketed batches
  objective.py  learning-rate schedule, label-smoothed loss, optimizer, dev selection rule (keras.ops: also JAX)
  hardware.py   devices, distribution strategy, precision
  trainer.py    the loop of one run in a work folder: steps, checkpoints, dev selection, averaging
  runs.py       whole runs: from scratch and fine-tuning, sharing their ending (dev scores with one decoding, a
                fine-tune's base model on the same lines; verified bundle)
"""

from .runs import finetune_bundle, train_from_scratch
from .trainer import TrainingCancelled

__all__ = ["TrainingCancelled", "finetune_bundle", "train_from_scratch"]
