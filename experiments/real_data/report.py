"""Tables of experiments/real_data: every method at its best fill (by AUROC), AUROC / AUPRC / balanced accuracy, each against
gbdt and the best deep baseline (paired by seed, 95% t interval), the kept epoch and the cost per run. Writes summary.md."""
import sys
from pathlib import Path
import numpy as np
import pandas as pd
from tsai_ibgan.bench.runner import ib_config, read_results
from tsai_ibgan.bench.gaps import at_best_fill
from tsai_ibgan.bench.methods import IB_METHODS
from tsai_ibgan.bench.tables import markdown_table
from tsai_ibgan.bench.verdict import paired_ci

HERE = Path(__file__).parent
DEFAULT_IB = set(ib_config({}, 0.3).split()) # today's IB-GAN step, as the bench writes it
STAGES = {'fcn': 'FCN, static features, 20% validation share choosing the epoch (with IB-GAN\'s options, `fcn_ib/`)',
          'gru': 'GRU, static features, 20% validation share choosing the epoch',
          'no_static': 'FCN, without the static features (validation share as above)',
          'no_valid': 'FCN, static features, no validation share: the last epoch'}


def label(r) -> str:
    "A method with its fill, and the IB-GAN options that differ from the defaults."
    extra = ' '.join(p for p in str(r['ib']).split() if p not in DEFAULT_IB) # the options that differ from today's defaults
    if r['method'] in IB_METHODS and float(r['p_miss']) != 0.3: extra = f"p_miss={r['p_miss']:g} {extra}".strip()
    return f"{r['method']} ({r['fill']}{', ' + extra if extra and r['method'] in IB_METHODS else ''})"


def table(df: pd.DataFrame) -> pd.DataFrame:
    df = at_best_fill(df[df.error.isna()], 'roc_auc')
    df = df.assign(who=[label(r) for r in df.to_dict('records')])
    wide = {m: df.pivot_table(index='seed', columns='who', values=m) for m in ('roc_auc', 'pr_auc', 'balanced_accuracy', 'seconds', 'best_epoch')}
    auc = wide['roc_auc']
    gb = [c for c in auc.columns if c.startswith('gbdt')]
    deep = [c for c in auc.columns if not c.startswith('gbdt') and c.split(' ')[0] not in IB_METHODS]
    best_deep = auc[deep].mean().idxmax() if deep else None
    rows = []
    for who in auc.mean().sort_values(ascending=False).index:
        r = {'method (fill)': who, 'seeds': int(auc[who].notna().sum())}
        for m, name in (('roc_auc', 'AUROC'), ('pr_auc', 'AUPRC'), ('balanced_accuracy', 'balanced acc.')):
            v = wide[m][who].dropna(); r[name] = f"{v.mean():.3f} ± {v.std(ddof=1) if len(v) > 1 else 0:.3f}"
        for ref, name in ((gb[0] if gb else None, 'vs gbdt'), (best_deep, 'vs best deep baseline')):
            if ref is None or ref == who: r[name] = ''; continue
            d = (auc[who] - auc[ref]).dropna(); m, lo, hi = paired_ci(d.values)
            r[name] = f"{m:+.3f} ({lo:+.3f} to {hi:+.3f}), {int((d > 0).sum())} of {len(d)}" if not np.isnan(lo) else f"{m:+.3f}"
        r['kept epoch'] = f"{wide['best_epoch'][who].mean():.1f}" if not who.startswith('gbdt') else f"{wide['best_epoch'][who].mean() + 1:.0f} trees"
        r['s per run'] = f"{wide['seconds'][who].mean():.0f}"
        rows.append(r)
    return pd.DataFrame(rows).set_index('method (fill)')


def main():
    parts = ['# PhysioNet 2012 set A: the tables (written by `report.py`)\n',
             'Test AUROC / AUPRC of in-hospital death and balanced accuracy; mean ± std over seeds; differences in AUROC paired by '
             'seed with a 95% t interval and the seeds ahead. Baselines at their best fill (interp or the training mean, chosen '
             'by mean AUROC); `generator`: IB-GAN reads the NaN; `native`: the trees read them. Seconds per run on 2 cores, two '
             'runs at a time.\n']
    for stage, what in STAGES.items():
        csvs = [HERE / stage / 'bench.csv'] + (sorted((HERE / 'fcn_ib').glob('*/bench.csv')) if stage == 'fcn' else []) # IB-GAN's options beside the FCN table
        csvs = [c for c in csvs if c.exists()]
        if not csvs: continue
        parts += [f'## {stage}: {what}\n', markdown_table(table(pd.concat([read_results(c) for c in csvs], ignore_index=True))), '']
    (HERE / 'summary.md').write_text('\n'.join(parts) + '\n')
    print('\n'.join(parts))


if __name__ == '__main__': main()
