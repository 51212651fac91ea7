#!/usr/bin/env bash
# A CPU lever, its accuracy: today's defaults with G and D trained on every other batch (gd_every=2), FCN,
# 20 epochs, 10 seeds, the five dev datasets, both budgets, paired with experiments/defaults/confirm's rows (same CSV, resumable).
set -euo pipefail
T=".venv/bin/tsai-ibgan"
for B in steps epochs; do
  $T bench --datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --budget $B --methods ibgan \
     --workers 2 --out experiments/defaults/confirm --ib gd_every=2
done
