#!/usr/bin/env bash
# Regimes with more room for a generator, 3 seeds each, rows in experiments/defaults/screen/bench.csv (resumable):
# 100 epochs at equal steps (five times the G/D updates) on the two datasets of the first screen, and the long tail.
set -euo pipefail
T=".venv/bin/tsai-ibgan"
R="--datasets Libras,NATOPS --data-dir ../shared/data/uea --arch FCN --epochs 100 --reps 3 --budget steps --workers 2 --out experiments/defaults/screen"
$T bench $R --methods class_weights,logit_adjust,ldam_drw,smote,ibgan --p-miss 0.1 --ib masks=mcar --ib denoise=0.0 --ib fill=noise # the previous defaults
$T bench $R --methods ibgan --p-miss 0
$T bench $R --methods ibgan --p-miss 0.3 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\'
# the long tail (3 seeds, equal steps): the confirmed configuration beside the rows of experiments/defaults/screen.sh
L="--datasets Libras,NATOPS,RacketSports --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 3 --budget steps --profile longtail --workers 2 --out experiments/defaults/screen"
$T bench $L --methods ibgan --p-miss 0
$T bench $L --methods ibgan --p-miss 0.3 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\'
