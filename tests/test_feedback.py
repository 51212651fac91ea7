"The generator's classification feedback: 'joint' (from the classifier's own backward pass) against 'separate' (an extra pass)."
import pytest
import torch
from fastai.torch_core import set_seed
from tsai.models.FCN import FCN
from tsai_ibgan.learner import ibgan_learner


def _fit(dls, epochs=1, **kw):
    set_seed(0, reproducible=True)
    learn = ibgan_learner(dls, FCN, **kw)
    with learn.no_bar(), learn.no_logging(): learn.fit(epochs, 1e-3)
    return learn


def _params(m): return [p.detach().clone() for p in m.parameters()]


def test_without_feedback_joint_and_separate_are_identical(small_dls):
    "With lambda_cls = 0 the two modes run the very same computation."
    a, b = _fit(small_dls, lambda_cls=0., feedback='joint'), _fit(small_dls, lambda_cls=0., feedback='separate')
    for m in ('model',):
        for p, q in zip(_params(getattr(a, m)), _params(getattr(b, m))): assert torch.equal(p, q)
    for p, q in zip(_params(a.ibgan.generator), _params(b.ibgan.generator)): assert torch.equal(p, q)


def test_joint_feedback_reaches_the_generator(small_dls):
    "The classifier's loss moves G in joint mode (G differs from lambda_cls = 0), and training stays finite."
    a, b = _fit(small_dls, feedback='joint'), _fit(small_dls, lambda_cls=0., feedback='joint')
    assert any(not torch.equal(p, q) for p, q in zip(_params(a.ibgan.generator), _params(b.ibgan.generator)))
    assert all(torch.isfinite(p).all() for p in _params(a.ibgan.generator) + _params(a.model))
    assert a.ibgan._g_pending is None  # nothing left pending after the fit


def test_joint_feedback_gradient_is_lambda_weighted_w_ce(small_dls):
    "After the classifier's backward, G's gradient = its own loss's + lambda_cls * d/dG mean(w * CE(C(x_syn)))."
    learn = ibgan_learner(small_dls, FCN, lambda_cls=2., alpha=0.6)
    cb = learn.ibgan
    cb.prepare(); learn.model.train()
    cb._old_lf, cb._c_buffers = learn.loss_func, list(learn.model.buffers())
    cb._nonfinite = torch.zeros((), dtype=torch.int32)  # what before_train sets up
    set_seed(1)
    x_src, y_src = cb.draw_source(16)
    x_in, w, _, _ = cb.gan_step(x_src, y_src)
    g_own = [p.grad.clone() for p in cb.generator.parameters()]
    loss = (1 - cb.alpha) * (w * torch.nn.functional.cross_entropy(learn.model(x_in), y_src, reduction='none')).mean()
    loss.backward(retain_graph=True)  # the test goes through G a second time below
    g_total = [p.grad.clone() for p in cb.generator.parameters()]
    # the same feedback by hand: lambda_cls * mean(w * CE) through an unscaled x_syn
    for p in cb.generator.parameters(): p.grad = None
    x_hat_graph = (x_in - x_in.detach()) / (cb.lambda_cls / (1 - cb.alpha)) + x_in.detach()  # unscaled link to G
    learn.model.zero_grad()
    fb = cb.lambda_cls * (w * torch.nn.functional.cross_entropy(learn.model(x_hat_graph), y_src, reduction='none')).mean()
    fb.backward()
    for tot, own, p in zip(g_total, g_own, cb.generator.parameters()):
        torch.testing.assert_close(tot - own, p.grad, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize('feedback', ['joint', 'separate'])
def test_bad_feedback_is_refused_either_mode_trains(small_dls, feedback):
    learn = _fit(small_dls, feedback=feedback)
    assert learn.recorder.values and all(torch.isfinite(torch.tensor(v)).all() for v in learn.recorder.values)
    with pytest.raises(ValueError, match="feedback: must be one of"): ibgan_learner(small_dls, FCN, feedback='both')
