#!/usr/bin/env bash
# The accuracy of G and D in bfloat16 on the CPU (`gd_bf16=True`) against the same step in float32,
# FCN, 20 epochs, 10 seeds, the five dev datasets, both budgets, paired with experiments/defaults/confirm's rows (same CSV, resumable).
set -euo pipefail
T=".venv/bin/tsai-ibgan"
for B in epochs steps; do
  $T bench --datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --budget $B --methods ibgan \
     --workers 2 --out experiments/defaults/confirm --ib gd_every=2 --ib gd_bf16=True
done
