#!/usr/bin/env bash
# What does `tsai-ibgan bench --data` print on a user's own arrays? The README's "Benchmark your own data" example: a
# naturally imbalanced copy of RacketSports (its four classes kept at 100/60/30/15% of their series, train and test
# pooled, 5% of the values removed at random, seed 0), saved as a user would save it, then the README's command.
# Usage: bash experiments/your_data/run.sh   (from the repository root, .venv installed; ../shared beside it)
# Writes experiments/your_data/output.txt (the printed table and answer) and experiments/your_data/my_results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=experiments/your_data
.venv/bin/python - <<'PY'
import numpy as np
from tsai_ibgan.bench.data import load_uea
X, y, (tr, te) = load_uea('RacketSports', '../shared/data/uea')
rng = np.random.default_rng(0)
keep = np.concatenate([rng.permutation(np.flatnonzero(y == c))[:int(round(share * (y == c).sum()))]
                       for c, share in zip(sorted(set(y)), (1.0, 0.6, 0.3, 0.15))])
X, y = X[np.sort(keep)].copy(), y[np.sort(keep)]
X[rng.random(X.shape) < 0.05] = np.nan
np.savez('experiments/your_data/my_data.npz', X=X, y=y)
print(f'{len(y)} series, classes', dict(zip(*np.unique(y, return_counts=True))))
PY
{ time .venv/bin/tsai-ibgan bench --data $OUT/my_data.npz --methods plain,class_weights,ldam_drw,ibgan --reps 3 \
    --scheduler local --workers 2 --out $OUT/my_results ; } 2>&1 | grep -v '█' | tee $OUT/output.txt
