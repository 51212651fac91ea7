"""Known answers for the method itself, on tensors: the discriminator tells imputed from observed values, a synthetic sample keeps
the label of the series it came from, the weight is D's prior-corrected odds, the classifier's loss mixes the halves as
`alpha * real + (1 - alpha) * mean(w * synthetic)`; and for the baselines and statistics the README's comparisons rest on.
Each would fail under a plausible break of the method (targets flipped, labels shuffled, a wrong weight or mixture)."""
from types import SimpleNamespace
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy import stats
from fastai.losses import CrossEntropyLossFlat
from fastcore.foundation import L
from tsai.learner import ts_learner
from tsai.data.core import get_ts_dls
from tsai.data.transforms import TSClassification
from tsai_ibgan.callback import BatchState, IBGANCallback
from tsai_ibgan.gan import ImputationGAN
from tsai_ibgan.losses import sample_weights
from tsai_ibgan.masking import make_hint
from tsai_ibgan.bench.verdict import paired_ci


def test_discriminator_learns_to_call_imputed_values_fake():
    "After D steps on a fixed batch, D's probability of 'real' is lower where G imputed than where values were observed."
    torch.manual_seed(0)
    t = torch.linspace(0, 6.28, 32)
    x = torch.stack([torch.sin(t + p) for p in torch.rand(64) * 6.28])[:, None].repeat(1, 2, 1) # [64, 2, 32] smooth series
    y = torch.arange(64) % 2
    gan = ImputationGAN(2, 32, 2, p_miss=0.5, fill='noise', masks='mcar')
    x_syn, mask = gan.synthesize(x, y) # an untrained G: noise where it imputes
    for _ in range(150): gan._d_step(x_syn, x, mask, None, y, None)
    with torch.no_grad(): p = torch.sigmoid(gan.discriminator(x_syn, torch.full_like(mask, 0.5), y))
    p_imputed, p_observed = p[mask == 1].mean(), p[mask == 0].mean()
    assert p_imputed < p_observed - 0.2, (float(p_imputed), float(p_observed))
    w = gan.weights(x_syn, mask, y)
    assert w.mean() < 1, "D sees through the imputations, so they weigh less than a real sample"


def _sines(n=64, steps=32):
    torch.manual_seed(0)
    t = torch.linspace(0, 6.28, steps)
    return torch.stack([torch.sin(t + p) for p in torch.rand(n) * 6.28])[:, None].repeat(1, 2, 1), torch.arange(n) % 2 # [n, 2, steps], [n]


def test_generator_learns_to_fool_a_fixed_discriminator():
    "G's adversarial loss alone (no reconstruction, no feedback), D fixed after learning to spot noise: D's belief that G's values are real rises."
    x, y = _sines()
    gan = ImputationGAN(2, 32, 2, p_miss=0.5, fill='noise', masks='mcar', lambda_rec=0., lambda_cls=0., denoise=0.)
    x_syn, mask = gan.synthesize(x, y)
    for _ in range(50): gan._d_step(x_syn, x, mask, None, y, None)
    def p_real_imputed() -> float:
        torch.manual_seed(1); xs, m = gan.synthesize(x, y)
        with torch.no_grad(): return torch.sigmoid(gan.discriminator(xs, torch.full_like(m, 0.5), y))[m == 1].mean().item()
    before = p_real_imputed()
    torch.manual_seed(2); _, m = gan.synthesize(x, y)
    for _ in range(30): # G's own update only: D's weights never move
        x_hat = gan._impute(x, m, y, None)
        loss = gan._g_loss(x * (1 - m) + x_hat * m, x_hat, x, m, None, y, None)
        gan.g_opt.zero_grad(); loss.backward(inputs=list(gan.generator.parameters())); gan.g_opt.step()
    after = p_real_imputed()
    assert after > before + 0.3, (before, after) # measured: 0.37 -> 1.00


