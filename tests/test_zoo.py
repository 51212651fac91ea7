"""Every classification architecture that tsai's `get_arch` knows, one epoch alone and one with `IBGANCallback`: each one that trains
alone trains with IB-GAN (finite losses, G updated, predictions [n, classes]) or is refused before training by a clear error.
The list comes from tsai itself (the names `get_arch` resolves), so a new tsai release is walked too."""
import inspect
import re
import warnings
import numpy as np
import pytest
import torch
from torch import nn
from tsai.learner import get_arch, ts_learner
from tsai.data.core import get_ts_dls
from tsai.data.preprocessing import TSStandardize
from tsai.data.transforms import TSClassification
from tsai_ibgan.callback import IBGANCallback

NOT_CLASSIFIERS = re.compile(r'(Regressor|Features|FeaturesPlus|Backbone|Head|Forecaster|Embedding|Encoder)$') # parts of models, and models of other tasks


def zoo() -> list[str]:
    "Names `tsai.learner.get_arch` resolves to an `nn.Module` class that is a whole model of a task other than regression or forecasting."
    names = re.findall(r'arch_name == "(\w+)"', inspect.getsource(get_arch))
    out = []
    for n in dict.fromkeys(names):
        if NOT_CLASSIFIERS.search(n): continue
        try: a = get_arch(n)
        except Exception: continue # an optional dependency tsai lacks here: not part of the zoo on this machine
        if inspect.isclass(a) and issubclass(a, nn.Module): out.append(n)
    return out


ZOO = zoo()


@pytest.fixture(scope='module')
def zoo_dls():
    "Tiny data: 32 training series of 3 channels x 40 steps, 3 classes, 16 test series."
    rng = np.random.default_rng(0)
    X = rng.standard_normal((48, 3, 40)).astype(np.float32)
    y = np.array(['a', 'b', 'c'])[np.arange(48) % 3]
    X[y == 'b', 0] += 1.
    return get_ts_dls(X, y, splits=(list(range(32)), list(range(32, 48))), tfms=[None, TSClassification()],
                      batch_tfms=[TSStandardize(by_var=True)], bs=16)


def _fit(dls, arch, cbs=None):
    "One epoch; the Learner, or the exception that stopped it."
    torch.manual_seed(0)
    try:
        learn = ts_learner(dls, arch, cbs=cbs, seed=0)
        with learn.no_bar(), learn.no_logging(), warnings.catch_warnings():
            warnings.simplefilter('ignore')
            learn.fit(1, 1e-3)
        probs, _ = learn.get_preds()
        if probs.shape != (len(dls.valid.dataset), dls.c): raise ValueError(f"predictions of shape {tuple(probs.shape)}")
        return learn
    except Exception as e: return e


def test_the_zoo_is_large():
    "tsai 1.0.1 resolves several dozen classifiers; a broken enumeration would silently test a handful."
    assert len(ZOO) >= 40, ZOO


@pytest.mark.parametrize('arch', ZOO)
def test_arch_trains_with_ibgan(zoo_dls, arch):
    alone = _fit(zoo_dls, arch)
    if isinstance(alone, Exception): pytest.skip(f"{arch} does not train alone here: {type(alone).__name__}: {str(alone)[:200]}")
    cb = IBGANCallback(p_miss=0.2)
    learn = _fit(zoo_dls, arch, cb)
    if isinstance(learn, Exception):
        assert isinstance(learn, ValueError) and not cb.log.rows, f"{arch} crashed with IB-GAN: {type(learn).__name__}: {learn}"
        assert arch in str(learn), f"{arch}: the refusal must name the model: {learn}"
        return
    vals = torch.tensor([float(v) for v in learn.recorder.values[-1]])
    assert torch.isfinite(vals).all(), (arch, learn.recorder.values[-1])
    assert len(cb.log.rows) == len(zoo_dls.train), arch # G and D stepped on every training batch
    assert learn.ibgan.history['g_loss'].notna().all()
