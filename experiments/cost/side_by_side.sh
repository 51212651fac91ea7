#!/usr/bin/env bash
# The CPU cost check on an otherwise idle machine, side by side: `tsai-ibgan overhead --arch FCN --one-process`
# (the classifier alone, today's defaults and the steps they replaced, one epoch each in turn, medians of 5), then the
# fresh-process `tsai-ibgan overhead --arch FCN` twice; the per-part costs of one step (experiments/cost/gd_parts.py).
set -euo pipefail
T=".venv/bin/tsai-ibgan"
export KINETO_LOG_LEVEL=5
OUT=experiments/cost; mkdir -p $OUT
{
  echo "== one process, interleaved"
  $T overhead --arch FCN --one-process --rounds 5 \
     --variant 'G and D every batch: gd_every=1' \
     --variant "paper step: p_miss=0.1 masks=mcar denoise=0.0 fill=noise gd_every=1" \
     --variant 'copies (floor): p_miss=0.0'
  for r in 1 2; do echo "== fresh processes, run $r"; $T overhead --arch FCN; done
  echo "== one step, part by part"
  .venv/bin/python experiments/cost/gd_parts.py
} 2>&1 | grep -v USDT | tee $OUT/side_by_side.md