def test_generator_reconstruction_loss_is_on_the_observed_values():
    "G's loss grows by lambda_rec * d^2 when its output is off by d at the observed values, and not at all when off at the imputed ones."
    x, y = _sines()
    gan = ImputationGAN(2, 32, 2, p_miss=0.5, masks='mcar', lambda_rec=10., lambda_cls=0., denoise=0.)
    torch.manual_seed(3); m = (torch.rand(64, 2, 32) < 0.5).float()
    x_syn = x * (1 - m) + torch.randn_like(x) * m # what D judges: the same in every call
    def g_loss(x_hat) -> float:
        torch.manual_seed(4) # the same hint each time
        with torch.no_grad(): return float(gan._g_loss(x_syn, x_hat, x, m, None, y, None))
    base = g_loss(x)
    assert g_loss(x + 0.5 * (1 - m)) - base == pytest.approx(10 * 0.25, rel=1e-4)
    assert g_loss(x + 0.5 * m) - base == pytest.approx(0, abs=1e-5)


def test_feedback_reaches_the_generator_scaled_and_with_its_sign():
    "The classifier's gradient through a synthetic sample reaches G times `scale`, same sign; the sample's values are unchanged."
    from tsai_ibgan.gan_runtime import feedback_link
    g = torch.randn(5, requires_grad=True)
    x_syn = 2 * g # G's output, with its graph
    out = feedback_link(x_syn, 0.25)
    assert torch.equal(out, x_syn.detach())
    (out * torch.arange(5.)).sum().backward()
    assert torch.allclose(g.grad, 2 * 0.25 * torch.arange(5.))


class _Spy:
    "Records, after IB-GAN's before_batch, the batch the classifier is about to see."
    def __init__(self): self.batches = []


def test_each_synthetic_sample_keeps_the_label_of_its_series():
    "Channel 0 of every series holds its class index: in the synthetic half the observed values of channel 0 equal the label."
    from fastai.callback.core import Callback
    rng = np.random.default_rng(0)
    n = 96; y = np.arange(n) % 3
    X = rng.standard_normal((n, 2, 24)).astype(np.float32)
    X[:, 0] = y[:, None] # the class, in the series itself
    dls = get_ts_dls(X, y, splits=(list(range(72)), list(range(72, 96))), tfms=[None, TSClassification()], bs=24) # no standardisation
    seen = []
    class Spy(Callback):
        order = 1 # after IBGANCallback's before_batch
        def before_batch(self):
            if self.training: seen.append((self.learn.ibgan.batch.n_real, self.xb[0].detach().as_subclass(torch.Tensor).clone(),
                                            self.yb[0].as_subclass(torch.Tensor).clone(), self.learn.ibgan.batch.out.mask.clone()))
    learn = ts_learner(dls, 'FCN', cbs=[IBGANCallback(p_miss=0.3), Spy()], seed=0)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    assert seen
    for n_real, xb, yb, mask in seen:
        xs, ys, m = xb[n_real:, 0], yb[n_real:].float(), mask[:, 0] # synthetic half: channel 0, labels, mask
        obs = m == 0
        assert torch.allclose(xs[obs], ys[:, None].expand_as(xs)[obs]), "a synthetic sample carries another series' label"
        assert torch.allclose(xb[:n_real, 0], yb[:n_real].float()[:, None].expand(-1, xb.shape[-1])) # the real half too


def test_the_draw_is_class_balanced_and_keeps_each_series_label():
    "From 60/30/10 training shares, the synthetic half's source draw gives each class a third, each drawn series with its own label."
    from tsai_ibgan.samples import TrainingSet
    y = np.repeat([0, 1, 2], [60, 30, 10])
    X = np.repeat(np.arange(100, dtype=np.float32)[:, None, None], 8, -1) # every series holds its own index
    dls = get_ts_dls(X, y, splits=(list(range(100)), list(range(100))), tfms=[None, TSClassification()], bs=20)
    torch.manual_seed(0)
    xs, ys = TrainingSet(dls).draw(6000)
    share = torch.bincount(ys, minlength=3).float() / len(ys)
    assert torch.allclose(share, torch.full((3,), 1 / 3), atol=0.03), share # binomial sd ~0.006: 0.03 is five of them
    idx = xs[:, 0, 0].long()
    assert torch.equal(torch.as_tensor(y)[idx], ys) and (xs == xs[:, :, :1]).all()
    assert len(torch.unique(idx[ys == 2])) == 10 # the rare class: every sample drawn, none invented


