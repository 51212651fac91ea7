#!/usr/bin/env bash
# How long does the README's main job take once installed, and what does it print? `tsai-ibgan demo`, timed on an
# otherwise idle machine. Usage: bash experiments/demo/run.sh   (from the repository root, .venv installed)
# Writes experiments/demo/output.txt (the printed table, then the wall time).
set -euo pipefail
cd "$(dirname "$0")/../.."
{ time .venv/bin/tsai-ibgan demo ; } > experiments/demo/output.txt 2>&1
cat experiments/demo/output.txt
