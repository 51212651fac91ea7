#!/usr/bin/env bash
# How do IB-GAN, the deep imbalance baselines and gradient-boosted trees rank on real, naturally imbalanced records with
# their own gaps and static features (PhysioNet 2012 set A, in-hospital death)? Every stage is resumable (bench.csv).
# Usage: bash experiments/real_data/run.sh data|fcn|ib_options|gru|no_static|no_valid   (from the repository root, .venv installed)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=experiments/real_data
DATA=$OUT/data/physionet2012_a.npz # not committed: `run.sh data` writes it from ../shared (3,996 stays, 37 x 48 hours, 4 static)
BENCH=(.venv/bin/tsai-ibgan bench --data "$DATA" --fill interp,mean --metric roc_auc --epochs 10 --bs 64 --workers "${WORKERS:-2}")
case "${1:-}" in
  data) .venv/bin/python -c "from tsai_ibgan.records import read_physionet2012 as r; r('../shared/data/physionet2012/set-a', \
          '../shared/data/physionet2012/Outcomes-a.txt', subset=True).save('$DATA')" ;;
  # the main table: every method, a 20% validation share choosing the epoch, static features, 3 seeds (a screen; 5 with --reps 5)
  fcn) "${BENCH[@]}" --methods gbdt,class_weights,logit_adjust,ldam_drw,ibgan,ibgan+ldam_drw --valid-size 0.2 --reps "${REPS:-3}" --out $OUT/fcn ;;
  # IB-GAN's options on such data, two configurations at a time (one process each), each in a folder of its own:
  # G fills the real batch without its label; no synthetic half (G only fills); G starts from the channel mean
  ib_options)
    ib() { "${BENCH[@]}" --methods ibgan --valid-size 0.2 --reps 3 --workers 1 --out "$OUT/fcn_ib/$1" "${@:2}"; }
    { ib free --ib "real_fill='free'"; ib free_alpha1 --ib "real_fill='free'" --ib alpha=1.0; } &
    ib fill_mean --ib "fill='mean'" &
    wait ;;
  # a recurrent classifier, which reads the hours in order instead of pooling over them (baselines at the fill FCN preferred)
  gru) "${BENCH[@]}" --fill mean --arch GRU --methods gbdt,class_weights,ibgan --valid-size 0.2 --reps 3 --out $OUT/gru ;;
  # what the static features and the epoch choice are worth (FCN; class weights at the training-mean fill, FCN's best;
  # 2 seeds, paired with seeds 0 and 1 of the main table)
  no_static) "${BENCH[@]}" --fill mean --methods gbdt,class_weights --valid-size 0.2 --reps "${REPS:-2}" --no-static --out $OUT/no_static ;;
  no_valid) "${BENCH[@]}" --fill mean --methods class_weights,ibgan --reps "${REPS:-2}" --out $OUT/no_valid ;;
  *) echo "usage: $0 data|fcn|ib_options|gru|no_static|no_valid"; exit 2 ;;
esac