def test_weight_is_the_prior_corrected_odds_of_real():
    "d/(1-d) over the imputed values, times p/(2-p) (D's prior odds of 'real' at masking rate p), clipped at w_max."
    mask = torch.zeros(3, 1, 10); mask[:, :, :5] = 1 # 5 imputed values each
    prob = torch.zeros(3, 1, 10)
    prob[0, :, :5], prob[1, :, :5], prob[2, :, :5] = 0.8, 0.5, 0.2
    prob[:, :, 5:] = 0.99 # observed values do not count
    w = sample_weights(prob, mask, p_miss=0.5, weight='corrected', w_max=5.)
    expected = torch.tensor([4., 1., 0.25]) * (0.5 / 1.5)
    assert torch.allclose(w, expected, atol=1e-5)
    assert (w[:-1] > w[1:]).all() # the more real D finds a sample, the more it weighs
    assert torch.allclose(sample_weights(prob, mask, 0.5, 'paper'), torch.tensor([4., 1., 0.25]), atol=1e-5)
    assert sample_weights(torch.full_like(prob, 0.999), mask, 0.5, 'paper', w_max=5.).max() == 5.


def test_classifier_loss_mixes_the_halves_as_the_paper_says():
    "lf = alpha * mean(CE(real)) + (1 - alpha) * mean(w * CE(synthetic)), on a batch computed by hand."
    cb = IBGANCallback(p_miss=0.3, alpha=0.75, balance_real=False)
    cb.learn = SimpleNamespace(training=True)
    cb._old_lf, cb._syn_lf = CrossEntropyLossFlat(), None
    pred = torch.tensor([[2., 0.], [0., 1.], [1., 1.], [0., 3.], [3., 0.]])
    yb = torch.tensor([0, 1, 0, 1, 1])
    w = torch.tensor([0.5, 2., 1.])
    cb.batch = BatchState(2, SimpleNamespace(w=w))
    ce = F.cross_entropy(pred, yb, reduction='none')
    expected = 0.75 * ce[:2].mean() + 0.25 * (w * ce[2:]).mean()
    assert torch.allclose(cb.lf(pred, yb), expected)
    cb.balance_real = True # the real half weighted by inverse class frequency
    cb.trainset = SimpleNamespace(class_w=torch.tensor([3., 1.]))
    cw = torch.tensor([3., 1.])
    expected = 0.75 * (cw * ce[:2]).sum() / cw.sum() + 0.25 * (w * ce[2:]).mean()
    assert torch.allclose(cb.lf(pred, yb), expected)


def test_nan_never_reaches_a_loss():
    "With nan_as_missing, series with NaN give finite synthetic samples, weights and losses."
    torch.manual_seed(0)
    x = torch.randn(16, 3, 20); x[:, 1, 5:15] = float('nan'); x[0, 2] = float('nan')
    y = torch.arange(16) % 2
    gan = ImputationGAN(3, 20, 2, p_miss=0.3, nan_as_missing=True, lambda_cls=0.)
    out = gan.step(x, y)
    assert torch.isfinite(out.x_syn).all() and torch.isfinite(out.w).all()
    assert torch.isfinite(out.g_loss) and torch.isfinite(out.d_loss)
    assert (out.mask[torch.isnan(x)] == 1).all() # a missing value is always imputed, never judged real


