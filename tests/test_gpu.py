"""On a CUDA GPU: no host-device synchronisation in the callback's per-batch path, and mixed precision (fp16 with gradient
scaling, bf16) trains the classifier, the generator and the discriminator without NaNs. Skipped without a GPU; the CPU
guard for the same code paths is tests/test_device_path.py."""
import math
import pytest
import torch

cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason='needs a CUDA GPU')


def _learner(small_dls, arch='FCN', **kwargs):
    from tsai_ibgan.learner import ibgan_learner
    assert small_dls.device.type == 'cuda'
    return ibgan_learner(small_dls, arch, **kwargs)


def _sync_checked(f):
    "Run `f` with CUDA's sync debug mode set to 'error': any host-device synchronisation inside raises."
    def guarded(*args, **kwargs):
        torch.cuda.set_sync_debug_mode('error')
        try: return f(*args, **kwargs)
        finally: torch.cuda.set_sync_debug_mode('default')
    return guarded


def _finite(module) -> bool:
    return all(torch.isfinite(p).all() for p in module.parameters())


@cuda
@pytest.mark.parametrize('arch,precision,kwargs', [('FCN', 'fp32', {}), ('InceptionTime', 'fp32', {}), ('FCN', 'bf16', {}),
                                                 ('FCN', 'fp32', dict(nan_as_missing=True, static_idxs=[2]))])
def test_no_sync_in_batch_path(small_dls, arch, precision, kwargs):
    "Resampling, masking, the D and G steps (backward and Adam included), the weights, the loss and the gradient guard: no sync."
    learn = _learner(small_dls, arch, **kwargs)
    if precision == 'bf16': learn.to_bf16()
    cb = learn.ibgan
    for event in ('before_batch', 'lf', 'after_loss', 'after_backward'): setattr(cb, event, _sync_checked(getattr(cb, event)))
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(2, 1e-3)
    assert len(cb.log.rows) > 0 # the guarded path ran
    assert cb.gan.g_opt.defaults['fused'] # fused Adam by default on CUDA


@cuda
@pytest.mark.parametrize('mode', ['fp16', 'bf16'])
def test_mixed_precision(small_dls, mode):
    learn = _learner(small_dls)
    learn.to_fp16() if mode == 'fp16' else learn.to_bf16()
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(3, 1e-3)
    cb = learn.ibgan
    assert cb.gan.amp == (torch.float16 if mode == 'fp16' else torch.bfloat16)
    assert cb.gan.g_scaler.is_enabled() == cb.gan.d_scaler.is_enabled() == (mode == 'fp16') # scaling where fp16 needs it
    for m in (learn.model, cb.generator, cb.discriminator): assert _finite(m)
    for row in learn.recorder.values: assert all(math.isfinite(v) for v in row)
    probs, _ = learn.get_preds()
    assert torch.isfinite(probs).all()


@cuda
def test_gpu_matches_cpu_mechanics(small_dls):
    "The synthetic batch lives on the GPU, keeps the observed values, and weights stay in [0, w_max]."
    learn = _learner(small_dls, p_miss=0.3)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    last = learn.ibgan.last
    assert last.x_syn.is_cuda and last.w.is_cuda
    keep = last.mask == 0
    torch.testing.assert_close(last.x_syn[keep], last.x_src[keep])
    assert (last.w >= 0).all() and (last.w <= learn.ibgan.gan.w_max).all()


@cuda
@pytest.mark.parametrize('compile_gd', ['reduce-overhead', 'default'])
def test_compiled_step_matches_eager_on_gpu(compile_gd):
    "G and D compiled (CUDA graphs with 'reduce-overhead') give the eager step's numbers on the GPU, a short last batch included."
    import test_fast_step as t
    dev = torch.device('cuda')
    def run(**kw):
        torch.manual_seed(0)
        from tsai_ibgan.gan import ImputationGAN
        gan = ImputationGAN(t.C_IN, t.SEQ_LEN, t.N_CLASSES, **kw).to(dev)
        torch.manual_seed(1)
        clf = torch.nn.Sequential(torch.nn.Conv1d(t.C_IN, 8, 3), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool1d(1), torch.nn.Flatten(),
                                  torch.nn.Linear(8, t.N_CLASSES)).to(dev)
        seen = []
        for i in range(6):
            x, y = (v.to(dev) for v in t._data(t.N if i < 5 else t.N // 2, seed=i))
            torch.manual_seed(100 + i)
            out = gan.step(x, y)
            loss = (out.w * torch.nn.functional.cross_entropy(clf(out.x_cls), y, reduction='none')).mean()
            loss.backward(); gan.finish(out, loss)
            seen += [out.x_syn.clone(), out.w.clone(), out.g_loss.clone(), out.d_loss.clone()]
        return seen + [p.detach().clone() for p in (*gan.generator.parameters(), *gan.discriminator.parameters())]
    t._close(run(), run(compile_gd=compile_gd), atol=1e-4, rtol=1e-3)


@cuda
def test_compiled_training_has_no_sync_after_warm_up(small_dls):
    "Once CUDA graphs are recorded (the first epoch), the per-batch path of a compiled step still never waits for the GPU."
    learn = _learner(small_dls, compile_gd='reduce-overhead')
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    cb = learn.ibgan
    for event in ('before_batch', 'lf', 'after_loss', 'after_backward'): setattr(cb, event, _sync_checked(getattr(cb, event)))
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    assert len(cb.log.rows) > 0 and set(cb.gan._compiled) == {'g', 'd'}
