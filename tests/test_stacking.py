"IB-GAN on top of a loss-level method: the Learner's loss on both halves, the synthetic half's prior-free loss, the sample budget."
import numpy as np
import pytest
import torch
from fastai.losses import CrossEntropyLossFlat, FocalLossFlat
from tsai_ibgan.bench.runner import equal_samples, equal_steps, run_bench
from tsai_ibgan.bench.data import load_uea, make_imbalanced
from tsai_ibgan.learner import ibgan_learner
from tsai_ibgan.bench.methods import IB_METHODS, METHODS, STACK_DEFAULTS
from tsai_ibgan.bench.modern_baselines import CosineLinear, DeferredReweighting, MarginCE


def test_prior_free_margin_loss_keeps_margins_and_drops_shift_and_weights():
    shift, margin, weight = torch.tensor([0.5, -2.]), torch.tensor([0.1, 0.4]), torch.tensor([1., 3.])
    lf = MarginCE(shift=shift, margin=margin, weight=weight)
    pf = lf.prior_free()
    pred, targ = torch.randn(8, 2), torch.tensor([0, 1] * 4)
    expected = MarginCE(margin=margin)(pred, targ)
    torch.testing.assert_close(pf(pred, targ), expected)
    assert pf.shift is None and pf.weight is None and lf.weight is weight  # the Learner's loss is untouched


def _stack_learner(dls, loss_func, **kw):
    return ibgan_learner(dls, 'FCN', loss_func=loss_func, p_miss=0.3, **kw)


def test_a_fit_uses_the_prior_free_loss_and_gives_the_learner_its_loss_back(small_dls):
    lf = MarginCE(shift=torch.log(torch.tensor([0.7, 0.1, 0.1, 0.1])))
    learn = _stack_learner(small_dls, lf, syn_loss='prior_free', balance_real=False)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-4)
    syn_lf = learn.ibgan._syn_lf
    assert isinstance(syn_lf, MarginCE) and syn_lf.shift is None and syn_lf is not lf  # the shift is off on the synthetic half
    assert learn.loss_func is lf and lf.shift is not None  # and the Learner has its own loss back, as it was


def test_loss_value_splits_into_real_and_synthetic_losses(small_dls):
    "The loss the classifier steps on is alpha * the Learner's loss (real) + (1 - alpha) * weighted prior-free loss (synthetic)."
    prior = torch.tensor([0.7, 0.1, 0.1, 0.1])
    lf = MarginCE(shift=torch.log(prior))
    learn = _stack_learner(small_dls, lf, syn_loss='prior_free', balance_real=False)
    cb = learn.ibgan
    n_real, n_syn, c = 6, 6, 4
    pred = torch.randn(n_real + n_syn, c)
    y = torch.randint(0, c, (n_real + n_syn,))
    from tsai_ibgan.callback import BatchState
    from types import SimpleNamespace
    cb._syn_lf, cb._old_lf = lf.prior_free(), lf
    w = torch.rand(n_syn) + 0.5
    cb.batch = BatchState(n_real, SimpleNamespace(w=w))
    learn.training = True
    got = cb.lf(pred, y)
    real = torch.nn.functional.cross_entropy(pred[:n_real] + torch.log(prior), y[:n_real])
    syn = (w * torch.nn.functional.cross_entropy(pred[n_real:], y[n_real:], reduction='none')).mean()
    torch.testing.assert_close(got, cb.alpha * real + (1 - cb.alpha) * syn)
    cb.syn_loss, cb._syn_lf = 'same', None  # with the same loss, the synthetic half is shifted too
    same = (w * torch.nn.functional.cross_entropy(pred[n_real:] + torch.log(prior), y[n_real:], reduction='none')).mean()
    torch.testing.assert_close(cb.lf(pred, y), cb.alpha * real + (1 - cb.alpha) * same)
    cb.batch, learn.training = None, False


def test_prior_free_refuses_a_loss_without_that_form_before_training(small_dls):
    with pytest.raises(ValueError, match="syn_loss: 'prior_free' needs a loss"):  # ibgan_learner: before a model is built
        _stack_learner(small_dls, FocalLossFlat(), syn_loss='prior_free')
    from tsai.learner import ts_learner
    from tsai_ibgan.callback import IBGANCallback
    learn = ts_learner(small_dls, 'FCN', loss_func=FocalLossFlat(), cbs=IBGANCallback(syn_loss='prior_free'))  # the callback alone
    w0 = [p.detach().clone() for p in learn.model.parameters()]
    with pytest.raises(ValueError, match="syn_loss"):
        with learn.no_bar(), learn.no_logging(): learn.fit(1)
    assert all(torch.equal(a, b) for a, b in zip(w0, learn.model.parameters()))  # nothing trained
    assert learn.loss_func.__class__.__name__ == 'FocalLossFlat'  # the Learner as it was
    with pytest.raises(ValueError, match="syn_loss: .*one of"):
        ibgan_learner(small_dls, 'FCN', syn_loss='balanced')


def test_stacks_are_ib_methods_with_the_losses_parts(epilepsy):
    X, y, splits = epilepsy
    X = np.ascontiguousarray(X[:, :, ::4])
    assert {'ibgan+logit_adjust', 'ibgan+ldam_drw'} <= set(IB_METHODS) and set(STACK_DEFAULTS) == {'balance_real', 'syn_loss'}
    learn = METHODS['ibgan+ldam_drw'](X, y, splits, 'FCN', epochs=1, seed=0)
    assert any(isinstance(m, CosineLinear) for m in learn.model.modules())  # LDAM's cosine head
    assert any(isinstance(cb, DeferredReweighting) for cb in learn.cbs) is False  # fit-time callbacks are not left behind
    assert learn.ibgan.syn_loss == 'prior_free' and learn.ibgan.balance_real is False
    learn = METHODS['ibgan+logit_adjust'](X, y, splits, 'FCN', epochs=1, seed=0, syn_loss='same', balance_real=True)
    assert learn.ibgan.syn_loss == 'same' and learn.ibgan.balance_real is True  # arguments given win over the defaults
    assert isinstance(learn.loss_func, MarginCE) and learn.loss_func.shift is not None


def test_sample_budget_matches_samples_not_steps(tmp_path):
    df = run_bench(methods=['plain', 'ibgan', 'ibgan+ldam_drw'], archs=['PaperCNN'], epochs=4, reps=1, out=tmp_path,
                   progress=False, budget='samples')
    assert (df.budget == 'samples').all() and df.error.isna().all(), df.error.tolist()
    X, y, splits = load_uea('Epilepsy')
    _, yi, si = make_imbalanced(X, y, splits, seed=0)
    target = equal_samples(yi[si[0]], 4, 32)
    assert target == equal_steps(yi[si[0]], 4, 32) * 32
    s = df.set_index('method')
    per_epoch_plain = (len(si[0]) // 32) * 32
    for m in ('plain', 'ibgan', 'ibgan+ldam_drw'):  # within half an epoch of the target, whatever the samples per step
        per_epoch = per_epoch_plain * (1 if m == 'plain' else 2)
        assert abs(s.loc[m, 'samples'] - target) <= per_epoch / 2 + 1e-9, (m, s.loc[m, 'samples'], target)
    assert s.loc['ibgan', 'steps'] < s.loc['plain', 'steps']  # twice the samples per step: fewer steps
