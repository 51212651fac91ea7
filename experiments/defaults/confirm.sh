#!/usr/bin/env bash
# The defaults' confirmation: FCN, 20 epochs, 10 seeds, the five dev datasets, under both budgets; rows in experiments/defaults/confirm/bench.csv
# (resumable). Every baseline and the previous defaults come from experiments/benchmark (same code, same seeds, same rows:
# experiments/tools/same_seed.py), InceptionTime's from experiments/regimes; here run the defaults without their generator (p_miss 0) and the
# screen's best configuration, then InceptionTime (5 seeds, equal epochs) with the two loss-level baselines it lacked.
set -euo pipefail
OUT=experiments/defaults/confirm
# FCN's baselines and previous defaults from experiments/benchmark; InceptionTime's (5 seeds, equal epochs: previous defaults, p_miss 0, five baselines) from experiments/regimes
.venv/bin/python experiments/tools/reuse_rows.py $OUT/bench.csv \
  "experiments/benchmark/bench.csv:arch == 'FCN' and epochs == 20 and ib == ''" \
  "experiments/regimes/bench.csv:arch == 'InceptionTime' and frac_drop == 0.75 and train_frac == 1 and ib == ''"
T=".venv/bin/tsai-ibgan"
for B in steps epochs; do
  C="--datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --budget $B --methods ibgan --workers 2 --out $OUT"
  $T bench $C --p-miss 0                                                                 # no generator: class-balanced copies
  $T bench $C --p-miss 0.3 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\'    # the screen's best
done
I="--datasets all --data-dir ../shared/data/uea --arch InceptionTime --epochs 20 --reps 5 --budget epochs --workers 2 --out $OUT"
$T bench $I --methods logit_adjust,ldam_drw
$T bench $I --methods ibgan --p-miss 0.3 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\'
