"What real data and real users do to training: tiny classes, tiny training sets, batch size 1, long and padded series, a discriminator that wins outright."
import math
import numpy as np
import pytest
import torch
from torch import nn
from fastai.torch_core import set_seed
from tsai.data.core import get_ts_dls
from tsai.data.preprocessing import TSNan2Value, TSStandardize
from tsai.data.transforms import TSClassification
from tsai_ibgan.learner import ibgan_learner

RNG = np.random.default_rng(0)


def _dls(X, y, n_train, bs=8, batch_tfms=None):
    splits = (list(range(n_train)), list(range(n_train, len(X))))
    return get_ts_dls(X, y, splits=splits, tfms=[None, TSClassification()],
                      batch_tfms=batch_tfms if batch_tfms is not None else [TSStandardize(by_var=True)], bs=bs)


def _fit_ok(learn, epochs=1):
    with learn.no_bar(), learn.no_logging(): learn.fit(epochs, 1e-3)
    for row in learn.recorder.values: assert all(math.isfinite(v) for v in row), row
    for m in (learn.model, learn.ibgan.generator, learn.ibgan.discriminator):
        assert all(torch.isfinite(p).all() for p in m.parameters())


def _data(n, c=2, L=30, classes=('a', 'b')):
    X = RNG.standard_normal((n, c, L)).astype('float32')
    y = np.array([classes[i % len(classes)] for i in range(n)])
    X[y == 'b'] += 1
    return X, y


def test_class_with_a_single_training_sample():
    X, y = _data(50)
    y[:40] = 'a'; y[5] = 'b' # 'b': one training sample among 40
    set_seed(0)
    learn = ibgan_learner(_dls(X, y, 40), 'FCN')
    _fit_ok(learn, 2)
    x_src, y_src = learn.ibgan.last.x_src, learn.ibgan.last.y
    assert 0.2 < (y_src == 1).float().mean() < 0.8 # the lone sample is drawn about half the time


def test_training_set_smaller_than_a_batch():
    X, y = _data(30)
    dls = _dls(X, y, 10, bs=32)
    assert dls.train.bs == 10 # tsai lowers the batch size to the training set's size: it trains
    set_seed(0)
    _fit_ok(ibgan_learner(dls, 'FCN'))
    dls.train.bs = 32 # a DataLoader that drops its only, incomplete batch would train nothing: refused, said why
    with pytest.raises(ValueError, match='fewer than the batch size 32.*use bs <= 10'): ibgan_learner(dls, 'FCN')


def test_batch_size_one():
    X, y = _data(30)
    set_seed(0)
    learn = ibgan_learner(_dls(X, y, 20, bs=1), 'FCN')
    _fit_ok(learn)
    assert learn.ibgan.last.x_syn.shape[0] == 1


def test_very_long_series():
    X, y = _data(12, c=2, L=5000)
    set_seed(0)
    learn = ibgan_learner(_dls(X, y, 8, bs=4), 'FCN')
    _fit_ok(learn)
    assert learn.ibgan.last.x_syn.shape[-1] == 5000


def test_unequal_lengths_padded_then_filled():
    "tsai pads unequal lengths with NaN: refused as it is, trained once a batch transform fills them."
    X, y = _data(40, L=40)
    for i in range(0, 40, 3): X[i, :, 25 + i % 10:] = np.nan # shorter series, NaN-padded
    with pytest.raises(ValueError, match='NaN or inf values.*TSNan2Value'): ibgan_learner(_dls(X, y, 30), 'FCN')
    set_seed(0)
    learn = ibgan_learner(_dls(X, y, 30, batch_tfms=[TSNan2Value(), TSStandardize(by_var=True)]), 'FCN')
    _fit_ok(learn)
    assert torch.isfinite(learn.ibgan.last.x_syn).all()


class _CertainD(nn.Module):
    "A discriminator sure that every value is imputed: the weights of synthetic samples must go to 0, not NaN."
    def __init__(self):
        super().__init__()
        self.bias = nn.Parameter(torch.tensor(-40.))
    def forward(self, x, hint, y=None, return_code=False):
        return torch.zeros_like(x) + self.bias


