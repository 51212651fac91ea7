"""Data with gaps: tables and the curve from the bench CSVs of experiments/gaps (screen, confirm, saits, curve), each
baseline at its best fill per dataset (chosen after the fact), IB-GAN paired with the best (baseline x fill) by seed.
Writes experiments/gaps/summary.md and experiments/gaps/curve.png; prints the summary.

    .venv/bin/python experiments/gaps/report.py
"""
import warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from tsai_ibgan.bench.runner import KEY_COLS, read_results
from tsai_ibgan.bench.gaps import at_best_fill, fill_table
from tsai_ibgan.bench.methods import BASELINE_METHODS
from tsai_ibgan.bench.tables import markdown_table

HERE = Path(__file__).parent
BA = 'balanced_accuracy'


def load(name):
    p = HERE / name / 'bench.csv'
    if not p.exists(): return None
    df = read_results(p)
    df = df[df.error.isna()] if 'error' in df else df
    return df.drop_duplicates(subset=list(KEY_COLS))  # a run made twice (two overlapping command chains): the same seed, kept once


def best_rows(df):
    "Per dataset: the rows of the best (baseline x fill) by mean balanced accuracy, and its label."
    out = {}
    for ds, g in df[df.method.isin(BASELINE_METHODS)].groupby('dataset', sort=False):
        m = g.groupby(['method', 'fill'])[BA].mean()
        meth, fill = m.idxmax()
        out[ds] = (g[(g.method == meth) & (g.fill == fill)], f'{meth} ({fill})')
    return out


def paired(a, b, col=BA, col_b=None):
    m = a[['seed', col]].merge(b[['seed', col_b or col]], on='seed', suffixes=('_a', '_b'))
    d = m.iloc[:, 1] - m.iloc[:, 2]
    return d.mean(), int((d > 0).sum()), len(d)


def versus(df, title):
    "IB-GAN against each baseline at its best fill and against the best (baseline x fill), per dataset."
    ib = df[df.method == 'ibgan']
    kept = at_best_fill(df)
    best = best_rows(df)
    rows, diffs, free = [], [], []
    for ds in dict.fromkeys(df.dataset):
        g = kept[kept.dataset == ds]
        r = {'dataset': ds, 'IB-GAN': f"{ib[ib.dataset == ds][BA].mean():.3f}"}
        for m in [m for m in BASELINE_METHODS if m in set(g.method)]:
            gm = g[g.method == m]
            r[m] = f"{gm[BA].mean():.3f}" + ('' if gm.fill.nunique() == 1 and gm.fill.iloc[0] == 'interp' else f" ({gm.fill.iloc[0]})")
        rows_b, label = best[ds]
        d, ahead, n = paired(ib[ib.dataset == ds], rows_b)
        diffs.append(d)
        df_, af, nf = paired(ib[ib.dataset == ds], rows_b, 'ba_free', BA)
        free.append(df_)
        r.update({'best (baseline x fill)': f"{label} {rows_b[BA].mean():.3f}", 'IB-GAN minus best': f"{d:+.3f} ({ahead}/{n})",
                  "IB-GAN, fill_labels='free', minus best": f"{df_:+.3f} ({af}/{nf})"})
        rows.append(r)
    t = pd.DataFrame(rows).set_index('dataset')
    n_seeds = ib.groupby('dataset').seed.nunique()
    head = (f"### {title}\n\nBalanced accuracy, mean over seeds ({n_seeds.min()}-{n_seeds.max()} per dataset); a baseline's fill is "
            "named where it is not linear interpolation. IB-GAN minus the best: paired by seed (seeds ahead / seeds).\n\n")
    tail = (f"\n\nIB-GAN minus the best (baseline x fill): mean {np.mean(diffs):+.3f}, ahead on {sum(x > 0 for x in diffs)} of "
            f"{len(diffs)} datasets; with fill_labels='free' at prediction (the same models) {np.mean(free):+.3f}, ahead on "
            f"{sum(x > 0 for x in free)} of {len(free)}.")
    return head + markdown_table(t) + tail, diffs


