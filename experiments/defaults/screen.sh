#!/usr/bin/env bash
# The defaults' screen: FCN, 20 epochs, equal optimizer steps, 3 seeds, Libras and NATOPS; rows in experiments/defaults/screen/bench.csv
# (resumable). The defaults and every baseline for seeds 0-2 are taken from experiments/benchmark (the same code gives the same rows
# at the same seed: experiments/tools/same_seed.py), so only the new IB-GAN configurations run here.
set -euo pipefail
OUT=experiments/defaults/screen
# RacketSports' IB-GAN rows ran in the screen itself
.venv/bin/python experiments/tools/reuse_rows.py $OUT/bench.csv "experiments/benchmark/bench.csv:dataset in ['Libras', 'NATOPS', 'RacketSports'] and \
budget == 'steps' and arch == 'FCN' and seed < 3 and (dataset != 'RacketSports' or method != 'ibgan')"
S="--datasets Libras,NATOPS --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 3 --budget steps --methods ibgan --workers 2 --out $OUT"
T=".venv/bin/tsai-ibgan"
PAPER="--ib masks=mcar --ib denoise=0.0 --ib fill=noise" # the paper's step, the defaults when the screen began (today's: README "Arguments")
$T bench $S --p-miss 0                                                   # balanced copies: no generator
$T bench $S --p-miss 0.1 $PAPER --ib w_norm=True                                # weights normalised within each class
$T bench $S --p-miss 0.3 $PAPER --ib masks=\'block\' --ib denoise=0.2     # block masks and a denoising term
$T bench $S --p-miss 0 --ib source=\'interp\'                             # interpolated sources, no generator (online SMOTE)
$T bench $S --p-miss 0.1 $PAPER --ib source=\'interp\'                           # interpolated sources refined by G
$T bench $S --p-miss 0.1 $PAPER --ib fill=\'interp\'                            # G corrects the linear interpolation
$T bench $S --p-miss 0.3 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\' # ... across segments
# a long tail (class shares from 1 to 1/100, at least 2 samples per class), no classes dropped the paper's way
L="--datasets Libras,NATOPS,RacketSports --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 3 --budget steps --profile longtail --workers 2 --out $OUT"
$T bench $L --methods plain,class_weights,upsample,smote,logit_adjust,ldam_drw,ibgan --p-miss 0.1 $PAPER
$T bench $L --methods ibgan --p-miss 0
# around the best of the above (segments, denoising, G from the line), with a third dataset
S3="--datasets Libras,NATOPS,RacketSports --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 3 --budget steps --methods ibgan --workers 2 --out $OUT"
$T bench $S3 --p-miss 0.3 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\'
$T bench $S3 --p-miss 0 && $T bench $S3 --p-miss 0.1 $PAPER
$T bench $S3 --p-miss 0.3 --ib masks=\'block\' --ib fill=\'interp\' --ib denoise=0.0
$T bench $S3 --p-miss 0.5 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\'
$T bench $S3 --p-miss 0.3 --ib masks=\'block\' --ib denoise=0.2 --ib fill=\'interp\' --ib w_norm=True
