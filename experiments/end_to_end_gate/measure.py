"""How far ahead of the plain classifier is IB-GAN on tests/test_end_to_end.py's task, seed by seed? RacketSports with the
paper's imbalance, FCN, 8 epochs of fit_one_cycle at 1e-3, bs 32; the imbalance and the training seeded alike for both.
Run by hand from the repository root: .venv/bin/python experiments/end_to_end_gate/measure.py [n_seeds]
Writes experiments/end_to_end_gate/result.md (the margin the test uses comes from it)."""
import sys
from pathlib import Path
import numpy as np
from tsai.learner import ts_learner
from tsai.models.FCN import FCN
from tsai_ibgan.bench.runner import make_dls, scores
from tsai_ibgan.bench.data import load_uea, make_imbalanced
from tsai_ibgan.learner import ibgan_learner

UEA = Path(__file__).resolve().parents[3] / 'shared' / 'data' / 'uea'


def balanced_accuracy(learn) -> float:
    with learn.no_bar(), learn.no_logging():
        learn.fit_one_cycle(8, 1e-3)
        probs, targets = learn.get_preds()
    return scores(targets.numpy(), probs.numpy())['balanced_accuracy']


def main(n:int):
    rows = []
    for seed in range(n):
        X, y, splits = make_imbalanced(*load_uea('RacketSports', UEA), seed=seed)
        plain = balanced_accuracy(ts_learner(make_dls(X, y, splits, bs=32), FCN, seed=seed))
        ib = balanced_accuracy(ibgan_learner(make_dls(X, y, splits, bs=32), FCN, seed=seed))
        rows.append((seed, plain, ib, ib - plain)); print(rows[-1], flush=True)
    d = np.array([r[3] for r in rows])
    out = ['# IB-GAN against the plain classifier on the end-to-end test\'s task\n',
           f'Command: `.venv/bin/python experiments/end_to_end_gate/measure.py {n}`\n',
           '| seed | plain FCN | IB-GAN | IB-GAN - plain |', '|---|---|---|---|']
    out += [f'| {s} | {p:.3f} | {i:.3f} | {x:+.3f} |' for s, p, i, x in rows]
    out += ['', f'Difference: mean {d.mean():+.3f}, std {d.std(ddof=1):.3f}, min {d.min():+.3f}, ahead on {(d > 0).sum()} of {n} seeds.']
    (Path(__file__).parent / 'result.md').write_text('\n'.join(out) + '\n')
    print('\n'.join(out))


if __name__ == '__main__': main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
