"""Is the standardisation behind the deep pipelines' collapse across hospitals? Class weights with the training-mean fill
(the best deep baseline of `run.sh main`), trained at one hospital and tested at the other exactly as there (same
splits, seeds, validation share, static channels, budget), once with tsai's own standardisation (its statistics from
one random training batch, which can miss a rarely measured channel) instead of the training split's observed values.
Paired by seed with `main/bench.csv`. Run by hand from the repository root (after `run.sh data`):
    .venv/bin/python experiments/sites/standardisation.py [reps]     -> experiments/sites/one_batch_stats/bench.csv"""
import sys
from pathlib import Path
import numpy as np
import pandas as pd
import tsai_ibgan.bench.runner as runner
from tsai_ibgan.bench.data_files import group_splits, load_groups, load_npz, load_static

HERE = Path(__file__).parent


def main(reps:int=3):
    path = HERE / 'data' / 'sepsis2019_slice.npz'
    X, y, _ = load_npz(path)
    static, groups = load_static(path), load_groups(path)
    runner.train_stats = lambda X, idx: None # the question: tsai's one-batch statistics instead of the training split's
    out = HERE / 'one_batch_stats'; out.mkdir(exist_ok=True)
    rows = []
    for test in ('B', 'A'):
        splits = group_splits(groups, test)
        for seed in range(reps):
            r = runner.run_replicate(X, y, splits, 'class_weights', 'FCN', epochs=10, lr=1e-3, bs=64, seed=seed, frac_drop=0., budget='steps',
                                     gaps='own', gap_fill='mean', static=static, valid_size=0.2, metric='roc_auc')
            rows.append({'dataset': f'sepsis2019_slice_test_{test}', 'method': 'class_weights', 'fill': 'mean', 'stats': 'one batch', **r})
            print(rows[-1]['dataset'], seed, round(r['roc_auc'], 3), flush=True)
            pd.DataFrame(rows).to_csv(out / 'bench.csv', index=False)


if __name__ == '__main__': main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
