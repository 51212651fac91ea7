"""Per-batch wall time through whole training epochs (not a profiler window): `FCN` alone, IB-GAN with G and D on every
other batch (`gd_every=2`, today's default) and IB-GAN at p_miss=0 (the floor), product-shaped data (20,000 samples), bs
256, one process, one epoch each in turn; the first round is a warm-up. Batches that train G and D and those that only
impute and weigh alternate, so the first five times show both.

    .venv/bin/python experiments/cost/per_batch.py
"""
import statistics
import time
import warnings
import torch
warnings.filterwarnings('ignore')
from fastai.callback.core import Callback
from tsai.data.core import get_ts_dls
from tsai.data.preprocessing import TSStandardize
from tsai.data.transforms import TSClassification
from tsai.learner import ts_learner
from tsai.models.FCN import FCN
from tsai_ibgan.learner import ibgan_learner
from tsai_ibgan.bench.cost import product_like


class BatchTimes(Callback):
    "Wall time from one training batch's start to the next one's (the last: to the end of the epoch)."
    order = -100
    def before_train(self): self.ts, self.last = [], None
    def before_batch(self):
        if not self.training: return
        t = time.perf_counter()
        if self.last is not None: self.ts.append(t - self.last)
        self.last = t
    def after_train(self): self.ts.append(time.perf_counter() - self.last)


def main(rounds=3):
    X, y, splits = product_like(20_000, seed=0)
    dls = get_ts_dls(X, y, splits=splits, tfms=[None, TSClassification()], batch_tfms=[TSStandardize(by_var=True)], bs=256,
                     device=torch.device('cpu'))
    learners = {}
    for name, kw in [('FCN alone', None), ('IB-GAN, gd_every=2', dict(gd_every=2)), ('IB-GAN at p_miss=0 (floor)', dict(p_miss=0.))]:
        cb = BatchTimes()
        learners[name] = (cb, ts_learner(dls, FCN, cbs=cb) if kw is None else ibgan_learner(dls, FCN, cbs=cb, **kw))
    for r in range(rounds):
        for name, (cb, learn) in learners.items():
            with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
            ms = [t * 1e3 for t in cb.ts]
            if r: print(f"{name}: {len(ms)} batches, mean {statistics.mean(ms):.1f} ms, median {statistics.median(ms):.1f} ms, "
                        f"first five {[round(t) for t in ms[:5]]}, epoch {sum(ms) / 1e3:.2f} s")


if __name__ == '__main__': main()
