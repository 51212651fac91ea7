"Bad input is refused with a ValueError naming the argument, before any training, and leaves nothing half-trained."
import numpy as np
import pytest
import torch
from fastai.data.core import DataLoaders, Datasets
from fastai.learner import Learner
from fastai.losses import CrossEntropyLossFlat
from fastai.metrics import accuracy
from tsai.data.core import get_ts_dls
from tsai.data.transforms import TSClassification, TSRegression, TSMultiLabelClassification
from tsai.learner import ts_learner
from tsai.models.FCN import FCN
from tsai_ibgan.callback import IBGANCallback
from tsai_ibgan.bench.data import make_imbalanced
from tsai_ibgan.learner import ibgan_learner

RNG = np.random.default_rng(0)
X = RNG.standard_normal((40, 2, 24)).astype('float32')
Y = np.array(['a'] * 24 + ['b'] * 12 + ['c'] * 4)
SPLITS = (list(range(0, 40, 2)), list(range(1, 40, 2)))


def dls_of(X=X, y=Y, splits=SPLITS, tfms=None):
    return get_ts_dls(X, y, splits=splits, tfms=tfms or [None, TSClassification()], bs=8)


@pytest.mark.parametrize('kwargs, match', [
    (dict(p_miss=-0.1), r'p_miss: must be a number in \[0, 1\]'),
    (dict(p_miss=1.01), r'p_miss: must be a number in \[0, 1\]'),
    (dict(p_miss='0.1'), r'p_miss: must be a number in \[0, 1\]'),
    (dict(alpha=0.), r'alpha: must be a number in \(0, 1\]'),
    (dict(alpha=1.5), r'alpha: must be a number in \(0, 1\]'),
    (dict(n_syn=0), r'n_syn: must be None or an integer >= 1'),
    (dict(gan='wgan'), r"gan: must be one of \('conditional', 'vanilla', 'info'\)"),
    (dict(weight='raw'), r'weight: must be one of'),
    (dict(w_max=float('inf')), r'w_max: must be a finite number > 0'),
    (dict(hint_rate=1.), r'hint_rate: must be a number in \[0, 1\)'),
    (dict(gd_nf=0), r'gd_nf: must be None or an integer >= 1'),
])
def test_bad_hyperparameters(kwargs, match):
    with pytest.raises(ValueError, match=match): IBGANCallback(**kwargs)
    with pytest.raises(ValueError, match=match): ibgan_learner(dls_of(), 'FCN', **kwargs)


def test_p_miss_and_alpha_bounds_are_valid():
    IBGANCallback(p_miss=0., alpha=1.); IBGANCallback(p_miss=1., alpha=1e-3)


def _bad_dls():
    Xnan, Xinf = X.copy(), X.copy()
    Xnan[0, 1, 5] = np.nan
    Xinf[2, 0, 0] = -np.inf
    only_a = np.array(['a'] * 40)
    no_c_in_train = Y.copy(); no_c_in_train[[36, 38]] = 'b'  # 'c' stays only in the validation split
    multi = np.array([['a', 'b']] * 20 + [['b']] * 20, dtype=object)
    return {
        'regression': (dls_of(y=RNG.random(40).astype('float32'), tfms=[None, TSRegression()]), 'single-label classification target'),
        'multi-label': (dls_of(y=multi, tfms=[None, TSMultiLabelClassification()]), 'multi-label'),
        'one class': (dls_of(y=only_a), 'at least 2 classes'),
        # tsai builds its vocab from the training split; a vocab given by the user can name a class it lacks
        'class without training sample': (dls_of(y=no_c_in_train, tfms=[None, TSClassification(vocab=['a', 'b', 'c'])]),
                                          r"classes \['c'\] have no training sample"),
        'NaN': (dls_of(X=Xnan), 'NaN or inf values.*TSNan2Value'),
        'inf': (dls_of(X=Xinf), 'NaN or inf values'),
    }


@pytest.mark.parametrize('case', list(_bad_dls()))
def test_bad_data_refused_by_factory(case):
    dls, match = _bad_dls()[case]
    with pytest.raises(ValueError, match=match): ibgan_learner(dls, 'FCN')


@pytest.mark.parametrize('case', list(_bad_dls()))
def test_bad_data_refused_before_training(case):
    "With the callback on a plain ts_learner, `fit` refuses before the first batch and changes nothing."
    dls, match = _bad_dls()[case]
    learn = ts_learner(dls, FCN(dls.vars, max(dls.c, 1)), cbs=IBGANCallback(), metrics=accuracy, seed=0)
    before = {k: v.clone() for k, v in learn.model.state_dict().items()}
    lf, mets = learn.loss_func, learn.metrics
    with pytest.raises(ValueError, match=match):
        with learn.no_bar(), learn.no_logging(): learn.fit(1)
    assert all(torch.equal(v.cpu(), before[k].cpu()) for k, v in learn.model.state_dict().items())  # fastai may have moved it to the GPU
    assert learn.loss_func is lf and learn.metrics is mets
    gan = learn.ibgan.gan  # built at creation when the data's shape allowed it
    assert gan is None or (not gan.g_opt.state and not gan.d_opt.state)  # G and D never stepped


def test_non_3d_input_refused():
    "A fastai DataLoaders whose items are not [n_vars, seq_len] series."
    ds = Datasets(list(range(40)), tfms=[[lambda i: torch.randn(24)], [lambda i: i % 2]], splits=SPLITS)
    dls = ds.dataloaders(bs=8)
    learn = Learner(dls, torch.nn.Linear(24, 2), loss_func=CrossEntropyLossFlat(), cbs=IBGANCallback())
    with pytest.raises(ValueError, match=r'X: IB-GAN needs 3-D time series \[n_samples, n_vars, seq_len\], got shape \(20, 24\)'):
        with learn.no_bar(), learn.no_logging(): learn.fit(1)
    with pytest.raises(ValueError, match='X: expected a 3-D array'): make_imbalanced(X[:, 0], Y)


def test_factory_refuses_a_second_callback():
    with pytest.raises(ValueError, match='cbs: ibgan_learner adds its own IBGANCallback'):
        ibgan_learner(dls_of(), 'FCN', cbs=[IBGANCallback()])
