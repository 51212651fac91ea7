"""What one IB-GAN step costs on this machine, part by part, at the product-shaped data of `tsai-ibgan overhead`
(23 channels x 21 steps, bs 256, G and D at the library's width): interleaved timings, medians of 20 after 5 warm-ups.

    .venv/bin/python experiments/cost/gd_parts.py [--gd-nf 32]
"""
import argparse
import statistics
import time
import warnings
import torch
import torch.nn.functional as F
warnings.filterwarnings('ignore')
from tsai.models.FCN import FCN
from tsai_ibgan.gan import ImputationGAN
from tsai_ibgan.masking import interpolate_missing, make_hint, make_mask
from tsai_ibgan.bench.cost import product_like


def main(gd_nf=None, bs=256, reps=20, warm=5):
    X, y, _ = product_like(2000, seed=0)
    x, yy = torch.tensor(X[:bs]), torch.tensor(y[:bs]).long()
    torch.manual_seed(0)
    gan = ImputationGAN(x.shape[1], x.shape[2], 2, gd_nf=gd_nf)
    G, D = gan.generator, gan.discriminator
    clf = FCN(x.shape[1], 2); opt = torch.optim.Adam(clf.parameters())
    mask = make_mask(x.shape, 0.3, 'block', 5, 'cpu'); xi = interpolate_missing(x, mask)
    x2, m2, y2 = torch.cat([x, x]), torch.cat([mask, mask]), torch.cat([yy, yy])
    xr = x.clone().requires_grad_()

    def clf_step(xb, yb):
        loss = F.cross_entropy(clf(xb), yb); opt.zero_grad(); loss.backward(); opt.step()
    def no_grad(f):
        with torch.no_grad(): f()
    def ib_step():
        out = gan.step(x, yy)
        loss = (out.w * F.cross_entropy(clf(out.x_cls), yy, reduction='none')).mean()
        loss.backward(); gan.finish(out, loss); opt.zero_grad()
    parts = {
        'FCN step, bs 256 (the classifier alone)': lambda: clf_step(x, yy),
        'FCN step, bs 512 (real + synthetic)': lambda: clf_step(x2, y2),
        'G forward, no grad (n)': lambda: no_grad(lambda: G(xi, mask, yy)),
        'G forward + backward (n)': lambda: G(xi, mask, yy).sum().backward(),
        'D forward + backward to its weights (2n: the D step)': lambda: D(x2, m2, y2).sum().backward(inputs=list(D.parameters())),
        'D forward + backward to its input (n: G loss)': lambda: D(xr, mask, yy).sum().backward(inputs=[xr]),
        'D forward, no grad (n: the weights)': lambda: no_grad(lambda: D(x, mask, yy)),
        'masks, line, hint (random draws)': lambda: (make_mask(x.shape, 0.3, 'block', 5, 'cpu'), interpolate_missing(x, mask), make_hint(mask, 0.5)),
        'IB-GAN step + classifier backward through it (G/D trained)': ib_step,
    }
    times = {k: [] for k in parts}
    for r in range(warm + reps):
        for k, f in parts.items():
            t0 = time.perf_counter(); f(); dt = time.perf_counter() - t0
            if r >= warm: times[k].append(dt)
    print(f"| part (bs {bs}, G and D {gd_nf or 'default'} filters, {torch.get_num_threads()} threads) | ms, median of {reps} |\n|---|---|")
    for k, v in times.items(): print(f"| {k} | {statistics.median(v) * 1e3:.1f} |")


if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('--gd-nf', type=int, default=None); p.add_argument('--bs', type=int, default=256)
    a = p.parse_args(); main(a.gd_nf, a.bs)
