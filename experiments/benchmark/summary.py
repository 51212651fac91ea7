"""The benchmark's verdict per dataset, arch and budget, from experiments/benchmark/bench.csv: the best baseline (chosen after the
fact among every baseline), IB-GAN, their paired difference and the seeds IB-GAN is ahead; and the steps each run took.

    .venv/bin/python experiments/benchmark/summary.py      # prints markdown
"""
import pandas as pd
from tsai_ibgan.bench.runner import read_results
from tsai_ibgan.bench.methods import BASELINE_METHODS
from tsai_ibgan.bench.tables import best_baseline, markdown_table, paired_diff


def main(csv='experiments/benchmark/bench.csv'):
    df = read_results(csv)
    df = df[(df.ib == '') & ((df.method != 'ibgan') | (df.p_miss == 0.1))]
    rows, steps = [], []
    for (arch, budget, ds), g in df.groupby(['arch', 'budget', 'dataset'], sort=False):
        best = best_baseline(g)
        ib = g[g.method == 'ibgan']
        if best is None or ib.empty: continue
        d = paired_diff(g, 'ibgan', best)
        b = g[g.method == best].balanced_accuracy
        rows.append({'arch': arch, 'budget': budget, 'dataset': ds, 'seeds': ib.seed.nunique(), 'best baseline': best,
                     'its balanced accuracy': f'{b.mean():.3f}', 'IB-GAN': f'{ib.balanced_accuracy.mean():.3f}',
                     'paired difference': f"{d['mean']:+.3f} ± {d['std']:.3f}", 'IB-GAN ahead': f"{d['wins']} of {d['n']}"})
        s = g.groupby('method').steps.mean()
        if budget == 'steps': steps.append({'arch': arch, 'budget': budget, 'dataset': ds, **{m: f'{v:.0f}' for m, v in s.items() if m in ('plain', 'smote', 'ibgan', 'downsample')}})
    t = pd.DataFrame(rows).set_index('arch')
    print('## IB-GAN beside the best baseline (every baseline; balanced accuracy, paired by seed)\n')
    print(markdown_table(t))
    if steps:
        print('\n## Optimizer steps per run (mean over seeds)\n')
        print(markdown_table(pd.DataFrame(steps).set_index('arch').fillna('')))


if __name__ == '__main__': main()
