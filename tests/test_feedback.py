"The generator's classification feedback: 'joint' (from the classifier's own backward pass) against 'separate' (an extra pass)."
import pytest
import torch
from fastai.torch_core import set_seed
from tsai.models.FCN import FCN
from tsai_ibgan.gan import ImputationGAN
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
    assert a.ibgan.batch is None  # no batch left in flight after the fit


def test_joint_feedback_gradient_is_lambda_weighted_w_ce():
    "After the classifier's backward, G's gradient = its own loss's + lambda_cls * d/dG mean(w * CE(C(x_syn)))."
    torch.manual_seed(1)
    gan = ImputationGAN(3, 30, 4, lambda_cls=2., alpha=0.6)
    clf = torch.nn.Sequential(torch.nn.Conv1d(3, 8, 3), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool1d(1), torch.nn.Flatten(), torch.nn.Linear(8, 4))
    x_src, y_src = torch.randn(16, 3, 30), torch.randint(0, 4, (16,))
    out = gan.step(x_src, y_src)
    d_grads = [p.grad.clone() for p in gan.discriminator.parameters()]  # those of D's own update
    (out.x_cls * 0).sum().backward(retain_graph=True)  # a backward pass that carries nothing from a classifier: G's own loss alone
    g_own = [p.grad.clone() for p in gan.generator.parameters()]
    for p in gan.generator.parameters(): p.grad = None
    ce = lambda x: torch.nn.functional.cross_entropy(clf(x), y_src, reduction='none')
    loss = (1 - gan.alpha) * (out.w * ce(out.x_cls)).mean()
    loss.backward(retain_graph=True)  # the test goes through G a second time below
    g_total = [p.grad.clone() for p in gan.generator.parameters()]
    assert all(torch.equal(p.grad, g) for p, g in zip(gan.discriminator.parameters(), d_grads))  # D's weights are out of G's loss graph
    # the same feedback by hand: lambda_cls * mean(w * CE) through an unscaled x_syn (G's own loss rides along once more)
    for p in gan.generator.parameters(): p.grad = None
    x_unscaled = (out.x_cls - out.x_cls.detach()) / (gan.lambda_cls / (1 - gan.alpha)) + out.x_cls.detach()
    (gan.lambda_cls * (out.w * ce(x_unscaled)).mean()).backward()
    for tot, own, p in zip(g_total, g_own, gan.generator.parameters()):
        torch.testing.assert_close(tot, p.grad, rtol=1e-4, atol=1e-6)
    assert any((tot - own).abs().max() > 1e-4 for tot, own in zip(g_total, g_own))  # the feedback is not nothing


@pytest.mark.parametrize('feedback', ['joint', 'separate'])
def test_bad_feedback_is_refused_either_mode_trains(small_dls, feedback):
    learn = _fit(small_dls, feedback=feedback)
    assert learn.recorder.values and all(torch.isfinite(torch.tensor(v)).all() for v in learn.recorder.values)
    with pytest.raises(ValueError, match="feedback: must be one of"): ibgan_learner(small_dls, FCN, feedback='both')


def test_own_loss_riding_along_gives_its_own_gradient():
    "Joint mode defers G's own loss to the classifier's backward pass: its gradient there equals the one taken at once."
    x, y = torch.randn(16, 3, 30, generator=torch.Generator().manual_seed(2)), torch.randint(0, 4, (16,), generator=torch.Generator().manual_seed(3))
    torch.manual_seed(1); joint = ImputationGAN(3, 30, 4)
    torch.manual_seed(1); at_once = ImputationGAN(3, 30, 4, lambda_cls=0.) # G's own loss, back-propagated inside `step`
    torch.manual_seed(5); out = joint.step(x, y)
    torch.manual_seed(5); at_once.step(x, y)
    (out.x_cls * 0).sum().backward() # a backward pass that carries nothing from a classifier
    for p, q in zip(joint.generator.parameters(), at_once.generator.parameters()):
        torch.testing.assert_close(p.grad, q.grad, rtol=1e-4, atol=1e-6)
