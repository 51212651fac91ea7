#!/usr/bin/env bash
# G and D in bfloat16 on the CPU (`gd_bf16`, on by default where the CPU computes bf16 natively): the CPU cost
# side by side on an otherwise idle machine. One process, today's defaults beside the same step in float32 and the floor
# (medians of 5 rounds); then fresh processes (`tsai-ibgan overhead --arch FCN`), bf16 and float32 in turn, twice each.
set -euo pipefail
T=".venv/bin/tsai-ibgan"
export KINETO_LOG_LEVEL=5
OUT=experiments/precision; mkdir -p $OUT
{
  echo "== one process, interleaved"
  $T overhead --arch FCN --one-process --rounds 5 \
     --variant 'G and D in float32: gd_bf16=False' \
     --variant 'copies (floor): p_miss=0.0'
  for r in 1 2; do
    echo "== fresh processes, today's defaults (bf16 G and D), run $r"; $T overhead --arch FCN
    echo "== fresh processes, G and D in float32, run $r"; $T overhead --arch FCN --ib gd_bf16=False
  done
} 2>&1 | grep -v USDT | tee $OUT/cost.md
# A longer one-process run afterwards (9 timed rounds), kept in its own file:
#   .venv/bin/tsai-ibgan overhead --arch FCN --one-process --rounds 9 --variant 'G and D in float32: gd_bf16=False' \
#       --variant 'copies (floor): p_miss=0.0' 2>&1 | grep -v USDT | tee experiments/precision/cost_rounds9.md
