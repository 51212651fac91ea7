#!/usr/bin/env bash
# Does a model trained at one hospital keep its ranking at another? PhysioNet/CinC 2019 sepsis, the shared slice's two
# hospitals (A: 3,851 stays that get a prediction, 6.5% positive; B: 3,582, 4.2%): from the first 24 hours, sepsis later
# in the stay. Each run trains on one hospital (a 20% validation share of it chooses the epoch) and tests on the other,
# both directions. Every stage is resumable (bench.csv).
# Usage: bash experiments/sites/run.sh data|main|hide|scaled|shared|ib_options|gru|within   (from the repository root, .venv installed)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=experiments/sites
DATA=$OUT/data/sepsis2019_slice.npz # not committed: `run.sh data` writes it from ../shared (7,433 stays, 34 x 24 hours, 5 static)
BENCH=(.venv/bin/tsai-ibgan bench --data "$DATA" --test-group B,A --metric roc_auc --valid-size 0.2 --epochs 10 --bs 64 --workers "${WORKERS:-2}")
case "${1:-}" in
  data) .venv/bin/python -c "from tsai_ibgan.records import read_sepsis2019, concat_records; concat_records({h: read_sepsis2019( \
          f'../shared/data/sepsis2019/hospital_{h.lower()}', group=h) for h in 'AB'}).save('$DATA')" ;;
  # the trees, class weights at either fill, IB-GAN with its defaults (reading the NaN)
  main) "${BENCH[@]}" --fill interp,mean --methods gbdt,class_weights,ibgan --reps "${REPS:-5}" --out $OUT/main ;;
  # IB-GAN hiding 30% of each synthetic sample's channels whole (G imputes them)
  hide) "${BENCH[@]}" --methods ibgan --ib hide_channels=0.3 --reps "${REPS:-5}" --out $OUT/hide ;;
  # each hospital standardised by its own observed values (labels untouched)
  scaled) "${BENCH[@]}" --fill mean --methods gbdt,class_weights,ibgan --scale-per-group --reps "${REPS:-3}" --out $OUT/scaled ;;
  # only the channels both hospitals record (B never records BaseExcess or HCO3)
  shared) "${BENCH[@]}" --fill mean --methods gbdt,class_weights,ibgan --shared-channels --reps "${REPS:-3}" --out $OUT/shared ;;
  # IB-GAN's fills: G fills a real batch's gaps without its label (as at prediction), starts from the channel mean, or both
  ib_options)
    "${BENCH[@]}" --methods ibgan --ib "real_fill='free'" --reps "${REPS:-3}" --out $OUT/ib_free
    "${BENCH[@]}" --methods ibgan --ib "fill='mean'" --reps "${REPS:-3}" --out $OUT/ib_fill_mean
    "${BENCH[@]}" --methods ibgan --ib "fill='mean'" --ib "real_fill='free'" --reps "${REPS:-3}" --out $OUT/ib_free_mean ;;
  # a recurrent classifier (the stronger one on PhysioNet 2012): class weights at the mean fill, IB-GAN's best options and its defaults
  gru)
    "${BENCH[@]}" --arch GRU --fill mean --methods class_weights --reps "${REPS:-3}" --out $OUT/gru
    "${BENCH[@]}" --arch GRU --methods ibgan --ib "fill='mean'" --ib "real_fill='free'" --reps "${REPS:-3}" --out $OUT/gru
    "${BENCH[@]}" --arch GRU --methods ibgan --reps "${REPS:-3}" --out $OUT/gru_ib_defaults ;;
  # the same methods within one hospital (a stratified 25% of its stays for testing): what moving costs
  within)
    for h in A B; do
      .venv/bin/python -c "import numpy as np; f = dict(np.load('$DATA')); m = f.pop('groups') == '$h'; \
        np.savez_compressed('$OUT/data/hospital_$h.npz', **{k: v[m] if len(v) == len(m) else v for k, v in f.items()})"
      .venv/bin/tsai-ibgan bench --data $OUT/data/hospital_$h.npz --metric roc_auc --valid-size 0.2 --epochs 10 --bs 64 --workers "${WORKERS:-2}" \
        --fill mean --methods gbdt,class_weights,ibgan --reps "${REPS:-3}" --out $OUT/within
    done ;;
  *) echo "usage: $0 data|main|hide|scaled|shared|ib_options|gru|within"; exit 2 ;;
esac
