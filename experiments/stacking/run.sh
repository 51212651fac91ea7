#!/usr/bin/env bash
# Does IB-GAN add to the strongest loss? IB-GAN stacked on logit adjustment and on LDAM-DRW (FCN, 20 epochs), against each
# loss alone, the best single baseline and the same stack without its generator (p_miss 0), at equal optimizer steps and at
# equal samples through the loss. Rows in experiments/stacking/{screen,confirm}/bench.csv (resumable); report:
# .venv/bin/python experiments/stacking/report.py. Baseline rows at equal steps come from experiments/defaults/confirm (same code, same seeds,
# same rows: experiments/tools/same_seed.py); everything else runs here.
set -euo pipefail
T=".venv/bin/tsai-ibgan"
STAGE=${1:-all}
if [ "$STAGE" = screen ] || [ "$STAGE" = all ]; then
  # screen: 3 seeds x Libras, NATOPS, RacketSports, equal steps; how the loss meets the two halves
  OUT=experiments/stacking/screen
  .venv/bin/python experiments/tools/reuse_rows.py $OUT/bench.csv "experiments/defaults/confirm/bench.csv:dataset in ['Libras', 'NATOPS', 'RacketSports'] and \
budget == 'steps' and arch == 'FCN' and seed < 3 and profile == 'step' and (method != 'ibgan' or ib == \"denoise=0.2 fill='interp' gd_every=2 masks='block'\")"
  S="--datasets Libras,NATOPS,RacketSports --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 3 --budget steps --workers 2 --out $OUT"
  for M in ibgan+logit_adjust ibgan+ldam_drw; do
    for BR in True False; do
      for SL in same prior_free; do
        $T bench $S --methods $M --ib balance_real=$BR --ib syn_loss=\'$SL\'
      done
    done
  done
fi
if [ "$STAGE" = confirm ] || [ "$STAGE" = all ]; then
  # confirm: 10 seeds x the five dev sets, both stacks with the loss owning the real half (balance_real=False: the screen's
  # clear lesson for logit adjustment) and the prior-free synthetic half; equal steps, then equal samples, then the
  # generator's share (p_miss 0). The order is the order of importance (two cores: the last lines may be cut short).
  OUT=experiments/stacking/confirm
  .venv/bin/python experiments/tools/reuse_rows.py $OUT/bench.csv "experiments/defaults/confirm/bench.csv:budget == 'steps' and arch == 'FCN' and \
profile == 'step' and (method != 'ibgan' or ib == \"denoise=0.2 fill='interp' gd_every=2 masks='block'\")"
  C="--datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --workers 2 --out $OUT"
  STACKS=ibgan+logit_adjust,ibgan+ldam_drw
  PF="--ib balance_real=False --ib syn_loss='prior_free'"
  $T bench $C --budget steps --methods $STACKS $PF
  $T bench $C --budget samples --methods logit_adjust,ldam_drw            # the losses alone at equal samples
  $T bench $C --budget samples --methods $STACKS $PF
  $T bench $C --budget steps --methods $STACKS $PF --p-miss 0 --reps 3    # the generator's share inside the stack: 3 seeds first,
  $T bench $C --budget steps --methods $STACKS $PF --p-miss 0             # then all 10
  $T bench $C --budget samples --methods ibgan                            # IB-GAN alone at equal samples
fi
if [ "$STAGE" = longtail ] || [ "$STAGE" = all ]; then
  # the long tail (100:1), where LDAM-DRW and logit adjustment lead: 3 seeds x Libras, NATOPS, RacketSports, equal steps;
  # the baselines' rows from experiments/defaults/screen (same code, same seeds)
  OUT=experiments/stacking/longtail
  .venv/bin/python experiments/tools/reuse_rows.py $OUT/bench.csv "experiments/defaults/screen/bench.csv:profile == 'longtail' and method != 'ibgan'"
  L="--datasets Libras,NATOPS,RacketSports --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 3 --budget steps --profile longtail --workers 2 --out $OUT"
  $T bench $L --methods ibgan
  $T bench $L --methods ibgan+logit_adjust,ibgan+ldam_drw --ib balance_real=False --ib syn_loss=\'prior_free\'
fi
if [ "$STAGE" = more ] || [ "$STAGE" = all ]; then
  # what the confirmation did not reach in its session: the same-loss synthetic half at 10 seeds, p_miss 0 at equal samples,
  # and the other best-somewhere baselines at equal samples
  OUT=experiments/stacking/confirm
  C="--datasets all --data-dir ../shared/data/uea --arch FCN --epochs 20 --reps 10 --workers 2 --out $OUT"
  $T bench $C --budget steps --methods ibgan+logit_adjust,ibgan+ldam_drw --ib balance_real=False --ib syn_loss=\'same\'
  $T bench $C --budget samples --methods ibgan+logit_adjust,ibgan+ldam_drw --ib balance_real=False --ib syn_loss=\'prior_free\' --p-miss 0
  $T bench $C --budget samples --methods class_weights,upsample,smote
fi
