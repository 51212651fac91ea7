#!/usr/bin/env bash
# CPU levers, their accuracy: today's defaults with G and D trained on every k-th batch and/or narrower G and D,
# FCN, 20 epochs, 10 seeds, the five dev datasets, both budgets, paired with experiments/defaults/confirm's rows (same CSV, resumable).
set -euo pipefail
T=".venv/bin/tsai-ibgan"
for IB in "--ib gd_every=2 --ib gd_nf=16" "--ib gd_every=3" "--ib gd_every=2 --ib gd_nf=24"; do
  for B in steps epochs; do
    $T bench --datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --budget $B --methods ibgan \
       --workers 2 --out experiments/defaults/confirm $IB
  done
done
