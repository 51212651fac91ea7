"""The launch-light step on the CPU: compiled G and D (`compile_gd`) and fused Adam (`fused`) give the eager step's results
within float tolerance, skip non-finite updates, and survive saving, loading, moving and pickling. CUDA graphs themselves
need a GPU: `experiments/gpu/device_check.sh` compares both paths there."""
import io
import pickle
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from tsai_ibgan.gan import ImputationGAN
from tsai_ibgan.gan_runtime import make_adam

C_IN, SEQ_LEN, N_CLASSES, N = 3, 24, 3, 16


def _data(n=N, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, C_IN, SEQ_LEN, generator=g), torch.randint(0, N_CLASSES, (n,), generator=g)


def _train(steps=4, short=True, **kw):
    """A few training steps with joint feedback through a small classifier, then a short last batch (eager even when
    compiled) and `synthesize`; every random draw seeded, so two settings see the same masks and hints."""
    torch.manual_seed(0)
    gan = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, **kw)
    torch.manual_seed(1)
    clf = nn.Sequential(nn.Conv1d(C_IN, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(8, N_CLASSES))
    seen = []
    for i in range(steps + short):
        x, y = _data(N if i < steps else N // 2, seed=i)
        torch.manual_seed(100 + i)
        out = gan.step(x, y)
        loss = (out.w * F.cross_entropy(clf(out.x_cls), y, reduction='none')).mean()
        loss.backward()
        gan.finish(out, loss)
        seen += [out.x_syn, out.w, out.g_loss, out.d_loss]
    torch.manual_seed(7)
    seen += list(gan.synthesize(*_data(N, seed=9)))
    return gan, seen + [t.detach().clone() for t in (*gan.generator.state_dict().values(), *gan.discriminator.state_dict().values())]


def _close(a, b, atol=1e-5, rtol=1e-4):
    assert len(a) == len(b)
    for s, t in zip(a, b): torch.testing.assert_close(s, t, atol=atol, rtol=rtol)


@pytest.mark.parametrize('kw', [dict(), dict(gd_every=2), dict(gan='info', feedback='separate', lambda_cls=0., masks='mcar', fill='noise')],
                         ids=['defaults', 'gd_every=2', 'info+paper step'])
def test_compiled_step_matches_eager(kw):
    "Dynamo's graphs and AOTAutograd's backward (the path CUDA graphs capture) give the eager step's numbers."
    _, eager = _train(**kw)
    gan, compiled = _train(compile_gd=dict(backend='aot_eager'), **kw)
    _close(eager, compiled)
    assert set(gan._compiled) == {'g', 'd'} and gan._graph_sizes == (N, 2 * N)


def test_inductor_step_matches_eager():
    "Inductor's generated kernels (what `compile_gd='reduce-overhead'` runs on CUDA, there inside CUDA graphs): under a minute on 2 cores."
    # in float32, as on CUDA by default (bf16 rounding, this CPU's default, differs between inductor's kernels and eager ones)
    _, eager = _train(steps=2, short=False, gd_bf16=False)
    _, compiled = _train(steps=2, short=False, gd_bf16=False, compile_gd='reduce-overhead') # on the CPU: inductor without graphs
    _close(eager, compiled, atol=1e-4, rtol=1e-3)


def test_fused_adam_matches_unfused():
    gan, fused = _train(fused=True)
    _, plain = _train(fused=False)
    assert gan.g_opt.defaults['fused'] and gan.d_opt.defaults['fused']
    _close(plain, fused)


def test_fused_adam_skips_nonfinite_updates():
    "A NaN in the data: D's and G's updates are skipped inside the fused kernel (weights and Adam's step counts unchanged) and counted."
    gan = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, feedback='separate', lambda_cls=0., fused=True, gd_every=1)
    x, y = _data()
    gan.step(x, y)
    before = [t.clone() for t in (*gan.generator.state_dict().values(), *gan.discriminator.state_dict().values())]
    steps = [float(st['step']) for st in gan.d_opt.state.values()]
    x[0, 0, 0] = float('nan')
    gan.step(x, y)
    assert int(gan.nonfinite) == 2
    after = [*gan.generator.state_dict().values(), *gan.discriminator.state_dict().values()]
    assert all(torch.equal(a, b) for a, b in zip(before, after))
    assert [float(st['step']) for st in gan.d_opt.state.values()] == steps
    assert not hasattr(gan.d_opt, 'found_inf') # the flag lives for one update only


def test_saved_state_loads_into_either_optimizer():
    "A state saved by a fused GAN continues an unfused one (and back) with the loader's own choice; step counts where each keeps them."
    src, _ = _train(steps=2, short=False, fused=True, gd_every=1)
    state = torch.load(io.BytesIO(_bytes(src.state_dict())), weights_only=True)
    dst = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, fused=False)
    dst.load_state_dict(state)
    assert not dst.g_opt.defaults['fused'] and dst.g_opt.param_groups[0]['fused'] in (None, False)
    for a, b in zip(src.g_opt.state.values(), dst.g_opt.state.values()):
        torch.testing.assert_close(a['exp_avg'], b['exp_avg'])
        assert float(a['step']) == float(b['step']) == 2.
    back = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, fused=True)
    back.load_state_dict(dst.state_dict())
    assert back.g_opt.param_groups[0]['fused']
    back.step(*_data()) # the fused kernel accepts what was loaded


def _bytes(state) -> bytes:
    buf = io.BytesIO(); torch.save(state, buf); return buf.getvalue()


def test_to_keeps_state_and_default_fuses_on_cuda_only():
    gan, _ = _train(steps=2, short=False) # fused=None on the CPU: not fused
    assert not gan.g_opt.defaults['fused']
    m = [st['exp_avg'].clone() for st in gan.g_opt.state.values()]
    gan.to('cpu')
    assert all(torch.equal(a, st['exp_avg']) for a, st in zip(m, gan.g_opt.state.values()))
    assert all(st['step'].device.type == 'cpu' for st in gan.g_opt.state.values())


def test_compiled_gan_pickles_without_its_graphs():
    gan, _ = _train(steps=1, short=False, compile_gd=dict(backend='aot_eager'))
    copy = pickle.loads(pickle.dumps(gan))
    assert copy._compiled == {} and gan._compiled
    copy.step(*_data()) # compiles again where it runs


def test_make_adam_betas_and_lr():
    opt = make_adam(nn.Linear(2, 2), 3e-4, fused=True)
    assert opt.defaults['betas'] == (0.5, 0.999) and opt.defaults['lr'] == 3e-4 and opt.defaults['fused']


@pytest.mark.parametrize('bad', ['fast', dict(backend='aot_eager', dynamic=True), 1])
def test_bad_compile_gd(bad):
    with pytest.raises(ValueError, match='compile_gd: must be None'): ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, compile_gd=bad)


def test_bad_fused():
    with pytest.raises(ValueError, match='fused: must be None, True or False'): ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, fused='yes')


def test_to_the_same_device_keeps_optimizers_and_graphs():
    "Every fit calls `to` with the data's device: where G already is, nothing is rebuilt or compiled again."
    gan, _ = _train(steps=1, short=False, compile_gd=dict(backend='aot_eager'))
    opt, compiled = gan.g_opt, dict(gan._compiled)
    gan.to('cpu')
    assert gan.g_opt is opt and gan._compiled == compiled
