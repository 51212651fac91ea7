"""Two gloo CPU processes under fastai's distrib_ctx against one process with the same global batch, over several seeds:
balanced accuracy of each (imbalanced Epilepsy, every 4th step, FCN + IB-GAN, 8 epochs). Run by hand:
    .venv/bin/python experiments/distributed/ddp_vs_single.py --seeds 5
"""
import argparse
import sys
import tempfile
from pathlib import Path
import numpy as np
import torch
import torch.multiprocessing as mp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'tests'))
from test_distributed import _free_port, _train, _worker  # noqa: E402

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', type=int, default=5)
    args = ap.parse_args()
    rows = []
    for seed in range(args.seeds):
        out = tempfile.mkdtemp()
        mp.start_processes(_worker, args=(2, _free_port(), out, seed), nprocs=2, start_method='spawn')
        _train(1, 'single', out, bs=32, seed=seed)
        ba = {k: torch.load(Path(out) / f'rank{k}.pt')['balanced_accuracy'] for k in (0, 'single')}
        rows.append((ba[0], ba['single']))
        print(f'seed {seed}: two processes {ba[0]:.3f}, one process {ba["single"]:.3f}', flush=True)
    two, one = np.array(rows).T
    d = two - one
    print(f'two processes {two.mean():.3f} ± {two.std(ddof=1):.3f}, one process {one.mean():.3f} ± {one.std(ddof=1):.3f}, '
          f'paired difference {d.mean():+.3f} ± {d.std(ddof=1):.3f} over {len(d)} seeds')
