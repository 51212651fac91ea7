"""Does IB-GAN add to the strongest loss? Tables from a bench CSV holding the stacks (ibgan+logit_adjust, ibgan+ldam_drw),
the losses alone, IB-GAN alone and the other baselines: per budget and imbalance profile, each stack configuration
(p_miss and its `ib` cell) minus its loss alone, minus the best baseline of each dataset (chosen after the fact among every
baseline), minus IB-GAN alone and minus the same stack at p_miss = 0, paired by seed. Prints markdown; writes FOLDER/summary.md.

    .venv/bin/python experiments/stacking/report.py experiments/stacking/screen
    .venv/bin/python experiments/stacking/report.py experiments/stacking/confirm
"""
import sys
from pathlib import Path
import numpy as np
import pandas as pd
from tsai_ibgan.bench.runner import ib_config, read_results
from tsai_ibgan.bench.methods import BASELINE_METHODS, STACKS
from tsai_ibgan.bench.tables import best_baseline, markdown_table

KEYS = ['dataset', 'arch', 'budget', 'profile', 'epochs', 'seed']
LOSS_OF = {s: s.split('+', 1)[1] for s in STACKS}  # ibgan+ldam_drw -> ldam_drw


def paired(a: pd.DataFrame, b: pd.DataFrame, metric='balanced_accuracy') -> tuple:
    "Mean of a - b over the seeds both have, seeds a is ahead, seeds shared."
    m = a[KEYS + [metric]].merge(b[KEYS + [metric]], on=KEYS, suffixes=('_a', '_b'))
    d = m[f'{metric}_a'] - m[f'{metric}_b']
    return (d.mean() if len(d) else np.nan), int((d > 0).sum()), len(d)


STEP = set(ib_config({}, 0.3).split()) | {"gd_bf16=None", "gd_every=2"}  # today's step: left out of the labels


def short(ib: str) -> str: return ' '.join(p for p in ib.split() if p not in STEP)


def fmt(t: tuple) -> str: return f"{t[0]:+.3f} ({t[1]}/{t[2]})" if t[2] else ''


def strip_ib(ib: str, drop=('balance_real', 'syn_loss')) -> str:
    "The step options of an `ib` cell, without the stack's own options: the cell an IB-GAN-alone row of the same step has."
    return ' '.join(p for p in ib.split() if p.split('=', 1)[0] not in drop)


def stack_opts(ib: str) -> str:
    "The stack's own options of an `ib` cell (how the loss meets the two halves)."
    return ' '.join(p for p in ib.split() if p.split('=', 1)[0] in ('balance_real', 'syn_loss'))


def rule(diffs: list) -> str:
    "The project's rule for a default: favoured on average and on most datasets, none behind by more than 0.01."
    d = [x for x in diffs if not np.isnan(x)]
    if not d: return ''
    ok = np.mean(d) > 0 and sum(x > 0 for x in d) > len(d) / 2 and min(d) >= -0.01
    return 'passes' if ok else 'fails'


