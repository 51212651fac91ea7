"""The defaults' tables from experiments/defaults/screen and experiments/defaults/confirm: each IB-GAN configuration against the previous defaults and
its own p_miss = 0 (paired by seed), against the best baseline (chosen after the fact among every baseline), per dataset,
budget and imbalance profile. Prints markdown; writes experiments/<folder>/summary.md.

    .venv/bin/python experiments/defaults/report.py experiments/defaults/screen
    .venv/bin/python experiments/defaults/report.py experiments/defaults/confirm
"""
import sys
from pathlib import Path
import numpy as np
import pandas as pd
from tsai_ibgan.bench.runner import read_results
from tsai_ibgan.bench.methods import BASELINE_METHODS
from tsai_ibgan.bench.tables import best_baseline, markdown_table

KEYS = ['dataset', 'arch', 'budget', 'profile', 'epochs', 'seed']


def label(p_miss: float, ib: str) -> str: return f"p_miss={p_miss:g} {ib}".strip()


def p0_options(ib: str) -> str:
    "At p_miss = 0 only the source option still acts (nothing is masked, G and D do not run): the generator-free twin of `ib`."
    return ' '.join(part for part in ib.split() if part.startswith('source='))


def paired(a: pd.DataFrame, b: pd.DataFrame, metric='balanced_accuracy') -> tuple:
    "Mean and std of a - b over the seeds both have, and how many seeds a is ahead."
    m = a[KEYS + [metric]].merge(b[KEYS + [metric]], on=KEYS, suffixes=('_a', '_b'))
    d = m[f'{metric}_a'] - m[f'{metric}_b']
    return d.mean(), d.std(ddof=1) if len(d) > 1 else 0., int((d > 0).sum()), len(d)


def fmt(t: tuple) -> str: return f"{t[0]:+.3f} ({t[2]}/{t[3]})" if t[3] else ''


def ablation(g: pd.DataFrame, arch: str, budget: str, profile: str) -> str:
    "Each configuration minus the previous defaults (p_miss 0.1, nothing else), and minus its own p_miss = 0, per dataset, paired."
    default = g[g.config == 'p_miss=0.1']
    rows = []
    for conf, c in g.groupby('config', sort=False):
        if conf == 'p_miss=0.1': continue
        p0 = g[g.config == label(0, p0_options(c.ib.iloc[0]))]
        for what, ref in (('minus the previous defaults', default), ('minus its own p_miss=0 (the generator)', p0)):
            if what.startswith('minus its own') and (c.p_miss.iloc[0] == 0 or conf == 'p_miss=0.1'): continue
            row, means = {'configuration': conf, 'difference': what}, []
            for ds, cd in c.groupby('dataset', sort=False):
                t = paired(cd, ref[ref.dataset == ds])
                if t[3]: row[ds] = fmt(t); means.append(t[0])
            row['mean'] = f'{np.mean(means):+.3f}' if means else ''
            row['datasets ahead'] = f'{sum(m > 0 for m in means)}/{len(means)}'
            rows.append(row)
    if not rows: return ''
    return (f"Ablation ({arch}, {budget} budget, {profile} imbalance): paired difference in balanced accuracy (seeds ahead / seeds)."
            f"\n\n{markdown_table(pd.DataFrame(rows).set_index('configuration').fillna(''))}\n")