def imputation(df, saits=None):
    "The fills' errors at the values hidden from the test set (data scale), and accuracy with each label-free G."
    ib = df[(df.method == 'ibgan') & df.rmse_interp.notna()]
    rows = []
    for (gaps, ds), g in ib.groupby(['gaps', 'dataset'], sort=False):
        r = {'gaps': gaps, 'dataset': ds, 'interp': f"{g.rmse_interp.mean():.3f}"}
        for how in ('guess', 'soft', 'free'): r[f'G ({how})'] = f"{g[f'rmse_{how}'].mean():.3f}"
        r['G (guess) / interp'] = f"{(g.rmse_guess / g.rmse_interp).mean():.3f}"
        r['G below interp'] = f"{int((g.rmse_guess < g.rmse_interp).sum())}/{len(g)}"
        if saits is not None:
            r['SAITS (seeds 0-2)'] = r['interp, same seeds'] = ''  # SAITS ran on block gaps only
        if saits is not None and gaps == 'block':
            s = saits[(saits.dataset == ds) & saits.rmse_fill.notna()].groupby('seed').rmse_fill.first()
            r['SAITS (seeds 0-2)'] = f"{s.mean():.3f}" if len(s) else ''
            both = g.set_index('seed').rmse_interp.reindex(s.index).dropna()
            r['interp, same seeds'] = f"{both.mean():.3f}" if len(both) else ''
        r['accuracy: guess / soft / free'] = f"{g.ba_guess.mean():.3f} / {g.ba_soft.mean():.3f} / {g.ba_free.mean():.3f}"
        rows.append(r)
    return markdown_table(pd.DataFrame(rows).set_index('gaps')) if rows else ''


def saits_anchor(confirm, saits):
    "SAITS then each baseline (3 seeds), against IB-GAN and the interpolated baselines on the same seeds (block gaps)."
    rows = []
    c = confirm[(confirm.gaps == 'block')]
    for ds in dict.fromkeys(saits.dataset):
        s = saits[saits.dataset == ds]
        seeds = set(s.seed)
        cb = c[(c.dataset == ds) & c.seed.isin(seeds)]
        sm = s.groupby('method')[BA].mean(); best_s = sm.idxmax()
        ib = cb[cb.method == 'ibgan']
        interp = cb[cb.method.isin(BASELINE_METHODS) & (cb.fill == 'interp')]
        im = interp.groupby('method')[BA].mean(); best_i = im.idxmax()
        d, ahead, n = paired(ib, s[s.method == best_s])
        rows.append({'dataset': ds, 'seeds': len(seeds), 'SAITS, then the best baseline': f"{best_s} {sm.max():.3f}",
                     'interp, then the best baseline': f"{best_i} {im.max():.3f}", 'IB-GAN': f"{ib[BA].mean():.3f}",
                     'IB-GAN minus SAITS + best': f"{d:+.3f} ({ahead}/{n})"})
    return markdown_table(pd.DataFrame(rows).set_index('dataset'))


def curve(confirm, curve_df):
    "Balanced accuracy against the share missing (block gaps): IB-GAN and the best (baseline x fill) at each rate, 3 seeds."
    both = pd.concat([curve_df, confirm[(confirm.gaps == 'block') & confirm.seed.isin([0, 1, 2]) & confirm.dataset.isin(set(curve_df.dataset))]])
    both = both[both.fill.isin(['interp', 'generator'])]
    datasets = list(dict.fromkeys(curve_df.dataset))
    fig = Figure(figsize=(4.2 * len(datasets), 3.4), layout='constrained')
    axes = fig.subplots(1, len(datasets), squeeze=False)[0]
    rows = []
    for ax, ds in zip(axes, datasets):
        g = both[both.dataset == ds]
        rates = sorted(set(g.missing))
        ibm = [g[(g.missing == r) & (g.method == 'ibgan')]['ba_free'].mean() for r in rates]  # today's default: no label at prediction
        ibg = [g[(g.missing == r) & (g.method == 'ibgan')][BA].mean() for r in rates]  # as run: the classifier's guess
        bm, bl = [], []
        for r in rates:
            m = g[(g.missing == r) & g.method.isin(BASELINE_METHODS)].groupby('method')[BA].mean()
            bm.append(m.max()); bl.append(m.idxmax())
        ax.plot(rates, ibm, 'o-', label="IB-GAN (G fills the gaps; fill_labels='free')")
        ax.plot(rates, ibg, ':', color='grey', label="IB-GAN, the same models, fill_labels='guess'")
        ax.plot(rates, bm, 's--', label='best baseline on interpolated data')
        ax.set_title(ds); ax.set_xlabel('share of values missing (block gaps)'); ax.set_ylabel('balanced accuracy'); ax.grid(alpha=0.3)
        rows += [{'dataset': ds, 'missing': f'{r:.0%}', "IB-GAN (free)": f'{a:.3f}', "IB-GAN (guess)": f'{q:.3f}',
                  'best baseline': f'{l} {b:.3f}', 'difference (free)': f'{a - b:+.3f}'}
                 for r, a, q, b, l in zip(rates, ibm, ibg, bm, bl)]
    axes[0].legend(fontsize=8)
    fig.savefig(HERE / 'curve.png', dpi=110)
    return markdown_table(pd.DataFrame(rows).set_index('dataset'))