def tables(df: pd.DataFrame) -> str:
    df = df[df.error.isna()].copy() if 'error' in df.columns else df.copy()
    df['ib'] = df['ib'].fillna('')
    out = []
    for (arch, budget, profile, epochs), g in df.groupby(['arch', 'budget', 'profile', 'epochs'], sort=False):
        stacks = g[g.method.isin(list(STACKS))]
        if stacks.empty: continue
        base = g[g.method.isin(BASELINE_METHODS)]
        datasets = list(dict.fromkeys(g.dataset))
        acc_rows, diff_rows = [], []
        # accuracy of every stack configuration, the losses alone, IB-GAN alone and the best baseline, per dataset
        for ds in datasets:
            b = base[base.dataset == ds]
            best = best_baseline(b)
            acc_rows.append({'dataset': ds, 'best baseline': f"{best} {b[b.method == best].balanced_accuracy.mean():.3f}" if best else '',
                             **{m: f"{b[b.method == m].balanced_accuracy.mean():.3f}" for m in LOSS_OF.values() if (b.method == m).any()}})
        for (method, p_miss, ib), c in stacks.groupby(['method', 'p_miss', 'ib'], sort=False):
            conf = f"{method} p_miss={p_miss:g} {short(ib)}".strip()
            loss = base[base.method == LOSS_OF[method]]
            p0 = stacks[(stacks.method == method) & (stacks.p_miss == 0) & (stacks.ib.map(stack_opts) == stack_opts(ib))]
            alone = g[(g.method == 'ibgan') & (g.p_miss == p_miss) & (g.ib == strip_ib(ib))]
            if alone.empty: # IB-GAN alone run before gd_bf16 existed: G and D in float32 (bf16 vs float32: the same score on 47 of 50 runs)
                alone = g[(g.method == 'ibgan') & (g.p_miss == p_miss) & (g.ib == strip_ib(ib, ('balance_real', 'syn_loss', 'gd_bf16')))]
            for what, ref_of in (('minus its loss alone', lambda ds: loss[loss.dataset == ds]),
                                 ('minus the best baseline', lambda ds: base[(base.dataset == ds) & (base.method == best_baseline(base[base.dataset == ds]))]),
                                 ('minus IB-GAN alone (same step)', lambda ds: alone[alone.dataset == ds]),
                                 ('minus the same stack at p_miss=0 (the generator)', lambda ds: p0[p0.dataset == ds])):
                if what.endswith('(the generator)') and p_miss == 0: continue
                row, means = {'stack': conf, 'difference': what}, []
                for ds in datasets:
                    t = paired(c[c.dataset == ds], ref_of(ds))
                    row[ds] = fmt(t)
                    if t[2]: means.append(t[0])
                if not means: continue
                row['mean'] = f"{np.mean(means):+.3f}"
                row['datasets ahead'] = f"{sum(m > 0 for m in means)}/{len(means)}"
                row['rule'] = rule(means)
                diff_rows.append(row)
            for r in acc_rows: r[conf] = f"{c[c.dataset == r['dataset']].balanced_accuracy.mean():.3f}"
        alone_all = g[g.method == 'ibgan']
        for r in acc_rows:
            a = alone_all[alone_all.dataset == r['dataset']]
            for ib, ai in a.groupby('ib', sort=False):
                r[f"ibgan p_miss={ai.p_miss.iloc[0]:g} {short(ib)}".strip()] = f"{ai.balanced_accuracy.mean():.3f}"
        acc = pd.DataFrame(acc_rows).set_index('dataset').fillna('')
        mean_row = {}
        for col in acc.columns:
            vals = pd.to_numeric(acc[col].str.split().str[-1], errors='coerce')
            mean_row[col] = f"{vals.mean():.3f}" if vals.notna().all() else ''
        acc.loc['mean'] = mean_row
        n_seeds = stacks.seed.nunique()
        out.append(f"## {arch}, {epochs} epochs, equal {budget}, {profile} imbalance ({n_seeds} seeds)\n\n"
                   f"Balanced accuracy, mean over seeds:\n\n{markdown_table(acc.T)}\n\n"
                   f"Step options not named are today's defaults (block masks, fill='interp', denoise=0.2, gd_every=2). Paired differences in balanced accuracy (seeds ahead / seeds); rule: favoured on average and on most datasets, "
                   f"none behind by more than 0.01:\n\n{markdown_table(pd.DataFrame(diff_rows).set_index('stack').fillna(''))}\n")
    return '\n'.join(out)


def main(folder: str):
    folder = Path(folder)
    text = tables(read_results(folder / 'bench.csv'))
    print(text)
    (folder / 'summary.md').write_text(f"<!-- made by: .venv/bin/python experiments/stacking/report.py {folder} -->\n" + text)


if __name__ == '__main__': main(*sys.argv[1:])
