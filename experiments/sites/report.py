"""Tables of experiments/sites: for each direction (train at one hospital, test at the other), every method and option at
the epoch its own validation share chose: AUROC / AUPRC of sepsis at the other hospital, the worst seed, the difference to
gbdt on the same data (paired by seed, 95% t interval, seeds ahead), the kept epoch and the cost per run. Writes summary.md."""
import re
from pathlib import Path
import numpy as np
import pandas as pd
from tsai_ibgan.bench.runner import ib_config, read_results
from tsai_ibgan.bench.gaps import at_best_fill
from tsai_ibgan.bench.methods import IB_METHODS
from tsai_ibgan.bench.tables import markdown_table
from tsai_ibgan.bench.verdict import paired_ci

HERE = Path(__file__).parent
DEFAULT_IB = set(ib_config({}, 0.3).split())
PREP = {'': '', 'scaled': 'each hospital standardised by itself', 'shared': 'shared channels only', 'scaled_shared': 'standardised per hospital, shared channels'}


def label(r) -> str:
    "The preparation, the method with its fill, and the IB-GAN options that differ from the defaults."
    extra = ' '.join(p for p in str(r['ib']).split() if p not in DEFAULT_IB) if r['method'] in IB_METHODS else ''
    prep = PREP[re.sub(r'^sepsis2019_slice_?|_?test_[AB]$', '', r['dataset'])]
    if r.get('stats') == 'one batch': prep = "tsai's standardisation from one batch" 
    arch = '' if r.get('arch', 'FCN') == 'FCN' else f"{r['arch']}: "
    return f"{arch}{r['method']} ({r['fill']}{', ' + extra if extra else ''})" + (f" [{prep}]" if prep else '')


def table(df: pd.DataFrame) -> pd.DataFrame:
    df = at_best_fill(df[df.error.isna()], 'roc_auc')
    df = df.assign(who=[label(r) for r in df.to_dict('records')])
    wide = {m: df.pivot_table(index='seed', columns='who', values=m) for m in ('roc_auc', 'pr_auc', 'seconds', 'best_epoch')}
    auc = wide['roc_auc']
    ref = next((c for c in auc.columns if c == 'gbdt (native)'), None)
    rows = []
    for who in auc.mean().sort_values(ascending=False).index:
        v = auc[who].dropna()
        r = {'method (fill, options) [preparation]': who, 'seeds': len(v), 'AUROC': f"{v.mean():.3f} ± {v.std(ddof=1) if len(v) > 1 else 0:.3f}",
             'worst seed': f"{v.min():.3f}"}
        p = wide['pr_auc'][who].dropna(); r['AUPRC'] = f"{p.mean():.3f} ± {p.std(ddof=1) if len(p) > 1 else 0:.3f}"
        if ref is None or ref == who: r['vs gbdt'] = ''
        else:
            d = (auc[who] - auc[ref]).dropna(); m, lo, hi = paired_ci(d.values)
            r['vs gbdt'] = f"{m:+.3f} ({lo:+.3f} to {hi:+.3f}), {int((d > 0).sum())} of {len(d)}" if not np.isnan(lo) else f"{m:+.3f}"
        r['kept epoch'] = f"{wide['best_epoch'][who].mean() + 1:.0f} trees" if who.startswith('gbdt') else f"{wide['best_epoch'][who].mean():.1f}"
        r['s per run'] = f"{wide['seconds'][who].mean():.0f}"
        rows.append(r)
    return pd.DataFrame(rows).set_index('method (fill, options) [preparation]')


def main():
    csvs = sorted(HERE.glob('*/bench.csv'))
    df = pd.concat([read_results(c) if c.parent.name != 'one_batch_stats' else pd.read_csv(c).assign(ib='', error=None) for c in csvs], ignore_index=True)
    df['test'] = df.dataset.str[-1]
    within, df = df[df.dataset.str.startswith('hospital_')], df[~df.dataset.str.startswith('hospital_')]
    parts = ['# Across hospitals: the tables (written by `report.py`)\n',
             'PhysioNet/CinC 2019, the shared slice: from the first 24 hours of a stay, sepsis later in the stay. Trained at one '
             'hospital (a 20% validation share of it chooses the epoch), tested at the other. FCN, bs 64, 10 epochs at equal '
             'steps; static features as channels (columns for gbdt). Mean ± std over seeds, the worst seed, differences in '
             'AUROC to gbdt on the unprepared data, paired by seed (95% t interval, seeds ahead). Baselines at their best fill '
             '(interp or the training mean, by mean AUROC); `generator`: IB-GAN reads the NaN; `native`: the trees read them. '
             'Seconds per run on 2 cores, two runs at a time.\n']
    for test, train in (('B', 'A'), ('A', 'B')):
        part = df[df.test == test]
        if part.empty: continue
        parts += [f'## Trained at hospital {train}, tested at hospital {test}\n', markdown_table(table(part)), '']
    for h in ('A', 'B'):
        part = within[within.test == h]
        if part.empty: continue
        parts += [f'## Within hospital {h}: trained and tested there (a stratified 25% of its stays for testing)\n',
                  markdown_table(table(part.assign(dataset='sepsis2019_slice'))), '']
    (HERE / 'summary.md').write_text('\n'.join(parts) + '\n')
    print('\n'.join(parts))


if __name__ == '__main__': main()
