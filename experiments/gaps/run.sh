#!/usr/bin/env bash
# Data with gaps: IB-GAN reading the gaps as NaN and filling them with its generator (training and prediction), against the
# five strong baselines on filled data (FCN, 20 epochs, equal optimizer steps). Values are removed from the training AND the
# test set, seeded per replicate, the same for every method. Rows: experiments/gaps/<stage>/bench.csv (resumable);
# report: .venv/bin/python experiments/gaps/report.py experiments/gaps/<stage>
set -euo pipefail
T=".venv/bin/tsai-ibgan"
STAGE=${1:-all}
M=class_weights,logit_adjust,ldam_drw,upsample,smote,ibgan
COMMON="--data-dir ../shared/data/uea --arch FCN --epochs 20 --budget steps --methods $M --workers 2"
if [ "$STAGE" = screen ] || [ "$STAGE" = all ]; then
  # which fill suits which baseline: every fill, 3 seeds, the four quicker dev sets, 30% block gaps
  $T bench $COMMON --datasets BasicMotions,Libras,NATOPS,RacketSports --reps 3 --missing 0.3 --gaps block \
    --fill interp,ffill,zero,indicator --out experiments/gaps/screen
fi
if [ "$STAGE" = confirm ] || [ "$STAGE" = all ]; then
  # 10 seeds x the five dev sets at 30% block gaps and 30% MCAR. The baselines on interpolated data everywhere (the screen's
  # best fill on every dataset but BasicMotions), and zero-filled on BasicMotions and RacketSports too (the screen's best
  # there for some baselines); ffill and indicator won nowhere in the screen. Each baseline is shown at its best fill.
  C="$COMMON --missing 0.3"
  $T bench $C --datasets all --reps 10 --gaps block --fill interp --out experiments/gaps/confirm
  $T bench $C --datasets BasicMotions,RacketSports --reps 10 --gaps block --fill zero --out experiments/gaps/confirm
  for R in 5 10; do # MCAR: 5 seeds on every dataset first, then 10 (two cores: the last pass may be cut short)
    $T bench $C --datasets all --reps $R --gaps mcar --fill interp --out experiments/gaps/confirm
    $T bench $C --datasets BasicMotions,RacketSports --reps $R --gaps mcar --fill zero --out experiments/gaps/confirm
  done
fi
if [ "$STAGE" = variants ] || [ "$STAGE" = all ]; then
  # IB-GAN's own masking on top of the gaps: p_miss 0.1 and 0.5 against the default 0.3 (3 seeds, the screen's datasets, block)
  for P in 0.1 0.5; do
    $T bench $COMMON --datasets BasicMotions,Libras,NATOPS,RacketSports --reps 3 --missing 0.3 --gaps block --methods ibgan \
      --p-miss $P --workers 1 --out experiments/gaps/screen
  done
  # the real training batch's gaps filled by G conditioned on no class (real_fill='free'), as at prediction, not on its label
  $T bench $COMMON --datasets BasicMotions,Libras,NATOPS,RacketSports --reps 3 --missing 0.3 --gaps block --methods ibgan \
    --ib real_fill=\'free\' --workers 1 --out experiments/gaps/screen
fi
if [ "$STAGE" = curve ] || [ "$STAGE" = all ]; then
  # 10% to 50% block gaps on two dev sets, 3 seeds (30% comes from the confirmation)
  FILL=${FILL:-interp}
  for R in 0.1 0.2 0.4 0.5; do
    $T bench $COMMON --datasets BasicMotions,RacketSports --reps 3 --missing $R --gaps block --fill $FILL --out experiments/gaps/curve
  done
fi