def test_discriminator_that_wins_outright():
    X, y = _data(40)
    set_seed(0)
    learn = ibgan_learner(_dls(X, y, 30), 'FCN', discriminator=_CertainD(), d_lr=1e-12)
    _fit_ok(learn, 2)
    w = learn.ibgan.last.w
    assert torch.isfinite(w).all() and (w < 1e-6).all()
    assert learn.ibgan.history.w_mean.max() < 1e-6


class _NaNAfter(nn.Module):
    "A classifier whose outputs turn NaN from its `k`-th training forward pass on (a loss that blows up)."
    def __init__(self, model, k):
        super().__init__()
        self.model, self.k, self.calls = model, k, 0
    def forward(self, x):
        out = self.model(x)
        if self.training:
            self.calls += 1
            if self.calls >= self.k: out = out * float('nan')
        return out


def test_nan_loss_stops_training_with_a_message():
    "The loss goes NaN mid-epoch: no NaN gradient is applied, and the fit stops at the end of the epoch with a warning."
    from tsai.models.FCN import FCN
    X, y = _data(60)
    set_seed(0)
    dls = _dls(X, y, 50)
    model = _NaNAfter(FCN(dls.vars, dls.c), k=5)
    learn = ibgan_learner(dls, model)
    with pytest.warns(UserWarning, match='NaN or infinite loss.*training stops here'):
        with learn.no_bar(), learn.no_logging(): learn.fit(5, 1e-3)
    assert len(learn.recorder.values) == 0 # stopped in the first epoch (before its results were recorded)
    for m in (learn.model, learn.ibgan.generator, learn.ibgan.discriminator):
        assert all(torch.isfinite(p).all() for p in m.parameters())
    assert learn.loss_func.__class__.__name__ != 'IBGANLoss' # the Learner is restored


def test_nan_as_missing_trains_predicts_and_exports(tmp_path):
    "NaN values, when the user says they are missing values: imputed in training, validation, prediction and after export."
    import tsai.inference  # noqa: F401  (tsai's get_X_preds)
    from fastai.learner import load_learner
    X, y = _data(60, L=40)
    X[RNG.random(X.shape) < 0.1] = np.nan
    with pytest.raises(ValueError, match='nan_as_missing=True'): ibgan_learner(_dls(X, y, 45), 'FCN')
    set_seed(0)
    learn = ibgan_learner(_dls(X, y, 45), 'FCN', nan_as_missing=True, path=tmp_path)
    _fit_ok(learn, 2)
    probs, _ = learn.get_preds()
    assert torch.isfinite(probs).all()
    from tsai_ibgan.sampler import IBGANSampler
    Xg, _ = learn.ibgan.generate(4)
    X_bal, _ = IBGANSampler(learn, random_state=0).fit_resample(X[:45], y[:45])
    assert np.isfinite(Xg).all() and np.isfinite(X_bal[45:]).all() # new samples have their missing values filled
    learn.export('nan.pkl')
    deployed = load_learner(tmp_path / 'nan.pkl')
    assert deployed.ibgan.generator is not None # kept: it imputes at prediction time
    p, _, _ = deployed.get_X_preds(X[45:]) # unlabelled prediction: G fills without reading any label
    assert torch.isfinite(p).all()
    Xinf = X.copy(); Xinf[0, 0, 0] = np.inf
    with pytest.raises(ValueError, match='inf values; NaN can be missing values, inf cannot'):
        ibgan_learner(_dls(Xinf, y, 45), 'FCN', nan_as_missing=True)


def test_same_seed_same_result():
    X, y = _data(60)
    def run():
        set_seed(3, reproducible=True)
        learn = ibgan_learner(_dls(X, y, 50), 'FCN', p_miss=0.2)
        with learn.no_bar(), learn.no_logging(): learn.fit(2, 1e-3)
        return learn.recorder.values, [p.detach().clone() for p in learn.ibgan.generator.parameters()]
    (v1, g1), (v2, g2) = run(), run()
    assert v1 == v2
    assert all(torch.equal(a, b) for a, b in zip(g1, g2))
