#!/usr/bin/env bash
# The cost check: `tsai-ibgan overhead --arch FCN` for the paper's step (the previous defaults) and today's
# defaults, alternating, two rounds each, on an otherwise idle machine; then gd_every=2 (a CPU lever) once.
set -euo pipefail
T=".venv/bin/tsai-ibgan"
for round in 1 2; do
  echo "== round $round: the paper's step (previous defaults)"
  $T overhead --arch FCN --p-miss 0.1 --ib masks=mcar --ib denoise=0.0 --ib fill=noise
  echo "== round $round: today's defaults"
  $T overhead --arch FCN
done
echo "== today's defaults with gd_every=2"
$T overhead --arch FCN --ib gd_every=2
