#!/usr/bin/env bash
# The tuning runs behind README "When to use IB-GAN": FCN, 20 epochs, 10 seeds, the five dev datasets, the paper's
# imbalance, every IB-GAN configuration paired with the baselines of the same seeds, all rows in experiments/defaults/tuning/bench.csv
# (resumable: a row already there is not run again). Every setting is spelled out, so the rows keep their meaning when
# the library's defaults change. `.venv/bin/python experiments/tools/tables.py` then writes experiments/defaults/tuning/tuning.md.
# The first rows were run before the defaults were tuned, under the defaults of that time (alpha 0.5, balance_real False,
# G/D 16 filters per channel between 32 and 128): those configurations are written with the width each dataset got.
# The `label` column of experiments/defaults/tuning/bench.csv names each configuration for experiments/tools/tables.py (e.g. "..., G/D 16 filters
# per channel (32-128)"); it was filled in once from the `ib` column, so a fresh run of this script gives the same rows
# without it (on Libras the old width is 32, so its round-1 rows and the width-32 rows are then one and the same run).
set -euo pipefail
# The masking step is the paper's (MCAR at p_miss 0.1, G from noise, no denoising): the defaults of that time, spelled out.
D="--data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --workers 2 --out experiments/defaults/tuning --p-miss 0.1 --ib masks=mcar --ib denoise=0.0 --ib fill=noise"
T=".venv/bin/tsai-ibgan"
$T bench --datasets all --methods plain,class_weights,focal,upsample,downsample,smote $D
# round 1, at the width rule of the time (16 filters per channel, 32 to 128)
for dw in BasicMotions:96 Epilepsy:48 Libras:32 NATOPS:128 RacketSports:96; do
  ds=${dw%%:*}; w=${dw##*:}
  $T bench --datasets $ds --methods ibgan --ib alpha=0.5 --ib balance_real=False --ib gd_nf=$w $D
  $T bench --datasets $ds --methods ibgan --ib alpha=0.5 --ib balance_real=True --ib gd_nf=$w $D
  $T bench --datasets $ds --methods ibgan --ib alpha=0.25 --ib balance_real=True --ib gd_nf=$w $D
done
$T bench --datasets all --methods ibgan --ib alpha=0.5 --ib balance_real=True --ib gd_nf=32 $D
# round 2
$T bench --datasets all --methods ibgan --ib alpha=0.75 --ib balance_real=True --ib gd_nf=32 $D
$T bench --datasets all --methods ibgan --ib alpha=0.5 --ib balance_real=True --ib gd_nf=32 --ib weight=constant $D
# the paper's p_miss ablation (Figure 3) at alpha 0.5, balance_real, width 32: chart experiments/defaults/tuning/p_miss.png
$T ablation --setting p_miss --values 0,0.1,0.3,0.5,1 --datasets all $D --ib alpha=0.5 --ib balance_real=True --ib gd_nf=32
# the generator's feedback through a separate classifier pass, at the tuned defaults (the joint one: experiments/benchmark, FCN)
$T bench --datasets all --methods ibgan --ib alpha=0.75 --ib balance_real=True --ib gd_nf=32 --ib feedback=separate $D
