"""Fingerprints of short IB-GAN fits under ten settings (recorder values, weight sums of C, G and D, predictions), to check
that a refactor changes no result: run it on two checkouts and compare.

    PYTHONPATH=/path/to/old/checkout .venv/bin/python experiments/tools/same_seed.py old.json
    .venv/bin/python experiments/tools/same_seed.py new.json
    .venv/bin/python experiments/tools/same_seed.py --compare old.json new.json
"""
import json
import sys
import warnings
warnings.filterwarnings('ignore')
import numpy as np
import torch
from fastai.torch_core import set_seed
from tsai.models.FCN import FCN
try: # the benchmark's helpers, in the layout of the checkout being fingerprinted
    from tsai_ibgan.bench.baselines import make_dls
    from tsai_ibgan.bench.data import load_uea, make_imbalanced
except ImportError: # before tsai_ibgan/bench/ existed
    from tsai_ibgan.baselines import make_dls
    from tsai_ibgan.data import load_uea, make_imbalanced
from tsai_ibgan.learner import ibgan_learner

SETTINGS = dict(default={}, separate=dict(feedback='separate'), p0=dict(p_miss=0.), p1=dict(p_miss=1.), info=dict(gan='info'),
                vanilla=dict(gan='vanilla'), paper=dict(weight='paper', balance_real=False, alpha=0.5),
                static=dict(static_idxs=[0], unmasked_idxs=[2]), nsyn=dict(n_syn=48), nan=dict(nan_as_missing=True))


def fingerprint(X, y, splits, **kw) -> dict:
    "Two epochs of IB-GAN from seed 0: what the recorder saw, the weights it left, what it predicts."
    set_seed(0, reproducible=True)
    dls = make_dls(X, y, splits, bs=32)
    set_seed(0, reproducible=True)
    learn = ibgan_learner(dls, FCN, **kw)
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(2, 1e-3)
    with learn.no_bar(): probs, _ = learn.get_preds()
    wsum = lambda m: float(sum(p.double().sum() for p in m.parameters()))
    return dict(values=[[float(v) for v in row] for row in learn.recorder.values],
                probs=float((probs.double() * torch.arange(probs.shape[1])).sum()),
                c=wsum(learn.model), g=wsum(learn.ibgan.generator), d=wsum(learn.ibgan.discriminator))


def main(argv):
    if argv[:1] == ['--compare']:
        a, b = (json.load(open(p)) for p in argv[1:3])
        same = {k: a[k] == b.get(k) for k in a}
        print(same)
        print(f"{sum(same.values())} of {len(same)} settings identical")
        return 0 if all(same.values()) else 1
    X, y, splits = make_imbalanced(*load_uea('Epilepsy'), seed=0)
    X = np.ascontiguousarray(X[:, :, :64])
    Xn = X.copy(); Xn[np.random.default_rng(0).random(Xn.shape) < 0.05] = np.nan  # 5% missing values for nan_as_missing
    out = {name: fingerprint(Xn if kw.get('nan_as_missing') else X, y, splits, **kw) for name, kw in SETTINGS.items()}
    json.dump(out, open(argv[0], 'w'), indent=1)
    print(f"wrote {argv[0]}")
    return 0


if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
