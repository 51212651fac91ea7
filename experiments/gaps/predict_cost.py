"""What prediction costs on series with gaps: an exported IB-GAN Learner (`nan_as_missing=True`) filling the gaps with its
generator (conditioned on the classifier's top class, its probabilities, or no class), beside the same classifier
trained on interpolated data, which pays for interpolating first. Timed side by side in one process, median of ROUNDS.

    .venv/bin/python experiments/gaps/predict_cost.py [DATASET] [ROUNDS]     # writes experiments/gaps/predict_cost.md
"""
import sys
import tempfile
import time
import warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np
import torch
from fastai.learner import load_learner
import tsai.inference  # noqa: F401  (tsai's get_X_preds)
from tsai.learner import ts_learner
from tsai_ibgan.all import apply_fill, ibgan_learner, load_uea, make_dls, make_imbalanced, remove_values

name = sys.argv[1] if len(sys.argv) > 1 else 'Epilepsy'
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
torch.set_num_threads(1)
X, y, splits = make_imbalanced(*load_uea(name, '../shared/data/uea'), seed=0)
Xg = remove_values(X, 0.3, 'block', seed=0)
tmp = Path(tempfile.mkdtemp())
ib = ibgan_learner(make_dls(Xg, y, splits), 'FCN', nan_as_missing=True, seed=0, path=tmp)
plain = ts_learner(make_dls(apply_fill(Xg, 'interp'), y, splits), 'FCN', seed=0, path=tmp)
for l in (ib, plain):
    with l.no_bar(), l.no_logging(): l.fit_one_cycle(2, 1e-3)
ib.export('ib.pkl'); plain.export('plain.pkl')
ib, plain = load_learner(tmp / 'ib.pkl'), load_learner(tmp / 'plain.pkl')
Xt, Xt_full = Xg[splits[1]], X[splits[1]]


def timed(fn):
    fn()  # warm-up
    ts = []
    for _ in range(rounds):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    return float(np.median(ts))


def ib_preds(how, data):
    def run():
        ib.ibgan.gan.fill_labels = how
        with ib.no_bar(): ib.get_X_preds(data)
    return run


def plain_preds(data, fill=True):
    def run():
        with plain.no_bar(): plain.get_X_preds(apply_fill(data, 'interp') if fill else data)
    return run


rows = [('interpolate, then the classifier (the baselines)', timed(plain_preds(Xt))),
        ("IB-GAN, G conditioned on the classifier's top class (fill_labels='guess')", timed(ib_preds('guess', Xt))),
        ("IB-GAN, G conditioned on its probabilities ('soft')", timed(ib_preds('soft', Xt))),
        ("IB-GAN, G conditioned on no class ('free', the default)", timed(ib_preds('free', Xt))),
        ('IB-GAN on complete series (G runs anyway: no host read to check for gaps)', timed(ib_preds('free', Xt_full))),
        ('the classifier on complete series', timed(plain_preds(Xt_full, fill=False)))]
base = rows[0][1]
lines = [f'# Prediction on series with gaps: {name}, {len(Xt)} test series, 30% block gaps, FCN, one thread, median of {rounds}', '',
         f'`.venv/bin/python experiments/gaps/predict_cost.py {name} {rounds}`', '',
         '| path | seconds | ratio to interpolate-then-classify |', '|---|---|---|']
lines += [f'| {what} | {s:.4f} | {s / base:.2f} |' for what, s in rows]
out = '\n'.join(lines) + '\n'
print(out)
Path('experiments/gaps/predict_cost.md').write_text(out)