def test_paired_ci_is_student_t():
    d = np.array([0.01, -0.02, 0.03, 0.015, 0.0])
    m, lo, hi = paired_ci(d)
    want = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))
    assert m == pytest.approx(d.mean()) and (lo, hi) == pytest.approx(want)


@pytest.fixture(scope='module')
def skewed():
    "60 / 30 / 10 training series of three classes (labels out of alphabetical order), 3 channels x 16 steps."
    rng = np.random.default_rng(0)
    y = np.array(['z'] * 60 + ['a'] * 30 + ['m'] * 10 + ['z', 'a', 'm'] * 4)
    X = rng.standard_normal((len(y), 3, 16)).astype(np.float32)
    return X, y, (list(range(100)), list(range(100, 112)))


def test_baseline_losses_have_their_known_form(skewed):
    from tsai_ibgan.bench.baselines import fit_class_weights
    from tsai_ibgan.bench.modern_baselines import fit_ldam_drw, fit_logit_adjust
    X, y, splits = skewed
    counts = np.array([30., 10., 60.]) # vocab order: a, m, z
    la = fit_logit_adjust(X, y, splits, 'PaperCNN', epochs=1, tau=1.5)
    assert list(la.dls.vocab) == ['a', 'm', 'z']
    assert torch.allclose(la.loss_func.shift, torch.tensor(1.5 * np.log(counts / 100), dtype=torch.float32))
    cw = fit_class_weights(X, y, splits, 'PaperCNN', epochs=1)
    assert torch.allclose(cw.loss_func.func.weight.cpu(), torch.tensor(100 / (3 * counts), dtype=torch.float32))
    ld = fit_ldam_drw(X, y, splits, 'PaperCNN', epochs=1, max_margin=0.5, s=30.)
    m = ld.loss_func.margin
    want = counts ** -0.25
    assert torch.allclose(m, torch.tensor(30 * 0.5 * want / want.max(), dtype=torch.float32)) # largest for the rarest class
    assert int(m.argmax()) == 1


def test_focal_loss_has_its_known_form(skewed):
    "-(1 - p_t)^gamma log p_t, averaged: on two hand-made predictions, and cross-entropy at gamma = 0."
    from tsai_ibgan.bench.baselines import fit_focal
    X, y, splits = skewed
    pred, targ = torch.tensor([[2., 0., 0.], [0., 1., 0.]]), torch.tensor([0, 2])
    p = torch.tensor([np.exp(2) / (np.exp(2) + 2), 1 / (2 + np.e)], dtype=torch.float32) # p of the true class
    fl = fit_focal(X, y, splits, 'PaperCNN', epochs=1, gamma=2.).loss_func
    assert float(fl(pred, targ)) == pytest.approx(float((-(1 - p) ** 2 * p.log()).mean()), rel=1e-5)
    assert float(fit_focal(X, y, splits, 'PaperCNN', epochs=1, gamma=0.).loss_func(pred, targ)) == pytest.approx(float(F.cross_entropy(pred, targ)), rel=1e-5)


