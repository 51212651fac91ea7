"""What `gd_bf16` saves inside real fits: the IB-GAN step's own time (`ImputationGAN.step`, which draws, masks, imputes,
trains D and builds G's loss; G's backward pass runs later, inside the classifier's), medians over the steps that train G
and D and those that only impute, float32 and bf16 G and D fitted in turn, with run times.

    .venv/bin/python experiments/precision/step.py
"""
import statistics
import time
import warnings
warnings.filterwarnings('ignore')
from fastai.torch_core import set_seed
from tsai.all import FCN, TSClassification, TSStandardize, get_ts_dls
from tsai_ibgan.bench.runner import run_replicate
from tsai_ibgan.bench.data import load_uea
from tsai_ibgan.gan import ImputationGAN
from tsai_ibgan.learner import ibgan_learner
from tsai_ibgan.bench.cost import product_like

_step = ImputationGAN.step
times = {}


def _timed(self, *args, **kwargs):
    t0 = time.perf_counter(); out = _step(self, *args, **kwargs)
    trained = (self.n_steps - 1) % self.gd_every == 0
    times.setdefault((self.tag, trained), []).append(time.perf_counter() - t0)
    return out


def main():
    ImputationGAN.step, ImputationGAN.tag = _timed, None
    print("| data | G and D | IB-GAN step that trains G and D, ms | step that only imputes, ms | run seconds |\n|---|---|---|---|---|")
    X, y, splits = load_uea('Epilepsy')
    runs = {}
    for rep in range(2): # the demo's first replicate (FCN, bs 32, 20 epochs), float32 and bf16 in turn
        for bf16 in (False, True):
            ImputationGAN.tag = ('Epilepsy, bs 32', bf16)
            r = run_replicate(X, y, splits, 'ibgan', 'FCN', 20, 1e-3, 32, 0, gd_bf16=bf16)
            runs.setdefault(ImputationGAN.tag, []).append(r['seconds'])
    X, y, splits = product_like(20_000, seed=0) # `tsai-ibgan overhead`'s data, one epoch each in turn after a warm-up
    dls = get_ts_dls(X, y, splits=splits, tfms=[None, TSClassification()], batch_tfms=[TSStandardize(by_var=True)], bs=256)
    learners = {}
    for bf16 in (False, True):
        set_seed(0); learners[bf16] = ibgan_learner(dls, FCN, gd_bf16=bf16)
    for r in range(3):
        for bf16, learn in learners.items():
            ImputationGAN.tag = ('product-shaped, bs 256', bf16) if r else None
            t0 = time.perf_counter()
            with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
            if r: runs.setdefault(ImputationGAN.tag, []).append(time.perf_counter() - t0)
    for tag, secs in runs.items():
        ms = [statistics.median(times[(tag, t)]) * 1e3 for t in (True, False)]
        print(f"| {tag[0]} | {'bf16' if tag[1] else 'float32'} | {ms[0]:.1f} | {ms[1]:.1f} | {', '.join(f'{s:.2f}' for s in secs)} |")


if __name__ == '__main__': main()
