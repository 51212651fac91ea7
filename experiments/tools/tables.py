"""Tables for README: the benchmark (experiments/benchmark, both budgets) and "When to use IB-GAN" (every IB-GAN configuration beside
the best baseline of the same seeds, per regime).

.venv/bin/python experiments/tools/tables.py    # writes experiments/benchmark/bench.md and bench.png, experiments/defaults/tuning/tuning.md,
                                      # experiments/regimes/regimes.md and summary.md; prints them
"""
from pathlib import Path
import pandas as pd
from tsai_ibgan.bench.ablation import SWEEP_BASELINES, config_table, sweep_chart
from tsai_ibgan.bench.runner import read_results
from tsai_ibgan.bench.methods import BASELINE_METHODS
from tsai_ibgan.bench.tables import best_baseline, markdown_table, paired_diff, results_chart, results_tables


def section(title:str, df:pd.DataFrame) -> str:
    if df.empty or not (df.method == 'ibgan').any(): return ''
    n_seeds = df[df.method == 'ibgan'].groupby(['p_miss', 'ib', 'dataset']).seed.nunique().max()
    return (f'## {title}\n\nPer cell: IB-GAN balanced accuracy (mean over seeds), its paired difference to the best baseline '
            f'of that dataset, the baseline, and the seeds where IB-GAN is ahead (up to {n_seeds}).\n\n'
            + markdown_table(config_table(df)) + '\n\n')


OLD = 'G/D 16 filters per channel (32-128)'
STEPS = [ # (what changed, from, to): each tuning step, paired by dataset and seed
    ('balance_real=True', f'p_miss=0.1 alpha=0.5 balance_real=False, {OLD}', f'p_miss=0.1 alpha=0.5 balance_real=True, {OLD}'),
    ('G/D width 32', f'p_miss=0.1 alpha=0.5 balance_real=True, {OLD}', 'p_miss=0.1 alpha=0.5 balance_real=True, G/D 32 filters'),
    ('alpha 0.25 (rejected)', f'p_miss=0.1 alpha=0.5 balance_real=True, {OLD}', f'p_miss=0.1 alpha=0.25 balance_real=True, {OLD}'),
    ('alpha 0.75', 'p_miss=0.1 alpha=0.5 balance_real=True, G/D 32 filters', 'p_miss=0.1 alpha=0.75 balance_real=True, G/D 32 filters'),
    ("weight='constant' (rejected)", 'p_miss=0.1 alpha=0.5 balance_real=True, G/D 32 filters', "p_miss=0.1 alpha=0.5 balance_real=True weight='constant', G/D 32 filters"),
    ('p_miss 0 (no generator)', 'p_miss=0.1 alpha=0.5 balance_real=True, G/D 32 filters', 'p_miss=0 alpha=0.5 balance_real=True, G/D 32 filters'),
    ('p_miss 0.3', 'p_miss=0.1 alpha=0.5 balance_real=True, G/D 32 filters', 'p_miss=0.3 alpha=0.5 balance_real=True, G/D 32 filters'),
    ('p_miss 0.5', 'p_miss=0.1 alpha=0.5 balance_real=True, G/D 32 filters', 'p_miss=0.5 alpha=0.5 balance_real=True, G/D 32 filters'),
    ('p_miss 1', 'p_miss=0.1 alpha=0.5 balance_real=True, G/D 32 filters', 'p_miss=1 alpha=0.5 balance_real=True, G/D 32 filters'),
    ('all tuned defaults', f'p_miss=0.1 alpha=0.5 balance_real=False, {OLD}', 'p_miss=0.1 alpha=0.75 balance_real=True, G/D 32 filters'),
]


def steps_table(df:pd.DataFrame) -> str:
    "Each tuning step: the paired difference in balanced accuracy per dataset (mean, seeds ahead / seeds), and overall."
    ib = df[df.method == 'ibgan']
    ba = {l: g.set_index(['dataset', 'seed']).balanced_accuracy for l, g in ib.groupby('label')}
    rows = []
    for name, a, b in STEPS:
        if a not in ba or b not in ba: continue
        d = (ba[b] - ba[a]).dropna()
        row = {'change': name, 'from': a, 'to': b}
        for ds, g in d.groupby(level=0): row[ds] = f'{g.mean():+.3f} ({(g > 0).sum()}/{len(g)})'
        row['all'] = f'{d.mean():+.3f} ({(d > 0).sum()}/{len(d)} ahead, {(d < 0).sum()} behind)'
        rows.append(row)
    t = pd.DataFrame(rows).set_index('change').drop(columns=['from', 'to'])
    return ('## What each step bought\n\nPaired difference in balanced accuracy (new minus old), per dataset: mean (seeds ahead / seeds).\n\n'
            + markdown_table(t) + '\n\n')


REGIMES = [ # (name, csv, row filter)
    ("paper's protocol, FCN (10 seeds)", 'experiments/benchmark/bench.csv', lambda d: (d.arch == 'FCN') & (d.budget == 'epochs')),
    ("paper's protocol, FCN, equal optimizer steps (10 seeds)", 'experiments/benchmark/bench.csv', lambda d: (d.arch == 'FCN') & (d.budget == 'steps')),
    ("paper's protocol, PaperCNN (10 seeds)", 'experiments/benchmark/bench.csv', lambda d: (d.arch == 'PaperCNN') & (d.budget == 'epochs')),
    ('95% of the chosen classes dropped, FCN (10 seeds)', 'experiments/regimes/bench.csv', lambda d: (d.frac_drop == 0.95) & (d.arch == 'FCN')),
    ('a quarter of the training set, FCN (5 seeds)', 'experiments/regimes/bench.csv', lambda d: (d.train_frac == 0.25) & (d.frac_drop == 0.75)),
    ('half of the training set, FCN (5 seeds)', 'experiments/regimes/bench.csv', lambda d: (d.train_frac == 0.5) & (d.frac_drop == 0.75)),
    ('100 epochs, FCN (5 seeds)', 'experiments/regimes/bench.csv', lambda d: (d.epochs == 100)),
    ('InceptionTime (5 seeds)', 'experiments/regimes/bench.csv', lambda d: (d.arch == 'InceptionTime')),
]


