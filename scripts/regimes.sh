#!/usr/bin/env bash
# The regimes of README "When to use IB-GAN", all rows in results/regimes/bench.csv (resumable).
# IB="--ib name=value ..." chooses the IB-GAN configuration (default: the library's defaults).
set -euo pipefail
IB=${IB:-}
R="--data-dir ../shared/data/uea --workers 2 --out results/regimes"
T=".venv/bin/tsai-ibgan"
CHEAP=plain,class_weights,focal,upsample,downsample,smote
# 1. stronger imbalance: 95% of the chosen classes' training samples dropped (FCN, 20 epochs, 10 seeds)
$T bench --datasets all --arch FCN --epochs 20 --reps 10 --frac-drop 0.95 --methods $CHEAP,ibgan $IB $R
# 2. fewer training samples: the paper's sample-size ablation (Figure 4), a quarter and half of each class kept, then imbalanced
$T ablation --setting train_frac --values 0.25,0.5 --datasets all --arch FCN --epochs 20 --reps 5 $IB $R
# 3. longer training: 100 epochs (five times the G/D updates), the three datasets where methods differ most
$T bench --datasets Libras,NATOPS,RacketSports --arch FCN --epochs 100 --reps 5 --methods plain,class_weights,upsample,smote,ibgan $IB $R
# 4. a stronger tsai classifier: InceptionTime, 20 epochs
$T bench --datasets all --arch InceptionTime --epochs 20 --reps 5 --methods plain,class_weights,upsample,downsample,smote,ibgan $IB $R
