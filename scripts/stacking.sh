#!/usr/bin/env bash
# Does IB-GAN add to the strongest loss? IB-GAN stacked on logit adjustment and on LDAM-DRW (FCN, 20 epochs), against each
# loss alone, the best single baseline and the same stack without its generator (p_miss 0), at equal optimizer steps and at
# equal samples through the loss. Rows in results/stacking/{screen,confirm}/bench.csv (resumable); report:
# .venv/bin/python scripts/stacking_report.py. Baseline rows at equal steps come from results/confirm (same code, same seeds,
# same rows: scripts/same_seed.py); everything else runs here.
set -euo pipefail
T=".venv/bin/tsai-ibgan"
STAGE=${1:-all}
if [ "$STAGE" = screen ] || [ "$STAGE" = all ]; then
  # screen: 3 seeds x Libras, NATOPS, RacketSports, equal steps; how the loss meets the two halves
  OUT=results/stacking/screen
  .venv/bin/python scripts/reuse_rows.py $OUT/bench.csv "results/confirm/bench.csv:dataset in ['Libras', 'NATOPS', 'RacketSports'] and \
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