def regime_summary() -> str:
    "IB-GAN at the library's defaults beside the best baseline, per regime and dataset; and what its generator adds (p_miss 0.1 - 0)."
    rows = []
    for name, csv, keep in REGIMES:
        if not Path(csv).exists(): continue
        df = read_results(csv)
        df = df[keep(df) & (df.ib == '')]
        for ds, g in df.groupby('dataset', sort=False):
            b = g[g.method.isin(BASELINE_METHODS)]
            best = best_baseline(b)
            ib = g[(g.method == 'ibgan') & (g.p_miss == 0.1)]
            if best is None or ib.empty: continue
            d = paired_diff(pd.concat([ib, b[b.method == best]]), 'ibgan', best)
            row = {'regime': name, 'dataset': ds, 'IB-GAN': f"{ib.balanced_accuracy.mean():.3f}",
                   'best baseline': f"{best} {b[b.method == best].balanced_accuracy.mean():.3f}",
                   'paired difference': f"{d['mean']:+.3f} ± {d['std']:.3f}", 'IB-GAN ahead': f"{d['wins']} of {d['n']}"}
            g0 = g[(g.method == 'ibgan') & (g.p_miss == 0)]
            if len(g0):
                dd = (ib.set_index('seed').balanced_accuracy - g0.set_index('seed').balanced_accuracy).dropna()
                row['generator adds (p_miss 0.1 - 0)'] = f"{dd.mean():+.3f} ({(dd > 0).sum()} of {len(dd)})"
            rows.append(row)
    t = pd.DataFrame(rows).set_index('regime')
    return ('## IB-GAN (library defaults) beside the best baseline, per regime\n\nBalanced accuracy, mean over seeds; the best '
            'baseline is chosen after the fact per regime and dataset; differences paired by seed.\n\n' + markdown_table(t.fillna('')) + '\n\n')


def charts():
    "The sample-size chart (the paper's Figure 4) from the rows at the library's defaults: a quarter, half (experiments/regimes) and all (experiments/benchmark) of the training set."
    r, u = Path('experiments/regimes/bench.csv'), Path('experiments/benchmark/bench.csv')
    if not (r.exists() and u.exists()): return
    df = pd.concat([read_results(r), read_results(u)], ignore_index=True)
    keep = ((df.arch == 'FCN') & (df.budget == 'epochs') & (df.epochs == 20) & (df.frac_drop == 0.75) & (df.ib == '') & df.method.isin(list(SWEEP_BASELINES) + ['ibgan'])
            & ((df.method != 'ibgan') | (df.p_miss == 0.1)))
    sweep_chart(df[keep], 'train_frac').savefig(r.parent / 'train_frac.png', dpi=110)


def uea() -> str:
    "experiments/benchmark: every method on the five dev datasets (FCN under both budgets, PaperCNN at equal epochs): tables and chart."
    u = Path('experiments/benchmark/bench.csv')
    if not u.exists(): return ''
    df = read_results(u)
    df = df[(df.ib == '') & ((df.method != 'ibgan') | (df.p_miss == 0.1))]
    text = '# The benchmark: every method, 5 UEA dev datasets, 10 seeds, 20 epochs or as many optimizer steps as SMOTE\n\n' + results_tables(df)
    (u.parent / 'bench.md').write_text(text)
    results_chart(df).savefig(u.parent / 'bench.png', dpi=90)
    return text


def main():
    out = [uea()]
    t = Path('experiments/defaults/tuning/bench.csv')
    if t.exists():
        df = read_results(t)
        text = ('# Tuning: FCN, 20 epochs, 10 seeds, the paper\'s imbalance (75% of half the classes dropped)\n\n'
                + section('IB-GAN configurations', df) + steps_table(df))
        (t.parent / 'tuning.md').write_text(text); out.append(text)
    r = Path('experiments/regimes/bench.csv')
    if r.exists():
        df = read_results(r)
        parts = ['# Regimes\n\n']
        parts.append(section('Stronger imbalance: 95% of the chosen classes dropped (FCN, 20 epochs)',
                             df[(df.frac_drop == 0.95) & (df.arch == 'FCN') & (df.epochs == 20)]))
        for f in sorted(df.train_frac.unique()):
            if f < 1: parts.append(section(f'Fewer samples: {f:g} of each class kept, then 75% of half the classes dropped (FCN, 20 epochs)',
                                           df[(df.train_frac == f) & (df.frac_drop == 0.75) & (df.arch == 'FCN') & (df.epochs == 20)]))
        parts.append(section('Longer training: 100 epochs (FCN)', df[(df.epochs == 100) & (df.frac_drop == 0.75)]))
        parts.append(section('InceptionTime (20 epochs)', df[(df.arch == 'InceptionTime') & (df.frac_drop == 0.75) & (df.train_frac == 1)]))
        text = ''.join(parts)
        (r.parent / 'regimes.md').write_text(text); out.append(text)
    charts()
    summary = regime_summary()
    Path('experiments/regimes/summary.md').write_text(summary); out.append(summary)
    print('\n'.join(out))


if __name__ == '__main__': main()