def test_mixup_drw_mixes_pairs_and_reweights_late(skewed):
    """Mixup: each training input is lam * itself + (1 - lam) * another of the batch, lam in [0.5, 1]; DRW: no class weight for the
    first 75% of the steps, Cui et al.'s class-balanced weights (vocab order) after."""
    from fastai.callback.core import Callback
    from tsai_ibgan.bench.modern_baselines import DeferredReweighting, fit_mixup_drw
    X, y, splits = skewed
    seen = []
    class Before(Callback):
        order = -10
        def before_batch(self):
            if self.training: self.pre = self.xb[0].detach().clone()
    class After(Callback):
        order = 10
        def before_batch(self):
            if not self.training: return
            drw = next(c for c in self.learn.cbs if isinstance(c, DeferredReweighting))
            mix = next(c for c in self.learn.cbs if type(c).__name__ == 'MixUp1d')
            w = drw.loss.weight
            seen.append((self.pct_train, None if w is None else w.clone(), before.pre, self.xb[0].detach().clone(), mix.lam.clone()))
    before = Before()
    fit_mixup_drw(X, y, splits, 'PaperCNN', epochs=4, alpha=0.4, cbs=[before, After()])
    counts = np.array([30., 10., 60.]) # a, m, z
    cb = (1 - 0.9999) / (1 - 0.9999 ** counts); cb = torch.tensor(cb / cb.sum() * 3, dtype=torch.float32)
    for pct, w, pre, post, lam in seen:
        assert (w is None) == (pct < 0.75), pct
        if w is not None: assert torch.allclose(w.cpu(), cb)
        assert ((lam >= 0.5) & (lam <= 1)).all()
        lam = lam.view(-1, 1, 1)
        other = (post - lam * pre) / (1 - lam).clamp_min(1e-6) # the partner each input was mixed with
        d = (other[:, None] - pre[None]).flatten(2).abs().amax(-1) # [bs, bs]
        assert ((d.amin(1) < 1e-3) | (lam.view(-1) > 0.999)).all()
        assert not torch.equal(post, pre) # mixed, not passed through


def test_upsample_aug_draws_classes_equally_and_augments(skewed):
    "A class-balanced sampler (each class about a third of the draws from 30/10/60) with window warping and magnitude scaling."
    from fastai.callback.core import Callback
    from tsai.data.transforms import TSMagScale, TSWindowWarp
    from tsai_ibgan.bench.modern_baselines import fit_upsample_aug
    X, y, splits = skewed
    drawn = []
    class Spy(Callback):
        def before_batch(self):
            if self.training: drawn.append(self.yb[0].cpu())
    learn = fit_upsample_aug(X, y, splits, 'PaperCNN', epochs=6, cbs=[Spy()])
    share = torch.bincount(torch.cat(drawn), minlength=3).float() / len(torch.cat(drawn))
    assert torch.allclose(share, torch.full((3,), 1 / 3), atol=0.08), share # 600 draws: sd ~0.02
    kinds = {type(t) for t in learn.dls.train.after_batch.fs}
    assert {TSWindowWarp, TSMagScale} <= kinds


def test_imputation_errors_are_rmse_at_the_hidden_values_in_the_data_scale():
    "A spike hidden in a flat series (level 5, scale 10): interpolation misses it by exactly 30; G's error is its own fill's, at the hidden values only."
    from tsai_ibgan.bench.baselines import make_dls, train_stats
    from tsai_ibgan.bench.gaps import FILL_LABELS, imputation_errors
    from tsai_ibgan.learner import ibgan_learner
    rng = np.random.default_rng(0)
    n, y = 64, np.arange(64) % 2
    X = (5 + 10 * rng.standard_normal((n, 2, 12))).astype(np.float32)
    splits = (list(range(48)), list(range(48, 64)))
    learn = ibgan_learner(make_dls(X, y, splits, bs=16, stats=train_stats(X, splits[0])), 'FCN', nan_as_missing=True, seed=0)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    truth = np.full((4, 2, 12), 5., dtype=np.float32); truth[:, 0, 6] = 35. # a spike of 3 scale units
    gap = truth.copy(); gap[:, 0, 6] = np.nan
    err = imputation_errors(learn, gap, truth)
    assert err['rmse_interp'] == pytest.approx(30., rel=1e-5) # the line between the flat neighbours, at the hidden value only
    mean, std = (torch.as_tensor(s) for s in train_stats(X, splits[0]))
    x = (torch.as_tensor(gap) - mean) / std
    for how in FILL_LABELS:
        filled = learn.ibgan.gan.fill_missing(x, classifier=learn.model.eval(), labels=how) * std + mean
        assert err[f'rmse_{how}'] == pytest.approx(float((filled[:, 0, 6] - 35.).pow(2).mean().sqrt()), rel=1e-4), how
