#!/usr/bin/env bash
# The tuning runs behind README's "When to use IB-GAN": FCN, 20 epochs, 10 seeds, the five dev datasets, paired with the
# baselines of the same seeds (results/tuning/bench.csv). Each line is one IB-GAN configuration; re-running resumes.
set -euo pipefail
B=".venv/bin/tsai-ibgan bench --datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --workers 2 --out results/tuning"
BASE="--methods plain,class_weights,focal,upsample,downsample,smote,ibgan"
$B $BASE
$B --methods ibgan --ib balance_real=True
$B --methods ibgan --ib balance_real=True --ib gd_nf=32
$B --methods ibgan --ib balance_real=True --ib alpha=0.25
# round 2: around balance_real=True with narrow G/D (gd_nf=32 measured as good as the default width, at a fraction of the cost)
$B --methods ibgan --ib balance_real=True --ib gd_nf=32 --ib alpha=0.75
$B --methods ibgan --ib balance_real=True --ib gd_nf=32 --ib weight=constant
# the paper's p_miss ablation (Figure 3) at those settings; rows join the same CSV, the chart is results/tuning/p_miss.png
.venv/bin/tsai-ibgan ablation --setting p_miss --values 0,0.1,0.3,0.5,1 --datasets all --data-dir ../shared/data/uea --arch FCN \
    --epochs 20 --reps 10 --workers 2 --out results/tuning --ib balance_real=True --ib gd_nf=32
