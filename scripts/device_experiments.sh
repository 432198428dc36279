#!/bin/bash
# On a lent GPU machine (JAX, no TensorFlow): train every config prepared in .gpu/ at once, sharing the GPU for the
# same wall-clock minutes, then put the summary and the two best runs' weights (split to travel) in $OUT.
# Prepare first, here:  .venv/bin/python scripts/device_train.py prepare configs/experiments/*.json
# Keras and its two missing dependencies travel as wheels in .whl/ (see docs/training.md).
set -u
MINUTES=${1:-6}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site KERAS_BACKEND=jax XLA_PYTHON_CLIENT_PREALLOCATE=false PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
mkdir -p /tmp/runs
for config in .gpu/*.json; do
  name=$(basename "$config" .json)
  python3 .gpu/code/scripts/device_train.py train "$config" --minutes "$MINUTES" --out /tmp/runs > "/tmp/runs/$name.log" 2>&1 &
done
wait
tail -n 3 /tmp/runs/*.log > "$OUT/logs.txt"
python3 - <<'EOF'
import json, os, pathlib, subprocess
runs = pathlib.Path("/tmp/runs"); out = pathlib.Path(os.environ["OUT"])
results = [json.loads(p.read_text()) for p in sorted(runs.glob("*.json"))]
(out / "summary.json").write_text(json.dumps(results, indent=1))
ranked = sorted(results, key=lambda r: -(r["dev_greedy"]["mean"]["bleu"] + r["dev_greedy"]["mean"]["chrf"]))
for r in ranked:
    print(r["name"], r["steps"], "steps", r["epochs"], "epochs", r["dev_greedy"]["mean"], r["best_step"])
for r in ranked[:2]:
    subprocess.run(["split", "-b", "15m", "-d", str(runs / f"{r['name']}.weights.npz"),
                    str(out / f"{r['name']}.weights.npz.part")], check=True)
EOF
ls -la "$OUT"
