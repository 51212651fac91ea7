"""Tables for README "When to use IB-GAN": every IB-GAN configuration beside the best baseline of the same seeds, per regime.

.venv/bin/python scripts/report.py    # writes results/tuning/tuning.md and results/regimes/regimes.md, prints both
"""
from pathlib import Path
import pandas as pd
from tsai_ibgan.ablation import config_table
from tsai_ibgan.bench import markdown_table, read_results


def section(title:str, df:pd.DataFrame) -> str:
    if df.empty or not (df.method == 'ibgan').any(): return ''
    n_seeds = df[df.method == 'ibgan'].groupby(['p_miss', 'ib', 'dataset']).seed.nunique().max()
    return (f'## {title}\n\nPer cell: IB-GAN balanced accuracy (mean over seeds), its paired difference to the best baseline '
            f'of that dataset, the baseline, and the seeds where IB-GAN is ahead (up to {n_seeds}).\n\n'
            + markdown_table(config_table(df)) + '\n\n')


def main():
    out = []
    t = Path('results/tuning/bench.csv')
    if t.exists():
        df = read_results(t)
        text = '# Tuning: FCN, 20 epochs, 10 seeds, the paper\'s imbalance (75% of half the classes dropped)\n\n' + section('IB-GAN configurations', df)
        (t.parent / 'tuning.md').write_text(text); out.append(text)
    r = Path('results/regimes/bench.csv')
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
    print('\n'.join(out))


if __name__ == '__main__': main()