def cost(df):
    "Training seconds per run (equal steps, block gaps, run side by side): IB-GAN over the mean of the interpolated baselines."
    g = df[df.fill.isin(['interp', 'generator']) & (df.gaps == 'block')].groupby(['dataset', 'method']).seconds.mean().unstack()
    base = g[[m for m in g.columns if m in BASELINE_METHODS]].mean(axis=1)
    t = pd.DataFrame({'baselines (mean), s': base.round(1), 'IB-GAN, s': g['ibgan'].round(1), 'ratio': (g['ibgan'] / base).round(2)})
    return markdown_table(t)


def main():
    parts = ['# Data with gaps: results', '', 'Commands: `bash experiments/gaps/run.sh screen|confirm|variants|curve` and the SAITS line of '
             '`experiments/gaps/README.md`; this file: `.venv/bin/python experiments/gaps/report.py`.']
    screen, confirm, saits, curve_df = load('screen'), load('confirm'), load('saits'), load('curve')
    if screen is not None:
        s = screen[(screen.p_miss == 0.3) & ~screen.ib.str.contains('real_fill')]  # the defaults
        parts += ['## Screen: which fill suits which baseline (30% block gaps, 3 seeds)', '',
                  'Mean balanced accuracy of every (baseline, fill); the best of each baseline and dataset in bold.', '',
                  markdown_table(fill_table(s)), '', versus(s, 'IB-GAN against each baseline at its best fill (screen)')[0]]
        v = screen[screen.method == 'ibgan'].assign(variant=lambda d: d.p_miss.map(lambda p: f'p_miss={p:g}') +
                                                    d.ib.map(lambda c: " real_fill='free'" if 'real_fill' in c else ''))
        v = v.pivot_table(index='variant', columns='dataset', values=BA, aggfunc='mean').assign(mean=lambda t: t.mean(axis=1))
        parts += ['', "IB-GAN's variants on top of the gaps (balanced accuracy with fill_labels='guess', 3 seeds):", '', markdown_table(v.map(lambda x: f'{x:.3f}'))]
    if confirm is not None:
        parts += ['## Confirmation: 10 seeds x 5 dev sets, 30% missing', '']
        for gaps in dict.fromkeys(confirm.gaps):
            parts += [versus(confirm[confirm.gaps == gaps], f'{gaps} gaps')[0], '']
        parts += ['## How well each fill guesses the hidden test values (RMSE, data scale)', '', imputation(confirm, saits), '',
                  '## Cost of training with gaps (seconds per run)', '', cost(confirm)]
    if saits is not None and confirm is not None:
        parts += ['', '## SAITS first, then the baseline (30% block gaps)', '', saits_anchor(confirm, saits)]
    if curve_df is not None and confirm is not None:
        parts += ['', '## Accuracy against the share missing (block gaps, 3 seeds; 30% from the confirmation)', '', curve(confirm, curve_df),
                  '', '![curve](curve.png)']
    out = '\n'.join(parts) + '\n'
    (HERE / 'summary.md').write_text(out)
    print(out)


if __name__ == '__main__': main()
