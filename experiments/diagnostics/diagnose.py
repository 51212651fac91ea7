"""The diagnostics of README's "What the generator adds": `learn.ibgan.diagnose()` after 20 epochs (FCN, the paper's imbalance)
on the five dev datasets, for the paper's step, today's defaults and the options between them.
Usage: .venv/bin/python experiments/diagnostics/diagnose.py [--seeds 3] [--out experiments/diagnostics]   (experiments/diagnostics: --seeds 1)"""
import argparse, warnings
from pathlib import Path
import pandas as pd
import torch
from fastai.torch_core import set_seed
from tsai.all import get_ts_dls, TSStandardize, TSClassification
from tsai_ibgan.all import load_uea, make_imbalanced, fill_gaps, ibgan_learner, IBGANDiagnostics, markdown_table

PAPER = dict(p_miss=0.1, masks='mcar', denoise=0., fill='noise') # the paper's step: the defaults before the block-mask step
CONFIGS = {"paper's step (p_miss 0.1, MCAR, noise)": PAPER,
           'denoise 0.2': {**PAPER, 'denoise': 0.2},
           "fill='interp'": {**PAPER, 'fill': 'interp'},
           "p_miss 0.3, block masks, denoise 0.2": {**PAPER, 'p_miss': 0.3, 'masks': 'block', 'denoise': 0.2},
           "today's defaults (p_miss 0.3, block masks, denoise 0.2, fill='interp')": {}}
COLS = ['g_rmse', 'interp_rmse', 'g_vs_interp', 'syn_to_src', 'syn_to_real', 'src_nearest', 'real_to_real', 'novelty', 'loss_syn', 'loss_real', 'w_mean']

def main():
    warnings.filterwarnings('ignore')
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seeds', type=int, default=3); ap.add_argument('--out', default='experiments/diagnostics')
    ap.add_argument('--datasets', default='BasicMotions,Epilepsy,Libras,NATOPS,RacketSports')
    args = ap.parse_args()
    torch.set_num_threads(2)
    rows = []
    for ds in args.datasets.split(','):
        X0, y0, s0 = load_uea(ds, '../shared/data/uea')
        for seed in range(args.seeds):
            X, y, splits = make_imbalanced(fill_gaps(X0), y0, s0, seed=seed)
            for name, kw in CONFIGS.items():
                set_seed(seed)
                dls = get_ts_dls(X, y, splits=splits, tfms=[None, TSClassification()], batch_tfms=TSStandardize(), bs=32)
                diag = IBGANDiagnostics(every=20)
                learn = ibgan_learner(dls, 'FCN', cbs=diag, **kw)
                with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(20, 1e-3)
                rows.append({'dataset': ds, 'seed': seed, 'config': name, **diag.frame.iloc[-1][COLS].to_dict()})
                print(rows[-1], flush=True)
    df = pd.DataFrame(rows)
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    df.to_csv(out/'diagnostics.csv', index=False)
    mean = df.groupby(['config', 'dataset'], sort=False)[COLS].mean().round(3).reset_index()
    overall = df.groupby('config', sort=False)[COLS].mean().round(3).reset_index()
    seeds = 'seed 0' if args.seeds == 1 else f'seeds 0-{args.seeds - 1}'
    (out/'diagnostics.md').write_text(f"# Diagnostics after 20 epochs (FCN, {seeds})\n\n## Mean over datasets\n\n"
                                      f"{markdown_table(overall.set_index('config'))}\n\n## Per dataset\n\n{markdown_table(mean.set_index('config'))}\n")
    print(markdown_table(overall.set_index("config")))

if __name__ == '__main__': main()
