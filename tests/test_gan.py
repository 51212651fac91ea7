"`ImputationGAN` on plain tensors: the IB-GAN step without fastai, a Learner or a DataLoader."
import io
import subprocess
import sys
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from tsai_ibgan.gan import ImputationGAN, StepOut

C_IN, SEQ_LEN, N_CLASSES, N = 3, 40, 4, 32


def _batch(seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(N, C_IN, SEQ_LEN, generator=g), torch.randint(0, N_CLASSES, (N,), generator=g)


def _gan(**kw):
    torch.manual_seed(0)
    return ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, **kw)


def _classifier():
    torch.manual_seed(1)
    return nn.Sequential(nn.Conv1d(C_IN, 8, 3), nn.BatchNorm1d(8), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(8, N_CLASSES))


def _snap(m: nn.Module) -> list: return [t.detach().clone() for t in m.state_dict().values()]
def _changed(a: list, b: list) -> bool: return any(not torch.equal(x, y) for x, y in zip(a, b))


def test_imports_without_fastai():
    code = "import sys; sys.modules['fastai'] = None; sys.modules['tsai'] = None; import tsai_ibgan.gan; print('ok')"
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == 'ok', r.stderr


@pytest.mark.parametrize('p_miss', [0.1, 0.5, 1.])
def test_observed_values_kept(p_miss):
    gan, (x, y) = _gan(p_miss=p_miss, feedback='separate', lambda_cls=0.), _batch()
    out = gan.step(x, y)
    assert isinstance(out, StepOut) and out.x_syn.shape == x.shape and out.w.shape == (N,)
    keep = out.mask == 0
    assert torch.equal(out.x_syn[keep], x[keep])
    assert abs(float(out.mask.mean()) - p_miss) < 0.05
    assert not torch.equal(out.x_syn[~keep], x[~keep])  # imputed values are the generator's
    assert torch.equal(out.y, y)


def test_p_miss_zero_gives_copies_with_unit_weight():
    gan, (x, y) = _gan(p_miss=0.), _batch()
    g0, d0 = _snap(gan.generator), _snap(gan.discriminator)
    out = gan.step(x, y)
    assert torch.equal(out.x_syn, x) and torch.equal(out.x_cls, x) and torch.equal(out.w, torch.ones(N))
    assert not out.mask.any() and not out.joint
    assert not _changed(_snap(gan.generator), g0) and not _changed(_snap(gan.discriminator), d0)  # nothing trained


def test_generator_and_discriminator_change_after_a_step():
    gan, (x, y) = _gan(feedback='separate'), _batch()
    clf = _classifier()
    g0, d0, c0 = _snap(gan.generator), _snap(gan.discriminator), _snap(clf)
    out = gan.step(x, y, clf, F.cross_entropy)
    assert _changed(_snap(gan.generator), g0) and _changed(_snap(gan.discriminator), d0)
    assert not _changed(_snap(clf), c0)  # the extra classifier pass left its weights and BatchNorm statistics alone
    assert all(p.grad is None for p in clf.parameters())
    assert torch.isfinite(out.w).all() and (out.w >= 0).all() and (out.w <= gan.w_max).all()


def test_separate_feedback_needs_the_classifier():
    gan, (x, y) = _gan(feedback='separate'), _batch()
    with pytest.raises(ValueError, match='classifier: feedback=.separate. needs the classifier'): gan.step(x, y)


def test_joint_feedback_leaves_G_unchanged_until_finish():
    gan, (x, y), clf = _gan(), _batch(), _classifier()
    g0, d0 = _snap(gan.generator), _snap(gan.discriminator)
    out = gan.step(x, y)
    assert out.joint and out.x_cls.requires_grad and torch.equal(out.x_cls.detach(), out.x_syn)
    assert not _changed(_snap(gan.generator), g0) and _changed(_snap(gan.discriminator), d0)
    assert all(p.grad is None for p in gan.generator.parameters())  # G's own loss waits for the classifier's backward pass too
    loss = (1 - gan.alpha) * (out.w * F.cross_entropy(clf(out.x_cls), y, reduction='none')).mean()
    loss.backward()
    assert all(p.grad is not None for p in gan.generator.parameters())  # its own loss and the classifier's feedback arrived
    assert not _changed(_snap(gan.generator), g0)
    gan.finish(out, loss)
    assert _changed(_snap(gan.generator), g0)


