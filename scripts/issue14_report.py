"""Issue 14's accuracy check: each cheaper IB-GAN step against issue 13's defaults, paired by seed (FCN, 20 epochs, 10 seeds,
the five dev datasets, both budgets; rows in results/confirm). Prints markdown; writes results/confirm/cpu_cost14.md.

    .venv/bin/python scripts/issue14_report.py
"""
from pathlib import Path
import pandas as pd
from tsai_ibgan.bench import read_results
from tsai_ibgan.report import markdown_table

KEYS = ['dataset', 'budget', 'seed']
DEFAULTS = "denoise=0.2 fill='interp' masks='block'" # the ib cell of issue 13's defaults (p_miss 0.3, gd_every=1)
CANDIDATES = ["gd_every=2", "gd_every=2 gd_nf=16", "gd_every=2 gd_nf=24", "gd_every=3", "n_syn=16"] # what each adds to the defaults


def main(folder='results/confirm'):
    df = read_results(Path(folder) / 'bench.csv')
    df = df[(df.method == 'ibgan') & (df.arch == 'FCN') & (df.p_miss == 0.3) & (df.profile == 'step') & (df.epochs == 20)]
    df = df[df.error.isna()] if 'error' in df.columns else df
    base = df[df.ib == DEFAULTS]
    rows = []
    for extra in CANDIDATES:
        cell = ' '.join(sorted(DEFAULTS.split() + extra.split()))
        c = df[df.ib == cell]
        if c.empty: continue
        m = c[KEYS + ['balanced_accuracy']].merge(base[KEYS + ['balanced_accuracy']], on=KEYS, suffixes=('', '_ref'))
        m['diff'] = m.balanced_accuracy - m.balanced_accuracy_ref
        for budget, g in m.groupby('budget'):
            per = g.groupby('dataset')['diff']
            row = {'candidate (added to the defaults)': extra, 'budget': budget}
            row.update({ds: f"{v.mean():+.3f} ({int((v > 0).sum())}+/{int((v < 0).sum())}-)" for ds, v in per})
            row['mean'] = f"{per.mean().mean():+.3f}"
            row['worst dataset'] = f"{per.mean().min():+.3f}"
            row['seeds'] = len(g)
            rows.append(row)
    t = pd.DataFrame(rows)
    text = ("Paired difference in balanced accuracy, candidate minus the defaults of issue 13 (G and D on every batch; mean over 10 seeds; seeds ahead+/behind-), "
            "FCN, 20 epochs, the paper's imbalance.\n\n" + markdown_table(t.set_index(t.columns[0])) + "\n")
    print(text)
    (Path(folder) / 'cpu_cost14.md').write_text(text)


if __name__ == '__main__': main()