def tables(df: pd.DataFrame) -> str:
    df = df[df.error.isna()] if 'error' in df.columns else df
    ib = df[df.method == 'ibgan'].copy()
    ib['config'] = [label(p, c) for p, c in zip(ib.p_miss, ib.ib)]
    base = df[df.method.isin(BASELINE_METHODS)]
    out = []
    for (arch, budget, profile, epochs), g in ib.groupby(['arch', 'budget', 'profile', 'epochs'], sort=False):
        b_all = base[(base.arch == arch) & (base.budget == budget) & (base.profile == profile) & (base.epochs == epochs)]
        rows, means = [], {}
        for conf, c in g.groupby('config', sort=False):
            row = {'configuration': conf}
            vs_def, vs_p0, vs_best = [], [], []
            p0 = g[g.config == label(0, p0_options(c.ib.iloc[0]))]
            default = g[g.config == 'p_miss=0.1']
            for ds, cd in c.groupby('dataset', sort=False):
                b = b_all[b_all.dataset == ds]
                best = best_baseline(b)
                t_best = paired(cd, b[b.method == best]) if best is not None else (np.nan, 0, 0, 0)
                t_def, t_p0 = paired(cd, default[default.dataset == ds]), paired(cd, p0[p0.dataset == ds])
                vs_best.append(t_best[0]); vs_def.append(t_def[0] if conf != 'p_miss=0.1' else np.nan); vs_p0.append(t_p0[0] if c.p_miss.iloc[0] > 0 else np.nan)
                row[ds] = f"{cd.balanced_accuracy.mean():.3f}; {fmt(t_best)} vs {best}"
            row['mean vs best'] = f'{np.nanmean(vs_best):+.3f}'
            row['ahead of best'] = f"{sum(v > 0 for v in vs_best)}/{len(vs_best)}"
            row['vs defaults'] = f'{np.nanmean(vs_def):+.3f}' if not np.all(np.isnan(vs_def)) else ''
            row['vs own p_miss=0'] = f'{np.nanmean(vs_p0):+.3f}' if not np.all(np.isnan(vs_p0)) else ''
            row['seeds'] = c.seed.nunique()
            rows.append(row)
        out.append(f"### {arch}, {epochs} epochs, {budget} budget, {profile} imbalance\n\nEach dataset: mean balanced accuracy; paired difference to the "
                   f"best baseline (seeds ahead / seeds) and that baseline.\n\n{markdown_table(pd.DataFrame(rows).set_index('configuration'))}\n")
        out.append(ablation(g, arch, f'{epochs} epochs, {budget}', profile))
        bm = b_all.groupby(['method', 'dataset']).balanced_accuracy.mean().unstack().round(3)
        out.append(f"Baselines (mean balanced accuracy):\n\n{markdown_table(bm)}\n")
    return '\n'.join(out)


DEFAULTS = "p_miss=0.3 denoise=0.2 fill='interp' masks='block'" # today's defaults, as a bench row names them


def verdict(df: pd.DataFrame, config: str = DEFAULTS) -> str:
    "One row per arch, budget and dataset: `config` beside the best baseline and beside the previous defaults, paired by seed."
    df = df[df.error.isna()] if 'error' in df.columns else df
    ib = df[df.method == 'ibgan'].copy()
    ib['config'] = [label(p, c) for p, c in zip(ib.p_miss, ib.ib)]
    rows = []
    for (arch, budget, profile, epochs, ds), g in ib.groupby(['arch', 'budget', 'profile', 'epochs', 'dataset'], sort=False):
        mine, old = g[g.config == config], g[g.config == 'p_miss=0.1']
        if mine.empty: continue
        b = df[(df.arch == arch) & (df.budget == budget) & (df.profile == profile) & (df.epochs == epochs) & (df.dataset == ds) & df.method.isin(BASELINE_METHODS)]
        best = best_baseline(b)
        t = paired(mine, b[b.method == best])
        rows.append({'classifier': arch, 'budget': f'{epochs} epochs, equal {budget}', 'profile': profile, 'dataset': ds,
                     'IB-GAN': f"{mine.balanced_accuracy.mean():.3f} ± {mine.balanced_accuracy.std(ddof=1):.3f}",
                     'best baseline': best, 'its score': f"{b[b.method == best].balanced_accuracy.mean():.3f}",
                     'paired difference': f"{t[0]:+.3f} ± {t[1]:.3f}", 'IB-GAN ahead': f"{t[2]} of {t[3]}",
                     'vs previous defaults': fmt(paired(mine, old))})
    return markdown_table(pd.DataFrame(rows).set_index('classifier')) if rows else ''


def main(folder='experiments/defaults/screen'):
    df = read_results(Path(folder) / 'bench.csv')
    text = f"## Today's defaults beside the best baseline\n\n{verdict(df)}\n\n## Every configuration\n\n{tables(df)}"
    (Path(folder) / 'summary.md').write_text(f"# {folder}: IB-GAN configurations (`experiments/defaults/report.py {folder}`)\n\n{text}")
    print(text)


if __name__ == '__main__': main(*sys.argv[1:])
