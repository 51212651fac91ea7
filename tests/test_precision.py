"""Mixed precision on the CPU: fastai's `to_fp16` / `to_bf16` are CUDA features; on a CPU Learner the classifier keeps full
precision and G and D follow `gd_bf16` (bfloat16 where the CPU computes it natively), never float16."""
import math
import pytest
import torch

CPU_ONLY = pytest.mark.skipif(torch.cuda.is_available(), reason="a CPU Learner's precision: on CUDA fastai's own mixed precision applies (tests/test_gpu.py)")


@pytest.mark.filterwarnings('ignore:.*CUDA is not available') # fastai's own warnings when it disables autocast and scaling
@CPU_ONLY
def test_to_fp16_on_cpu_trains_in_full_precision(small_dls):
    from tsai_ibgan.learner import ibgan_learner
    learn = ibgan_learner(small_dls, 'FCN', gd_bf16=False).to_fp16()
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    cb = learn.ibgan
    assert cb.gan.amp is None and not cb.gan.g_scaler.is_enabled()
    for row in learn.recorder.values: assert all(math.isfinite(v) for v in row)
    assert all(torch.isfinite(p).all() for p in cb.generator.parameters())
