#!/usr/bin/env bash
# The regimes of README "When to use IB-GAN", all rows in experiments/regimes/bench.csv (resumable; baselines run once).
# PM=<p_miss> chooses IB-GAN's masking rate (default 0.1; PM=0 is IB-GAN without its generator: class-balanced copies).
set -euo pipefail
PM=${PM:-0.1}
# The masking step is the paper's (MCAR, G from noise, no denoising): the defaults when these regimes ran, spelled out.
R="--data-dir ../shared/data/uea --workers 2 --out experiments/regimes --p-miss $PM --ib masks=mcar --ib denoise=0.0 --ib fill=noise"
T=".venv/bin/tsai-ibgan"
CHEAP=plain,class_weights,focal,upsample,downsample,smote
# 1. stronger imbalance: 95% of the chosen classes' training samples dropped (FCN, 20 epochs, 10 seeds)
$T bench --datasets all --arch FCN --epochs 20 --reps 10 --frac-drop 0.95 --methods $CHEAP,ibgan $R
# 2. fewer training samples: the paper's sample-size ablation (Figure 4), a quarter and half of each class kept, then imbalanced
$T ablation --setting train_frac --values 0.25,0.5 --datasets all --arch FCN --epochs 20 --reps 5 $R
# 3. longer training: 100 epochs (five times the G/D updates), the three datasets where methods differ most
$T bench --datasets Libras,NATOPS,RacketSports --arch FCN --epochs 100 --reps 5 --methods plain,class_weights,upsample,smote,ibgan $R
# 4. a stronger tsai classifier: InceptionTime, 20 epochs
$T bench --datasets all --arch InceptionTime --epochs 20 --reps 5 --methods plain,class_weights,upsample,downsample,smote,ibgan $R
