"""The accuracy check of the cheaper steps: each cheaper IB-GAN step against the step it would replace, paired by seed (FCN, 20 epochs,
10 seeds, the five dev datasets, both budgets; rows in experiments/defaults/confirm). The CPU levers of `experiments/cost/levers_accuracy.sh` and
`experiments/cost/n_syn_accuracy.sh` are paired with the block-mask defaults (G and D on every batch); bf16 G and D (`experiments/precision/accuracy.sh`) with
the same step in float32 (today's defaults before it). Prints markdown; writes experiments/cost/levers_accuracy.md.

    .venv/bin/python experiments/cost/levers_report.py
"""
from pathlib import Path
import pandas as pd
from tsai_ibgan.bench.runner import read_results
from tsai_ibgan.bench.tables import markdown_table

KEYS = ['dataset', 'budget', 'seed']
DEFAULTS = "denoise=0.2 fill='interp' masks='block'" # the ib cell of the block-mask defaults (p_miss 0.3, gd_every=1)
CANDIDATES = ["gd_every=2", "gd_every=2 gd_nf=16", "gd_every=2 gd_nf=24", "gd_every=3", "n_syn=16"] # what each adds to the defaults
FLOAT32 = "gd_every=2" # today's step in float32: the reference of bf16 G and D
BF16 = "gd_bf16=True gd_every=2"


def _cell(extra:str) -> str: return ' '.join(sorted(DEFAULTS.split() + extra.split()))


def _rows(df:pd.DataFrame, extra:str, ref:str) -> list[dict]:
    "Per budget: the paired difference of the cell `extra` minus the cell `ref` (both added to the block-mask defaults)."
    c, base = df[df.ib == _cell(extra)], df[df.ib == (_cell(ref) if ref else DEFAULTS)]
    m = c[KEYS + ['balanced_accuracy']].merge(base[KEYS + ['balanced_accuracy']], on=KEYS, suffixes=('', '_ref'))
    m['diff'] = m.balanced_accuracy - m.balanced_accuracy_ref
    rows = []
    for budget, g in m.groupby('budget'):
        per = g.groupby('dataset')['diff']
        row = {'candidate': extra, 'paired with': ref or "the block-mask defaults", 'budget': budget}
        row.update({ds: f"{v.mean():+.3f} ({int((v > 0).sum())}+/{int((v < 0).sum())}-)" for ds, v in per})
        row['mean'] = f"{per.mean().mean():+.4f}"
        row['worst dataset'] = f"{per.mean().min():+.3f}"
        row['seeds'] = len(g)
        rows.append(row)
    return rows


def main(folder='experiments/defaults/confirm'):
    df = read_results(Path(folder) / 'bench.csv')
    df = df[(df.method == 'ibgan') & (df.arch == 'FCN') & (df.p_miss == 0.3) & (df.profile == 'step') & (df.epochs == 20)]
    df = df[df.error.isna()] if 'error' in df.columns else df
    rows = [r for extra in CANDIDATES for r in _rows(df, extra, '')] + _rows(df, BF16, FLOAT32)
    t = pd.DataFrame(rows)
    text = ("Paired difference in balanced accuracy, candidate minus the step it is paired with (mean over 10 seeds; seeds "
            "ahead+/behind-), FCN, 20 epochs, the paper's imbalance. A cell is the block-mask defaults plus the arguments named.\n\n"
            + markdown_table(t.set_index(t.columns[0])) + "\n")
    print(text)
    Path('experiments/cost/levers_accuracy.md').write_text(text)


if __name__ == '__main__': main()
