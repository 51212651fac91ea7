"""The per-batch path is GPU-ready: every tensor it makes lives on the data's device, and it never asks the host for a
value (`.item()`, `.cpu()`, `.numpy()`, `.tolist()`, `bool(t)`, `int(t)`, `float(t)`), which would force a sync on a GPU."""
import contextlib
import inspect
import re
import sys
import pytest
import torch
from tsai_ibgan import gan, losses, masking
from tsai_ibgan.callback import IBGANCallback
from tsai_ibgan.distributed import ProcessGroupSync
from tsai_ibgan.gan import ImputationGAN
from tsai_ibgan.learner import ibgan_learner
from tsai_ibgan.masking import ChannelPolicy
from tsai_ibgan.samples import TrainingSet

HOST_CALLS = ('item', 'cpu', 'numpy', 'tolist', '__bool__', '__int__', '__float__', '__index__')
PER_BATCH = [(IBGANCallback, n) for n in ('before_batch', 'lf', 'after_loss', 'after_backward', 'after_batch')] + \
            [(ImputationGAN, n) for n in ('step', '_d_step', '_g_loss', 'finish', 'weights', 'fill_missing', 'guard', '_apply', '_impute', '_judge', '_net')] + \
            [(TrainingSet, 'draw'), (ChannelPolicy, 'shape_mask'), (ChannelPolicy, 'constant')]
STATIC_ONLY = [(ProcessGroupSync, 'average_grads')]  # needs a process group: checked by reading its source


ORIGINAL = {name: getattr(torch.Tensor, name) for name in HOST_CALLS}
_depth = [0]


@contextlib.contextmanager
def no_host_reads(log):
    """Make every host read of a tensor fail (and log it) inside the block (re-entrant). PyTorch's optimizers are exempt:
    they read their step counter, which they keep on the CPU precisely so that this costs no device sync."""
    def forbid(name):
        def f(self, *args, **kwargs):
            if sys._getframe(1).f_globals.get('__name__', '').startswith('torch.optim'):
                return ORIGINAL[name](self, *args, **kwargs)
            log.append(name)
            raise AssertionError(f'host read {name}() in the per-batch path')
        return f
    if _depth[0] == 0:
        for name in HOST_CALLS: setattr(torch.Tensor, name, forbid(name))
    _depth[0] += 1
    try: yield
    finally:
        _depth[0] -= 1
        if _depth[0] == 0:
            for name, f in ORIGINAL.items(): setattr(torch.Tensor, name, f)


@pytest.mark.parametrize('kwargs', [dict(), dict(p_miss=1.), dict(p_miss=0.), dict(gan='info', balance_real=True), dict(weight='paper', alpha=1.),
                                    dict(nan_as_missing=True, static_idxs=[2], unmasked_idxs=[1]),
                                    dict(p_miss=0.1, masks='mcar', fill='noise', denoise=0.), dict(w_norm=True, source='interp', gd_every=2), dict(fused=True)],
                         ids=['default', 'p_miss=1', 'p_miss=0', 'info+balanced', 'paper+alpha=1', 'missing+static', 'paper step', 'w_norm+interp+gd_every', 'fused Adam'])
def test_no_host_reads_in_training_batches(small_dls, monkeypatch, kwargs):
    log, calls = [], {name: 0 for _, name in PER_BATCH}
    for cls, name in PER_BATCH:
        orig = getattr(cls, name)
        def guarded(self, *args, _orig=orig, _name=name, **kw):
            calls[_name] += 1
            with no_host_reads(log): return _orig(self, *args, **kw)
        monkeypatch.setattr(cls, name, guarded)
    learn = ibgan_learner(small_dls, 'FCN', seed=0, **kwargs)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    assert log == []
    assert calls['before_batch'] >= 2 and calls['step'] >= 2 and calls['draw'] >= 2  # the guard did see the training batches
    if kwargs.get('alpha', 0.75) < 1: assert calls['lf'] >= 2


def test_guard_catches_a_host_read():
    "The guard itself works: an `.item()` inside it fails."
    with pytest.raises(AssertionError, match='host read item'):
        with no_host_reads([]): torch.ones(2).sum().item()


def test_per_batch_source_has_no_host_calls_or_sample_loops():
    "A static guard on the same code paths: no host reads, no numpy, no Python loop over samples."
    src = '\n'.join(inspect.getsource(getattr(cls, n)) for cls, n in PER_BATCH + STATIC_ONLY)
    src += '\n'.join(inspect.getsource(f) for f in (losses.sample_weights, losses.masked_mean, losses.masked_bce, losses.zero_nonfinite_grads, losses.step_is_finite, gan.feedback_link,
                     masking.balanced_indices, masking.mcar_mask, masking.mask_input, masking.impute, masking.make_hint))
    code = '\n'.join(line.split('#')[0] for line in src.splitlines())  # comments may mention them
    for pat in [r'\.item\(', r'\.cpu\(', r'\.numpy\(', r'\.tolist\(', r'\bnp\.', r'for \w+ in range\(', r'for \w+ in (x|y|xb|yb|x_src|y_src)\b']:
        assert not re.search(pat, code), pat


def test_tensors_follow_the_data_device(small_dls):
    "Everything the step makes is on the device of the batch (CPU here; the same code runs on CUDA)."
    learn = ibgan_learner(small_dls, 'FCN', seed=0)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    last = learn.ibgan.last
    dev = small_dls.device
    assert all(t.device.type == torch.device(dev).type for t in (last.x_syn, last.w, last.mask, last.g_loss, last.d_loss, last.x_src, last.y, last.x_cls))
    assert all(p.device.type == torch.device(dev).type for p in learn.ibgan.generator.parameters())