def test_nonfinite_loss_zeroes_gradients_and_counts():
    gan, (x, y) = _gan(), _batch()
    out = gan.step(x, y)
    g0 = _snap(gan.generator)
    assert int(gan.nonfinite) == 0
    for p in gan.generator.parameters(): p.grad = torch.ones_like(p)
    gan.finish(out, torch.tensor(float('nan')))  # a NaN classifier loss
    assert int(gan.nonfinite) == 1
    assert all((p.grad == 0).all() for p in gan.generator.parameters())
    assert all(torch.isfinite(p).all() for p in gan.generator.parameters())
    # a NaN in the data reaches D's and G's losses: both steps are skipped and counted, the weights stay finite
    gan2 = _gan(feedback='separate', lambda_cls=0.)
    x_bad = x.clone(); x_bad[0, 0, 0] = float('nan')
    d0 = _snap(gan2.discriminator)
    gan2.step(x_bad, y)
    assert int(gan2.nonfinite) == 2
    assert not _changed(_snap(gan2.discriminator), d0)  # a first step with zeroed gradients leaves Adam's weights where they were
    assert all(torch.isfinite(t).all() for t in _snap(gan2.discriminator) + _snap(gan2.generator))


def test_static_channels_stay_constant():
    gan, (x, y) = _gan(p_miss=0.5, static_idxs=[1], unmasked_idxs=[2], feedback='separate', lambda_cls=0.), _batch()
    x[:, 1] = x[:, 1, :1]  # a static feature: constant along time
    out = gan.step(x, y)
    assert (out.mask[:, 1] == out.mask[:, 1, :1]).all() and out.mask[:, 1, 0].any()  # masked per sample and feature
    torch.testing.assert_close(out.x_syn[:, 1], out.x_syn[:, 1, :1].expand(-1, SEQ_LEN))
    assert not out.mask[:, 2].any() and torch.equal(out.x_syn[:, 2], x[:, 2])
    xs, ms = gan.synthesize(x, y, p_miss=1.)
    torch.testing.assert_close(xs[:, 1], xs[:, 1, :1].expand(-1, SEQ_LEN))
    with pytest.raises(ValueError, match=r'static_idxs: channels \[7\] do not exist'): ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, static_idxs=[7])


def test_state_dict_round_trip():
    gan, (x, y) = _gan(), _batch()
    for s in range(3):
        out = gan.step(*_batch(s))
        gan.finish(out, torch.tensor(1.))
    buf = io.BytesIO()
    torch.save(gan.state_dict(), buf)  # through bytes, as `learn.save` writes it (an in-memory state shares Adam's tensors)
    buf.seek(0)
    state = torch.load(buf, weights_only=True)
    assert set(state) == {'generator', 'discriminator', 'g_opt', 'd_opt', 'n_steps', 'last_losses'} and state['n_steps'] == 3
    other = _gan()
    other.step(*_batch(9))  # a different history, overwritten by the load
    other.load_state_dict(state)
    for a, b in ((gan.generator, other.generator), (gan.discriminator, other.discriminator)): assert not _changed(_snap(a), _snap(b))
    for o1, o2 in ((gan.g_opt, other.g_opt), (gan.d_opt, other.d_opt)):
        s1, s2 = o1.state_dict()['state'], o2.state_dict()['state']
        assert s1.keys() == s2.keys() and all(torch.equal(s1[k]['exp_avg'], s2[k]['exp_avg']) for k in s1)
    # training goes on identically from the same state
    torch.manual_seed(5); a = gan.step(x, y); gan.finish(a, torch.tensor(1.))
    torch.manual_seed(5); b = other.step(x, y); other.finish(b, torch.tensor(1.))
    assert torch.equal(a.x_syn, b.x_syn) and torch.equal(a.w, b.w) and torch.equal(a.d_loss, b.d_loss)
    assert not _changed(_snap(gan.generator), _snap(other.generator))
    torch.manual_seed(6); a = gan.step(x, y); torch.manual_seed(6); b = other.step(x, y) # the next step trains G and D in both (gd_every=2)
    assert torch.equal(a.d_loss, b.d_loss) and gan.n_steps == other.n_steps == 5
    assert set(gan.state_dict(with_opt=False)) == {'generator', 'discriminator'}


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match=r'p_miss: must be a number in \[0, 1\]'): ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=2)
    with pytest.raises(ValueError, match='nan_as_missing: needs p_miss > 0'): ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, p_miss=0., nan_as_missing=True)
    with pytest.raises(ValueError, match='amp: must be None'): _gan().use_amp('fp16')
