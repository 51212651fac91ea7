#!/usr/bin/env bash
# The largest CPU lever, its accuracy: half as many synthetic samples as real ones per batch (n_syn=16 at bs 32; the
# classifier's double batch is the floor of the time ratio), FCN, 20 epochs, 10 seeds, the five dev datasets, both budgets,
# paired with today's defaults in experiments/defaults/confirm (same CSV, resumable).
set -euo pipefail
T=".venv/bin/tsai-ibgan"
for IB in "--ib n_syn=16"; do
  for B in steps epochs; do
    $T bench --datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --budget $B --methods ibgan \
       --workers 2 --out experiments/defaults/confirm $IB
  done
done
