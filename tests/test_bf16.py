"""G and D in bfloat16 on the CPU (`gd_bf16`): they compute in bf16 while everything the classifier and the optimizers see stays
float32; `None` follows the CPU; the step stays close to the float32 one; the choice reaches the Learner."""
import math
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from tsai_ibgan.gan import ImputationGAN
from tsai_ibgan.gan_runtime import native_bf16

CPU_ONLY = pytest.mark.skipif(torch.cuda.is_available(), reason="on CUDA the Learner's MixedPrecision decides first (tests/test_gpu.py)")

C_IN, SEQ_LEN, N_CLASSES, N = 3, 24, 3, 16


def _data(seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(N, C_IN, SEQ_LEN, generator=g), torch.randint(0, N_CLASSES, (N,), generator=g)


def _conv_dtypes(module:nn.Module) -> list:
    "Record the output dtype of every convolution of `module`."
    seen = []
    for m in module.modules():
        if isinstance(m, nn.Conv1d): m.register_forward_hook(lambda mod, inp, out: seen.append(out.dtype))
    return seen


def test_none_follows_the_cpu():
    assert isinstance(native_bf16(), bool)
    assert ImputationGAN(C_IN, SEQ_LEN, N_CLASSES).amp == (torch.bfloat16 if native_bf16() else None)
    assert ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, gd_bf16=False).amp is None
    assert ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, gd_bf16=True).amp == torch.bfloat16


def test_g_and_d_compute_in_bf16_and_hand_over_float32():
    torch.manual_seed(0)
    gan = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, gd_bf16=True, gd_every=1)
    g_seen, d_seen = _conv_dtypes(gan.generator), _conv_dtypes(gan.discriminator)
    clf = nn.Sequential(nn.Conv1d(C_IN, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(8, N_CLASSES))
    x, y = _data()
    for _ in range(2):
        out = gan.step(x, y)
        loss = (out.w * F.cross_entropy(clf(out.x_cls), y, reduction='none')).mean()
        loss.backward(); gan.finish(out, loss)
    assert g_seen and d_seen and set(g_seen) == {torch.bfloat16} and set(d_seen) == {torch.bfloat16}
    for t in (out.x_syn, out.x_cls, out.w, out.g_loss, out.d_loss): assert t.dtype == torch.float32 and torch.isfinite(t).all()
    for p in (*gan.generator.parameters(), *gan.discriminator.parameters(), *clf.parameters()):
        assert p.dtype == torch.float32 and p.grad is not None and p.grad.dtype == torch.float32 and torch.isfinite(p).all()
    assert not gan.g_scaler.is_enabled() and gan.joint # bf16 needs no loss scaling and keeps the joint feedback
    assert int(gan.nonfinite) == 0


def test_bf16_step_is_close_to_float32():
    "Same seeds, same draws: the synthetic batch and its weights differ by bf16 rounding only."
    outs = []
    for bf16 in (False, True):
        torch.manual_seed(0)
        gan = ImputationGAN(C_IN, SEQ_LEN, N_CLASSES, gd_bf16=bf16, gd_every=1)
        x, y = _data()
        torch.manual_seed(1)
        outs.append(gan.step(x, y))
    f32, bf = outs
    assert torch.equal(f32.mask, bf.mask) # the same draws
    assert not torch.equal(f32.x_syn, bf.x_syn) # bf16 did run
    torch.testing.assert_close(bf.x_syn, f32.x_syn, atol=0.05, rtol=0.02)
    torch.testing.assert_close(bf.w, f32.w, atol=0.02, rtol=0.02)
    assert math.isclose(float(bf.d_loss), float(f32.d_loss), rel_tol=0.02)


@pytest.mark.parametrize('bf16', [True, False])
@CPU_ONLY
def test_the_learner_passes_it_on(small_dls, bf16):
    from tsai_ibgan.learner import ibgan_learner
    learn = ibgan_learner(small_dls, 'FCN', gd_bf16=bf16)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    assert learn.ibgan.gan.amp == (torch.bfloat16 if bf16 else None)
    assert all(math.isfinite(v) for row in learn.recorder.values for v in row)
